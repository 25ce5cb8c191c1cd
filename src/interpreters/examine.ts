/**
 * One program run once more on every engine, for a report: the outcomes
 * after normalisation grouped by agreement (the engines on each side), the
 * rules that changed each engine's result, the known difference that
 * explains the divergence if one does, and what the component itself
 * returned (for the corpus trace). Used for each shrunk program of a
 * campaign and for each program of a corpus replayed.
 */
import { outcomeKey, outcomeText } from '../differential/compare.js';
import type { CallReport, EngineOutcome, PlannedCall } from '../engines/engine.js';
import type { CallOutcome } from '../trace/model.js';
import type { WorldFunction } from '../wit/world.js';
import type { ReadyEngine } from './campaign-engines.js';
import { compareProgram, resultOf } from './compare-program.js';
import { traceOutcome } from './corpus-trace.js';
import { explain, type DivergenceSide, type KnownDifference } from './explain.js';
import type { InterpreterLanguage } from './languages.js';
import { isNativeCommand } from './native-command-engine.js';
import { programCalls } from './run-programs.js';

export interface ExaminedSide extends DivergenceSide {
  /** The outcome after normalisation, as the differential report words it (`return ok("3\n")`). */
  readonly outcome: string;
}

export interface Examination {
  /** The majority vote's verdict; undefined when every engine agreed. */
  readonly verdict?: string;
  /** Engines grouped by agreeing outcome, largest group first (one group when they agree). */
  readonly sides: readonly ExaminedSide[];
  /** The rules that changed an engine's result, by engine (engines where none did left out). */
  readonly normalised: { readonly [engine: string]: readonly string[] };
  readonly explanation?: KnownDifference;
  /** What the component returned on the first engine that is not native, when it returned or trapped. */
  readonly component?: CallOutcome;
}

/** Engines grouped by agreeing outcome, with each group's interpreter result, for the explainers. */
export function sidesOf(labels: readonly string[], outcomes: readonly EngineOutcome[], keyOf: (outcome: EngineOutcome) => string | undefined): DivergenceSide[] {
  const groups = new Map<string, { engines: string[]; outcome: EngineOutcome }>();
  for (const [index, outcome] of outcomes.entries()) {
    const key = keyOf(outcome);
    if (key === undefined) continue;
    const group = groups.get(key) ?? { engines: [], outcome };
    group.engines.push(labels[index] as string);
    groups.set(key, group);
  }
  return [...groups.values()].map(({ engines, outcome }) => {
    const result = resultOf(outcome);
    return result === undefined ? { engines } : { engines, result };
  });
}

export async function examineProgram(program: string, engines: readonly ReadyEngine[], run: WorldFunction, language: InterpreterLanguage, timeoutMs: number): Promise<Examination> {
  const call = programCalls(run, [program])[0] as PlannedCall;
  const raw: CallReport[] = [];
  for (const engine of engines) {
    const result = await engine.loaded.run([call], { timeoutMs });
    raw.push(result.calls[0] ?? { outcome: { kind: 'not-run', reason: result.failure ?? 'no report' } });
  }
  const labels = engines.map((engine) => engine.label);
  const comparison = compareProgram(call, labels, raw, language.rules);
  const divergence = comparison.report.divergence;
  const groups = divergence?.groups ?? [labels];
  const sides = groups.map((group): ExaminedSide => {
    const outcome = comparison.outcomes[labels.indexOf(group[0] as string)] as EngineOutcome;
    const result = resultOf(outcome);
    return { engines: group, outcome: outcomeText(call, outcome), ...(result === undefined ? {} : { result }) };
  });
  const explanation = divergence === undefined ? undefined : explain({ program, sides }, language.knownDifferences);
  const normalised = Object.fromEntries(comparison.applied.map((rules, e) => [labels[e] as string, rules] as const).filter(([, rules]) => rules.length > 0));
  const reference = engines.findIndex((engine) => !isNativeCommand(engine.label));
  const component = reference < 0 ? undefined : traceOutcome((raw[reference] as CallReport).outcome);
  return {
    ...(divergence === undefined ? {} : { verdict: divergence.verdict }),
    sides,
    normalised,
    ...(explanation === undefined ? {} : { explanation }),
    ...(component === undefined ? {} : { component }),
  };
}

/** The comparison key of a `run` outcome (see outcomeKey), for grouping and shrinking. */
export function runOutcomeKey(run: WorldFunction): (outcome: EngineOutcome) => string | undefined {
  const call = programCalls(run, [''])[0] as PlannedCall;
  return (outcome) => outcomeKey(call, outcome);
}
