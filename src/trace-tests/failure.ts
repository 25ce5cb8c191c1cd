/**
 * Why one test of a trace fails, as plain data: it crosses threads (Jest's
 * bridge), processes (the Jest runner's results) and generated test modules,
 * and each framework turns it into an error of its own (an Error raised on the
 * trace line, a skip, a result entry). Undefined or null where the test passes.
 */
import type { DifferentialReport } from '../differential/report.js';
import type { Divergence } from '../divergence/divergence.js';
import { isProxyComponentError } from '../errors.js';

/** A position in the trace (1-based). */
export interface TracePosition {
  readonly line: number;
  readonly column: number;
}

export interface CallFailure extends TracePosition {
  /** The error's name (`TraceDivergence`, `EngineDisagreement`, `ProxyComponentError`…). */
  readonly name: string;
  readonly message: string;
  /** A ProxyComponentError's stable code. */
  readonly code?: string;
  /** Set on the call that diverged from the trace. */
  readonly divergence?: Divergence;
  /** Set when engines disagree on the call: every engine's outcome of it side by side. */
  readonly differential?: DifferentialReport;
  /**
   * Set when an engine could not run the call (it could not run the component, or its run stopped
   * before the call): no divergence. A framework that can skip a running test (Vitest, the Jest
   * runner) skips it with the message; the Jest preset, which cannot, fails it.
   */
  readonly couldNotRun?: true;
}

/** Why a call fails when its trace could not be run at all (unreadable, no component, a host module that throws). */
export function runFailure(error: unknown, call: TracePosition): CallFailure {
  if (isProxyComponentError(error)) {
    const location = error.location ?? call;
    return { name: error.name, message: error.message, line: location.line, column: location.column, code: error.code };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { name: error instanceof Error ? error.name : 'Error', message, line: call.line, column: call.column };
}
