import { test, fc } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { parseValue } from '../../src/wave/parse.js';
import { printValue } from '../../src/wave/print.js';
import { valuesEqual } from '../../src/values/equal.js';
import { valueArbitrary } from '../../src/fuzz/arbitrary.js';
import { witTypeArbitrary } from '../support/wit-type-arbitrary.js';

const typedValue = witTypeArbitrary().chain((type) => valueArbitrary(type, { maxListLength: 6, maxStringLength: 12 }).map((value) => ({ type, value })));

describe('WAVE round trip over random types and values', () => {
  test.prop([typedValue], { numRuns: 500 })('parse(print(v)) equals v', ({ type, value }) => {
    const text = printValue(value, type);
    expect(valuesEqual(type, parseValue(text, type), value)).toBe(true);
  });

  test.prop([typedValue], { numRuns: 500 })('print is a fixed point of parse then print', ({ type, value }) => {
    const text = printValue(value, type);
    expect(printValue(parseValue(text, type), type)).toBe(text);
  });

  test.prop([typedValue, fc.constantFrom(' ', '\n', ' // note\n', '\t')], { numRuns: 200 })(
    'whitespace and comments between tokens do not change the value',
    ({ type, value }, filler) => {
      const text = printValue(value, type);
      // Spread filler after every comma and opening bracket, which is always between tokens
      // when they are not inside a string or char (skip those cases).
      fc.pre(!/["']/.test(text));
      const spaced = filler + text.replace(/([,([{])/g, `$1${filler}`) + filler;
      expect(printValue(parseValue(spaced, type), type)).toBe(text);
    },
  );
});
