import { describe, expect, it } from 'vitest';
import { printValue } from '../../src/wave/print.js';
import { NONE, ResourceHandle, some } from '../../src/values/value.js';
import { expectError } from './expect-error.js';
import {
  allOptional, basic, bool, char, color, f32, f64, keywordEnum, keywordFields, list, option, ownThing, permissions,
  result, s64, s8, shape, string, tuple, u32, u64, u8,
} from './types.js';

describe('printValue: canonical forms', () => {
  it('prints primitives', () => {
    expect(printValue(true, bool)).toBe('true');
    expect(printValue(-128, s8)).toBe('-128');
    expect(printValue(4294967295, u32)).toBe('4294967295');
    expect(printValue(-(2n ** 63n), s64)).toBe('-9223372036854775808');
    expect(printValue(2n ** 64n - 1n, u64)).toBe('18446744073709551615');
    expect(printValue(-0, s8)).toBe('0');
  });

  it('prints floats without exponent, with the shortest digits for the width', () => {
    expect(printValue(NaN, f64)).toBe('nan');
    expect(printValue(Infinity, f32)).toBe('inf');
    expect(printValue(-Infinity, f64)).toBe('-inf');
    expect(printValue(-0, f32)).toBe('-0');
    expect(printValue(0, f64)).toBe('0');
    expect(printValue(Math.fround(3.4028234664e38), f32)).toBe('340282350000000000000000000000000000000');
    expect(printValue(2 ** -149, f32)).toBe('0.000000000000000000000000000000000000000000001');
    expect(printValue(Math.fround(0.1), f32)).toBe('0.1');
    expect(printValue(0.1, f32)).toBe('0.1');
    expect(printValue(Math.fround(0.1), f64)).toBe('0.10000000149011612');
    expect(printValue(1e21, f64)).toBe('1000000000000000000000');
    expect(printValue(-1.5e-7, f64)).toBe('-0.00000015');
    expect(printValue(-3.1415, f32)).toBe('-3.1415');
  });

  it('escapes chars and strings as the reference does', () => {
    expect(printValue("'", char)).toBe("'\\''");
    expect(printValue('"', char)).toBe("'\\\"'");
    expect(printValue('\0', char)).toBe("'\\u{0}'");
    expect(printValue('🌊', char)).toBe("'🌊'");
    expect(printValue('\\\'"\t\n\r', string)).toBe('"\\\\\\\'\\"\\t\\n\\r"');
    expect(printValue('bell\u0007 del\u007f c1\u0085', string)).toBe('"bell\\u{7} del\\u{7f} c1\\u{85}"');
    expect(printValue('☃ é 😀', string)).toBe('"☃ é 😀"');
  });

  it('escapes what Rust does not print literally: format, unassigned, odd spaces, grapheme extenders', () => {
    expect(printValue('a\u200bb', string)).toBe('"a\\u{200b}b"'); // zero width space (Cf)
    expect(printValue('\u00a0', string)).toBe('"\\u{a0}"'); // no-break space (Zs)
    expect(printValue('\u2028', string)).toBe('"\\u{2028}"'); // line separator (Zl)
    expect(printValue('e\u0301', string)).toBe('"e\\u{301}"'); // combining acute accent
    expect(printValue('\u{e000}', string)).toBe('"\\u{e000}"'); // private use
    expect(printValue('\u{10ffff}', char)).toBe("'\\u{10ffff}'"); // noncharacter, unassigned
  });

  it('prints lists, tuples, records, variants, enums, options, results and flags', () => {
    expect(printValue([], list(u8))).toBe('[]');
    expect(printValue([1, 2], list(u8))).toBe('[1, 2]');
    expect(printValue(['a', 1], tuple(string, u8))).toBe('("a", 1)');
    expect(printValue({ required: 1, optional: NONE }, basic)).toBe('{required: 1}');
    expect(printValue({ required: 1, optional: some(2) }, basic)).toBe('{required: 1, optional: some(2)}');
    expect(printValue({ a: NONE, b: NONE }, allOptional)).toBe('{:}');
    expect(printValue({ b: some(2), a: some(1) }, allOptional)).toBe('{a: some(1), b: some(2)}');
    expect(printValue({ tag: 'circle', value: 1.5 }, shape)).toBe('circle(1.5)');
    expect(printValue({ tag: 'empty' }, shape)).toBe('empty');
    expect(printValue('red', color)).toBe('red');
    expect(printValue(NONE, option(u8))).toBe('none');
    expect(printValue(some(NONE), option(option(u8)))).toBe('some(none)');
    expect(printValue({ tag: 'ok' }, result())).toBe('ok');
    expect(printValue({ tag: 'err', value: 'oops' }, result(u8, string))).toBe('err("oops")');
    expect(printValue([], permissions)).toBe('{}');
    expect(printValue(['exec', 'read'], permissions)).toBe('{read, exec}');
    expect(printValue(new ResourceHandle(3), ownThing)).toBe('#3');
  });

  it('writes % before keyword cases only, never before fields or flags', () => {
    expect(printValue({ tag: 'none', value: 1 }, shape)).toBe('%none(1)');
    expect(printValue({ tag: 'some' }, shape)).toBe('%some');
    expect(printValue('nan', keywordEnum)).toBe('%nan');
    const record = { true: 1, false: 2, some: 3, none: 4, ok: 5, err: 6, inf: 7, nan: 8 };
    expect(printValue(record, keywordFields)).toBe('{true: 1, false: 2, some: 3, none: 4, ok: 5, err: 6, inf: 7, nan: 8}');
    expect(printValue(['true', 'none'], { kind: 'flags', flags: ['true', 'none'] })).toBe('{true, none}');
  });

  it('treats a left-out option field as none', () => {
    expect(printValue({ required: 1 }, basic)).toBe('{required: 1}');
  });
});

