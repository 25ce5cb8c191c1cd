/**
 * Normalisation: rewriting what an interpreter printed so that differences
 * that are not differences in the program's behaviour (a file name in a
 * traceback, colour codes, a version banner, an engine's own wording where
 * the language leaves it to the engine) do not count as divergences.
 *
 * Each rule is declared with why it is safe, and every rule that changed
 * anything is listed with the outcome, so that a report shows exactly what
 * was rewritten: nothing is hidden. Rules apply to the interpreter's
 * result, `ok(<stdout>)` or `err({output, error})`, field by field.
 */
import type { EngineOutcome } from '../engines/engine.js';
import type { Value } from '../values/value.js';

export interface NormalisationRule {
  /** Kebab-case name, as reports list it. */
  readonly name: string;
  /** What it rewrites, in one sentence. */
  readonly description: string;
  /** Why what it removes is not a difference in the program's behaviour. */
  readonly why: string;
  /** The part of the result it rewrites: what the program printed, or the error report. */
  readonly field: 'output' | 'error';
  apply(text: string): string;
}

export interface Normalised<T> {
  readonly value: T;
  /** Names of the rules that changed something, in rule order. */
  readonly applied: readonly string[];
}

/** Applies the rules of `field` in order, noting those that changed the text. */
export function normaliseText(text: string, field: NormalisationRule['field'], rules: readonly NormalisationRule[]): Normalised<string> {
  let current = text;
  const applied: string[] = [];
  for (const rule of rules) {
    if (rule.field !== field) continue;
    const next = rule.apply(current);
    if (next !== current) applied.push(rule.name);
    current = next;
  }
  return { value: current, applied };
}

/** The interpreter's result, read from an export's value: `ok(output)` or `err({output, error})` (or `err(error)`). */
export interface InterpreterResult {
  readonly ok: boolean;
  readonly output: string;
  /** The error report; empty for `ok`. */
  readonly error: string;
}

export function interpreterResult(value: Value | undefined): InterpreterResult | undefined {
  if (typeof value !== 'object' || value === null || !('tag' in value)) return undefined;
  const payload = (value as { tag: string; value?: Value }).value;
  if (value.tag === 'ok') return typeof payload === 'string' ? { ok: true, output: payload, error: '' } : undefined;
  if (value.tag !== 'err') return undefined;
  if (typeof payload === 'string') return { ok: false, output: '', error: payload };
  if (typeof payload === 'object' && payload !== null && !Array.isArray(payload)) {
    const record = payload as { output?: Value; error?: Value };
    if (typeof record.output === 'string' && typeof record.error === 'string') return { ok: false, output: record.output, error: record.error };
  }
  return undefined;
}

/** Normalises a result's output and error; the rules that fired are listed once each. */
export function normaliseResult(result: InterpreterResult, rules: readonly NormalisationRule[]): Normalised<InterpreterResult> {
  const output = normaliseText(result.output, 'output', rules);
  const error = result.ok ? { value: '', applied: [] } : normaliseText(result.error, 'error', rules);
  return { value: { ok: result.ok, output: output.value, error: error.value }, applied: [...new Set([...output.applied, ...error.applied])] };
}

/**
 * An engine's outcome with its interpreter result normalised, in the shape of
 * the export's result type (err as a record when the type has one). Outcomes
 * other than a return (traps, timeouts) pass unchanged: a trap is compared by
 * kind anyway, and a timeout is never compared.
 */
export function normaliseOutcome(outcome: EngineOutcome, rules: readonly NormalisationRule[]): Normalised<EngineOutcome> {
  if (outcome.kind !== 'return') return { value: outcome, applied: [] };
  const result = interpreterResult(outcome.value);
  if (result === undefined) return { value: outcome, applied: [] };
  const normalised = normaliseResult(result, rules);
  if (normalised.applied.length === 0) return { value: outcome, applied: [] };
  const errPayload = (outcome.value as { value?: Value }).value;
  const value: Value = normalised.value.ok
    ? { tag: 'ok', value: normalised.value.output }
    : typeof errPayload === 'string'
      ? { tag: 'err', value: normalised.value.error }
      : { tag: 'err', value: { output: normalised.value.output, error: normalised.value.error } };
  return { value: { kind: 'return', value }, applied: normalised.applied };
}
