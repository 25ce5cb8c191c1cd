import { describe, expect, it } from 'vitest';
import { parseValue } from '../../src/wave/parse.js';
import { NONE, ResourceHandle } from '../../src/values/value.js';
import { expectError } from './expect-error.js';
import {
  allOptional, basic, bool, char, color, f32, f64, keywordEnum, keywordFields, list, option, ownThing, permissions,
  result, s16, s32, s64, s8, shape, string, tuple, u16, u32, u64, u8,
} from './types.js';

describe('parseValue: bools', () => {
  it('reads true and false', () => {
    expect(parseValue('true', bool)).toBe(true);
    expect(parseValue(' false ', bool)).toBe(false);
  });

  it('rejects other words with the found token', () => {
    expectError(() => parseValue('True', bool), 'WAVE_SYNTAX', '1:1', 'invalid label `True`');
    expectError(() => parseValue('yes', bool), 'WAVE_TYPE', '1:1', 'expected bool, found label `yes`');
    expectError(() => parseValue('1', bool), 'WAVE_TYPE', '1:1', 'expected bool, found number `1`');
  });
});

describe('parseValue: integers', () => {
  it('reads every width at its limits', () => {
    expect(parseValue('-128', s8)).toBe(-128);
    expect(parseValue('127', s8)).toBe(127);
    expect(parseValue('255', u8)).toBe(255);
    expect(parseValue('-32768', s16)).toBe(-32768);
    expect(parseValue('65535', u16)).toBe(65535);
    expect(parseValue('-2147483648', s32)).toBe(-2147483648);
    expect(parseValue('4294967295', u32)).toBe(4294967295);
    expect(parseValue('-9223372036854775808', s64)).toBe(-(2n ** 63n));
    expect(parseValue('18446744073709551615', u64)).toBe(2n ** 64n - 1n);
  });

  it('reads -0 as 0 for signed types', () => {
    expect(Object.is(parseValue('-0', s32), 0)).toBe(true);
    expect(parseValue('-0', s64)).toBe(0n);
  });

  it('rejects values out of range, including -0 for unsigned types', () => {
    expectError(() => parseValue('300', u8), 'WAVE_TYPE', '1:1', 'integer 300 out of range for u8');
    expectError(() => parseValue('-129', s8), 'WAVE_TYPE', '1:1', 'integer -129 out of range for s8');
    expectError(() => parseValue('-1', u32), 'WAVE_TYPE', '1:1', 'out of range for u32');
    expectError(() => parseValue('-0', u8), 'WAVE_TYPE', '1:1', 'integer -0 out of range for u8');
    expectError(() => parseValue('-0', u64), 'WAVE_TYPE', '1:1', 'out of range for u64');
    expectError(() => parseValue('18446744073709551616', u64), 'WAVE_TYPE', '1:1', 'out of range for u64');
    expectError(() => parseValue('99999999999999999999', u32), 'WAVE_TYPE', '1:1', 'out of range for u32');
  });

  it('rejects the forms the reference rejects: +1, 01, 1_000, hex, fractions, exponents', () => {
    expectError(() => parseValue('+1', u8), 'WAVE_SYNTAX', '1:1', 'unexpected character `+`');
    expectError(() => parseValue('01', u8), 'WAVE_SYNTAX', '1:1', 'leading zeros');
    expectError(() => parseValue('1_000', u32), 'WAVE_SYNTAX', '1:1', 'invalid number `1_000`');
    expectError(() => parseValue('0x10', u32), 'WAVE_SYNTAX', '1:1', 'invalid number `0x10`');
    expectError(() => parseValue('1.0', u8), 'WAVE_TYPE', '1:1', 'expected u8, found number `1.0` (not an integer)');
    expectError(() => parseValue('1e2', s64), 'WAVE_TYPE', '1:1', 'not an integer');
    expectError(() => parseValue('inf', u8), 'WAVE_TYPE', '1:1', 'expected u8, found `inf`');
    expectError(() => parseValue('-', s8), 'WAVE_SYNTAX', '1:1', 'invalid number');
  });
});

