import { test, fc } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { valuesEqual } from '../../src/values/equal.js';
import { NONE, ResourceHandle, some, type Value } from '../../src/values/value.js';
import { printValue } from '../../src/wave/print.js';
import { parseValue } from '../../src/wave/parse.js';
import { valueArbitrary } from '../../src/fuzz/arbitrary.js';
import { primitive, type WitType } from '../../src/wit/types.js';
import { witTypeArbitrary } from '../support/wit-type-arbitrary.js';

const { f32, f64, s32, u64, string, char } = primitive;
const ttlRecord: WitType = {
  kind: 'record',
  fields: [
    { name: 'key', type: string },
    { name: 'ttl', type: { kind: 'option', some: u64 } },
  ],
};
const flags: WitType = { kind: 'flags', flags: ['read', 'write', 'exec'] };

describe('valuesEqual: documented consequences of "equal when printed equal"', () => {
  it('takes every NaN as equal to every NaN', () => {
    const otherNaN = new Float64Array(new BigUint64Array([0x7ff8000000000123n]).buffer)[0] as number;
    expect(valuesEqual(f64, NaN, otherNaN)).toBe(true);
    expect(valuesEqual(f32, NaN, NaN)).toBe(true);
    expect(valuesEqual(f64, NaN, 0)).toBe(false);
  });

  it('tells -0 from 0 for floats, not for integers', () => {
    expect(valuesEqual(f64, -0, 0)).toBe(false);
    expect(valuesEqual(f32, -0, -0)).toBe(true);
    expect(valuesEqual(s32, -0, 0)).toBe(true);
  });

  it('compares f32 after rounding to f32', () => {
    expect(valuesEqual(f32, 0.1, Math.fround(0.1))).toBe(true);
    expect(valuesEqual(f64, 0.1, Math.fround(0.1))).toBe(false);
  });

  it('takes a none field and a left-out field as the same', () => {
    expect(valuesEqual(ttlRecord, { key: 'a', ttl: NONE }, { key: 'a' })).toBe(true);
    expect(valuesEqual(ttlRecord, { key: 'a', ttl: some(1n) }, { key: 'a' })).toBe(false);
  });

  it('compares flags as sets', () => {
    expect(valuesEqual(flags, ['read', 'exec'], ['exec', 'read'])).toBe(true);
    expect(valuesEqual(flags, ['read', 'read'], ['read'])).toBe(true);
    expect(valuesEqual(flags, ['read'], ['read', 'write'])).toBe(false);
  });

  it('compares strings and chars by content, however they were written', () => {
    expect(valuesEqual(string, parseValue('"\\u{1f600}"', string), '😀')).toBe(true);
    expect(valuesEqual(char, parseValue("'\\u{41}'", char), 'A')).toBe(true);
  });

  it('compares handles by id and cases by tag and payload', () => {
    const own: WitType = { kind: 'own', resource: { kind: 'resource', name: { name: 'r' }, id: 'r' } };
    expect(valuesEqual(own, new ResourceHandle(2), new ResourceHandle(2))).toBe(true);
    expect(valuesEqual(own, new ResourceHandle(2), new ResourceHandle(3))).toBe(false);
    const result: WitType = { kind: 'result', ok: u64, err: u64 };
    expect(valuesEqual(result, { tag: 'ok', value: 1n }, { tag: 'err', value: 1n })).toBe(false);
    expect(valuesEqual(result, { tag: 'ok', value: 1n }, { tag: 'ok', value: 1n })).toBe(true);
  });

  it('is false, not an exception, for shapes that do not fit', () => {
    expect(valuesEqual(ttlRecord, { key: 'a' }, [] as Value)).toBe(false);
    expect(valuesEqual({ kind: 'list', element: s32 }, [1], [1, 2])).toBe(false);
  });
});

/** Two values of one type: independent ones, and ones derived from each other to be often equal. */
const typedPair = witTypeArbitrary().chain((type) => {
  const values = valueArbitrary(type, { maxListLength: 4, maxStringLength: 8 });
  return fc.oneof(
    fc.tuple(values, values),
    values.map((value): [Value, Value] => [value, parseValue(printValue(value, type), type)]),
    values.map((value): [Value, Value] => [value, value]),
  ).map(([a, b]) => ({ type, a, b }));
});

describe('valuesEqual: the law', () => {
  test.prop([typedPair], { numRuns: 1000 })('equal exactly when the canonical prints are equal', ({ type, a, b }) => {
    expect(valuesEqual(type, a, b)).toBe(printValue(a, type) === printValue(b, type));
  });

  test.prop([fc.float(), fc.float()])('holds for f32 edge values', (a, b) => {
    expect(valuesEqual(f32, a, b)).toBe(printValue(a, f32) === printValue(b, f32));
  });

  test.prop([fc.double(), fc.double()])('holds for f64 edge values', (a, b) => {
    expect(valuesEqual(f64, a, b)).toBe(printValue(a, f64) === printValue(b, f64));
  });
});
