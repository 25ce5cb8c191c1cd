/**
 * What the test module of a `.trace` file calls (see jest/test-module.ts):
 * the whole trace runs once, in the bridge thread, on first need
 * (src/trace-tests/run.ts, as under Vitest); then each test looks at its own
 * failure, if any.
 *
 * Errors are made here, in the test's realm, by factories the generated
 * module defines on lines its source map sends to trace lines: Jest then
 * shows the trace line as the failure's location and code frame. The
 * Divergence rides in the error's `cause` as `{ proxyDivergence }` (an
 * engines' disagreement as `{ proxyDifferential }`): Jest keeps a cause
 * through its worker processes (into `failureDetails`) and does not print a
 * plain-object cause, so proxy-component/jest/reporter can find it.
 */
import type { CallFailure } from '../../src/trace-tests/failure.js';
import type { SnapshotUpdate } from '../../src/trace-tests/options.js';
import type { PlanError } from '../../src/trace-tests/plan.js';
import type { TraceRunSpec } from '../../src/trace-tests/suite.js';
import type { DifferentialCause, DivergenceCause, ErrorFactories, TraceAnswer, TraceTests } from '../protocol.js';
import globals = require('@jest/globals');
import bridge = require('./bridge.cjs');

function traceTests(spec: TraceRunSpec, errorsAt: ErrorFactories): TraceTests {
  let answer: Promise<TraceAnswer> | undefined;
  return {
    async check(index) {
      answer ??= bridge.request<TraceAnswer>({ kind: 'trace', spec, ...updateMode() });
      const failure = (await answer)[index];
      if (failure !== null && failure !== undefined) throw failureError(spec.file, failure, errorsAt);
    },
  };
}

/** Jest's snapshot mode for this test file (`-u`: `all`, `--ci`: `none`), which sets the record mode. */
function updateMode(): { update?: SnapshotUpdate } {
  const state = globals.expect.getState() as { snapshotState?: { _updateSnapshot?: unknown } };
  const update = state.snapshotState?._updateSnapshot;
  return update === 'all' || update === 'new' || update === 'none' ? { update } : {};
}

/** For a trace that cannot be read: the error to throw, raised at its location. */
function unreadableTraceError(file: string, error: PlanError, errorsAt: ErrorFactories = []): Error {
  return failureError(file, error, errorsAt);
}

function failureError(file: string, failure: CallFailure, errorsAt: ErrorFactories): Error {
  const factory = errorsAt.find(([line]) => line === failure.line)?.[1];
  const error = factory === undefined ? new Error(failure.message) : factory(failure.message);
  error.name = failure.name;
  // One frame, on the trace line: the factory's own (mapped to the trace by the module's source map),
  // or, without one, the trace position itself.
  const frame = factory === undefined ? `    at ${file}:${failure.line}:${failure.column}` : (error.stack ?? '').split('\n').find((text) => text.startsWith('    at '));
  error.stack = `${failure.name}: ${failure.message}${frame === undefined ? '' : `\n${frame}`}`;
  if (failure.code !== undefined) Object.assign(error, { code: failure.code });
  if (failure.divergence !== undefined) Object.assign(error, { cause: { proxyDivergence: failure.divergence } satisfies DivergenceCause });
  if (failure.differential !== undefined) Object.assign(error, { cause: { proxyDifferential: failure.differential } satisfies DifferentialCause });
  return error;
}

export = { traceTests, unreadableTraceError };
