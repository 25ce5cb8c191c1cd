/**
 * What the tests of a `.trace` file run under `proxy({ engines: [...] })`: one
 * test per engine and export call. The trace's export calls, with its import
 * answers, run once on every engine, on first need; then each test looks at
 * its own engine and call. The trace itself is a column of the comparison
 * (`trace`): an engine passes a call when it does what the trace recorded
 * (outcome, and import calls where the engine can observe them), so engines
 * that pass agree with each other too. A call that fails shows every engine's
 * outcome of it side by side (src/differential/render.ts), and leaves the
 * report in `task.meta.proxyDifferential` for proxy-component/reporter.
 *
 * Unlike the plain replay, later calls are judged on their own: every engine
 * runs the whole trace whatever happened before. Saved fuzz failures (calls
 * with `expect`) have no recorded outcome: their engines are compared with
 * each other, by majority when there is one.
 *
 * No value import of Vitest here (see runtime.ts).
 */
import { readFile } from 'node:fs/promises';
import type {} from 'vitest';
import { compareRuns, importLines, outcomeKey, outcomeText } from '../differential/compare.js';
import { renderDifferential } from '../differential/render.js';
import type { DifferentialReport } from '../differential/report.js';
import { vote } from '../differential/vote.js';
import type { CallReport, EngineRun } from '../engines/engine.js';
import { ProxyComponentError } from '../errors.js';
import type { ExportCall } from '../trace/model.js';
import { readTrace } from '../trace/read.js';
import { describeIoError } from '../util/io-error.js';
import { decodeComponentWorld } from '../wit/binary/decode.js';
import { runAcrossEngines } from './engine-agreement.js';
import { errorMaker, replayFailure, type CallFailure, type ErrorFactories, type TestContextLike, type TraceReplaySpec } from './runtime.js';

export interface ProxyEngineSettings {
  /**
   * Run every trace test on these engines (`jco`, `node`, `bun`, `deno`, `gjs`, `jsc`, `wasmtime`,
   * `native:<module>`): one test per engine and export call, named `<engine> > <call>`. Imports are
   * answered from the trace on every engine (`passthrough` and `hostModule` do not apply).
   */
  readonly engines?: readonly string[];
}

export interface EngineTraceSpec extends Omit<TraceReplaySpec, 'passthrough' | 'hostModule'> {
  readonly engines: readonly string[];
}

/** The trace's own column in the comparison. */
export const TRACE_COLUMN = 'trace';

export type EngineTraceOutcome = { readonly calls: readonly ExportCall[]; readonly runs: readonly EngineRun[] } | { readonly error: unknown };

export interface EngineCallFailure extends CallFailure {
  /** The comparison of this call across the trace and every engine, when the engine disagrees. */
  readonly differential?: DifferentialReport;
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
      started ??= runTrace(spec).catch((error: unknown) => ({ error }));
      return started;
    },
    check(engine, index, outcome, context) {
      const failure = engineCallFailure(spec, engine, index, outcome);
      if (failure === undefined) return;
      if (failure.differential !== undefined) (context.task.meta as { proxyDifferential?: DifferentialReport }).proxyDifferential = failure.differential;
      const error = makeError(failure.name, failure.message, failure.line, failure.column);
      throw failure.code === undefined ? error : Object.assign(error, { code: failure.code });
    },
  };
}

async function runTrace(spec: EngineTraceSpec): Promise<EngineTraceOutcome> {
  const text = await readFile(spec.file, 'utf8').catch((cause: unknown) => {
    throw new ProxyComponentError('IO', `cannot read ${spec.displayFile}: ${describeIoError(cause)}`, { cause });
  });
  const bytes = await readFile(spec.component).catch((cause: unknown) => {
    throw new ProxyComponentError('IO', `cannot read the component ${spec.component}: ${describeIoError(cause)}`, { cause });
  });
  const component = new Uint8Array(bytes);
  const { calls } = readTrace(text, decodeComponentWorld(component), { file: spec.displayFile });
  const { runs } = await runAcrossEngines({ bytes: component, path: spec.component }, calls, {
    engines: spec.engines,
    ...(spec.timeoutMs === undefined ? {} : { timeoutMs: spec.timeoutMs }),
  });
  return { calls, runs: [traceRun(calls), ...runs] };
}

