/**
 * When a mutant trace must not pass. Replay is deterministic: with the same
 * calls before it, the same export call with the same import answers makes
 * the same import calls and ends the same way. So, walking the original and
 * the mutant call by call while they are the same: at the first export call
 * that differs, if its function and arguments are the same, then
 *
 * - an import call with another function or other arguments, one more or
 *   one fewer, before any import answer differs, or
 * - the same import calls and answers but another outcome (a return value;
 *   traps compare by kind, their messages are the engine's words),
 *
 * is a value the component depends on, changed: replaying the mutant must
 * not pass. A changed argument or import answer changes what the component
 * is given: what it does then is not known here, and either verdict may be
 * right. A mutant that does not read must be refused (exit 2).
 */
import { readTrace } from '../../src/trace/read.js';
import type { CallOutcome, ExportCall, Trace } from '../../src/trace/model.js';
import { decodeUtf8 } from '../../src/util/input-file.js';
import { valuesEqual } from '../../src/values/equal.js';
import type { Value } from '../../src/values/value.js';
import type { WorldFunction } from '../../src/wit/world.js';
import type { World } from '../../src/wit/world.js';

export type Expectation =
  /** The mutant does not read: replay must refuse it (exit 2). */
  | { readonly kind: 'unreadable'; readonly why: string }
  /** It reads, and changes a value the component depends on: replay must not pass. */
  | { readonly kind: 'must-not-pass'; readonly why: string }
  /** It reads; any verdict may be right. */
  | { readonly kind: 'either' };

export function expectation(original: Trace, bytes: Uint8Array, world: World, file: string): Expectation {
  let mutant: Trace;
  try {
    mutant = readTrace(decodeUtf8(bytes, file, 'TRACE_SYNTAX'), world, { file });
  } catch (error) {
    return { kind: 'unreadable', why: error instanceof Error ? error.message : String(error) };
  }
  if (mutant.calls.length === 0) return { kind: 'unreadable', why: 'no export call' };
  const why = changedDependency(original.calls, mutant.calls);
  return why === undefined ? { kind: 'either' } : { kind: 'must-not-pass', why };
}

function changedDependency(original: readonly ExportCall[], mutant: readonly ExportCall[]): string | undefined {
  const count = Math.min(original.length, mutant.length);
  for (let i = 0; i < count; i++) {
    const a = original[i] as ExportCall;
    const b = mutant[i] as ExportCall;
    if (a.expect !== undefined || b.expect !== undefined) return undefined;
    if (a.function.function !== b.function.function || !argumentsEqual(a.function, a.args, b.args)) return undefined;
    const imports = Math.max(a.imports.length, b.imports.length);
    for (let j = 0; j < imports; j++) {
      const x = a.imports[j];
      const y = b.imports[j];
      if (x === undefined) return `export call #${i + 1} records an import call more`;
      if (y === undefined) return `export call #${i + 1} records an import call fewer`;
      if (x.function.function !== y.function.function || !argumentsEqual(x.function, x.args, y.args)) return `import call #${j + 1} of export call #${i + 1} is another call`;
      // Another answer: what the component does with it is not known here.
      if (!sameOutcome(x.function, x.outcome, y.outcome)) return undefined;
    }
    if (!sameOutcome(a.function, a.outcome, b.outcome)) return `export call #${i + 1} records another outcome`;
  }
  return undefined;
}

function argumentsEqual(fn: WorldFunction, a: readonly Value[], b: readonly Value[]): boolean {
  return fn.function.params.every((param, i) => valuesEqual(param.type, a[i] as Value, b[i] as Value));
}

/** Outcomes as replay compares them: traps by kind, returns by typed equality. */
function sameOutcome(fn: WorldFunction, a: CallOutcome, b: CallOutcome): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'trap' || b.kind === 'trap') return true;
  const type = fn.function.result;
  if (type === undefined || a.value === undefined || b.value === undefined) return a.value === b.value;
  return valuesEqual(type, a.value, b.value);
}