describe('parseValue: floats', () => {
  it('reads decimal and exponent forms and the keywords', () => {
    expect(parseValue('0', f64)).toBe(0);
    expect(parseValue('-3.1415', f64)).toBe(-3.1415);
    expect(parseValue('6.022e+23', f64)).toBe(6.022e23);
    expect(parseValue('1E-3', f64)).toBe(0.001);
    expect(parseValue('0e-1', f64)).toBe(0);
    expect(Object.is(parseValue('-0.0e-0', f64), -0)).toBe(true);
    expect(parseValue('inf', f64)).toBe(Infinity);
    expect(parseValue('-inf', f32)).toBe(-Infinity);
    expect(parseValue('nan', f32)).toBeNaN();
  });

  it('rounds f32 once, directly from the decimal', () => {
    expect(parseValue('3.4028234664e38', f32)).toBe(3.4028234663852886e38);
    expect(parseValue('3.4028234664e39', f32)).toBe(Infinity);
    expect(parseValue('1.4012984643e-45', f32)).toBe(2 ** -149);
    expect(parseValue('1.4012984643e-46', f32)).toBe(0);
    expect(parseValue('0.1', f32)).toBe(Math.fround(0.1));
    // An f64 exactly between the largest f32 and 2^128: rounding twice would give inf.
    expect(parseValue('3.4028235677973366e38', f32)).toBe(3.4028234663852886e38);
  });

  it('rejects other spellings of infinity and NaN, and bad numbers', () => {
    for (const text of ['-nan', 'NaN', 'Inf', '-infinity', '-Inf', '.5', '5.', '1e', '1.e5', '1e+']) {
      expectError(() => parseValue(text, f64), 'WAVE_SYNTAX', '1:1');
    }
    for (const text of ['infinity', 'INF', 'NAN']) {
      expectError(() => parseValue(text, f64), 'WAVE_TYPE', '1:1', `expected f64, found label \`${text}\``);
    }
  });
});

describe('parseValue: chars', () => {
  it('reads a literal character, including outside the BMP', () => {
    expect(parseValue("'x'", char)).toBe('x');
    expect(parseValue("'🌊'", char)).toBe('🌊');
    expect(parseValue(`'"'`, char)).toBe('"');
  });

  it('reads every escape', () => {
    expect(['\\\\', "\\'", '\\"', '\\t', '\\n', '\\r'].map((e) => parseValue(`'${e}'`, char))).toEqual(['\\', "'", '"', '\t', '\n', '\r']);
    expect(parseValue("'\\u{0}'", char)).toBe('\0');
    expect(parseValue("'\\u{000078}'", char)).toBe('x');
    expect(parseValue("'\\u{1F600}'", char)).toBe('😀');
    expect(parseValue("'\\u{10ffff}'", char)).toBe('\u{10ffff}');
  });

  it('rejects empty, long and badly escaped chars', () => {
    expectError(() => parseValue("''", char), 'WAVE_SYNTAX', '1:1', 'invalid char');
    expectError(() => parseValue("'ab'", char), 'WAVE_SYNTAX', '1:1', 'exactly one character');
    expectError(() => parseValue("'\\n\\n'", char), 'WAVE_SYNTAX', '1:1', 'exactly one character');
    expectError(() => parseValue("'''", char), 'WAVE_SYNTAX', '1:1');
    expectError(() => parseValue("'\n'", char), 'WAVE_SYNTAX', '1:1');
    expectError(() => parseValue("'x", char), 'WAVE_SYNTAX', '1:1', 'unterminated char');
    expectError(() => parseValue("'\\z'", char), 'WAVE_SYNTAX', '1:2', 'invalid escape `\\z`');
    expectError(() => parseValue("'\\x1f'", char), 'WAVE_SYNTAX', '1:2', 'invalid escape');
    expectError(() => parseValue("'\\u1f'", char), 'WAVE_SYNTAX', '1:2', 'invalid escape');
    expectError(() => parseValue("'\\u{}'", char), 'WAVE_SYNTAX', '1:2', '1 to 6 hexadecimal digits');
    expectError(() => parseValue("'\\u{1234567}'", char), 'WAVE_SYNTAX', '1:2', '1 to 6 hexadecimal digits');
    expectError(() => parseValue("'\\u{110000}'", char), 'WAVE_SYNTAX', '1:2', 'not a Unicode scalar value');
    expectError(() => parseValue("'\\u{d800}'", char), 'WAVE_SYNTAX', '1:2', 'not a Unicode scalar value');
    expectError(() => parseValue("'\ud800'", char), 'WAVE_SYNTAX', '1:2', 'unpaired surrogate');
  });
});

