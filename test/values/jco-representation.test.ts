/**
 * jco's JS representation of each kind of WIT value, observed through a real
 * transpiled component: what the host import receives for toJco(v), what the
 * export returns, and that fromJco reads both back as v.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromJco, toJco } from '../../src/values/jco.js';
import type { Value } from '../../src/values/value.js';
import type { WitType } from '../../src/wit/types.js';
import { buildEchoComponent, cleanUpComponents, echoExport, echoImports, type JcoExports } from '../support/echo-component.js';

const u8: WitType = { kind: 'u8' };
const u32: WitType = { kind: 'u32' };
const string: WitType = { kind: 'string' };
const flagNames = Array.from({ length: 32 }, (_, i) => `flag-${i}`);

const TYPES = {
  record: {
    kind: 'record',
    fields: [
      { name: 'field-one', type: u32 },
      { name: 'http-URL', type: string },
      { name: 'a-b-c', type: { kind: 'option', some: u8 } },
      { name: 'x1y', type: { kind: 'bool' } },
    ],
  },
  nestedOption: { kind: 'option', some: { kind: 'option', some: u32 } },
  tripleOption: { kind: 'option', some: { kind: 'option', some: { kind: 'option', some: u8 } } },
  listOfResults: { kind: 'list', element: { kind: 'result', ok: u32, err: string } },
  flags32: { kind: 'flags', flags: flagNames },
  bytes: { kind: 'list', element: u8 },
  floats: { kind: 'list', element: { kind: 'f32' } },
  doubles: { kind: 'list', element: { kind: 'f64' } },
  longs: { kind: 'list', element: { kind: 's64' } },
  bools: { kind: 'list', element: { kind: 'bool' } },
  chars: { kind: 'list', element: { kind: 'char' } },
  fixedBytes: { kind: 'list', element: u8, length: 4 },
  s64: { kind: 's64' },
  u64: { kind: 'u64' },
  char: { kind: 'char' },
  f32: { kind: 'f32' },
  f64: { kind: 'f64' },
  enum: { kind: 'enum', cases: ['first-case', 'http-URL'] },
  variant: { kind: 'variant', cases: [{ name: 'empty' }, { name: 'full', type: u32 }] },
  listOfBareResults: { kind: 'list', element: { kind: 'result' } },
  tuple: { kind: 'tuple', elements: [u8, string] },
} satisfies Record<string, WitType>;

type Name = keyof typeof TYPES;
const NAMES = Object.keys(TYPES) as Name[];

let exports: JcoExports;
let hostSaw: unknown;

beforeAll(async () => {
  const component = await buildEchoComponent(NAMES.map((name) => TYPES[name]));
  exports = await component.instantiate(echoImports(NAMES.length, (_, arg) => ((hostSaw = arg), arg)));
});

afterAll(cleanUpComponents);

/** Echoes `value` of TYPES[name]: the JS value the host import saw and the export returned. */
function echo(name: Name, value: Value): { host: unknown; returned: unknown } {
  hostSaw = undefined;
  const returned = echoExport(exports, NAMES.indexOf(name))(toJco(value, TYPES[name]));
  expect(fromJco(hostSaw, TYPES[name])).toStrictEqual(value);
  expect(fromJco(returned, TYPES[name])).toStrictEqual(value);
  return { host: hostSaw, returned };
}

