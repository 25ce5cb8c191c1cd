/**
 * Fuzzing a component file safely: the fuzz loop runs in a watched worker
 * thread (worker/fuzz-worker.ts), so a component that never returns cannot
 * hang the fuzzer, and a failure is saved to the corpus.
 *
 * A call that does not return within the time limit is a failure of
 * `no-trap` like a trap, found, shrunk and saved like one. The worker is
 * stopped; since the fuzz loop is deterministic for a seed, a new worker
 * resumes from the run that first failed and retraces the shrinking, told
 * which candidates hang (they fail at once, without running the call that
 * hung). Each further hanging candidate costs one more restart, up to
 * `maxHangRestarts`. The trace of the final hanging run is then captured: one
 * last worker runs exactly that candidate and streams its calls and import
 * answers as trace lines until it is stopped.
 */
import { relative, resolve } from 'node:path';
import { ProxyComponentError } from '../errors.js';
import type { CoverageReport } from './coverage.js';
import { formatExpectLine } from '../trace/write.js';
import { parseFuzzPath, type FuzzProgress } from './fuzz.js';
import { defaultSeed } from './seed.js';
import type { ValueArbitraryOptions } from './arbitrary.js';
import type { SkippedFunction } from './plan.js';
import { saveFailure, type SavedFailure } from './corpus.js';
import { tracePath } from './failure-trace.js';
import { runFuzzAttempt, type AttemptOutcome, type AttemptRequest, type CapturedRun } from './worker/fuzz-worker.js';
import type { SearchSummary, WorkerFuzzOptions } from './worker/protocol.js';

export const DEFAULT_FUZZ_TIMEOUT_MS = 1000;
const DEFAULT_MAX_HANG_RESTARTS = 16;

export interface FuzzFileOptions {
  /** Runs to try. Default 100. */
  readonly runs?: number;
  /** fast-check seed; default random (reported). */
  readonly seed?: number;
  /** Most export calls per run. Default 8. */
  readonly maxCalls?: number;
  readonly values?: Omit<ValueArbitraryOptions, 'handle'>;
  readonly maxShrinks?: number;
  /** Longest time spent shrinking, in milliseconds (per attempt). Default 30 000. */
  readonly maxShrinkMs?: number;
  /** Check `well-typed` and `no-trap`. Default true. */
  readonly builtInProperties?: boolean;
  /** Longest an export call may run, in milliseconds. Default 1000. */
  readonly timeoutMs?: number;
  /** A module exporting user `properties` (see host-module.ts). */
  readonly hostModule?: string;
  /** The folder failures are saved to; none: not saved. */
  readonly corpus?: string;
  /** Most worker restarts for hanging candidates while shrinking. Default 16. */
  readonly maxHangRestarts?: number;
  readonly onProgress?: (progress: FuzzProgress) => void;
  /**
   * Replay a failure: the path it was reported with, under the same seed and
   * options. The session starts at that counterexample and reports it
   * without further shrinking (fast-check's `endOnFailure`).
   */
  readonly path?: string;
  /** Call only these exports (WAVE call names); an unknown name is a usage error. */
  readonly exports?: readonly string[];
  /** WASI interfaces the sandboxed WASI host answers instead of generated values; saved failures replay them the same way. */
  readonly passthrough?: readonly string[];
}

export interface SessionFailure {
  readonly property: string;
  readonly reason: string;
  /** fast-check's path of the shrunk counterexample. */
  readonly path: string;
  /** The export call that failed. */
  readonly exportName: string;
  /** Export calls in the shrunk run. */
  readonly calls: number;
  readonly traceText: string;
  /** True when the failure is a call that did not return in time. */
  readonly timedOut: boolean;
  /** Where it was saved, when a corpus was given. */
  readonly saved?: SavedFailure;
}

export interface FuzzFileResult {
  readonly component: string;
  readonly seed: number;
  readonly runs: number;
  readonly discarded: number;
  readonly shrinks: number;
  /** Time spent before the first failure (or in all): runs per second is runs / searchMs. */
  readonly searchMs: number;
  readonly elapsedMs: number;
  readonly coverage: CoverageReport;
  readonly skippedFunctions: readonly SkippedFunction[];
  readonly failure?: SessionFailure;
}