describe('parseValue: strings', () => {
  it('reads plain strings and escapes', () => {
    expect(parseValue('""', string)).toBe('');
    expect(parseValue('"WAVE🌊"', string)).toBe('WAVE🌊');
    expect(parseValue(`"\\\\\\'\\"\\t\\n\\r"`, string)).toBe('\\\'"\t\n\r');
    expect(parseValue(`"'\\'\\u{27}"`, string)).toBe("'''");
    expect(parseValue('"☃\\u{2603}\\u{002603}"', string)).toBe('☃☃☃');
    expect(parseValue('"a\tb"', string)).toBe('a\tb');
  });

  it('rejects raw line breaks, lone backslashes and bad escapes', () => {
    expectError(() => parseValue('"a\nb"', string), 'WAVE_SYNTAX', '1:1', 'unterminated string');
    expectError(() => parseValue('"\\"', string), 'WAVE_SYNTAX', '1:1', 'unterminated string');
    expectError(() => parseValue('"ok \\j"', string), 'WAVE_SYNTAX', '1:5', 'invalid escape `\\j`');
    expectError(() => parseValue('"\\u{d800}\\u{dc00}"', string), 'WAVE_SYNTAX', '1:2', 'not a Unicode scalar value');
    expectError(() => parseValue('"\\u{-1}"', string), 'WAVE_SYNTAX', '1:2');
    expectError(() => parseValue('"x\udc00"', string), 'WAVE_SYNTAX', '1:3', 'unpaired surrogate');
  });
});

describe('parseValue: multiline strings', () => {
  it('reads an empty multiline string', () => {
    expect(parseValue('"""\n"""', string)).toBe('');
  });

  it('dedents by the closing delimiter and keeps inner line breaks', () => {
    expect(parseValue('"""\n    Trailing indent\n  determines dedent\n      behavior.\n  """', string)).toBe(
      '  Trailing indent\ndetermines dedent\n    behavior.',
    );
  });

  it('keeps empty leading and trailing lines, and accepts CRLF line breaks', () => {
    expect(parseValue('"""\n\nmiddle\n\n"""', string)).toBe('\nmiddle\n');
    expect(parseValue('"""\r\none\r\ntwo\r\n"""', string)).toBe('one\ntwo');
  });

  it('decodes escapes and allows quotes that do not form a triplet', () => {
    expect(parseValue('"""\n""\\"" and \\u{2603}\\t\n"""', string)).toBe('"""" and ☃\t');
  });

  it('rejects missing line breaks, bad indents, triplets and bad escapes', () => {
    expectError(() => parseValue('""""""', string), 'WAVE_SYNTAX', '1:4', 'followed immediately by a line break');
    expectError(() => parseValue('"""extra\n"""', string), 'WAVE_SYNTAX', '1:4', 'followed immediately by a line break');
    expectError(() => parseValue('"""\nextra"""', string), 'WAVE_SYNTAX', '2:6', 'preceded only by spaces');
    expectError(() => parseValue('"""\n  """\n  """', string), 'WAVE_SYNTAX', '3:3', 'unexpected multiline string after the value');
    expectError(() => parseValue('"""\nx\n  """', string), 'WAVE_SYNTAX', '2:1', 'indented at least');
    expectError(() => parseValue('"""\n\\j\n"""', string), 'WAVE_SYNTAX', '2:1', 'invalid escape');
    expectError(() => parseValue('"""\nnever closed', string), 'WAVE_SYNTAX', '1:1', 'unterminated multiline string');
  });
});