describe('printValue: values that do not fit the type', () => {
  it('rejects them with VALUE_TYPE', () => {
    expectError(() => printValue(256, u8), 'VALUE_TYPE', undefined, 'expected a value of u8, got 256');
    expectError(() => printValue(1.5, u8), 'VALUE_TYPE');
    expectError(() => printValue(1, u64), 'VALUE_TYPE', undefined, 'expected a value of u64, got 1');
    expectError(() => printValue('ab', char), 'VALUE_TYPE');
    expectError(() => printValue('\ud800', string), 'VALUE_TYPE', undefined, 'unpaired surrogate');
    expectError(() => printValue([1], list(u8, 2)), 'VALUE_TYPE');
    expectError(() => printValue({ optional: NONE }, basic), 'VALUE_TYPE', undefined, 'lacks field `required`');
    expectError(() => printValue({ tag: 'circle' }, shape), 'VALUE_TYPE');
    expectError(() => printValue({ tag: 'empty', value: 1 }, shape), 'VALUE_TYPE');
    expectError(() => printValue('blue', color), 'VALUE_TYPE');
    expectError(() => printValue(['delete'], permissions), 'VALUE_TYPE');
    expectError(() => printValue({ tag: 'some' }, option(u8)), 'VALUE_TYPE');
    expectError(() => printValue(new ResourceHandle(0), ownThing), 'VALUE_TYPE');
    expectError(() => printValue(1, { kind: 'error-context' }), 'WIT_UNSUPPORTED', undefined, 'error-context');
  });
});

describe('printValue: large output', () => {
  it('escapes correctly across buffer growth', () => {
    const text = 'é"\n\u200b😀'.repeat(5000);
    const printed = printValue([text, 'tail'], list(string));
    const escapedOnce = 'é\\"\\n\\u{200b}😀';
    expect(printed).toBe(`["${escapedOnce.repeat(5000)}", "tail"]`);
  });

  it('prints a long list of records', () => {
    const values = Array.from({ length: 3000 }, (_, i) => ({ required: i % 256, optional: i % 2 === 0 ? NONE : some(1) }));
    const printed = printValue(values, list(basic));
    expect(printed.startsWith('[{required: 0}, {required: 1, optional: some(1)}, ')).toBe(true);
    expect(printed.endsWith('{required: 183, optional: some(1)}]')).toBe(true);
  });
});
