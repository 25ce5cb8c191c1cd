/** `proxy-component fuzz <component> [--runs N] [--seed S] [--path P] [--exports a,b] [--corpus DIR] [--timeout MS] [--host module]` */
import { ProxyComponentError } from '../../errors.js';
import { DEFAULT_RUNS } from '../../fuzz/fuzz.js';
import { progressDrawer, progressLine } from '../../fuzz/progress.js';
import { DEFAULT_FUZZ_TIMEOUT_MS, fuzzComponentFile } from '../../fuzz/session.js';
import { formatSummary } from '../../fuzz/summary.js';
import type { CommandSpec } from '../command.js';
import { integerOption, nameList, seedOption } from '../option-values.js';
import { EXIT_FOUND_PROBLEM, EXIT_OK } from '../exit-code.js';
import { processIO, type CliIO } from '../io.js';

interface FuzzCommandOptions {
  readonly runs: string;
  readonly seed?: string;
  readonly path?: string;
  readonly exports?: string;
  readonly corpus?: string;
  readonly timeout: string;
  readonly host?: string;
  readonly maxCalls: string;
  readonly passthrough?: string;
}

/** The options besides seed and path that a failure depends on, as given, for the line that repeats it. */
function repeatArguments(options: FuzzCommandOptions): string[] {
  return [
    ...(options.exports === undefined ? [] : ['--exports', options.exports]),
    ...(options.maxCalls === '8' ? [] : ['--max-calls', options.maxCalls]),
    ...(options.timeout === String(DEFAULT_FUZZ_TIMEOUT_MS) ? [] : ['--timeout', options.timeout]),
    ...(options.host === undefined ? [] : ['--host', options.host]),
    ...(options.passthrough === undefined ? [] : ['--passthrough', options.passthrough]),
  ];
}

/** The progress bar goes to a terminal's stderr only: never into a pipe, a file or a test's buffer. */
function showsProgress(io: CliIO): boolean {
  return io === processIO && process.stderr.isTTY === true;
}

export const fuzzCommand: CommandSpec<FuzzCommandOptions> = {
  name: 'fuzz',
  summary: 'call a component with generated arguments and import results, check properties, shrink and save failures',
  help: [
    'Each run is a fresh instance and a sequence of export calls; arguments and import results are',
    'generated from their WIT types, biased to edge values. Properties: no trap, well-typed results,',
    'and the `properties` a --host module exports. A failure is shrunk and saved to --corpus as a',
    '.trace that replays against the property (fails while the bug is there, passes once fixed).',
    'A call that runs longer than --timeout is a failure too. Shrinking goes to a local minimum (fewer',
    'calls, simpler arguments and import answers), and a saved file is named after the shrunk failure,',
    'so the same bug found from other seeds is kept once.',
    '',
    'Environment: PROXY_COMPONENT_SEED=<n> fixes the seed of every campaign given no --seed (this',
    'command, diff --fuzz, record --generate, the property matchers, componentTest), for CI.',
    '',
    'Examples:',
    '  proxy-component fuzz app.wasm --runs 1000 --corpus fuzz-corpus',
    '  proxy-component fuzz app.wasm --seed 42 --host properties.mjs',
    '  proxy-component fuzz app.wasm --seed 42 --path 3:0:1   (replay a failure: starts there, no search)',
    '  proxy-component fuzz app.wasm --exports divide,add',
    '  proxy-component fuzz handler.wasm --exports incoming-handler.handle --passthrough wasi:random/random,wasi:cli/environment',
    '  proxy-component replay app.wasm fuzz-corpus/*.trace',
    '',
    'Exit codes: 0 no property failed, 1 a property failed (saved when --corpus is given), 2 bad input.',
  ].join('\n'),
  arguments: [{ syntax: '<component>', description: 'the component (.wasm) to fuzz' }],
  options: [
    { flags: '--runs <n>', description: 'runs to try', defaultValue: String(DEFAULT_RUNS) },
    { flags: '--seed <n>', description: 'fast-check seed, to find the same failure again (default: PROXY_COMPONENT_SEED if set, else random; printed)' },
    { flags: '--path <path>', description: "replay a failure: fast-check's path, printed with its --seed; runs only that counterexample" },
    { flags: '--exports <names>', description: 'comma-separated exports to call (WAVE names, as traces write them); default all' },
    { flags: '--corpus <dir>', description: 'folder to save failures to, as replayable .trace files' },
    { flags: '--timeout <ms>', description: 'longest an export call may run before it counts as a failure', defaultValue: String(DEFAULT_FUZZ_TIMEOUT_MS) },
    { flags: '--host <module>', description: 'JS or TypeScript module exporting user `properties` (a list of { name, check } or checks by name)' },
    { flags: '--max-calls <n>', description: 'most export calls in one run', defaultValue: '8' },
    { flags: '--passthrough <interfaces>', description: 'comma-separated WASI interfaces the sandboxed WASI host answers (no files, network or environment) instead of generated values, e.g. wasi:random/random' },
  ],
  async run([component], options, io) {
    const runs = integerOption(options.runs, '--runs', 1);
    const timeoutMs = integerOption(options.timeout, '--timeout', 1);
    const maxCalls = integerOption(options.maxCalls, '--max-calls', 1, 1000);
    const seed = options.seed === undefined ? undefined : seedOption(options.seed);
    const exports = options.exports === undefined ? undefined : nameList(options.exports, '--exports', 'export names');
    const passthrough = options.passthrough === undefined ? undefined : nameList(options.passthrough, '--passthrough', 'interface names');
    if (options.path !== undefined && seed === undefined) throw new ProxyComponentError('USAGE', '--path replays a failure: give the --seed it was found with too');
    const drawer = showsProgress(io) ? progressDrawer(io.stderr) : undefined;
    let result;
    try {
      result = await fuzzComponentFile(component as string, {
        runs,
        timeoutMs,
        maxCalls,
        ...(seed === undefined ? {} : { seed }),
        ...(options.path === undefined ? {} : { path: options.path.trim() }),
        ...(exports === undefined ? {} : { exports }),
        ...(passthrough === undefined ? {} : { passthrough }),
        ...(options.corpus === undefined ? {} : { corpus: options.corpus }),
        ...(options.host === undefined ? {} : { hostModule: options.host }),
        ...(drawer === undefined ? {} : { onProgress: (progress) => drawer.draw(progressLine(progress, runs)) }),
      });
    } finally {
      drawer?.clear();
    }
    io.stdout(formatSummary(result, { componentArgument: component as string, repeatArguments: repeatArguments(options) }));
    return result.failure === undefined ? EXIT_OK : EXIT_FOUND_PROBLEM;
  },
};
