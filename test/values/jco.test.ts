import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { isProxyComponentError } from '../../src/errors.js';
import { valueArbitrary } from '../../src/fuzz/arbitrary.js';
import { fromJco, isJcoNullable, jcoConverter, toJco } from '../../src/values/jco.js';
import { ResourceTable } from '../../src/values/resource-table.js';
import type { Value } from '../../src/values/value.js';
import type { WitType } from '../../src/wit/types.js';
import { firstDifference } from '../support/echo-equal.js';
import { witTypeArbitrary } from '../support/wit-type-arbitrary.js';

const u8: WitType = { kind: 'u8' };
const u32: WitType = { kind: 'u32' };
const u64: WitType = { kind: 'u64' };
const string: WitType = { kind: 'string' };
const entry: WitType = { kind: 'record', name: { name: 'entry' }, fields: [{ name: 'key', type: string }, { name: 'ttl', type: u64 }] };
const table: WitType = { kind: 'record', fields: [{ name: 'entries', type: { kind: 'list', element: entry } }] };

/** The message of the VALUE_TYPE error `fn` throws. */
function valueTypeError(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(isProxyComponentError(error) && error.code === 'VALUE_TYPE', String(error)).toBe(true);
    return (error as Error).message;
  }
  throw new Error('expected a VALUE_TYPE error');
}

describe('fromJco validation', () => {
  it('names the path inside the value', () => {
    const js = { entries: [{ key: 'a', ttl: 1n }, { key: 'b', ttl: 2n }, { key: 'c', ttl: 3 }] };
    expect(valueTypeError(() => fromJco(js, table))).toBe('at .entries[2].ttl: expected u64 as bigint, found number 3');
    expect(valueTypeError(() => jcoConverter(table).fromJs(js, undefined, 'args[0]'))).toMatch(/^at args\[0\]\.entries\[2\]\.ttl:/);
  });

  it.each<[string, WitType, unknown, RegExp]>([
    ['a u8 out of range (jco would wrap)', u8, 300, /expected u8 as integer number in 0\.\.255, found number 300/],
    ['a fractional u32', u32, 1.5, /expected u32 as integer number, found number 1.5/],
    ['a negative u64', u64, -1n, /expected u64 as bigint in 0\.\.18446744073709551615, found bigint -1n/],
    ['a truthy number for bool', { kind: 'bool' }, 1, /expected bool as boolean, found number 1/],
    ['two characters for char', { kind: 'char' }, 'ab', /expected char as string of one code point, found string "ab"/],
    ['an empty string for char', { kind: 'char' }, '', /expected char as string of one code point/],
    ['a lone surrogate in a string', string, 'a\ud800b', /lone surrogate/],
    ['an unknown enum case', { kind: 'enum', cases: ['red', 'green'] }, 'blue', /unknown case "blue" of enum: expected one of red, green/],
    ['an unknown variant case', { kind: 'variant', cases: [{ name: 'a' }] }, { tag: 'b' }, /unknown case "b"/],
    ['a missing record field', entry, { key: 'k' }, /at \.ttl: missing field ttl/],
    ['an unknown flag', { kind: 'flags', flags: ['read', 'write'] }, { read: true, exec: true }, /unknown flag "exec"/],
    ['a non-boolean flag', { kind: 'flags', flags: ['read'] }, { read: 1 }, /at \.read: expected boolean, found number 1/],
    ['a Uint8Array for list<u32>', { kind: 'list', element: u32 }, new Uint8Array(4), /expected list<u32> as Uint32Array or array, found Uint8Array of length 4/],
    ['a short fixed-size list', { kind: 'list', element: u8, length: 3 }, [1, 2], /expected list<u8, 3> as array of length 3, found array of length 2/],
    ['a short tuple', { kind: 'tuple', elements: [u8, u8] }, [1], /expected tuple of 2 as array of length 2/],
    ['a bare value for a tagged option', { kind: 'option', some: { kind: 'option', some: u8 } }, 5, /expected option<option<u8>> as \{ tag, val \} object, found number 5/],
    ['a result without tag', { kind: 'result', ok: u8 }, { val: 1 }, /expected result as \{ tag, val \} object/],
  ])('rejects %s', (_, type, js, message) => {
    expect(valueTypeError(() => fromJco(js, type))).toMatch(message);
  });

  it('is lenient only where jco means the same: null options, missing option fields, absent flags, plain numeric arrays', () => {
    const record: WitType = { kind: 'record', fields: [{ name: 'maybe-x', type: { kind: 'option', some: u8 } }] };
    expect(fromJco({}, record)).toStrictEqual({ 'maybe-x': { tag: 'none' } });
    expect(fromJco({ maybeX: null }, record)).toStrictEqual({ 'maybe-x': { tag: 'none' } });
    expect(fromJco(null, { kind: 'flags', flags: ['a'] })).toStrictEqual([]);
    expect(fromJco({ b: true }, { kind: 'flags', flags: ['a', 'b'] })).toStrictEqual(['b']);
    expect(fromJco([1, 2], { kind: 'list', element: u8 })).toStrictEqual([1, 2]);
    expect(fromJco(0.1, { kind: 'f32' })).toBe(Math.fround(0.1));
  });

  it('does not read a missing field named like an Object.prototype member from the prototype', () => {
    const record: WitType = { kind: 'record', fields: [{ name: 'to-string', type: { kind: 'option', some: u8 } }] };
    expect(fromJco({}, record)).toStrictEqual({ 'to-string': { tag: 'none' } });
    expect(fromJco({ toString: 4 }, record)).toStrictEqual({ 'to-string': { tag: 'some', value: 4 } });
  });
});

