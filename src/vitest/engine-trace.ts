/**
 * What the tests of a `.trace` file run under `proxy({ engines: [...] })`: one
 * test per engine and export call. The trace's export calls, with its import
 * answers, run once on every engine, on first need; then each test looks at
 * its own engine and call, judged by src/differential/trace-agreement.ts (the
 * trace is the reference; the Jest preset judges the same way). A call that
 * fails shows every engine's outcome of it side by side
 * (src/differential/render.ts), and leaves the report in
 * `task.meta.proxyDifferential` for proxy-component/reporter.
 *
 * No value import of Vitest here (see runtime.ts).
 */
import type {} from 'vitest';
import type { DifferentialReport } from '../differential/report.js';
import { engineCallFailure, runEngineTrace, type EngineTraceOutcome, type EngineTraceSpec } from '../differential/trace-agreement.js';
import { errorMaker, type ErrorFactories, type TestContextLike } from './runtime.js';

export type { EngineCallFailure, EngineTraceOutcome, EngineTraceSpec } from '../differential/trace-agreement.js';

export interface ProxyEngineSettings {
  /**
   * Run every trace test on these engines (`jco`, `node`, `bun`, `deno`, `gjs`, `jsc`, `wasmtime`,
   * `native:<module>`): one test per engine and export call, named `<engine> > <call>`. Imports are
   * answered from the trace on every engine (`passthrough` and `hostModule` do not apply).
   */
  readonly engines?: readonly string[];
}

export interface EngineTraceChecks {
  /** The runs of the whole trace on every engine, started on first call; never rejects. */
  outcome(): Promise<EngineTraceOutcome>;
  /** Passes or throws for export call `index` on `engine`. */
  check(engine: string, index: number, outcome: EngineTraceOutcome, context: TestContextLike): void;
}

export function engineTraceChecks(spec: EngineTraceSpec, errorsAt: ErrorFactories = []): EngineTraceChecks {
  let started: Promise<EngineTraceOutcome> | undefined;
  const makeError = errorMaker(spec.file, errorsAt);
  return {
    outcome() {
      started ??= runEngineTrace(spec).catch((error: unknown) => ({ error }));
      return started;
    },
    check(engine, index, outcome, context) {
      const failure = engineCallFailure(spec, engine, index, outcome);
      if (failure === undefined) return;
      // An engine that could not run the call is no divergence: the test is skipped, saying why.
      if (failure.couldNotRun === true && context.skip !== undefined) {
        context.skip(failure.message);
        return;
      }
      if (failure.differential !== undefined) (context.task.meta as { proxyDifferential?: DifferentialReport }).proxyDifferential = failure.differential;
      const error = makeError(failure.name, failure.message, failure.line, failure.column);
      throw failure.code === undefined ? error : Object.assign(error, { code: failure.code });
    },
  };
}

declare module 'vitest' {
  interface TaskMeta {
    /** Where engines running a trace test (or toAgreeAcrossEngines) disagreed: the differential report (plain JSON). */
    proxyDifferential?: DifferentialReport;
  }
}
