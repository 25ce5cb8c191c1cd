/**
 * jco bridge converters of the primitive types, and jco's typed-array rule
 * for lists of numbers. A primitive's Value and its jco value are the same JS
 * value, so one check serves both directions.
 */
import { BIG_INTEGER_RANGES, SMALL_INTEGER_RANGES, type PrimitiveKind } from '../wit/types.js';
import type { Compiled } from './jco-compiled.js';
import { Mismatch, describeFound } from './jco-mismatch.js';
import type { Value } from './value.js';

const LONE_SURROGATE = /\p{Cs}/u;

/** One check serves both directions: a Value and a jco value of a primitive are the same JS value. */
export function primitiveConverter(kind: PrimitiveKind): Compiled {
  const check = primitiveCheck(kind);
  return { toJs: check, fromJs: check };
}

function primitiveCheck(kind: PrimitiveKind): (js: unknown) => Value {
  switch (kind) {
    case 'bool':
      return (js) => {
        if (typeof js !== 'boolean') throw new Mismatch(`expected bool as boolean, found ${describeFound(js)}`);
        return js;
      };
    case 's64':
    case 'u64': {
      const [min, max] = BIG_INTEGER_RANGES[kind as keyof typeof BIG_INTEGER_RANGES];
      return (js) => {
        if (typeof js !== 'bigint') throw new Mismatch(`expected ${kind} as bigint, found ${describeFound(js)}`);
        if (js < min || js > max) throw new Mismatch(`expected ${kind} as bigint in ${min}..${max}, found ${describeFound(js)}`);
        return js;
      };
    }
    case 'f32':
      return (js) => {
        if (typeof js !== 'number') throw new Mismatch(`expected f32 as number, found ${describeFound(js)}`);
        return Math.fround(js);
      };
    case 'f64':
      return (js) => {
        if (typeof js !== 'number') throw new Mismatch(`expected f64 as number, found ${describeFound(js)}`);
        return js;
      };
    case 'char':
      return (js) => {
        if (typeof js !== 'string' || !isOneScalar(js)) throw new Mismatch(`expected char as string of one code point, found ${describeFound(js)}`);
        return js;
      };
    case 'string':
      return (js) => {
        if (typeof js !== 'string') throw new Mismatch(`expected string, found ${describeFound(js)}`);
        if (LONE_SURROGATE.test(js)) throw new Mismatch(`expected string of Unicode scalar values, found a lone surrogate in ${describeFound(js)}`);
        return js;
      };
    default: {
      const [min, max] = SMALL_INTEGER_RANGES[kind as keyof typeof SMALL_INTEGER_RANGES];
      return (js) => {
        if (typeof js !== 'number' || !Number.isInteger(js)) throw new Mismatch(`expected ${kind} as integer number, found ${describeFound(js)}`);
        if (js < min || js > max) throw new Mismatch(`expected ${kind} as integer number in ${min}..${max}, found ${describeFound(js)}`);
        return js === 0 ? 0 : js; // -0 is 0
      };
    }
  }
}

function isOneScalar(s: string): boolean {
  if (s.length === 1) return !LONE_SURROGATE.test(s);
  if (s.length !== 2) return false;
  const high = s.charCodeAt(0);
  const low = s.charCodeAt(1);
  return high >= 0xd800 && high <= 0xdbff && low >= 0xdc00 && low <= 0xdfff;
}

export type TypedArrayClass =
  | Uint8ArrayConstructor | Int8ArrayConstructor | Uint16ArrayConstructor | Int16ArrayConstructor
  | Uint32ArrayConstructor | Int32ArrayConstructor | BigUint64ArrayConstructor | BigInt64ArrayConstructor
  | Float32ArrayConstructor | Float64ArrayConstructor;

/** jco's `array_ty`: the element types whose lists are typed arrays. */
export const TYPED_ARRAYS: Partial<Record<string, TypedArrayClass>> = {
  u8: Uint8Array, s8: Int8Array, u16: Uint16Array, s16: Int16Array, u32: Uint32Array,
  s32: Int32Array, u64: BigUint64Array, s64: BigInt64Array, f32: Float32Array, f64: Float64Array,
};


