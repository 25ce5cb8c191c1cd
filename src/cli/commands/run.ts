/**
 * `proxy-component run <composed.wasm> --invoke '<call>'`: the host of the
 * components `instrument` builds to call their host, as the original tool's
 * `run` is for its own. It runs the composed component on the embedded
 * engine and provides what it imports: `proxy-component:dialog/prompt@0.1.0`
 * (dialog builds) with the prompts of `dialog`; `proxy:recorder/record@0.1.0`
 * (record builds with --use-host-recorder) writing the trace; or
 * `proxy:recorder/replay@0.1.0` (replay builds) answering from `--trace`.
 */
import { renderDivergence } from '../../divergence/render.js';
import { isProxyComponentError, ProxyComponentError } from '../../errors.js';
import { runComposedDialog } from '../../dialog/dialog.js';
import { inquirerPrompter } from '../../dialog/prompter.js';
import { DIALOG_PROMPT } from '../../instrument/dialog-wit.js';
import { RECORDER_RECORD, RECORDER_REPLAY } from '../../instrument/tracer-wit.js';
import { componentPathFor, readComposedApp } from '../../session/composed-app.js';
import { runRecordBuild, runReplayBuild } from '../../session/run-recorder-build.js';
import { readComponentFile } from '../../util/component-file.js';
import { decodeComponentWorld } from '../../wit/binary/decode.js';
import type { World } from '../../wit/world.js';
import type { CommandSpec } from '../command.js';
import type { CliIO } from '../io.js';
import { EXIT_BAD_INPUT, EXIT_FOUND_PROBLEM, EXIT_INTERRUPTED, EXIT_OK } from '../exit-code.js';
import { type GrantOptionValues, grantOptions, grantsOption } from '../option-values.js';

interface RunCommandOptions extends GrantOptionValues {
  readonly invoke?: string[];
  readonly save?: string;
  readonly trace?: string;
  readonly host?: string;
}

const START = 'start()';

export const runCommand: CommandSpec<RunCommandOptions> = {
  name: 'run',
  summary: 'run a component built by `instrument` to call its host (-m dialog, or --use-host-recorder), as its host',
  help: [
    'Dialog builds (`instrument -m dialog`): the composed component asks, through',
    'proxy-component:dialog/prompt@0.1.0, which export to call with what arguments and what each import',
    'call returns; run answers with the prompts of `dialog` (a select for cases and handles, a checked',
    'line for numbers and strings, WAVE anywhere). Output the component writes to WASI stdout or stderr',
    'is shown between prompts, marked `│ stderr:`. --save writes the session as a trace after every',
    'export call (atomically), to replay as a test.',
    '',
    'Record builds (`instrument -m record --use-host-recorder`): the --invoke calls are made in order',
    'and run provides proxy:recorder/record@0.1.0, writing the trace to stdout, or with --save to a',
    'file, each export call committed as it completes (as `record` writes). --host answers the imports.',
    '',
    'Replay builds (`instrument -m replay --use-host-recorder`): `start()` replays --trace, run',
    'answering proxy:recorder/replay@0.1.0 from it; every call is checked, and the first divergence is',
    'reported as `replay` reports it.',
    '',
    'Traces saved from a composed component are traces of the app it was instrumented from: their',
    'header names the app by hash, and by path (relative to the trace) when the app file is still where',
    'it was instrumented from, unchanged. Replay them against the app: `replay app.wasm session.trace`.',
    '',
    'Examples:',
    '  proxy-component instrument -m dialog app.wasm -o dialog.wasm',
    "  proxy-component run dialog.wasm --invoke 'start()' --save session.trace",
    '  proxy-component replay app.wasm session.trace',
    '  proxy-component instrument -m record --use-host-recorder app.wasm -o record.wasm',
    "  proxy-component run record.wasm --host host.js --invoke 'run(5)' --save app.trace",
    '  proxy-component instrument -m replay --use-host-recorder app.wasm -o replay.wasm',
    "  proxy-component run replay.wasm --invoke 'start()' --trace app.trace",
    '',
    'Exit codes: 0 the session ended, the calls were recorded (traps too) or the trace matched, 1 a',
    'divergence (report printed), 130 interrupted (Ctrl-C; the saved trace is valid), 2 bad input.',
  ].join('\n'),
  arguments: [{ syntax: '<component>', description: 'the composed component (.wasm) to run' }],
  options: [
    { flags: '--invoke <call...>', description: "the calls to make: `start()` for dialog and replay builds, WAVE calls of exports for a record build, e.g. 'run(1, \"a\")'" },
    { flags: '--save <trace>', description: 'dialog and record builds: write the trace to this file (atomically, after every export call)' },
    { flags: '--trace <trace>', description: 'replay builds: the trace to replay' },
    { flags: '--host <module>', description: 'record and replay builds: JS or TypeScript module exporting the jco imports object that implements the imports the recorder leaves to the host' },
    ...grantOptions('component'),
  ],
  async run([component], options, io) {
    const path = component as string;
    const bytes = await readComponentFile(path);
    const world = decodeComponentWorld(bytes);
    const build = [
      [DIALOG_PROMPT, dialogBuild],
      [RECORDER_RECORD, recordBuild],
      [RECORDER_REPLAY, replayBuild],
    ] as const;
    const host = build.find(([id]) => world.imports.has(id));
    if (host !== undefined) return host[1](path, { bytes, world }, options, io);
    throw new ProxyComponentError(
      'USAGE',
      `${path} imports neither ${DIALOG_PROMPT} nor ${RECORDER_RECORD} nor ${RECORDER_REPLAY}: run hosts components instrumented with \`instrument -m dialog\` or \`--use-host-recorder\` (the others run in any host, wasmtime's too)`,
    );
  },
};

