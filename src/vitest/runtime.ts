/**
 * What the tests of a `.trace` file run (imported by generated test modules and
 * by the runner). The whole trace is replayed once, on first need, in the
 * watched replay worker, because a replay is sequential state; then each test
 * looks at its own export call in the shared outcome: calls before the
 * divergence pass, the diverging call fails with the rendered divergence (and
 * the Divergence in `task.meta.proxyDivergence`), later calls fail as not
 * reached. Failing rather than skipping them keeps `-t` honest: a filter that
 * selects only later calls must not turn a diverging trace green.
 *
 * No value import of Vitest here: this module may be loaded next to another
 * copy of Vitest than the one running the tests.
 */
import { isProxyComponentError } from '../errors.js';
import type { Divergence } from '../divergence/divergence.js';
import { renderDivergence } from '../divergence/render.js';
import { sharedReplayWorker, type ReplayWorker } from '../engines/jco/worker/replay-worker.js';
import type { ReplayReport } from '../host/replay.js';
import type { PlanError, PlannedCall } from './trace-plan.js';

export interface TraceReplaySpec {
  readonly file: string;
  readonly displayFile: string;
  readonly component: string;
  readonly calls: readonly PlannedCall[];
  readonly timeoutMs?: number;
  readonly passthrough?: readonly string[];
  readonly hostModule?: string;
}

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
}

export type ReplayOutcome = { readonly report: ReplayReport } | { readonly error: unknown };

export interface TraceReplay {
  /** The replay of the whole trace, started on first call; never rejects. */
  outcome(): Promise<ReplayOutcome>;
  /** Passes or throws for export call `index`. */
  check(index: number, outcome: ReplayOutcome, context: TestContextLike): void;
}

/** `worker`: where the trace replays; by default the one this module shares (one per test worker). */
export function traceReplay(spec: TraceReplaySpec, errorsAt: ErrorFactories = [], worker?: ReplayWorker): TraceReplay {
  let started: Promise<ReplayOutcome> | undefined;
  const makeError = errorMaker(spec.file, errorsAt);
  return {
    outcome() {
      started ??= replay(spec, worker ?? sharedReplayWorker()).then(
        (report) => ({ report }),
        (error: unknown) => ({ error }),
      );
      return started;
    },
    check(index, outcome, context) {
      const failure = callFailure(spec, index, outcome);
      if (failure === undefined) return;
      if (failure.divergence !== undefined) (context.task.meta as { proxyDivergence?: Divergence }).proxyDivergence = failure.divergence;
      const error = makeError(failure.name, failure.message, failure.line, failure.column);
      throw failure.code === undefined ? error : Object.assign(error, { code: failure.code });
    },
  };
}

/** Why export call `index` fails, as plain data (it crosses threads for Jest); undefined when it passes. */
export interface CallFailure {
  readonly name: string;
  readonly message: string;
  /** The trace line the failure is shown at. */
  readonly line: number;
  readonly column: number;
  readonly code?: string;
  /** Set on the call that diverged. */
  readonly divergence?: Divergence;
}

export function callFailure(spec: Pick<TraceReplaySpec, 'calls'>, index: number, outcome: ReplayOutcome): CallFailure | undefined {
  const call = spec.calls[index] as PlannedCall;
  if ('error' in outcome) return replayFailure(outcome.error, call);
  const divergence = outcome.report.divergence;
  if (divergence === undefined || divergence.callIndex > index) return undefined;
  if (divergence.callIndex === index) {
    return { name: 'TraceDivergence', message: renderDivergence(divergence, { color: false }), line: divergence.line ?? call.line, column: call.column, divergence };
  }
  const diverged = spec.calls[divergence.callIndex]?.name ?? `call #${divergence.callIndex + 1}`;
  const where = divergence.line === undefined ? '' : ` at line ${divergence.line}`;
  return { name: 'TraceDivergence', message: `not reached: an earlier call diverged${where} (${diverged})`, line: call.line, column: call.column };
}

/** For a trace that cannot be read: the error to throw, raised at its location. */
export function unreadableTraceError(file: string, error: PlanError, errorsAt: ErrorFactories = []): Error {
  const made = errorMaker(file, errorsAt)(error.name, error.message, error.line, error.column);
  if (error.code !== undefined) Object.assign(made, { code: error.code });
  return made;
}

async function replay(spec: TraceReplaySpec, worker: ReplayWorker): Promise<ReplayReport> {
  return worker.replay(spec.component, { path: spec.file }, spec.displayFile, {
    ...(spec.timeoutMs === undefined ? {} : { timeoutMs: spec.timeoutMs }),
    ...(spec.passthrough === undefined ? {} : { passthrough: spec.passthrough }),
    ...(spec.hostModule === undefined ? {} : { hostModule: spec.hostModule }),
  });
}

export type ErrorMaker = (name: string, message: string, line: number, column: number) => Error;

/** Makes errors raised on trace lines (see ErrorFactories); also used by engine-trace.ts. */
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

/** Why a call fails when its trace could not be run at all (unreadable, no component): plain data. */
export function replayFailure(error: unknown, call: PlannedCall): CallFailure {
  if (isProxyComponentError(error)) {
    const location = error.location ?? call;
    return { name: error.name, message: error.message, line: location.line, column: location.column, code: error.code };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { name: error instanceof Error ? error.name : 'Error', message, line: call.line, column: call.column };
}
