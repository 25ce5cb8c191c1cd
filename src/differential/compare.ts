/**
 * Compares runs of the same plan on several engines, call by call.
 *
 * Values compare by typed equality (src/values/equal.ts), through its law:
 * two values are equal exactly when their canonical WAVE prints are, so the
 * prints serve as grouping keys. The normalisations that follow, and ours:
 * - NaN: every NaN equals every NaN, whatever its payload (V8 keeps NaN bits
 *   where SpiderMonkey canonicalises them; JS numbers cannot be trusted with
 *   payloads, so no engine is blamed for them). `-0` differs from `0`.
 * - traps compare by kind: a trap equals a trap, whatever its message (each
 *   engine words them its own way); the messages are shown, not compared.
 * - timeouts and calls not run are never compared as output: they are
 *   reported on their own.
 * - import calls compare by function and arguments, in order, between the
 *   engines that observe them; the version of the function's interface is
 *   left out (jco gives two versions of one interface one shared import
 *   object, so it cannot tell which of them a call went to).
 *
 * Who is named: the engines outside the majority (vote.ts), unless the plan
 * is a trace whose calls carry their outcome and import calls (recorded, or
 * a campaign plan, whose outcomes are the truth): the engines that differ
 * from the trace are named then, however many they are. A call closed by
 * `expect` lines (a saved fuzz failure) has no such outcome and is voted on.
 *
 * The verdict is judged here, once for every caller (report.ts): an engine
 * whose run has a `failure` could not run the component; it is listed with
 * its reason, never counted as a divergence, and the verdict is among the
 * engines that ran. What it did run before failing is still compared.
 */
import { printCallPositional, printValue } from '../wave/index.js';
import { unversionedCallName } from '../wit/lookup.js';
import { nonReturnText, type CallReport, type EngineOutcome, type EngineRun, type PlannedCall } from '../engines/engine.js';
import type { CallOutcome, ExportCall } from '../trace/model.js';
import type { DifferentialReport, DifferentialVerdict, EngineColumn } from './report.js';
import { vote, voteWithTruth, type Vote } from './vote.js';

export interface CompareContext {
  /** The trace the plan came from, for the report. */
  readonly file?: string;
  /** Per call, what the trace says it must give (traceTruth), or undefined where it says nothing. */
  readonly truth?: readonly (CallTruth | undefined)[];
}

/** What a trace says one export call gives: its outcome and its import calls, as comparison keys. */
export interface CallTruth {
  readonly outcome: string;
  readonly imports: string;
}

/** The truth of each call of a trace: its outcome and import calls, except for calls checked by property (`expect`), which say nothing. */
export function traceTruth(calls: readonly ExportCall[]): (CallTruth | undefined)[] {
  return calls.map((call) => {
    if (call.expect !== undefined) return undefined;
    const outcome = outcomeKey(call, call.outcome);
    if (outcome === undefined) return undefined;
    const imports = call.imports.map((made) => printCallPositional(unversionedCallName(made.name), made.function.function.params, made.args)).join('\n');
    return { outcome, imports };
  });
}

/** The comparison key of an outcome; undefined for outcomes never compared (timeouts, not run). */
export function outcomeKey(call: PlannedCall, outcome: EngineOutcome | CallOutcome): string | undefined {
  switch (outcome.kind) {
    case 'return': {
      const type = call.function.function.result;
      return type === undefined || outcome.value === undefined ? 'return' : `return ${printValue(outcome.value, type)}`;
    }
    case 'trap':
      return 'trap';
    case 'invalid':
      return 'invalid';
    case 'timeout':
    case 'not-run':
      return undefined;
  }
}

/** The import calls of a report as WAVE calls, or undefined when the engine cannot observe them. */
export function importLines(report: CallReport): string[] | undefined {
  return report.imports?.map((made) => printCallPositional(made.name, made.function.function.params, made.args));
}

/** The comparison key of a report's import calls (see the top of this file), or undefined when the engine cannot observe them. */
export function importKey(report: CallReport): string | undefined {
  return report.imports?.map((made) => printCallPositional(unversionedCallName(made.name), made.function.function.params, made.args)).join('\n');
}

