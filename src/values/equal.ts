/**
 * Typed equality of values.
 *
 * Decision: two values of a type are equal exactly when their canonical WAVE
 * prints are equal (`printValue(a, t) === printValue(b, t)`). It is decided
 * directly here, without printing, and property tests hold it to that law.
 * What follows from it:
 * - every NaN equals every NaN (all print as `nan`), and `-0` differs from `0`;
 * - an f32 compares after rounding to f32 (`Math.fround`), as it prints;
 * - integers compare by value (`-0` and `0` as an s32 are both `0`);
 * - a record field `ttl: none` equals the field left out (`undefined`), since
 *   the printer omits both;
 * - flags compare as sets (order and repetition do not matter);
 * - strings compare by content: `"\u{1f600}"` and the literal emoji are the
 *   same string once parsed;
 * - resource handles compare by `id`.
 * The law is about values that fit the type (the printer rejects others);
 * for values that do not, the answer is false where their shapes differ and
 * otherwise unspecified, but never an exception.
 */
import type { WitType } from '../wit/types.js';
import type { CaseValue, RecordValue, Value } from './value.js';

export function valuesEqual(type: WitType, a: Value, b: Value): boolean {
  if (a === b && type.kind !== 'f32' && type.kind !== 'f64') return true; // -0 === 0, yet they print apart
  switch (type.kind) {
    case 'bool':
    case 's8':
    case 's16':
    case 's32':
    case 'u8':
    case 'u16':
    case 'u32':
    case 's64':
    case 'u64':
    case 'char':
    case 'string':
    case 'enum':
      return false; // primitives equal only when ===, handled above
    case 'f32':
      return typeof a === 'number' && typeof b === 'number' && sameFloat(Math.fround(a), Math.fround(b));
    case 'f64':
      return typeof a === 'number' && typeof b === 'number' && sameFloat(a, b);
    case 'list':
    case 'tuple': {
      if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
      const left = a as readonly Value[];
      const right = b as readonly Value[];
      if (type.kind === 'list' && SAME_WHEN_IDENTICAL.has(type.element.kind)) {
        // Elements that are equal exactly when === (a body's bytes): no call per element.
        for (let i = 0; i < left.length; i++) if (left[i] !== right[i]) return false;
        return true;
      }
      for (let i = 0; i < left.length; i++) {
        const elementType = type.kind === 'list' ? type.element : type.elements[i];
        if (elementType === undefined || !valuesEqual(elementType, left[i] as Value, right[i] as Value)) return false;
      }
      return true;
    }
    case 'record': {
      if (!isObject(a) || !isObject(b)) return false;
      for (const field of type.fields) {
        const left = (a as RecordValue)[field.name];
        const right = (b as RecordValue)[field.name];
        if (field.type.kind === 'option') {
          if (!valuesEqual(field.type, left ?? NONE_VALUE, right ?? NONE_VALUE)) return false;
        } else if (left === undefined || right === undefined || !valuesEqual(field.type, left, right)) {
          return false;
        }
      }
      return true;
    }
    case 'variant':
    case 'option':
    case 'result': {
      if (!isObject(a) || !isObject(b)) return false;
      const left = a as CaseValue;
      const right = b as CaseValue;
      if (left.tag !== right.tag) return false;
      const payloadType = casePayloadType(type, left.tag);
      if (payloadType === undefined) return left.value === undefined && right.value === undefined;
      return left.value !== undefined && right.value !== undefined && valuesEqual(payloadType, left.value, right.value);
    }
    case 'flags': {
      if (!Array.isArray(a) || !Array.isArray(b)) return false;
      const left = new Set(a as readonly Value[]);
      const right = new Set(b as readonly Value[]);
      if (left.size !== right.size) return false;
      for (const flag of left) if (!right.has(flag)) return false;
      return true;
    }
    case 'own':
    case 'borrow':
      return isObject(a) && isObject(b) && (a as { id?: unknown }).id === (b as { id?: unknown }).id;
    case 'future':
    case 'stream':
    case 'error-context':
      return false;
  }
}

const NONE_VALUE: CaseValue = { tag: 'none' };

/** The kinds whose values are equal exactly when they are === (see the first cases above). */
const SAME_WHEN_IDENTICAL: ReadonlySet<WitType['kind']> = new Set(['bool', 's8', 's16', 's32', 'u8', 'u16', 'u32', 's64', 'u64', 'char', 'string', 'enum']);

/** Same float as printed: NaNs all alike, `-0` unlike `0`. */
function sameFloat(a: number, b: number): boolean {
  return a === b ? a !== 0 || 1 / a === 1 / b : a !== a && b !== b;
}

function isObject(value: Value): boolean {
  return typeof value === 'object' && value !== null;
}

/** The payload type of case `tag`, or undefined for a case without payload (or no such case). */
function casePayloadType(type: Extract<WitType, { kind: 'variant' | 'option' | 'result' }>, tag: string): WitType | undefined {
  switch (type.kind) {
    case 'option':
      return tag === 'some' ? type.some : undefined;
    case 'result':
      return tag === 'ok' ? type.ok : tag === 'err' ? type.err : undefined;
    case 'variant':
      return type.cases.find((c) => c.name === tag)?.type;
  }
}
