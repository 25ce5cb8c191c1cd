/**
 * Fuzzing a component in this thread: fast-check generates runs (sequences of
 * export calls; each call draws its import answers lazily from its own
 * answer tape, see answer-tape.ts), each run gets a fresh instance,
 * properties are checked after every call, and the first failing run is
 * shrunk (fewer calls, simpler arguments, simpler answers).
 *
 * Deterministic for a seed: the same seed, options and component find and
 * shrink to the same failure (unless the shrinking time budget, `maxShrinkMs`,
 * a safety net for slow components, cuts shrinking short). fast-check cannot replay a path through
 * answer tapes beyond its first segment (their shrinks depend on what the
 * failing run asked for), so a failure is found again by starting from the run
 * that first failed (`startAt`, the path's first segment) and shrinking
 * again, which retraces the same steps. This module tracks the path of every
 * evaluation the way fast-check numbers them, so that a watchdog (see
 * worker/) can name the candidate that never returned and resume after it.
 *
 * Replaying a `path` (fast-check's `{ seed, path, endOnFailure: true }`):
 * fast-check starts at the path's first run, and shrinking walks the path,
 * running only the candidate each segment names (the others pass without
 * running; a candidate's shrinks depend only on its own run), then stops at
 * its end: one search run, and one shrinking run per further segment.
 *
 * Honest to the end: a campaign that asked for N runs either made N runs,
 * or found a failure, or throws. A run that cannot be made (the component
 * does not start: COMPONENT_START, see instance.ts; anything else thrown:
 * FUZZ_INCOMPLETE) stops the campaign, and so does fast-check giving up on
 * runs discarded for import calls the host could not answer.
 *
 * No timeout here: a call that never returns blocks this thread. Use
 * `fuzzComponentFile` (session.ts) for components that may hang.
 */
import fc from 'fast-check';
import { isProxyComponentError, ProxyComponentError } from '../errors.js';
import type { JcoComponent } from '../engines/jco/load.js';
import { virtualImports } from '../engines/jco/virtual-imports.js';
import { UnanswerableImport } from '../host/fuzz-host.js';
import { ResourceTable } from '../values/resource-table.js';
import type { Value } from '../values/value.js';
import { worldFunctions, type WorldFunction } from '../wit/world.js';
import type { ValueArbitraryOptions } from './arbitrary.js';
import { TypeCoverage, type CoverageReport } from './coverage.js';
import { answerTapes, callPlanArbitrary, fuzzableExports, type PlanOptions, type SkippedFunction } from './plan.js';
import { defaultSeed } from './seed.js';
import { isPassthrough } from '../host/passthrough.js';
import { propertySet, type CallRecord, type FuzzProperty, type PropertyFailure } from './property.js';
import { commitAnswers, executeRun, fuzzTarget, type FuzzTarget, type RunHooks, type RunResult } from './run.js';

// Captured at load: a test that mocks the clock or Math.random must not change fuzzing.
const now = performance.now.bind(performance);

export interface FuzzOptions extends PlanOptions {
  /** Runs to try (each a fresh instance and a sequence of calls). Default 100. */
  readonly runs?: number;
  /** fast-check seed; default: `PROXY_COMPONENT_SEED`, else a random one (reported, to run again). */
  readonly seed?: number;
  /** User properties, checked after the built-ins. */
  readonly properties?: readonly FuzzProperty[];
  /** Check `well-typed` and `no-trap`. Default true. */
  readonly builtInProperties?: boolean;
  readonly values?: ValueArbitraryOptions;
  /** Most candidate runs tried while shrinking a failure. Default 2000. */
  readonly maxShrinks?: number;
  /** Longest time spent shrinking, in milliseconds; then the smallest failure so far is kept. Default 30 000. */
  readonly maxShrinkMs?: number;
  /** Told of progress at most every `progressIntervalMs` (default 100) and once at the end; `coverage` computes the coverage so far. */
  readonly onProgress?: (progress: FuzzProgress, coverage: () => CoverageReport) => void;
  readonly progressIntervalMs?: number;
  /** For a watchdog that runs this in a worker (see worker/). */
  readonly supervision?: FuzzSupervision;
  /**
   * Replay a failure: the fast-check path it was reported with (same seed
   * and options). The run starts at that counterexample and stops there,
   * like fast-check's `{ seed, path, endOnFailure: true }`.
   */
  readonly path?: string;
  /** Call only these exports (WAVE call names, as traces write them); default all. */
  readonly exports?: readonly string[];
  /** WASI interfaces the sandboxed WASI host answers instead of generated values (see fuzzTarget). */
  readonly passthrough?: readonly string[];
  /** How messages name the component (its path, as the user gave it). Default `the component`. */
  readonly componentName?: string;
}