describe('parseValue: lists and tuples', () => {
  it('reads lists with trailing commas, whitespace and comments', () => {
    expect(parseValue('[]', list(u8))).toEqual([]);
    expect(parseValue('[ ]', list(u8))).toEqual([]);
    expect(parseValue('[1, 2, 3,]', list(u8))).toEqual([1, 2, 3]);
    expect(parseValue('[ // first\n 1 , // second\n 2 ]', list(u8))).toEqual([1, 2]);
  });

  it('checks the length of fixed-size lists', () => {
    expect(parseValue('[1, 2]', list(u8, 2))).toEqual([1, 2]);
    expectError(() => parseValue('[1]', list(u8, 2)), 'WAVE_TYPE', '1:1', 'expected 2 elements for list<u8, 2>, found 1');
  });

  it('reads tuples and checks their arity', () => {
    expect(parseValue('("a", 1)', tuple(string, u8))).toEqual(['a', 1]);
    expect(parseValue('(1,)', tuple(u8))).toEqual([1]);
    expectError(() => parseValue('()', tuple(u8)), 'WAVE_SYNTAX', '1:1', 'empty tuple');
    expectError(() => parseValue('(1, 2, 3)', tuple(u8, u8)), 'WAVE_TYPE', '1:8', 'too many elements');
    expectError(() => parseValue('(1)', tuple(u8, u8)), 'WAVE_TYPE', '1:1', 'expected 2 elements');
  });

  it('rejects bad commas and mismatched brackets', () => {
    expectError(() => parseValue('[1,,]', list(u8)), 'WAVE_SYNTAX', '1:4', 'expected u8, found `,`');
    expectError(() => parseValue('[,1]', list(u8)), 'WAVE_SYNTAX', '1:2');
    expectError(() => parseValue('[1 2]', list(u8)), 'WAVE_SYNTAX', '1:4', 'expected `,` or `]` in list');
    expectError(() => parseValue('[1)', list(u8)), 'WAVE_SYNTAX', '1:3');
    expectError(() => parseValue('(1]', tuple(u8)), 'WAVE_SYNTAX', '1:3');
    expectError(() => parseValue('[1', list(u8)), 'WAVE_SYNTAX', '1:3', 'found end of input');
  });
});

describe('parseValue: records', () => {
  it('reads fields in any order, omitted options as none, trailing commas', () => {
    const expected = { required: 1, optional: NONE };
    expect(parseValue('{required: 1}', basic)).toEqual(expected);
    expect(parseValue('{ optional: none, required: 1, }', basic)).toEqual(expected);
    expect(parseValue('{optional: some(2), required: 1}', basic)).toEqual({ required: 1, optional: { tag: 'some', value: 2 } });
  });

  it('reads {:} for a record with no field written, and % before field names', () => {
    expect(parseValue('{:}', allOptional)).toEqual({ a: NONE, b: NONE });
    expect(parseValue('{ : }', allOptional)).toEqual({ a: NONE, b: NONE });
    expect(parseValue('{%required: 1}', basic)).toEqual({ required: 1, optional: NONE });
  });

  it('reads keywords as field names without %', () => {
    const text = '{true: 1, false: 2, some: 3, none: 4, ok: 5, err: 6, inf: 7, nan: 8}';
    expect(parseValue(text, keywordFields)).toEqual({ true: 1, false: 2, some: 3, none: 4, ok: 5, err: 6, inf: 7, nan: 8 });
  });

  it('reports missing, duplicate and unknown fields where they are', () => {
    expectError(() => parseValue('{optional: none}', basic), 'WAVE_TYPE', '1:1', 'missing field `required` of record basic');
    expectError(() => parseValue('{required: 0, optional: none, optional: none}', basic), 'WAVE_SYNTAX', '1:31', 'duplicate field `optional`');
    expectError(() => parseValue('{required: 0, requird: 1}', basic), 'WAVE_TYPE', '1:15', 'unknown field `requird` of record basic (fields: required, optional)');
  });

  it('rejects {} (empty flags), flags syntax, and bad commas', () => {
    expectError(() => parseValue('{}', allOptional), 'WAVE_TYPE', '1:1', 'found empty flags `{}`');
    expectError(() => parseValue('{required}', basic), 'WAVE_TYPE', '1:1', 'expected record basic, found flags');
    expectError(() => parseValue('{required: 0,,}', basic), 'WAVE_SYNTAX', '1:14', 'expected a field name');
    expectError(() => parseValue('{, required: 0}', basic), 'WAVE_SYNTAX', '1:2');
    expectError(() => parseValue('{required: 0 optional: none}', basic), 'WAVE_SYNTAX', '1:14', 'expected `,` or `}` in record');
    expectError(() => parseValue('{:', allOptional), 'WAVE_SYNTAX', '1:3');
  });
});