describe('toJco', () => {
  it('writes flags with more than 32 flags as an object, or as a bigint', () => {
    const flags: WitType = { kind: 'flags', flags: Array.from({ length: 40 }, (_, i) => `f-${i}`) };
    const js = toJco(['f-0', 'f-39'], flags) as Record<string, boolean>;
    expect(Object.keys(js)).toHaveLength(40);
    expect([js.f0, js.f1, js.f39]).toStrictEqual([true, false, true]);
    expect(toJco(['f-0', 'f-39'], flags, undefined, { flagsAsBigInt: true })).toBe((1n << 39n) | 1n);
    expect(fromJco((1n << 39n) | 1n, flags, undefined, { flagsAsBigInt: true })).toStrictEqual(['f-0', 'f-39']);
    expect(valueTypeError(() => fromJco(1n << 40n, flags, undefined, { flagsAsBigInt: true }))).toMatch(/below 2\^40/);
  });

  it('rejects Values that do not fit, with the path in WIT names', () => {
    expect(valueTypeError(() => toJco({ entries: [{ key: 'a', ttl: 5 }] }, table))).toBe('at .entries[0].ttl: expected u64 as bigint, found number 5');
    expect(valueTypeError(() => toJco({ tag: 'maybe' }, { kind: 'option', some: u8 }))).toMatch(/expected option<u8> value as none or some/);
  });

  it('refuses async types with WIT_UNSUPPORTED', () => {
    expect(() => jcoConverter({ kind: 'future' })).toThrow(expect.objectContaining({ code: 'WIT_UNSUPPORTED' }));
  });
});

describe('jcoConverter', () => {
  it('is compiled once per type object and options', () => {
    expect(jcoConverter(entry)).toBe(jcoConverter(entry));
    expect(jcoConverter(entry, { flagsAsBigInt: true })).not.toBe(jcoConverter(entry));
  });

  it('knows jco alternates nullable and tagged options', () => {
    const depth = (n: number): WitType => (n === 0 ? u8 : { kind: 'option', some: depth(n - 1) });
    expect([1, 2, 3, 4].map((n) => isJcoNullable(depth(n)))).toStrictEqual([true, false, true, false]);
  });
});

/** A table in which the handles valueArbitrary makes (1..8) are bound. */
function tableWithHandles(): ResourceTable {
  const resources = new ResourceTable();
  for (let id = 1; id <= 8; id++) resources.bind(id, { id });
  return resources;
}

describe('round trip without a component', () => {
  test.prop([witTypeArbitrary(3).chain((type) => fc.tuple(fc.constant(type), valueArbitrary(type)))], { numRuns: 300 })(
    'fromJco(toJco(v)) is v for every type, resources and 40 flags included',
    ([type, value]) => {
      const resources = tableWithHandles();
      for (const flagsAsBigInt of [false, true]) {
        const js = toJco(value, type, resources, { flagsAsBigInt });
        expect(firstDifference(value, fromJco(js, type, resources, { flagsAsBigInt }) as Value)).toBeUndefined();
      }
    },
  );
});
