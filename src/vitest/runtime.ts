/**
 * What the tests of a `.trace` file run under Vitest (imported by the
 * plugin's generated test modules and by the runner): the framework-neutral
 * run and judgement (src/trace-tests/run.ts), turned into Vitest's terms. A
 * failure is thrown as an Error whose stack is on the trace line, with the
 * Divergence in `task.meta.proxyDivergence` (or the engines' comparison in
 * `task.meta.proxyDifferential`) for proxy-component/reporter; an engine that
 * could not run a call skips its test, saying why.
 *
 * No value import of Vitest here: this module may be loaded next to another
 * copy of Vitest than the one running the tests.
 */
import type { DifferentialReport } from '../differential/report.js';
import type { Divergence } from '../divergence/divergence.js';
import type { ReplayWorker } from '../engines/jco/worker/replay-worker.js';
import type { CallFailure } from '../trace-tests/failure.js';
import { recordMode, type RecordMode, type SnapshotUpdate } from '../trace-tests/options.js';
import type { PlanError } from '../trace-tests/plan.js';
import { runTrace, traceFailures } from '../trace-tests/run.js';
import type { TraceRunSpec } from '../trace-tests/suite.js';

/**
 * Makes an Error whose stack starts on a given trace line: generated modules
 * pass one function per trace line, each on a generated line that the source
 * map sends to that trace line, so Vitest's code frame shows the trace itself.
 */
export type ErrorFactories = ReadonlyArray<readonly [line: number, make: (message: string) => Error]>;

/** The part of Vitest's test context used here. */
export interface TestContextLike {
  readonly task: { readonly meta: object };
  /** Vitest's `context.skip(note)`: ends the running test as skipped. */
  readonly skip?: (note?: string) => void;
  /** The test's own `expect`, whose state tells `-u` (`snapshotState._updateSnapshot`). */
  readonly expect?: { getState(): object };
}

export interface TraceTests {
  /** Why each test fails (null where it passes), from the one run of the trace in this mode, started on first need; never rejects. */
  failures(mode?: RecordMode): Promise<readonly (CallFailure | null)[]>;
  /** Passes, skips or throws for test `index` of the trace (`suiteTests` order). */
  check(context: TestContextLike, index: number): Promise<void>;
}

/** `worker`: where the trace replays (tests); by default the one this module shares (one per test worker). */
export function traceTests(spec: TraceRunSpec, errorsAt: ErrorFactories = [], worker?: ReplayWorker): TraceTests {
  let started: Promise<readonly (CallFailure | null)[]> | undefined;
  const makeError = errorMaker(spec.file, errorsAt);
  const tests: TraceTests = {
    failures(mode) {
      started ??= runTrace(spec, { ...(worker === undefined ? {} : { worker }), ...(mode === undefined ? {} : { mode }) }).then((outcome) => traceFailures(spec, outcome));
      return started;
    },
    async check(context, index) {
      // The mode matters only to the test that starts the run: reading it builds the test's own `expect`, so it is read once.
      const failure = (await (started ?? tests.failures(recordMode(spec.settings, updateOf(context)))))[index];
      if (failure === null || failure === undefined) return;
      // An engine that could not run the call is no divergence: the test is skipped, saying why.
      if (failure.couldNotRun === true && context.skip !== undefined) {
        context.skip(failure.message);
        return;
      }
      const meta = context.task.meta as { proxyDivergence?: Divergence; proxyDifferential?: DifferentialReport };
      if (failure.divergence !== undefined) meta.proxyDivergence = failure.divergence;
      if (failure.differential !== undefined) meta.proxyDifferential = failure.differential;
      throw failureError(makeError, failure);
    },
  };
  return tests;
}

/** Vitest's snapshot mode for the running test: `all` under `-u`, `none` on CI, else `new`. */
export function updateOf(context: Pick<TestContextLike, 'expect'>): SnapshotUpdate | undefined {
  const state = context.expect?.getState() as { snapshotState?: { _updateSnapshot?: unknown } } | undefined;
  const update = state?.snapshotState?._updateSnapshot;
  return update === 'all' || update === 'new' || update === 'none' ? update : undefined;
}

/** For a trace that cannot be read: the error to throw, raised at its location. */
export function unreadableTraceError(file: string, error: PlanError, errorsAt: ErrorFactories = []): Error {
  return failureError(errorMaker(file, errorsAt), error);
}

function failureError(makeError: ErrorMaker, failure: Pick<CallFailure, 'name' | 'message' | 'line' | 'column' | 'code'>): Error {
  const error = makeError(failure.name, failure.message, failure.line, failure.column);
  return failure.code === undefined ? error : Object.assign(error, { code: failure.code });
}

export type ErrorMaker = (name: string, message: string, line: number, column: number) => Error;

/** Makes errors raised on trace lines (see ErrorFactories). */
export function errorMaker(file: string, errorsAt: ErrorFactories): ErrorMaker {
  const factories = new Map(errorsAt);
  return (name, message, line, column) => {
    const factory = factories.get(line);
    const error = factory === undefined ? new Error(message) : factory(message);
    error.name = name;
    // One frame, on the trace line: the factory's own (mapped to the trace by the module's source map),
    // or, without a generated module (the runner), the trace position itself.
    const frame = factory === undefined ? `    at ${file}:${line}:${column}` : (error.stack ?? '').split('\n').find((text) => text.startsWith('    at '));
    error.stack = `${name}: ${message}${frame === undefined ? '' : `\n${frame}`}`;
    return error;
  };
}