export interface FuzzSupervision {
  /** Start at this run (the first segment of a failure's path), known to fail. */
  readonly startAt?: number;
  /** Candidates known not to return, by path, with the index of the call that hung. */
  readonly hangs?: ReadonlyMap<string, number>;
  /** The time limit the hangs broke, for their messages. */
  readonly timeoutMs?: number;
  /** Before each evaluation, with its fast-check path. */
  readonly beforeEvaluation?: (path: string, shrinking: boolean) => void;
  /** Extra hooks for the evaluation with this path (a watchdog's heartbeat, capturing). */
  readonly hooksFor?: (path: string) => RunHooks | undefined;
  /** Told once, when the first failure ends the search (shrinking follows). */
  readonly onSearchEnd?: (summary: SearchStatistics) => void;
  /** Around the warm-up instance's start, before any run (a watchdog's heartbeat: a start may never end). */
  readonly warmUp?: Pick<RunHooks, 'beforeStart' | 'afterStart'>;
}

export interface SearchStatistics {
  readonly runs: number;
  readonly discarded: number;
  readonly searchMs: number;
  readonly coverage: CoverageReport;
}

export interface FuzzProgress {
  /** Runs tried before the first failure (or all of them). */
  readonly runs: number;
  /** Candidate runs tried while shrinking. */
  readonly shrinks: number;
  readonly elapsedMs: number;
  readonly failed: boolean;
}

export interface FuzzFailure extends PropertyFailure {
  /** fast-check's path of the shrunk counterexample. */
  readonly path: string;
  /** The shrunk run: its calls up to and including the failing one. */
  readonly calls: readonly CallRecord[];
  /** Every property the run was checked against, by name (the saved trace expects them all). */
  readonly properties: readonly string[];
}

export interface FuzzReport {
  readonly seed: number;
  /** Runs made before the first failure (or all of them): as many as asked unless a failure was found. */
  readonly runs: number;
  /** Runs discarded (not counted in `runs`) because an import call could not be answered (a handle the host did not have, a type it cannot generate). */
  readonly discarded: number;
  readonly shrinks: number;
  /** Time spent before the first failure (or in all), the base of runs per second. */
  readonly searchMs: number;
  readonly elapsedMs: number;
  readonly failure?: FuzzFailure;
  readonly coverage: CoverageReport;
  /** Exports left alone (types not supported yet). */
  readonly skippedFunctions: readonly SkippedFunction[];
}

export const DEFAULT_RUNS = 100;
const DEFAULT_MAX_SHRINKS = 2000;
const DEFAULT_MAX_SHRINK_MS = 30_000;

