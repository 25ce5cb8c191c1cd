/**
 * Values of WIT types, as the WAVE codec, traces and comparisons see them.
 *
 * A value is always read together with its WIT type, so the representation is
 * the lightest that keeps every case distinct:
 *
 * | WIT type                  | Value                                             |
 * |---------------------------|---------------------------------------------------|
 * | bool                      | `boolean`                                         |
 * | s8..s32, u8..u32          | `number` (an integer in range)                    |
 * | s64, u64                  | `bigint`                                          |
 * | f32, f64                  | `number` (an f32 is already rounded to f32)       |
 * | char                      | `string` of one code point                        |
 * | string                    | `string`                                          |
 * | list, fixed list, tuple   | `Value[]`                                         |
 * | record                    | `{ [kebab-field]: Value }`, every field present   |
 * | variant, option, result   | `{ tag, value? }` (`some`/`none`, `ok`/`err`)     |
 * | enum                      | `string` (the case name)                          |
 * | flags                     | `string[]` of the set flags, in declaration order |
 * | own<r>, borrow<r>         | `ResourceHandle`                                  |
 *
 * Record fields keep their WIT (kebab-case) names; the jco bridge converts to
 * camelCase. An absent `option` field is `none`, never missing.
 *
 * @example
 * // record entry { key: string, ttl: option<u64> } written in WAVE as {key: "a"}
 * const entry: Value = { key: 'a', ttl: { tag: 'none' } };
 */

/** A handle to a resource, numbered by the trace or host that made it. */
export class ResourceHandle {
  constructor(
    /** The handle's number, stable within one trace: the first handle seen is 1. */
    readonly id: number,
  ) {}
}

/** A case of a variant, option (`some`/`none`) or result (`ok`/`err`). */
export interface CaseValue {
  readonly tag: string;
  /** The payload, absent for a case without payload. */
  readonly value?: Value;
}

export interface RecordValue {
  readonly [field: string]: Value;
}

export type Value =
  | boolean
  | number
  | bigint
  | string
  | readonly Value[]
  | CaseValue
  | RecordValue
  | ResourceHandle;

/** `none`: one shared instance, since it carries nothing. */
export const NONE: CaseValue = Object.freeze({ tag: 'none' });

export function some(value: Value): CaseValue {
  return { tag: 'some', value };
}

export function ok(value?: Value): CaseValue {
  return value === undefined ? { tag: 'ok' } : { tag: 'ok', value };
}

export function err(value?: Value): CaseValue {
  return value === undefined ? { tag: 'err' } : { tag: 'err', value };
}

export function variantCase(tag: string, value?: Value): CaseValue {
  return value === undefined ? { tag } : { tag, value };
}