describe('parseValue: variants and enums', () => {
  it('reads cases with and without payload, space allowed before the payload', () => {
    expect(parseValue('empty', shape)).toEqual({ tag: 'empty' });
    expect(parseValue('circle(1.5)', shape)).toEqual({ tag: 'circle', value: 1.5 });
    expect(parseValue('circle (2)', shape)).toEqual({ tag: 'circle', value: 2 });
    expect(parseValue('%empty', shape)).toEqual({ tag: 'empty' });
  });

  it('requires % before keyword cases', () => {
    expect(parseValue('%none(3)', shape)).toEqual({ tag: 'none', value: 3 });
    expect(parseValue('%some', shape)).toEqual({ tag: 'some' });
    expectError(() => parseValue('none(3)', shape), 'WAVE_TYPE', '1:1', 'is written `%none`');
    for (const keyword of ['true', 'false', 'some', 'none', 'ok', 'err', 'inf', 'nan']) {
      expect(parseValue(`%${keyword}`, keywordEnum)).toBe(keyword);
      expectError(() => parseValue(keyword, keywordEnum), 'WAVE_TYPE', '1:1', `is written \`%${keyword}\``);
    }
  });

  it('reports unknown cases and payload mismatches', () => {
    expectError(() => parseValue('blue', color), 'WAVE_TYPE', '1:1', 'unknown case `blue` of enum color (cases: red, green)');
    expectError(() => parseValue('square', shape), 'WAVE_TYPE', '1:1', 'unknown case `square` of variant shape');
    expectError(() => parseValue('circle', shape), 'WAVE_TYPE', '1:1', 'missing payload for case `circle`');
    expectError(() => parseValue('empty(1)', shape), 'WAVE_TYPE', '1:6', 'case `empty` of variant shape has no payload');
    expectError(() => parseValue('red(1)', color), 'WAVE_TYPE', '1:4', 'enum cases have no payload');
    expectError(() => parseValue('circle(1', shape), 'WAVE_SYNTAX', '1:9', 'to close the payload');
  });

  it('reads enum cases as their names', () => {
    expect(parseValue('green', color)).toBe('green');
  });
});

describe('parseValue: options and results', () => {
  it('reads some/none and the flat form', () => {
    expect(parseValue('none', option(u8))).toBe(NONE);
    expect(parseValue('some(1)', option(u8))).toEqual({ tag: 'some', value: 1 });
    expect(parseValue('1', option(u8))).toEqual({ tag: 'some', value: 1 });
    expect(parseValue('some(none)', option(option(u8)))).toEqual({ tag: 'some', value: NONE });
  });

  it('does not flatten nested options, and rejects bad option syntax', () => {
    expectError(() => parseValue('1', option(option(u8))), 'WAVE_TYPE', '1:1', 'expected option<option<u8>>');
    expectError(() => parseValue('some', option(u8)), 'WAVE_SYNTAX', '1:5', 'expected `(` after `some`');
    expectError(() => parseValue('some()', option(u8)), 'WAVE_SYNTAX', '1:6', 'expected u8, found `)`');
    expectError(() => parseValue('some(some(0))', option(u8)), 'WAVE_TYPE', '1:6', 'expected u8, found `some`');
    expectError(() => parseValue('none()', option(u8)), 'WAVE_SYNTAX', '1:5', 'after the value');
  });

  it('reads results in every shape', () => {
    expect(parseValue('ok', result())).toEqual({ tag: 'ok' });
    expect(parseValue('err', result())).toEqual({ tag: 'err' });
    expect(parseValue('ok(1)', result(u8))).toEqual({ tag: 'ok', value: 1 });
    expect(parseValue('1', result(u8))).toEqual({ tag: 'ok', value: 1 });
    expect(parseValue('err', result(u8))).toEqual({ tag: 'err' });
    expect(parseValue('ok', result(undefined, string))).toEqual({ tag: 'ok' });
    expect(parseValue('err("oops")', result(undefined, string))).toEqual({ tag: 'err', value: 'oops' });
    expect(parseValue('err(2)', result(u8, u8))).toEqual({ tag: 'err', value: 2 });
  });

  it('rejects missing and unexpected payloads', () => {
    expectError(() => parseValue('ok', result(u8)), 'WAVE_TYPE', '1:1', 'missing payload for `ok`');
    expectError(() => parseValue('err(0)', result(u8)), 'WAVE_TYPE', '1:1', 'unexpected payload for `err`');
    expectError(() => parseValue('ok(0)', result()), 'WAVE_TYPE', '1:1', 'unexpected payload for `ok`');
    expectError(() => parseValue('ok()', result(u8)), 'WAVE_SYNTAX', '1:4');
    expectError(() => parseValue('"x"', result(undefined, string)), 'WAVE_TYPE', '1:1', 'expected result<_, string>, found string');
  });
});

