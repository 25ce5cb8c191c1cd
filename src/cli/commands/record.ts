/**
 * `proxy-component record <component> --host <module> --invoke '<call>'... -o out.trace`, and
 * `proxy-component record <component> --generate N --seed S -o <folder>` (a golden corpus without a host).
 */
import { DEFAULT_CALL_TIMEOUT_MS } from '../../engines/jco/worker/replay-worker.js';
import { ProxyComponentError } from '../../errors.js';
import { defaultSeed } from '../../fuzz/seed.js';
import { recordGoldenCorpus, type WrittenRun } from '../../session/golden-corpus.js';
import { recordComponent, type TraceFormat } from '../../session/record-component.js';
import { formatExportCall } from '../../trace/write.js';
import type { CommandSpec } from '../command.js';
import { EXIT_OK } from '../exit-code.js';
import { type GrantOptionValues, grantOptions, grantsGiven, grantsOption, integerOption, nameList, seedOption } from '../option-values.js';
import type { CliIO } from '../io.js';

interface RecordOptions extends GrantOptionValues {
  readonly host?: string;
  readonly invoke?: string[];
  readonly output?: string;
  readonly format: TraceFormat;
  readonly generate?: string;
  readonly seed?: string;
  readonly timeout: string;
  readonly exports?: string;
  readonly passthrough?: string;
}

export const recordCommand: CommandSpec<RecordOptions> = {
  name: 'record',
  summary: 'run a component with a real host and record every export and import call to a trace',
  help: [
    'The host module exports a jco imports object (as `default` or `imports`): one object per',
    "imported interface, keyed by its name without version ('example:kv/store'), holding",
    'functions and resource classes. WASI imports come from a sandboxed shim: no files, network',
    'or environment unless granted with --dir, --allow-network and --env.',
    '',
    'With --generate N there is no host: N runs of export calls whose arguments and import answers',
    "are generated from the WIT types (the fuzzer's runs for --seed) are written to the -o folder,",
    'one trace per run (seed-<S>-run-<NNN>.trace, so the same seed rewrites the same files), to',
    "replay against the next build: characterization tests. A run that traps ends with its trap. A",
    'call that does not return within --timeout ends its run: the trace keeps the calls before it',
    'and a note naming it, and the next run follows.',
    '',
    'Examples:',
    "  proxy-component record app.wasm --host host.js --invoke 'count-words(\"doc\")' -o app.trace",
    '  proxy-component record app.wasm --generate 20 --seed 1 -o golden',
    '  proxy-component replay app.wasm golden/*.trace',
    '',
    'Exit codes: 0 recorded (traps are recorded too), 2 bad input or a component that cannot start.',
  ].join('\n'),
  arguments: [{ syntax: '<component>', description: 'the component (.wasm) to run' }],
  options: [
    { flags: '--host <module>', description: 'JS or TypeScript module (.js, .mjs, .ts, .mts) exporting the jco imports object that implements the imports' },
    { flags: '--invoke <call...>', description: "WAVE calls of exports, made in order, e.g. 'run(1, \"a\")'" },
    { flags: '-o, --output <path>', description: 'the trace file to write (atomically, after every call); with --generate, the folder' },
    { flags: '--format <format>', description: 'trace format: ours, or the original tool\'s JSONL', defaultValue: 'trace', choices: ['trace', 'seed'] },
    ...grantOptions('component'),
    { flags: '--generate <n>', description: 'no host: record n runs with generated arguments and import answers, one trace each, into the -o folder' },
    { flags: '--seed <n>', description: 'with --generate: the seed the runs are generated from (default: random, printed)' },
    { flags: '--timeout <ms>', description: 'with --generate: longest an export call may run before its run is ended', defaultValue: String(DEFAULT_CALL_TIMEOUT_MS) },
    { flags: '--exports <names>', description: 'with --generate: comma-separated exports to call (WAVE names); default all' },
    { flags: '--passthrough <interfaces>', description: 'with --generate: comma-separated WASI interfaces the sandboxed WASI host answers instead of generated values (as `fuzz --passthrough`)' },
  ],
  async run([component], options, io) {
    if (options.generate !== undefined) return generate(component as string, options, io);
    for (const [given, flag] of [
      [options.seed, '--seed'],
      [options.timeout === String(DEFAULT_CALL_TIMEOUT_MS) ? undefined : options.timeout, '--timeout'],
      [options.exports, '--exports'],
      [options.passthrough, '--passthrough'],
    ] as const) {
      if (given !== undefined) throw new ProxyComponentError('USAGE', `${flag} goes with --generate: a recording with a host makes the calls --invoke gives`);
    }
    if (options.invoke === undefined || options.invoke.length === 0) {
      throw new ProxyComponentError('USAGE', "nothing to record: give at least one --invoke '<call>'");
    }
    await recordComponent(component as string, {
      invocations: options.invoke,
      format: options.format,
      ...(options.host === undefined ? {} : { host: options.host }),
      ...(options.output === undefined ? {} : { output: options.output }),
      wasi: grantsOption(options),
      onCall: (call) => io.stdout(`${formatExportCall(call)}\n`),
    });
    if (options.output !== undefined) io.stderr(`wrote ${options.output}\n`);
    return EXIT_OK;
  },
};