describe('jco representation, through a transpiled component', () => {
  it('records are objects keyed by lowerCamelCase names, acronym words lowered (http-URL -> httpUrl)', () => {
    const value = { 'field-one': 1, 'http-URL': 'u', 'a-b-c': { tag: 'some', value: 2 }, x1y: true };
    const { host } = echo('record', value);
    expect(host).toStrictEqual({ fieldOne: 1, httpUrl: 'u', aBC: 2, x1y: true });
  });

  it('option<option<T>> is tagged outside and T | undefined inside', () => {
    expect(echo('nestedOption', { tag: 'none' }).host).toStrictEqual({ tag: 'none' });
    expect(echo('nestedOption', { tag: 'some', value: { tag: 'none' } }).host).toStrictEqual({ tag: 'some', val: undefined });
    expect(echo('nestedOption', { tag: 'some', value: { tag: 'some', value: 5 } }).returned).toStrictEqual({ tag: 'some', val: 5 });
  });

  it('option<option<option<T>>> is nullable again outside (jco alternates)', () => {
    expect(echo('tripleOption', { tag: 'none' }).host).toBeUndefined();
    expect(echo('tripleOption', { tag: 'some', value: { tag: 'none' } }).host).toStrictEqual({ tag: 'none' });
    expect(echo('tripleOption', { tag: 'some', value: { tag: 'some', value: { tag: 'some', value: 3 } } }).host).toStrictEqual({ tag: 'some', val: 3 });
  });

  it('results inside a list are { tag, val } objects; without payloads val is present but undefined', () => {
    const { host } = echo('listOfResults', [{ tag: 'ok', value: 1 }, { tag: 'err', value: 'no' }]);
    expect(host).toStrictEqual([{ tag: 'ok', val: 1 }, { tag: 'err', val: 'no' }]);
    const bare = echo('listOfBareResults', [{ tag: 'ok' }, { tag: 'err' }]).returned;
    expect(bare).toStrictEqual([{ tag: 'ok', val: undefined }, { tag: 'err', val: undefined }]);
  });

  it('flags are objects with every flag as a camelCase boolean (32 is the most wasm-tools allows)', () => {
    const { returned } = echo('flags32', ['flag-0', 'flag-31']);
    const expected = Object.fromEntries(flagNames.map((flag, i) => [`flag${i}`, flag === 'flag-0' || flag === 'flag-31']));
    expect(returned).toStrictEqual(expected);
  });

  it('numeric lists are typed arrays; bool and char lists and fixed-size lists are plain arrays', () => {
    expect(echo('bytes', [0, 255]).returned).toStrictEqual(new Uint8Array([0, 255]));
    expect(echo('floats', [1.5, -0]).returned).toStrictEqual(new Float32Array([1.5, -0]));
    expect(echo('doubles', [0.1]).returned).toStrictEqual(new Float64Array([0.1]));
    expect(echo('longs', [-(2n ** 63n)]).returned).toStrictEqual(new BigInt64Array([-(2n ** 63n)]));
    expect(echo('bools', [true, false]).returned).toStrictEqual([true, false]);
    expect(echo('chars', ['a', '\u{1f600}']).returned).toStrictEqual(['a', '\u{1f600}']);
    expect(echo('fixedBytes', [1, 2, 3, 4]).returned).toStrictEqual([1, 2, 3, 4]);
  });

  it('64-bit integers are bigints, extremes included', () => {
    for (const value of [-(2n ** 63n), 2n ** 63n - 1n, 0n]) expect(echo('s64', value).returned).toBe(value);
    expect(echo('u64', 2n ** 64n - 1n).returned).toBe(2n ** 64n - 1n);
  });

  it('chars are one-code-point strings, non-BMP and NUL included', () => {
    for (const value of ['\u{1f600}', '\u{10ffff}', '\0', '\u{ffff}']) expect(echo('char', value).returned).toBe(value);
  });

  it('floats: NaN stays NaN, -0 stays -0, an f32 arrives rounded to f32', () => {
    expect(echo('f32', NaN).returned).toBeNaN();
    expect(Object.is(echo('f64', -0).returned, -0)).toBe(true);
    hostSaw = undefined;
    const returned = echoExport(exports, NAMES.indexOf('f32'))(0.1);
    expect(hostSaw).toBe(Math.fround(0.1));
    expect(fromJco(returned, TYPES.f32)).toBe(Math.fround(0.1));
  });

  it('list<f32> NaN payloads are copied bit for bit, not canonicalised', () => {
    const bits = new Uint32Array([0x7fc00001, 0xffc00000, 0x7f800001]);
    const returned = echoExport(exports, NAMES.indexOf('floats'))(new Float32Array(bits.buffer)) as Float32Array;
    expect(new Uint32Array(returned.buffer, returned.byteOffset, returned.length)).toStrictEqual(bits);
  });

  it('enums are the WIT case names unchanged; variants are { tag, val } with no val key for an empty case', () => {
    expect(echo('enum', 'http-URL').host).toBe('http-URL');
    expect(echo('variant', { tag: 'empty' }).returned).toStrictEqual({ tag: 'empty' });
    expect(echo('variant', { tag: 'full', value: 9 }).returned).toStrictEqual({ tag: 'full', val: 9 });
    expect(echo('tuple', [1, 'x']).returned).toStrictEqual([1, 'x']);
  });
});

describe('jco representation with flagsAsBigInt', () => {
  it('writes flags as a bigint, bit i for flag i', async () => {
    const type: WitType = { kind: 'flags', flags: ['a', 'b', 'c'] };
    const component = await buildEchoComponent([type], { flagsAsBigInt: true });
    let seen: unknown;
    const bigintExports = await component.instantiate(echoImports(1, (_, arg) => ((seen = arg), arg)));
    const options = { flagsAsBigInt: true };

    const returned = echoExport(bigintExports, 0)(toJco(['a', 'c'], type, undefined, options));

    expect(seen).toBe(0b101n);
    expect(returned).toBe(0b101n);
    expect(fromJco(returned, type, undefined, options)).toStrictEqual(['a', 'c']);
  });
});