export async function fuzz(component: JcoComponent, options: FuzzOptions = {}): Promise<FuzzReport> {
  const seed = options.seed ?? defaultSeed();
  const properties = propertySet(options.properties, options.builtInProperties ?? true);
  const propertyNames = properties.map((p) => p.name);
  const replay = options.path === undefined ? undefined : parseFuzzPath(options.path);
  if (replay !== undefined && options.seed === undefined) throw new ProxyComponentError('USAGE', 'a fuzz path replays a failure: give the seed it was found with too');
  const { functions, skipped } = fuzzableExports(component.world, options.exports);
  if (functions.length === 0) {
    const name = options.componentName ?? 'the component';
    if (skipped.length === 0) throw new ProxyComponentError('NOTHING_TO_CALL', `nothing to fuzz: ${name} exports no function`);
    throw new ProxyComponentError('WIT_UNSUPPORTED', `nothing to fuzz: ${name} exports no function the fuzzer can call (${skipped.map((f) => `${f.name}: ${f.reason}`).join('; ')})`);
  }
  const target = fuzzTarget(component, options.componentName, options.passthrough);
  // The first instance compiles the core modules: not part of the runs' speed.
  options.supervision?.warmUp?.beforeStart?.();
  await warmUp(target);
  options.supervision?.warmUp?.afterStart?.();
  const started = now();
  const coverage = new TypeCoverage(coverageTypes(functions, component, target.passthrough), options.values?.maxStringLength ?? 32, options.values?.maxListLength ?? 16);
  const answers = answerTapes(component.world, options.values);
  const supervision = options.supervision ?? {};
  const maxShrinks = options.maxShrinks ?? DEFAULT_MAX_SHRINKS;
  const maxShrinkMs = options.maxShrinkMs ?? DEFAULT_MAX_SHRINK_MS;
  const interval = options.progressIntervalMs ?? 100;

  // The path of each evaluation, numbered as fast-check numbers them (RunExecution).
  const failedSteps: number[] = [];
  const startAt = replay?.[0] ?? supervision.startAt;
  let step = (startAt ?? 0) - 1;
  let runs = 0;
  let discarded = 0;
  let shrinks = 0;
  let searchMs: number | undefined;
  let failure: FuzzFailure | undefined;
  let lastDiscard: string | undefined;
  // A run that could not be made (the component did not start, or the tool failed): the campaign stops and says so.
  let aborted: { readonly error: unknown; readonly run: number; readonly shrinking: boolean } | undefined;
  let lastProgress = now();
  const progress = (force: boolean) => {
    const at = now();
    if (options.onProgress === undefined || (!force && at - lastProgress < interval)) return;
    lastProgress = at;
    options.onProgress({ runs, shrinks, elapsedMs: at - started, failed: failure !== undefined }, () => coverage.report());
  };
  const coverageHooks: RunHooks = {
    beforeCall: (_index, fn, args) => fn.function.params.forEach((param, i) => coverage.add(args[i] as Value, param.type)),
    onAnswer: (fn, value) => {
      if (fn.function.result !== undefined) coverage.add(value, fn.function.result);
    },
  };

  const property = fc.asyncProperty(callPlanArbitrary(functions, answers, options), answers, async (plan, outside) => {
    // Once a run could not be made, every candidate passes at once: fast-check stops.
    if (aborted !== undefined) return;
    step++;
    const path = [...failedSteps, step].join(':');
    const shrinking = failedSteps.length > 0;
    // Replaying: off the path, or past its end (endOnFailure), a candidate passes without running.
    if (replay !== undefined && (failedSteps.length >= replay.length || step !== replay[failedSteps.length])) return;
    supervision.beforeEvaluation?.(path, shrinking);
    progress(false);
    if (shrinking && replay !== undefined) {
      shrinks++;
    } else if (shrinking) {
      // Past the budget every candidate passes, so fast-check stops shrinking at once.
      if (shrinks >= maxShrinks || now() - started - (searchMs ?? 0) > maxShrinkMs) return;
      shrinks++;
    } else {
      runs++;
    }
    const extra = supervision.hooksFor?.(path);
    const hooks = shrinking ? extra : mergeHooks(coverageHooks, extra);
    const hang = supervision.hangs?.get(path);
    let result: RunResult;
    try {
      result = await executeRun(target, plan, {
        properties,
        outside,
        ...(hooks === undefined ? {} : { hooks }),
        ...(hang === undefined ? {} : { hangAt: { index: hang, message: `did not return within ${supervision.timeoutMs ?? '?'} ms` } }),
      });
    } catch (error) {
      aborted = { error, run: shrinking ? Number(path.split(':')[0]) + 1 : runs, shrinking };
      throw error;
    }
    if (result.discarded !== undefined) {
      lastDiscard = result.discarded;
      if (!shrinking) {
        runs--;
        discarded++;
      }
      fc.pre(false);
    }
    if (result.failure === undefined) return;
    if (!shrinking) {
      searchMs = now() - started;
      supervision.onSearchEnd?.({ runs, discarded, searchMs, coverage: coverage.report() });
    }
    commitAnswers(plan, outside);
    failedSteps.push(step);
    step = -1;
    failure = { ...result.failure, path, calls: result.calls, properties: propertyNames };
    throw new Error(result.failure.reason);
  });

  const asked = options.runs ?? DEFAULT_RUNS;
  const details = await fc.check(property, {
    seed,
    // A replay tries the one run its path starts at.
    numRuns: replay === undefined ? asked : 1,
    ...(startAt === undefined ? {} : { path: String(startAt) }),
    // Discarded runs are rare (a handle the host cannot make); let them be.
    maxSkipsPerRun: 100,
  });
  // The counterexample is what the campaign produced too: its shrunk values count.
  if (failure !== undefined) countCalls(coverage, failure.calls);
  progress(true);
  if (aborted !== undefined) throw abortedError(target.name, aborted, asked);
  // A search (not a replay, nor a resumed one) that found nothing must have made every run asked for.
  if (failure === undefined && replay === undefined && startAt === undefined && (details.failed || runs < asked)) {
    let why: string;
    if (discarded > 0) why = `${discarded} runs were discarded for import calls the host could not answer (the last: ${lastDiscard ?? '?'})`;
    else if (details.errorInstance !== null && details.errorInstance !== undefined) why = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
    else why = 'fast-check ended the search early';
    throw new ProxyComponentError('FUZZ_INCOMPLETE', `fuzzing ${target.name} stopped after ${runs} of ${asked} runs: ${why}`);
  }
  const elapsedMs = now() - started;
  return {
    seed,
    runs,
    discarded,
    shrinks,
    searchMs: searchMs ?? elapsedMs,
    elapsedMs,
    ...(failure === undefined ? {} : { failure }),
    coverage: coverage.report(),
    skippedFunctions: skipped,
  };
}

