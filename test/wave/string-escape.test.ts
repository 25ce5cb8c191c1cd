import { test, fc } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { escapeStringBody, quoteChar, quoteString } from '../../src/wave/string-escape.js';
import { parseValue } from '../../src/wave/parse.js';
import { primitive } from '../../src/wit/types.js';
import { expectError } from './expect-error.js';

describe('string escaping', () => {
  it('copies text without anything to escape as it is', () => {
    expect(escapeStringBody('plain text, ☃ and 🌊')).toBe('plain text, ☃ and 🌊');
  });

  it('uses the short escapes for backslash, quotes, tab, LF and CR', () => {
    expect(quoteString('\\"\'\t\n\r')).toBe('"\\\\\\"\\\'\\t\\n\\r"');
    expect(quoteChar('\t')).toBe("'\\t'");
  });

  it('writes other control characters as lowercase \\u{hex} without leading zeros', () => {
    expect(quoteString('\u0000\u001b\u009f')).toBe('"\\u{0}\\u{1b}\\u{9f}"');
  });

  it('keeps the space literal but escapes other spaces', () => {
    expect(quoteString(' \u3000')).toBe('" \\u{3000}"');
  });

  it('rejects a char that is not exactly one scalar value', () => {
    expectError(() => quoteChar(''), 'VALUE_TYPE');
    expectError(() => quoteChar('ab'), 'VALUE_TYPE');
    expectError(() => quoteChar('\udc00'), 'VALUE_TYPE');
  });

  test.prop([fc.string({ unit: 'grapheme', maxLength: 20 })])('quoted strings parse back to the same text', (text) => {
    expect(parseValue(quoteString(text), primitive.string)).toBe(text);
  });
});
