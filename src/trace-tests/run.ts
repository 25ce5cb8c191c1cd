/**
 * Running a trace as tests and judging each test, whatever the framework:
 * `runTrace` replays the whole trace once (in the watched replay worker), or
 * runs it on every engine of `engines`; `traceFailures` then says, for every
 * test of `suiteTests` in order, why it fails (plain data) or null.
 *
 * A replay is sequential state, so the whole trace runs once and each test
 * looks at its own export call: calls before the divergence pass, the
 * diverging call fails with the rendered divergence, later calls fail as not
 * reached. Failing rather than skipping them keeps `-t` honest: a filter that
 * selects only later calls must not turn a diverging trace green.
 */
import { renderDivergence } from '../divergence/render.js';
import { ReplayWorker, sharedReplayWorker } from '../engines/jco/worker/replay-worker.js';
import type { ReplayReport } from '../host/replay.js';
import { readTraceFile } from '../trace/trace-file.js';
import { engineCallFailure, runEngineTrace, type EngineRuns } from './engine-judge.js';
import { runFailure, type CallFailure } from './failure.js';
import type { RecordMode } from './options.js';
import { rerecordTrace } from './recording.js';
import { indentColumn, type PlannedCall } from './plan.js';
import { replayedElsewhere, suiteTests, type TraceRunSpec } from './suite.js';

export type TraceOutcome =
  /** The trace replayed (matching, or up to its first divergence); `text` is the trace as replayed; `kept`, why `-u` did not record it again. */
  | { readonly kind: 'replayed'; readonly report: ReplayReport; readonly text?: string; readonly kept?: string }
  /** The trace was recorded again (`-u`): every test passes. */
  | { readonly kind: 'recorded'; readonly calls: number }
  /** The trace ran on every engine of `engines`. */
  | { readonly kind: 'engines'; readonly runs: EngineRuns }
  /** The trace could not be run at all: every test fails with this error. */
  | { readonly kind: 'error'; readonly error: unknown }
  /** A saved failure of inline properties: the test that defines them replays it; every test here is skipped, saying so. */
  | { readonly kind: 'elsewhere'; readonly reason: string };

export interface RunTraceOptions {
  /** Where the trace replays; default: the process's shared replay worker (or one of its own, see below). */
  readonly worker?: ReplayWorker;
  /** The run's record mode (see `recordMode`): with `all` (`-u`) the trace is recorded again first. */
  readonly mode?: RecordMode;
}

/** Runs the trace; never rejects (a failure to run is an outcome). */
export async function runTrace(spec: TraceRunSpec, options: RunTraceOptions = {}): Promise<TraceOutcome> {
  const engines = spec.settings.engines;
  if (spec.replayedBy !== undefined) return { kind: 'elsewhere', reason: replayedElsewhere(spec.replayedBy) };
  try {
    let kept: string | undefined;
    if (options.mode === 'all') {
      const rerecorded = await rerecordTrace(spec.file, spec.displayFile, spec.component, spec.settings);
      if (rerecorded.kind === 'kept') kept = rerecorded.reason;
      else if (engines === undefined || engines.length === 0) return { kind: 'recorded', calls: rerecorded.calls };
    }
    if (engines !== undefined && engines.length > 0) return { kind: 'engines', runs: await runEngineTrace(spec, engines) };
    // The worker streams the file; its text is read here only to place a divergence at its column.
    const report = await replay(spec, options.worker);
    const text = report.divergence === undefined ? undefined : await readTraceFile(spec.file, spec.displayFile).catch(() => undefined);
    return { kind: 'replayed', report, ...(text === undefined ? {} : { text }), ...(kept === undefined ? {} : { kept }) };
  } catch (error) {
    return { kind: 'error', error };
  }
}

async function replay(spec: TraceRunSpec, given: ReplayWorker | undefined): Promise<ReplayReport> {
  const { timeoutMs, passthrough, hostModule, match, redact } = spec.settings;
  // A real host for pass-through interfaces keeps state: each trace gets a worker, and so a host, of its own.
  const own = given === undefined && hostModule !== undefined && passthrough.length > 0 ? new ReplayWorker() : undefined;
  try {
    return await (given ?? own ?? sharedReplayWorker()).replay(spec.component, { path: spec.file }, spec.displayFile, { timeoutMs, passthrough, redact, ...(hostModule === undefined ? {} : { hostModule }), ...(match === undefined ? {} : { match }) });
  } finally {
    await own?.close();
  }
}

/** Why each test of `suiteTests(spec)` fails, in order; null where it passes. */
export function traceFailures(spec: TraceRunSpec, outcome: TraceOutcome): (CallFailure | null)[] {
  return suiteTests(spec).map((test) => {
    if (outcome.kind === 'engines') return engineCallFailure(spec, test.engine as string, test.call, outcome.runs) ?? null;
    return callFailure(spec, test.call, outcome) ?? null;
  });
}

/** Why export call `index` fails in a replay; undefined when it passes. */
export function callFailure(spec: Pick<TraceRunSpec, 'calls'>, index: number, outcome: TraceOutcome): CallFailure | undefined {
  const call = spec.calls[index] as PlannedCall;
  if (outcome.kind === 'error') return runFailure(outcome.error, call);
  if (outcome.kind === 'recorded') return undefined;
  if (outcome.kind === 'elsewhere') return { name: 'ReplayedElsewhere', message: outcome.reason, line: call.line, column: call.column, couldNotRun: true };
  if (outcome.kind !== 'replayed') throw new Error(`proxy-component: callFailure judges replays, not ${outcome.kind}`);
  const failure = replayFailure(spec, index, outcome, call);
  return failure === undefined || outcome.kept === undefined ? failure : { ...failure, message: `${failure.message}\n  (not recorded again under -u: ${outcome.kept})` };
}

function replayFailure(spec: Pick<TraceRunSpec, 'calls'>, index: number, outcome: Extract<TraceOutcome, { kind: 'replayed' }>, call: PlannedCall): CallFailure | undefined {
  const divergence = outcome.report.divergence;
  if (divergence === undefined || divergence.callIndex > index) return undefined;
  if (divergence.callIndex === index) {
    const line = divergence.line ?? call.line;
    const column = line === call.line || outcome.text === undefined ? call.column : indentColumn(outcome.text.split('\n')[line - 1]);
    return { name: 'TraceDivergence', message: renderDivergence(divergence, { color: false }), line, column, divergence };
  }
  const diverged = spec.calls[divergence.callIndex]?.name ?? `call #${divergence.callIndex + 1}`;
  const where = divergence.line === undefined ? '' : ` at line ${divergence.line}`;
  return { name: 'TraceDivergence', message: `not reached: an earlier call diverged${where} (${diverged})`, line: call.line, column: call.column };
}
