/**
 * Judging a trace across engines, for test frameworks (`proxy({ engines })`
 * under Vitest, the Jest preset's `engines`): the trace's export calls, with
 * its import answers, run on every engine; then each engine is judged on each
 * call. The trace itself is a column of the comparison (`trace`): an engine
 * passes a call when it does what the trace recorded (outcome, and import
 * calls where the engine can observe them), so engines that pass agree with
 * each other too. A call that fails carries every engine's outcome of it side
 * by side (a DifferentialReport numbered as in the whole trace).
 *
 * Every engine runs the whole trace whatever happened before, but after a
 * call that failed on an engine, that engine's later calls fail as not
 * reached, as in a replay. An engine that could not run a call (it could
 * not run the component, or its run stopped earlier) is no divergence: the
 * call is marked `couldNotRun`, for the frameworks to skip. Saved fuzz failures (calls with `expect`) have no
 * recorded outcome: their engines are compared with each other, by majority
 * when there is one.
 *
 * Everything here is plain data, so that Jest's bridge thread can send it to
 * the test's sandbox; the frameworks turn failures into their own errors.
 */
import type { CallReport, EngineRun } from '../engines/engine.js';
import type { ExportCall } from '../trace/model.js';
import { readTrace } from '../trace/read.js';
import { readTraceFile, requireCalls } from '../trace/trace-file.js';
import { readComponentFile } from '../util/component-file.js';
import { decodeComponentWorld } from '../wit/binary/decode.js';
import { compareRuns, importKey, outcomeKey, outcomeText } from '../differential/compare.js';
import { runAcrossEngines } from '../differential/engine-agreement.js';
import { renderDifferential } from '../differential/render.js';
import type { DifferentialReport } from '../differential/report.js';
import { vote } from '../differential/vote.js';
import { runFailure, type CallFailure } from './failure.js';
import type { TraceRunSpec } from './suite.js';

/** The trace's own column in the comparison. */
export const TRACE_COLUMN = 'trace';

/** Every engine's run of the whole trace, the trace's own record first (`traceRun`). */
export interface EngineRuns {
  readonly calls: readonly ExportCall[];
  readonly runs: readonly EngineRun[];
}

/**
 * Runs the whole trace on every engine of the spec's `engines` (imports come from the trace on
 * every engine: no pass-through, no host module). Rejects when the trace or component cannot be read.
 */
export async function runEngineTrace(spec: TraceRunSpec, engines: readonly string[]): Promise<EngineRuns> {
  const text = await readTraceFile(spec.file, spec.displayFile);
  const component = await readComponentFile(spec.component);
  const { calls } = requireCalls(readTrace(text, decodeComponentWorld(component), { file: spec.displayFile }), text, spec.displayFile);
  const { runs } = await runAcrossEngines({ bytes: component, path: spec.component }, calls, { engines, timeoutMs: spec.settings.timeoutMs });
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

/**
 * Why export call `index` fails on `engine`, as plain data; undefined when it passes. After a call
 * that failed on an engine, the engine's later calls fail as not reached, as in a replay: what they
 * did depends on a state the trace no longer describes (and `-t` must not turn them green).
 */
export function engineCallFailure(spec: Pick<TraceRunSpec, 'calls' | 'displayFile'>, engine: string, index: number, outcome: EngineRuns | { readonly error: unknown }): CallFailure | undefined {
  const position = spec.calls[index] as TraceRunSpec['calls'][number];
  if ('error' in outcome) return runFailure(outcome.error, position);
  for (let earlier = 0; earlier < index; earlier++) {
    const failure = judgeCall(spec, engine, earlier, outcome);
    if (failure === undefined || failure.couldNotRun === true) continue;
    const name = spec.calls[earlier]?.name ?? `call #${earlier + 1}`;
    return { name: 'EngineDisagreement', message: `not reached: an earlier call failed on ${engine} at line ${failure.line} (${name})`, line: position.line, column: position.column };
  }
  return judgeCall(spec, engine, index, outcome);
}

function judgeCall(spec: Pick<TraceRunSpec, 'calls' | 'displayFile'>, engine: string, index: number, outcome: EngineRuns): CallFailure | undefined {
  const position = spec.calls[index] as TraceRunSpec['calls'][number];
  const at = { line: position.line, column: position.column };
  const call = outcome.calls[index] as ExportCall;
  const run = outcome.runs.find((candidate) => candidate.engine === engine);
  if (run === undefined) return { name: 'EngineFailure', message: `${engine} did not run (not among the engines configured)`, ...at };
  const report = run.calls[index];
  if (report === undefined || report.outcome.kind === 'not-run') {
    const message = run.failure !== undefined ? `${engine} could not run it: ${run.failure}` : `${engine} did not run this call: ${report?.outcome.kind === 'not-run' ? report.outcome.reason : 'no report'}`;
    return { name: 'EngineCouldNotRun', message, ...at, couldNotRun: true };
  }
  if (report.outcome.kind === 'timeout') return { name: 'EngineFailure', message: `${engine}: ${outcomeText(call, report.outcome)}`, ...at };
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
    const made = importKey(actual);
    return made !== undefined && made !== (importKey(expected) ?? '');
  }
  const outcomes = new Map<string, string>();
  const imports = new Map<string, string>();
  for (const run of engines) {
    const report = run.calls[index];
    const key = report === undefined ? undefined : outcomeKey(call, report.outcome);
    if (report === undefined || key === undefined) continue;
    outcomes.set(run.engine, key);
    const made = importKey(report);
    if (made !== undefined) imports.set(run.engine, made);
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