/** The trace as if it were an engine's run: what it recorded. */
export function traceRun(calls: readonly ExportCall[]): EngineRun {
  return {
    engine: TRACE_COLUMN,
    elapsedMs: 0,
    calls: calls.map((call) => ({
      outcome: call.expect === undefined ? call.outcome : { kind: 'not-run', reason: 'a property call: no recorded outcome' },
      imports: call.imports.map((made) => ({ name: made.name, function: made.function, args: made.args })),
    })),
  };
}

/** Why export call `index` fails on `engine`, as plain data; undefined when it passes. */
export function engineCallFailure(spec: Pick<EngineTraceSpec, 'calls' | 'displayFile'>, engine: string, index: number, outcome: EngineTraceOutcome): EngineCallFailure | undefined {
  const position = spec.calls[index] as TraceReplaySpec['calls'][number];
  if ('error' in outcome) return replayFailure(outcome.error, position);
  const at = { line: position.line, column: position.column };
  const call = outcome.calls[index] as ExportCall;
  const run = outcome.runs.find((candidate) => candidate.engine === engine);
  if (run === undefined) return { name: 'EngineFailure', message: `${engine} did not run (not among the engines configured)`, ...at };
  if (run.failure !== undefined) return { name: 'EngineFailure', message: `${engine} ${run.failure}`, ...at };
  const report = run.calls[index] as CallReport;
  if (report.outcome.kind === 'timeout' || report.outcome.kind === 'not-run') return { name: 'EngineFailure', message: `${engine}: ${outcomeText(call, report.outcome)}`, ...at };
  if (!disagrees(call, engine, index, outcome.runs)) return undefined;
  const differential = callDifferential(call, index, outcome.runs, spec.displayFile);
  return { name: 'EngineDisagreement', message: renderDifferential(differential, { color: false }), ...at, differential };
}

/** Whether the engine's call differs from the trace's record, or, for a property call, from the other engines. */
function disagrees(call: ExportCall, engine: string, index: number, runs: readonly EngineRun[]): boolean {
  const [recorded, ...engines] = runs as [EngineRun, ...EngineRun[]];
  const expected = recorded.calls[index] as CallReport;
  const actual = (engines.find((run) => run.engine === engine) as EngineRun).calls[index] as CallReport;
  const expectedKey = outcomeKey(call, expected.outcome);
  if (expectedKey !== undefined) {
    if (outcomeKey(call, actual.outcome) !== expectedKey) return true;
    const made = importLines(actual);
    return made !== undefined && made.join('\n') !== (importLines(expected) ?? []).join('\n');
  }
  const outcomes = new Map<string, string>();
  const imports = new Map<string, string>();
  for (const run of engines) {
    const report = run.calls[index];
    const key = report === undefined ? undefined : outcomeKey(call, report.outcome);
    if (report === undefined || key === undefined) continue;
    outcomes.set(run.engine, key);
    const lines = importLines(report);
    if (lines !== undefined) imports.set(run.engine, lines.join('\n'));
  }
  return outOfLine(engine, outcomes) || outOfLine(engine, imports);
}

/** Outside the majority, or in any group when there is no majority. */
function outOfLine(engine: string, results: ReadonlyMap<string, string>): boolean {
  if (!results.has(engine)) return false;
  const decided = vote(results);
  if (decided.groups.length <= 1) return false;
  return decided.oddOnesOut.length === 0 || decided.oddOnesOut.includes(engine);
}

/** The comparison of one call, numbered as in the whole trace; the trace's column has no timing. */
function callDifferential(call: ExportCall, index: number, runs: readonly EngineRun[], file: string): DifferentialReport {
  const report = compareRuns([call], runs.map((run) => ({ ...run, calls: run.calls.slice(index, index + 1) })), { file });
  return {
    ...report,
    engines: report.engines.filter((engine) => engine.name !== TRACE_COLUMN),
    ...(report.divergence === undefined ? {} : { divergence: { ...report.divergence, callIndex: index } }),
    timeouts: report.timeouts.map((timeout) => ({ ...timeout, callIndex: index })),
  };
}

declare module 'vitest' {
  interface TaskMeta {
    /** Where engines running a trace test (or toAgreeAcrossEngines) disagreed: the differential report (plain JSON). */
    proxyDifferential?: DifferentialReport;
  }
}
