/**
 * `proxy-component run <composed.wasm> --invoke 'start()'`: the host for
 * components instrumented with `-m dialog`, as the original tool's `run` is
 * for its own: it runs the composed component on the embedded engine and
 * provides `proxy-component:dialog/prompt@0.1.0` with the same typed prompts
 * as `dialog`, saving the session as a trace with --save.
 */
import { readFile } from 'node:fs/promises';
import { ProxyComponentError } from '../../errors.js';
import { runComposedDialog } from '../../dialog/dialog.js';
import { inquirerPrompter } from '../../dialog/prompter.js';
import { DIALOG_PROMPT } from '../../instrument/dialog-wit.js';
import { RECORDER_RECORD, RECORDER_REPLAY } from '../../instrument/tracer-wit.js';
import { describeIoError } from '../../util/io-error.js';
import { decodeComponentWorld } from '../../wit/binary/decode.js';
import type { CommandSpec } from '../command.js';
import { EXIT_INTERRUPTED, EXIT_OK } from '../exit-code.js';
import { type GrantOptionValues, grantOptions, grantsOption } from '../option-values.js';

interface RunCommandOptions extends GrantOptionValues {
  readonly invoke: string;
  readonly save?: string;
}

export const runCommand: CommandSpec<RunCommandOptions> = {
  name: 'run',
  summary: 'run a component instrumented with `instrument -m dialog`, as its host: the prompts of `dialog` in this terminal',
  help: [
    'The composed component asks, through proxy-component:dialog/prompt@0.1.0, which export to call',
    'with what arguments and what each import call returns; run answers with the prompts of `dialog`',
    '(a select for cases and handles, a checked line for numbers and strings, WAVE anywhere). Output',
    'the component writes to WASI stdout or stderr is shown between prompts, marked `│ stderr:`.',
    '--save writes the session as a trace after every export call (atomically), to replay as a test.',
    '',
    'Examples:',
    '  proxy-component instrument -m dialog app.wasm -o dialog.wasm',
    "  proxy-component run dialog.wasm --invoke 'start()' --save session.trace",
    '  proxy-component replay app.wasm session.trace',
    '',
    'Exit codes: 0 the session ended, 130 interrupted (Ctrl-C; the saved trace is valid), 2 bad input.',
  ].join('\n'),
  arguments: [{ syntax: '<component>', description: 'the composed component (.wasm) to run' }],
  options: [
    { flags: '--invoke <call>', description: 'the export to call: `start()`, the entry point of a composed component', defaultValue: 'start()' },
    { flags: '--save <trace>', description: 'write the session to this trace file, atomically, after every export call' },
    ...grantOptions('component'),
  ],
  async run([component], options, io) {
    const path = component as string;
    if (options.invoke.replace(/\s+/g, '') !== 'start()') {
      throw new ProxyComponentError('USAGE', `run invokes \`start()\`, the entry point of a composed component, not \`${options.invoke}\``);
    }
    const bytes = await readFile(path).catch((cause: unknown) => {
      throw new ProxyComponentError('IO', `cannot read ${path}: ${describeIoError(cause)}`, { cause });
    });
    const imports = decodeComponentWorld(new Uint8Array(bytes)).imports;
    if (!imports.has(DIALOG_PROMPT)) {
      const recorder = [RECORDER_RECORD, RECORDER_REPLAY].find((id) => imports.has(id));
      throw new ProxyComponentError(
        'USAGE',
        recorder === undefined
          ? `${path} does not import ${DIALOG_PROMPT}: run hosts components instrumented with \`instrument -m dialog\``
          : `${path} imports ${recorder} (an --use-host-recorder build): run hosts dialog builds only; record or replay it in-process with the recorderHost API, or build it without --use-host-recorder for wasmtime`,
      );
    }
    if (io.terminal === undefined) {
      throw new ProxyComponentError('USAGE', `${path} asks questions (a dialog build): run it in a terminal`);
    }
    const summary = await runComposedDialog({
      component: path,
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
    return EXIT_OK;
  },
};