/** `record --generate`: a golden corpus, one trace per generated run. */
async function generate(component: string, options: RecordOptions, io: CliIO): Promise<number> {
  const runs = integerOption(options.generate as string, '--generate', 1, 100_000);
  const conflicting = [
    ...(options.invoke === undefined ? [] : ['--invoke']),
    ...(options.host === undefined ? [] : ['--host']),
    ...grantsGiven(options),
    ...(options.format === 'trace' ? [] : ['--format']),
  ];
  if (conflicting.length > 0) {
    throw new ProxyComponentError('USAGE', `--generate records without a host, its import answers generated (WASI's too): it takes no ${conflicting.join(', ')}`);
  }
  if (options.output === undefined) throw new ProxyComponentError('USAGE', '--generate needs -o <folder>: the folder its traces go to');
  const seed = options.seed === undefined ? defaultSeed() : seedOption(options.seed);
  const timeoutMs = integerOption(options.timeout, '--timeout', 1);
  const corpus = await recordGoldenCorpus(component, {
    runs,
    seed,
    folder: options.output,
    timeoutMs,
    ...(options.exports === undefined ? {} : { exports: nameList(options.exports, '--exports', 'export names') }),
    ...(options.passthrough === undefined ? {} : { passthrough: nameList(options.passthrough, '--passthrough', 'interface names') }),
    onWritten: (file) => io.stdout(`${writtenLine(file)}\n`),
    onUnwritten: (run) => io.stdout(`no trace for run ${run.run} (${run.file}): ${run.why} (a trace of no call checks nothing)\n`),
  });
  const calls = corpus.files.reduce((sum, file) => sum + file.calls, 0);
  const traps = corpus.files.filter((file) => file.endsInTrap).length;
  const stopped = corpus.files.filter((file) => file.stopped !== undefined).length;
  const parts = [
    `${calls} export call${calls === 1 ? '' : 's'}`,
    ...(traps === 0 ? [] : [`${traps} run${traps === 1 ? '' : 's'} ending in a trap`]),
    ...(stopped === 0 ? [] : [`${stopped} run${stopped === 1 ? '' : 's'} stopped before ${stopped === 1 ? 'its' : 'their'} plan ended (a note in the trace says why)`]),
    ...(corpus.unwritten.length === 0 ? [] : [`${corpus.unwritten.length} run${corpus.unwritten.length === 1 ? '' : 's'} with no trace (the first call did not return)`]),
    ...(corpus.replaced.length === 0 ? [] : [`${corpus.replaced.length} draw${corpus.replaced.length === 1 ? '' : 's'} replaced (the last: ${corpus.replaced[corpus.replaced.length - 1]?.reason ?? ''})`]),
  ];
  io.stderr(`wrote ${corpus.files.length} trace${corpus.files.length === 1 ? '' : 's'} to ${options.output} (seed ${seed}): ${parts.join(', ')}\n`);
  return EXIT_OK;
}

function writtenLine(file: WrittenRun): string {
  const what = `${file.calls} call${file.calls === 1 ? '' : 's'}${file.endsInTrap ? ', the last traps' : ''}`;
  return `wrote ${file.file} (${what})${file.stopped === undefined ? '' : `: stopped: ${file.stopped}`}`;
}