/** The build's one entry point: `start()`, the default. */
function startOnly(options: RunCommandOptions): void {
  const calls = options.invoke ?? [START];
  if (calls.length !== 1 || calls[0]?.replace(/\s+/g, '') !== START) {
    throw new ProxyComponentError('USAGE', `run invokes \`start()\`, the entry point of a composed component, not \`${calls.join('`, `')}\``);
  }
}

function refuse(given: readonly (string | undefined)[], why: string): void {
  const flags = given.filter((flag): flag is string => flag !== undefined);
  if (flags.length > 0) throw new ProxyComponentError('USAGE', `${flags.join(', ')}: ${why}`);
}

/** The composed component as read: its bytes, decoded as `world`. */
interface Composed {
  readonly bytes: Uint8Array;
  readonly world: World;
}

async function dialogBuild(path: string, { bytes, world }: Composed, options: RunCommandOptions, io: CliIO): Promise<number> {
  startOnly(options);
  refuse([options.trace === undefined ? undefined : '--trace', options.host === undefined ? undefined : '--host'], `${path} is a dialog build: its imports are all answered in the dialog`);
  if (io.terminal === undefined) {
    throw new ProxyComponentError('USAGE', `${path} asks questions (a dialog build): run it in a terminal`);
  }
  // The prompts carry the session's functions: the app is needed only for the saved header's componentPath.
  const appFile = await readComposedApp(path, bytes, world).then(
    (composed) => composed.appFile,
    (error: unknown) => (isProxyComponentError(error) ? { missing: error.message } : Promise.reject(error)),
  );
  const componentPath = componentPathFor(appFile, options.save);
  const summary = await runComposedDialog({
    component: path,
    ...(componentPath === undefined ? {} : { componentPath }),
    ...(options.save === undefined ? {} : { save: options.save }),
    wasi: grantsOption(options),
    prompter: inquirerPrompter(io.terminal),
    print: (line) => io.stdout(`${line}\n`),
  });
  const calls = `${summary.calls} export call${summary.calls === 1 ? '' : 's'}`;
  if (summary.interrupted) {
    io.stderr(`interrupted: ${summary.saved === undefined ? `the session made ${calls} (nothing saved: no --save)` : `${summary.saved} keeps the ${calls} that completed`}\n`);
    return EXIT_INTERRUPTED;
  }
  io.stderr(`session ended: ${calls}${summary.saved === undefined ? '' : ` in ${summary.saved}`}\n`);
  if (summary.saved !== undefined && 'missing' in appFile) io.stderr(`note: the trace's header names the app by hash only: ${appFile.missing}\n`);
  return EXIT_OK;
}

async function recordBuild(path: string, { bytes, world }: Composed, options: RunCommandOptions, io: CliIO): Promise<number> {
  refuse([options.trace === undefined ? undefined : '--trace'], `${path} is a record build: it records the calls --invoke makes (replay a trace with a replay build)`);
  const invocations = options.invoke ?? [];
  if (invocations.length === 0 || (invocations.length === 1 && invocations[0]?.replace(/\s+/g, '') === START && !world.exports.has('start'))) {
    throw new ProxyComponentError('USAGE', `${path} is a record build: it has the app's exports, not \`start\`; say which to call with --invoke '<call>'`);
  }
  const result = await runRecordBuild(path, await readComposedApp(path, bytes, world), {
    invocations,
    ...(options.save === undefined ? {} : { save: options.save }),
    ...(options.host === undefined ? {} : { host: options.host }),
    wasi: grantsOption(options),
    onText: (text) => io.stdout(text),
  });
  const calls = `${result.calls} export call${result.calls === 1 ? '' : 's'}`;
  if (result.trapped !== undefined) {
    const { trapped } = result;
    io.stderr(`\`${trapped.call}\` trapped (${trapped.message})${trapped.unmade === 0 ? '' : `: a trapped instance cannot be entered again, so the ${trapped.unmade} call(s) after it were not made`}\n`);
  }
  io.stderr(`recorded ${calls}${options.save === undefined ? '' : ` in ${options.save}`}\n`);
  if ('missing' in result.componentPath) io.stderr(`note: the trace's header names the app by hash only: ${result.componentPath.missing}\n`);
  return EXIT_OK;
}

async function replayBuild(path: string, { bytes, world }: Composed, options: RunCommandOptions, io: CliIO): Promise<number> {
  startOnly(options);
  refuse([options.save === undefined ? undefined : '--save'], `${path} is a replay build: it checks a trace and writes none`);
  if (options.trace === undefined) throw new ProxyComponentError('USAGE', `${path} is a replay build: give the trace to replay with --trace <file>`);
  const end = await runReplayBuild(path, await readComposedApp(path, bytes, world), {
    trace: options.trace,
    ...(options.host === undefined ? {} : { host: options.host }),
    wasi: grantsOption(options),
  });
  switch (end.kind) {
    case 'matched':
      io.stdout(`✓ ${options.trace}: ${end.matched} call${end.matched === 1 ? '' : 's'} matched\n`);
      return EXIT_OK;
    case 'diverged':
      io.stdout(`${renderDivergence(end.divergence)}\n`);
      return EXIT_FOUND_PROBLEM;
    case 'trap':
      io.stdout(`✗ ${options.trace}: the component trapped (${end.message}) where the trace records no trap\n`);
      return EXIT_FOUND_PROBLEM;
    case 'host-failed':
    case 'trap-expected':
    case 'stopped':
      io.stderr(`error: the replay of ${options.trace} stopped: ${end.kind === 'stopped' ? end.message : `it ended at export call #${end.callIndex + 1} without the trap the trace records`}\n`);
      return EXIT_BAD_INPUT;
  }
}
