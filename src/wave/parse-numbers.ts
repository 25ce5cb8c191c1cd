/**
 * Parsers for integers and floats. Integers are plain decimal
 * `-?(0|[1-9][0-9]*)`, range-checked for their type (`-0` is 0 for signed
 * types and out of range for unsigned ones); floats also take a fraction and
 * an exponent, and `inf`, `-inf`, `nan`. `+1`, `01`, `1_000`, `0x10`, `.5`
 * and `5.` are rejected, as by the reference.
 */
import type { WitType } from '../wit/types.js';
import { decimalToF32, decimalValue } from './float-parse.js';
import { continuesToken, type WaveReader } from './lexer.js';
import { mismatch, type ValueParser } from './parse-common.js';
import { abbreviate } from '../util/abbreviate.js';

/**
 * Integers up to 32 bits. Digits are accumulated while scanning; anything
 * unusual (fraction, exponent, `inf`, bad syntax) goes to `integerMismatch`.
 */
export function smallIntegerParser(type: WitType, min: number, max: number): ValueParser {
  return (r) => {
    r.skipTrivia();
    const src = r.src;
    const start = r.pos;
    let p = start;
    let c = src.charCodeAt(p);
    const negative = c === 0x2d;
    if (negative) c = src.charCodeAt(++p);
    let value: number;
    if (c === 0x30) {
      value = 0;
      c = src.charCodeAt(++p);
    } else if (c >= 0x31 && c <= 0x39) {
      value = c - 0x30;
      c = src.charCodeAt(++p);
      while (c >= 0x30 && c <= 0x39) {
        value = value * 10 + (c - 0x30);
        c = src.charCodeAt(++p);
      }
    } else {
      return integerMismatch(r, type);
    }
    if (continuesToken(c)) return integerMismatch(r, type);
    if (negative) value = 0 - value; // 0 - 0 is +0: `-0` reads as 0
    if (value < min || value > max || (negative && min === 0)) {
      throw r.typeErrorAt(start, `integer ${abbreviate(src.slice(start, p))} out of range for ${type.kind}`);
    }
    r.pos = p;
    return value;
  };
}

export function bigIntegerParser(type: WitType, min: bigint, max: bigint): ValueParser {
  return (r) => {
    r.skipTrivia();
    const src = r.src;
    const start = r.pos;
    let p = start;
    let c = src.charCodeAt(p);
    const negative = c === 0x2d;
    if (negative) c = src.charCodeAt(++p);
    let magnitude = 0;
    if (c === 0x30) {
      c = src.charCodeAt(++p);
    } else if (c >= 0x31 && c <= 0x39) {
      do {
        magnitude = magnitude * 10 + (c - 0x30);
        c = src.charCodeAt(++p);
      } while (c >= 0x30 && c <= 0x39);
    } else {
      return integerMismatch(r, type);
    }
    if (continuesToken(c)) return integerMismatch(r, type);
    const outOfRange = () => r.typeErrorAt(start, `integer ${abbreviate(src.slice(start, p))} out of range for ${type.kind}`);
    // No 64-bit integer has more than 20 digits: a longer one is out of range without reading it as a BigInt, which takes quadratic time.
    if (p - start > 21) throw outOfRange();
    // Up to 15 digits the double is exact, so the text need not be read again.
    const value = p - start <= 15 ? BigInt(negative ? 0 - magnitude : magnitude) : BigInt(src.slice(start, p));
    if (value < min || value > max || (negative && min === 0n)) throw outOfRange();
    r.pos = p;
    return value;
  };
}

/** The error for something that is not a plain integer where one is expected. */
function integerMismatch(r: WaveReader, type: WitType): never {
  const start = r.pos;
  const end = r.numberEnd(start);
  if (end >= 0) throw r.typeErrorAt(start, `expected ${type.kind}, found number \`${abbreviate(r.src.slice(start, end))}\` (not an integer)`);
  const keywordEnd = r.floatKeywordEnd(start);
  if (keywordEnd >= 0) throw r.typeErrorAt(start, `expected ${type.kind}, found \`${r.src.slice(start, keywordEnd)}\``);
  const c = r.src.charCodeAt(start);
  if (c === 0x2d || (c >= 0x30 && c <= 0x39)) throw r.syntaxErrorAt(start, invalidNumber(r, start));
  return mismatch(r, type);
}

function invalidNumber(r: WaveReader, start: number): string {
  const text = r.tokenText(start);
  const hint = /^-?0\d/.test(text)
    ? ' (leading zeros are not allowed)'
    : /[_xXbBoO]/.test(text)
      ? ' (numbers are plain decimal, without `_` or a base prefix)'
      : '';
  return `invalid number \`${abbreviate(text)}\`${hint}`;
}

export function floatParser(type: WitType, single: boolean): ValueParser {
  return (r) => {
    r.skipTrivia();
    const src = r.src;
    const start = r.pos;
    const c = src.charCodeAt(start);
    if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      const end = r.numberEnd(start);
      if (end < 0) {
        const keywordEnd = r.floatKeywordEnd(start);
        if (keywordEnd < 0) throw r.syntaxErrorAt(start, invalidNumber(r, start));
        r.pos = keywordEnd;
        return -Infinity;
      }
      r.pos = end;
      let approx = decimalValue(src, start, end);
      if (approx !== approx) approx = Number(src.slice(start, end));
      return single ? decimalToF32(src, start, end, approx) : approx;
    }
    if (c === 0x69 || c === 0x6e) {
      const keywordEnd = r.floatKeywordEnd(start);
      if (keywordEnd >= 0) {
        r.pos = keywordEnd;
        return c === 0x69 ? Infinity : NaN;
      }
    }
    return mismatch(r, type);
  };
}