export async function fuzzComponentFile(componentPath: string, options: FuzzFileOptions = {}): Promise<FuzzFileResult> {
  const started = performance.now();
  const component = resolve(componentPath);
  // Checked here too: a bad path is bad input before any worker starts.
  if (options.path !== undefined) {
    parseFuzzPath(options.path);
    if (options.seed === undefined) throw new ProxyComponentError('USAGE', 'a fuzz path replays a failure: give the seed it was found with too');
  }
  const seed = options.seed ?? defaultSeed();
  const timeoutMs = options.timeoutMs ?? DEFAULT_FUZZ_TIMEOUT_MS;
  const workerOptions: WorkerFuzzOptions = {
    seed,
    timeoutMs,
    ...(options.runs === undefined ? {} : { runs: options.runs }),
    ...(options.maxCalls === undefined ? {} : { maxCalls: options.maxCalls }),
    ...(options.values === undefined ? {} : { values: options.values }),
    ...(options.maxShrinks === undefined ? {} : { maxShrinks: options.maxShrinks }),
    ...(options.maxShrinkMs === undefined ? {} : { maxShrinkMs: options.maxShrinkMs }),
    ...(options.builtInProperties === undefined ? {} : { builtInProperties: options.builtInProperties }),
    ...(options.path === undefined ? {} : { path: options.path }),
    ...(options.exports === undefined ? {} : { exports: options.exports }),
    ...(options.passthrough === undefined ? {} : { passthrough: options.passthrough }),
  };
  const base: AttemptRequest = {
    component,
    componentName: componentPath,
    options: workerOptions,
    hangs: [],
    ...(options.hostModule === undefined ? {} : { hostModule: resolve(options.hostModule) }),
    ...(options.corpus === undefined ? {} : { componentPath: tracePath(relative(resolve(options.corpus), component)) }),
    // Saved failures name the module of their properties, so that replays find it with no option.
    ...(options.corpus === undefined || options.hostModule === undefined ? {} : { propertyModule: tracePath(relative(resolve(options.corpus), resolve(options.hostModule))) }),
  };
  const maxRestarts = options.maxHangRestarts ?? DEFAULT_MAX_HANG_RESTARTS;

  const hangs: [string, number][] = [];
  let search: SearchSummary | undefined;
  let last: AttemptOutcome;
  let timedOut: { path: string; captured?: CapturedRun } | undefined;
  for (;;) {
    last = await runFuzzAttempt({ ...base, hangs, ...resumeFrom(hangs) }, options.onProgress);
    search ??= last.searched ?? (last.kind === 'hang' ? searchUntilHang(last, started, timeoutMs, options.path !== undefined) : undefined);
    if (last.kind === 'done') {
      const failure = last.result.failure;
      if (failure !== undefined && hangs.some(([path]) => path === failure.path)) timedOut = { path: failure.path };
      break;
    }
    hangs.push([last.path, last.callIndex]);
    if (hangs.length > maxRestarts) {
      timedOut = { path: last.path };
      break;
    }
  }
  if (timedOut !== undefined) timedOut = { path: timedOut.path, ...(await captureHang(base, hangs, timedOut.path, maxRestarts)) };

  const result = last.kind === 'done' ? last.result : undefined;
  const summary = search ?? (result as SearchSummary);
  let failure: SessionFailure | undefined;
  if (timedOut?.captured !== undefined) {
    failure = hangFailure(timedOut.path, timedOut.captured, timeoutMs);
  } else if (result?.failure !== undefined) {
    // Without a capture, a hang's trace lacks the answers of the call that hung: still a failing trace.
    const { traceText, property, reason, path, exportName, calls } = result.failure;
    failure = { property, reason, path, exportName, calls, traceText, timedOut: timedOut !== undefined };
  } else if (timedOut !== undefined) {
    throw new ProxyComponentError('IO', `a run of ${componentPath} did not return within ${timeoutMs} ms, but running it again did not reproduce it: its time is close to the limit`);
  }
  if (failure !== undefined && options.corpus !== undefined) {
    failure = { ...failure, saved: await saveFailure(options.corpus, failure.traceText, failure.exportName, failure.property) };
  }
  return {
    component,
    seed,
    runs: summary.runs,
    discarded: summary.discarded,
    shrinks: result?.shrinks ?? 0,
    searchMs: summary.searchMs,
    elapsedMs: performance.now() - started,
    // The campaign's own report counts the shrunk counterexample's values too.
    coverage: result?.coverage ?? summary.coverage,
    skippedFunctions: result?.skippedFunctions ?? [],
    ...(failure === undefined ? {} : { failure }),
  };
}

/** After a hang: start at the run that first failed (the first segment of every path). */
function resumeFrom(hangs: readonly (readonly [string, number])[]): { startAt?: number } {
  const first = hangs[0];
  return first === undefined ? {} : { startAt: Number(first[0].split(':')[0]) };
}

/** What the search did before a run hung (the worker never got to say). */
function searchUntilHang(hang: Extract<AttemptOutcome, { kind: 'hang' }>, started: number, timeoutMs: number, replaying: boolean): SearchSummary {
  return {
    // A replay runs only the run its path starts at.
    runs: replaying ? 1 : Number(hang.path.split(':')[0]) + 1,
    discarded: 0,
    searchMs: Math.max(0, performance.now() - started - timeoutMs),
    coverage: hang.progress?.coverage ?? { lines: [] },
  };
}

/** Runs the hanging candidate once more, capturing its calls as trace lines until it is stopped. */
async function captureHang(base: AttemptRequest, hangs: [string, number][], path: string, maxRestarts: number): Promise<{ captured?: CapturedRun }> {
  const known = hangs.filter(([known]) => known !== path);
  for (let attempt = 0; attempt <= maxRestarts; attempt++) {
    const outcome = await runFuzzAttempt({ ...base, hangs: known, ...resumeFrom(hangs), capture: path });
    if (outcome.kind === 'hang' && outcome.path === path) return outcome.captured === undefined ? {} : { captured: outcome.captured };
    if (outcome.kind === 'done') return {};
    // Another candidate hung on the way (its time was close to the limit): note it and go again.
    known.push([outcome.path, outcome.callIndex]);
  }
  return {};
}

function hangFailure(path: string, captured: CapturedRun, timeoutMs: number): SessionFailure {
  const exports = captured.lines.filter((line) => line.startsWith('export '));
  const lastExport = exports[exports.length - 1] ?? 'export ?';
  const exportName = lastExport.slice('export '.length, lastExport.indexOf('(') < 0 ? undefined : lastExport.indexOf('('));
  const reason = `\`${exportName}\` did not return within ${timeoutMs} ms`;
  const traceText = [captured.header, ...captured.lines, `  # observed: did not return within ${timeoutMs} ms`, formatExpectLine(captured.properties), ''].join('\n');
  return { property: 'no-trap', reason, path, exportName, calls: exports.length, traceText, timedOut: true };
}