/** How an outcome reads in a report: the value in WAVE, or the trap message, and so on. */
export function outcomeText(call: PlannedCall, outcome: EngineOutcome): string {
  return outcome.kind === 'return' ? (outcomeKey(call, outcome) as string) : nonReturnText(outcome);
}

export function compareRuns(calls: readonly PlannedCall[], runs: readonly EngineRun[], context: CompareContext = {}): DifferentialReport {
  const timeouts: DifferentialReport['timeouts'][number][] = [];
  let firstDivergence: DifferentialReport['divergence'];
  let divergentCalls = 0;
  for (const [index, call] of calls.entries()) {
    const outcomes = new Map<string, string>();
    const imports = new Map<string, string>();
    for (const run of runs) {
      const report = run.calls[index];
      if (report === undefined) continue;
      if (report.outcome.kind === 'timeout') timeouts.push({ engine: run.engine, callIndex: index, call: call.name });
      const key = outcomeKey(call, report.outcome);
      if (key === undefined) continue;
      outcomes.set(run.engine, key);
      const madeKey = importKey(report);
      if (madeKey !== undefined) imports.set(run.engine, madeKey);
    }
    const truth = context.truth?.[index];
    const outcomeVote = truth === undefined ? vote(outcomes) : voteWithTruth(outcomes, truth.outcome);
    const importVote = truth === undefined ? vote(imports) : voteWithTruth(imports, truth.imports);
    const differing: [Vote, 'outcome' | 'imports'] | undefined =
      outcomeVote.groups.length > 1 ? [outcomeVote, 'outcome'] : importVote.groups.length > 1 ? [importVote, 'imports'] : undefined;
    if (differing === undefined) continue;
    divergentCalls++;
    if (firstDivergence !== undefined) continue;
    const [decided, aspect] = differing;
    firstDivergence = {
      callIndex: index,
      call: printCallPositional(call.name, call.function.function.params, call.args),
      ...(call.line === undefined ? {} : { line: call.line }),
      aspect,
      columns: runs.filter((run) => run.failure === undefined || run.calls[index]?.outcome.kind !== 'not-run').map((run) => column(call, run.engine, run.calls[index])),
      groups: decided.groups,
      oddOnesOut: decided.oddOnesOut,
      verdict: decided.verdict,
      ...(truth === undefined ? {} : { judge: 'trace' as const }),
    };
  }
  const couldNotRun = runs.flatMap((run) => (run.failure === undefined ? [] : [{ engine: run.engine, reason: firstLine(run.failure) }]));
  const ran = runs.filter((run) => run.failure === undefined).map((run) => run.engine);
  const partial = runs.flatMap((run) => {
    if (run.failure !== undefined) return [];
    const notRun = run.calls.map((report) => report.outcome).filter((outcome) => outcome.kind === 'not-run');
    if (notRun.length === 0) return [];
    return [{ engine: run.engine, ran: run.calls.length - notRun.length, reason: firstLine((notRun[0] as { reason: string }).reason) }];
  });
  const verdict: DifferentialVerdict = firstDivergence !== undefined ? 'diverge' : ran.length < 2 ? 'too-few-engines' : 'agree';
  return {
    ...(context.file === undefined ? {} : { file: context.file }),
    engines: runs.map((run) => ({ name: run.engine, elapsedMs: Math.round(run.elapsedMs) })),
    calls: calls.length,
    verdict,
    ran,
    couldNotRun,
    partial,
    divergentCalls,
    ...(firstDivergence === undefined ? {} : { divergence: firstDivergence }),
    timeouts,
  };
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? text;
}

function column(call: PlannedCall, engine: string, report: CallReport | undefined): EngineColumn {
  if (report === undefined) return { engine, outcome: 'not run: no report' };
  const lines = importLines(report);
  return lines === undefined ? { engine, outcome: outcomeText(call, report.outcome) } : { engine, outcome: outcomeText(call, report.outcome), imports: lines };
}
