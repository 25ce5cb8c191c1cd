/**
 * Core WAT that stores a flattened value into linear memory, following the
 * canonical ABI (CanonicalABI.md `store` after `lift_flat`): what an echo
 * function whose result does not fit one core value must do to return its
 * arguments through memory.
 *
 * The flat values are core expressions of the flattened types; inside a
 * variant the payload's values are of the joined types and are coerced back
 * to the case's own (`i32.wrap_i64`, `f32.reinterpret_i32`, ...), one
 * `if` per case with a payload.
 */
import { discriminantSize, fieldOffsets, flagsSize, flatten, payloadOffset, sequenceFields, variantCases, type CoreType } from '../instrument/abi.js';
import type { WitType } from '../wit/types.js';

/** A core value: an expression and the core type it yields. */
export interface FlatValue {
  readonly expr: string;
  readonly core: CoreType;
}

/** `expr` of the joined type `from` as the case's own type `to`. */
export function coerce(value: FlatValue, to: CoreType): FlatValue {
  if (value.core === to) return value;
  const key = `${value.core}->${to}`;
  switch (key) {
    case 'i32->f32':
      return { expr: `(f32.reinterpret_i32 ${value.expr})`, core: to };
    case 'i64->i32':
      return { expr: `(i32.wrap_i64 ${value.expr})`, core: to };
    case 'i64->f32':
      return { expr: `(f32.reinterpret_i32 (i32.wrap_i64 ${value.expr}))`, core: to };
    case 'i64->f64':
      return { expr: `(f64.reinterpret_i64 ${value.expr})`, core: to };
    default:
      throw new Error(`no canonical coercion ${key}`);
  }
}

const PRIMITIVE_STORE: Readonly<Record<string, string>> = {
  bool: 'i32.store8', s8: 'i32.store8', u8: 'i32.store8',
  s16: 'i32.store16', u16: 'i32.store16',
  s32: 'i32.store', u32: 'i32.store', char: 'i32.store',
  s64: 'i64.store', u64: 'i64.store',
  f32: 'f32.store', f64: 'f64.store',
};

function storeOfSize(bytes: 1 | 2 | 4): string {
  return bytes === 1 ? 'i32.store8' : bytes === 2 ? 'i32.store16' : 'i32.store';
}

function at(instruction: string, address: string, offset: number, value: FlatValue): string {
  return `(${instruction} offset=${offset} ${address} ${value.expr})`;
}

/** Instructions that store `values` (the flattening of a value of `type`) at `address` + `offset`. */
export function storeFlat(type: WitType, values: readonly FlatValue[], address: string, offset: number): string[] {
  const primitive = PRIMITIVE_STORE[type.kind];
  if (primitive !== undefined) return [at(primitive, address, offset, values[0] as FlatValue)];
  switch (type.kind) {
    case 'string':
      return [at('i32.store', address, offset, values[0] as FlatValue), at('i32.store', address, offset + 4, values[1] as FlatValue)];
    case 'flags':
      return [at(storeOfSize(flagsSize(type.flags.length)), address, offset, values[0] as FlatValue)];
    case 'list':
      if (type.length === undefined) return [at('i32.store', address, offset, values[0] as FlatValue), at('i32.store', address, offset + 4, values[1] as FlatValue)];
      break;
    case 'own':
    case 'borrow':
      return [at('i32.store', address, offset, values[0] as FlatValue)];
    default:
      break;
  }
  const fields = sequenceFields(type);
  if (fields !== undefined) {
    const { offsets } = fieldOffsets(fields);
    const out: string[] = [];
    let next = 0;
    fields.forEach((field, i) => {
      const count = flatten(field).length;
      out.push(...storeFlat(field, values.slice(next, next + count), address, offset + (offsets[i] as number)));
      next += count;
    });
    return out;
  }
  const cases = variantCases(type);
  if (cases !== undefined) {
    const discriminant = values[0] as FlatValue;
    const out = [at(storeOfSize(discriminantSize(cases.length)), address, offset, discriminant)];
    const payloadAt = offset + payloadOffset(type);
    cases.forEach((c, index) => {
      if (c.type === undefined) return;
      const own = flatten(c.type);
      const payload = own.map((core, i) => coerce(values[1 + i] as FlatValue, core));
      const body = storeFlat(c.type, payload, address, payloadAt).join(' ');
      out.push(`(if (i32.eq ${discriminant.expr} (i32.const ${index})) (then ${body}))`);
    });
    return out;
  }
  throw new Error(`cannot store values of type ${type.kind}`);
}

const PRIMITIVE_LOAD: Readonly<Record<string, readonly [string, CoreType]>> = {
  bool: ['i32.load8_u', 'i32'], u8: ['i32.load8_u', 'i32'], s8: ['i32.load8_s', 'i32'],
  u16: ['i32.load16_u', 'i32'], s16: ['i32.load16_s', 'i32'],
  u32: ['i32.load', 'i32'], s32: ['i32.load', 'i32'], char: ['i32.load', 'i32'],
  u64: ['i64.load', 'i64'], s64: ['i64.load', 'i64'],
  f32: ['f32.load', 'f32'], f64: ['f64.load', 'f64'],
  own: ['i32.load', 'i32'], borrow: ['i32.load', 'i32'],
};

function loadOfSize(bytes: 1 | 2 | 4): string {
  return bytes === 1 ? 'i32.load8_u' : bytes === 2 ? 'i32.load16_u' : 'i32.load';
}

/**
 * The one flat value of a value of `type` stored at `address` + `offset`
 * (canonical ABI `load` then `lower_flat`), for a type that flattens to one
 * core value: what a function returning such a value from memory returns.
 */
export function loadSingleFlat(type: WitType, address: string, offset: number): FlatValue {
  const primitive = PRIMITIVE_LOAD[type.kind];
  if (primitive !== undefined) return { expr: `(${primitive[0]} offset=${offset} ${address})`, core: primitive[1] };
  if (type.kind === 'flags') return { expr: `(${loadOfSize(flagsSize(type.flags.length))} offset=${offset} ${address})`, core: 'i32' };
  const fields = sequenceFields(type);
  if (fields !== undefined && fields.length === 1) return loadSingleFlat(fields[0] as WitType, address, offset);
  const cases = variantCases(type);
  if (cases !== undefined && cases.every((c) => c.type === undefined)) return { expr: `(${loadOfSize(discriminantSize(cases.length))} offset=${offset} ${address})`, core: 'i32' };
  throw new Error(`values of type ${type.kind} do not flatten to one core value`);
}