describe('parseValue: flags', () => {
  it('reads sets in any order into declaration order', () => {
    expect(parseValue('{}', permissions)).toEqual([]);
    expect(parseValue('{ exec, read, }', permissions)).toEqual(['read', 'exec']);
    expect(parseValue('{%write}', permissions)).toEqual(['write']);
  });

  it('reads keywords as flag names', () => {
    const type = { kind: 'flags', flags: ['true', 'none'] } as const;
    expect(parseValue('{none, true}', type)).toEqual(['true', 'none']);
  });

  it('rejects duplicates, unknown flags and record syntax', () => {
    expectError(() => parseValue('{read, write, read}', permissions), 'WAVE_SYNTAX', '1:15', 'duplicate flag `read`');
    expectError(() => parseValue('{read, delete}', permissions), 'WAVE_TYPE', '1:8', 'unknown flag `delete` of flags permissions (flags: read, write, exec)');
    expectError(() => parseValue('{:}', permissions), 'WAVE_TYPE', '1:1', 'found empty record');
    expectError(() => parseValue('{read: true}', permissions), 'WAVE_TYPE', '1:1', 'found record');
  });
});

describe('parseValue: resource handles', () => {
  it('reads #N as a handle', () => {
    const handle = parseValue('#12', ownThing);
    expect(handle).toBeInstanceOf(ResourceHandle);
    expect((handle as ResourceHandle).id).toBe(12);
  });

  it('rejects #0, #, #x and other values', () => {
    expectError(() => parseValue('#0', ownThing), 'WAVE_SYNTAX', '1:1', 'positive number');
    expectError(() => parseValue('#', ownThing), 'WAVE_SYNTAX', '1:1');
    expectError(() => parseValue('#1a', ownThing), 'WAVE_SYNTAX', '1:1');
    expectError(() => parseValue('1', ownThing), 'WAVE_TYPE', '1:1', 'expected own<thing>, found number `1`');
  });
});

describe('parseValue: whitespace, comments and locations', () => {
  it('allows whitespace and comments between all tokens', () => {
    const text = '// leading\n{ // a\n required // b\n : // c\n 1 , // d\n optional : some ( 2 ) // e\n } // trailing';
    expect(parseValue(text, basic)).toEqual({ required: 1, optional: { tag: 'some', value: 2 } });
  });

  it('rejects trailing text and other whitespace characters', () => {
    expectError(() => parseValue('1 2', u8), 'WAVE_SYNTAX', '1:3', 'unexpected number `2` after the value');
    expectError(() => parseValue('\u00a01', u8), 'WAVE_SYNTAX', '1:1', 'unexpected character');
    expectError(() => parseValue('/ 1', u8), 'WAVE_SYNTAX', '1:1');
    expectError(() => parseValue('', u8), 'WAVE_SYNTAX', '1:1', 'expected u8, found end of input');
  });

  it('counts lines and columns in code points', () => {
    expectError(() => parseValue('["🌊🌊", 300]', list(string)), 'WAVE_TYPE', '1:8', 'expected string, found number `300`');
    expectError(() => parseValue('[\n  1,\n  300]', list(u8)), 'WAVE_TYPE', '3:3', 'integer 300 out of range for u8');
  });

  it('offsets locations by the origin of the text', () => {
    const error = expectError(() => parseValue('[1, x]', list(u8), { file: 'trace.wave', line: 10, column: 5 }), 'WAVE_TYPE', '10:9');
    expect(error.location?.file).toBe('trace.wave');
    expect(error.message).toBe('trace.wave:10:9: expected u8, found label `x`');
  });

  it('names unsupported types', () => {
    expectError(() => parseValue('1', { kind: 'stream', element: u8 }), 'WIT_UNSUPPORTED', '1:1', 'stream<u8>');
    expectError(() => parseValue('[1]', list({ kind: 'future' })), 'WIT_UNSUPPORTED', '1:2', 'future');
  });
});

describe('parseValue: floats read exactly', () => {
  it('agrees with Number() on the text, fast path or not', () => {
    for (const text of ['123.45', '-0.001', '1e22', '1e23', '9007199254740993', '0.1e-5', '123456789012345.6', '4.9e-324', '1.7976931348623157e308', '-0.0', '0e400', '1e-400']) {
      expect(Object.is(parseValue(text, f64), Number(text)), text).toBe(true);
    }
  });
});