/**
 * The error a campaign ends with when a run could not be made: a component
 * that cannot start keeps its COMPONENT_START error, with the run it was in;
 * anything else thrown is FUZZ_INCOMPLETE, saying where it happened.
 */
function abortedError(name: string, aborted: { readonly error: unknown; readonly run: number; readonly shrinking: boolean }, asked: number): ProxyComponentError {
  const where = aborted.shrinking ? `while shrinking the failure of run ${aborted.run}` : `in run ${aborted.run} of ${asked}`;
  const { error } = aborted;
  if (isProxyComponentError(error) && error.code === 'COMPONENT_START') return new ProxyComponentError('COMPONENT_START', `${error.detail} (${where})`, { cause: error.cause });
  const message = error instanceof Error ? error.message : String(error);
  return new ProxyComponentError('FUZZ_INCOMPLETE', `fuzzing ${name} stopped ${where}: ${message}`, { cause: error });
}

/** The segments of a fast-check path (`3:0:12`); anything else is a usage error. */
export function parseFuzzPath(path: string): readonly number[] {
  if (typeof path !== 'string' || !/^\d+(:\d+)*$/.test(path)) {
    throw new ProxyComponentError('USAGE', `a fuzz path is fast-check's path of a failure, numbers separated by colons (like 3:0:12), got \`${String(path)}\``);
  }
  const segments = path.split(':').map(Number);
  if (!segments.every((segment) => Number.isSafeInteger(segment))) throw new ProxyComponentError('USAGE', `the fuzz path \`${path}\` has a step too large`);
  return segments;
}

/** Instantiates once, with imports that refuse every call, so that later instances come from compiled code. */
async function warmUp(target: FuzzTarget): Promise<void> {
  const refuse = {
    call: (): never => {
      throw new UnanswerableImport('warming up');
    },
  };
  try {
    await target.component.instantiate(virtualImports(target.importLayouts, refuse, new ResourceTable()).imports);
  } catch {
    // A component that calls imports while starting fails here; its runs will say more.
  }
}

/** The types the fuzzer generates values of: export parameters and import results. */
function coverageTypes(exports: readonly WorldFunction[], component: JcoComponent, passthrough: readonly string[]) {
  const types = exports.flatMap((fn) => fn.function.params.map((param) => param.type));
  for (const fn of worldFunctions(component.world, 'import')) {
    // Answers the real host gives are not generated: nothing to cover.
    if (fn.function.result !== undefined && fn.function.kind !== 'constructor' && !isPassthrough(fn, passthrough)) types.push(fn.function.result);
  }
  return types;
}

/** Counts the arguments and import answers of calls made (a shrunk failure's: shrinking runs are not counted as they go). */
function countCalls(coverage: TypeCoverage, calls: readonly CallRecord[]): void {
  for (const call of calls) {
    call.function.function.params.forEach((param, i) => coverage.add(call.args[i] as Value, param.type));
    for (const made of call.imports) {
      const result = made.function.function.result;
      if (result === undefined || made.function.function.kind === 'constructor' || made.outcome.kind !== 'return' || made.outcome.value === undefined) continue;
      coverage.add(made.outcome.value, result);
    }
  }
}

function mergeHooks(a: RunHooks, b: RunHooks | undefined): RunHooks {
  if (b === undefined) return a;
  return {
    beforeStart: () => {
      a.beforeStart?.();
      b.beforeStart?.();
    },
    afterStart: () => {
      a.afterStart?.();
      b.afterStart?.();
    },
    beforeCall: (index, fn, args) => {
      a.beforeCall?.(index, fn, args);
      b.beforeCall?.(index, fn, args);
    },
    afterCall: (index, result) => {
      a.afterCall?.(index, result);
      b.afterCall?.(index, result);
    },
    onImport: (call) => {
      a.onImport?.(call);
      b.onImport?.(call);
    },
    onAnswer: (fn, value) => {
      a.onAnswer?.(fn, value);
      b.onAnswer?.(fn, value);
    },
  };
}
