/** Helpers shared by the typed parsers. */
import type { WitType } from '../wit/types.js';
import type { Value } from '../values/value.js';
import type { WaveReader } from './lexer.js';
import { typeText } from './type-text.js';

export type ValueParser = (reader: WaveReader) => Value;

/**
 * Fails for a token that does not start a value of `type`: a syntax error
 * where no value is (a delimiter, the end), a type error otherwise.
 */
export function mismatch(r: WaveReader, type: WitType): never {
  r.skipTrivia();
  const found = r.describeToken(r.pos);
  const c = r.src.charCodeAt(r.pos);
  const noValue = Number.isNaN(c) || c === 0x29 || c === 0x5d || c === 0x7d || c === 0x2c || c === 0x3a;
  throw r.errorAt(noValue ? 'WAVE_SYNTAX' : 'WAVE_TYPE', r.pos, `expected ${typeText(type)}, found ${found}`);
}

/** Reads `,` or the closing `close` after an element; returns true when the sequence ended. */
export function endOfElement(r: WaveReader, close: number, what: string): boolean {
  const c = r.peek();
  if (c === 0x2c) {
    r.pos++;
    if (r.peek() === close) {
      r.pos++;
      return true;
    }
    return false;
  }
  if (c === close) {
    r.pos++;
    return true;
  }
  throw r.syntaxError(`expected \`,\` or \`${String.fromCharCode(close)}\` in ${what}, found ${r.describeToken(r.pos)}`);
}

