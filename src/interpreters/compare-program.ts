/**
 * One program's runs on every engine, compared after normalisation by the
 * differential machinery (src/differential/compare.ts: typed equality of the
 * results, majority vote, timeouts reported and never compared).
 */
import { compareRuns } from '../differential/compare.js';
import type { DifferentialReport } from '../differential/report.js';
import type { CallReport, EngineOutcome, PlannedCall } from '../engines/engine.js';
import { interpreterResult, normaliseOutcome, type InterpreterResult, type NormalisationRule } from './normalise.js';

export interface ProgramComparison {
  readonly report: DifferentialReport;
  /** Each engine's outcome after normalisation, in engine order. */
  readonly outcomes: readonly EngineOutcome[];
  /** The rules that changed each engine's result, in engine order. */
  readonly applied: readonly (readonly string[])[];
}

export function compareProgram(call: PlannedCall, engines: readonly string[], reports: readonly CallReport[], rules: readonly NormalisationRule[]): ProgramComparison {
  const normalised = reports.map((report) => normaliseOutcome(report.outcome, rules));
  const runs = engines.map((engine, index) => ({ engine, calls: [{ outcome: (normalised[index] as { value: EngineOutcome }).value }], elapsedMs: 0 }));
  return { report: compareRuns([call], runs), outcomes: normalised.map((entry) => entry.value), applied: normalised.map((entry) => entry.applied) };
}

/** The interpreter result of an outcome, when it returned one. */
export function resultOf(outcome: EngineOutcome): InterpreterResult | undefined {
  return outcome.kind === 'return' ? interpreterResult(outcome.value) : undefined;
}

/**
 * What a divergence looks like, for shrinking: for each engine, the group it
 * falls in (numbered by first appearance) and how its run ended (`ok`,
 * `err:<ErrorType>`, `trap`). A shrunk program must keep the same shape, so
 * that shrinking does not wander off to another difference. Undefined when
 * the engines agree or an engine has no comparable outcome (timeout).
 */
export function divergenceShape(outcomes: readonly EngineOutcome[], keyOf: (outcome: EngineOutcome) => string | undefined): string | undefined {
  const keys = outcomes.map(keyOf);
  if (keys.some((key) => key === undefined)) return undefined;
  if (new Set(keys).size <= 1) return undefined;
  const groups = new Map<string, number>();
  return outcomes
    .map((outcome, index) => {
      const key = keys[index] as string;
      if (!groups.has(key)) groups.set(key, groups.size);
      return `${groups.get(key)}:${endingOf(outcome)}`;
    })
    .join(' ');
}

function endingOf(outcome: EngineOutcome): string {
  if (outcome.kind !== 'return') return outcome.kind;
  const result = interpreterResult(outcome.value);
  if (result === undefined) return 'return';
  if (result.ok) return 'ok';
  const last = result.error.trimEnd().split('\n').at(-1) ?? '';
  return `err:${/^[\w.]+/.exec(last)?.[0] ?? '?'}`;
}
