import { test, fc } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { WaveWriter } from '../../src/wave/writer.js';
import { placeDecimalPoint } from '../../src/wave/float.js';
import { quoteString } from '../../src/wave/string-escape.js';

function written(write: (w: WaveWriter) => void): string {
  const w = new WaveWriter();
  write(w);
  return w.finish();
}

describe('WaveWriter', () => {
  it('writes small and large unsigned integers', () => {
    expect(written((w) => [0, 7, 42, 999, 1000, 2 ** 53 - 1].forEach((n) => (w.uint(n), w.byte(0x20))))).toBe('0 7 42 999 1000 9007199254740991 ');
  });

  test.prop([fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), fc.integer({ min: 0, max: 22 })])('writes decimals as placeDecimalPoint does', (digits, scale) => {
    fc.pre(scale === 0 || digits % 10 !== 0); // the shortest digits never end in 0 after the point
    expect(written((w) => w.decimal(digits, scale))).toBe(placeDecimalPoint(String(digits), scale));
  });

  test.prop([fc.string({ unit: 'binary', maxLength: 300 })])('quotes strings as quoteString does', (text) => {
    fc.pre(!/[\ud800-\udfff]/.test(text.replace(/[\ud800-\udbff][\udc00-\udfff]/g, '')));
    expect(written((w) => w.quotedString(text))).toBe(quoteString(text));
  });

  it('grows past its initial size, and reset starts over', () => {
    const w = new WaveWriter();
    const long = 'x'.repeat(100_000);
    w.write(long);
    expect(w.finish()).toBe(long);
    w.reset();
    w.write('ok');
    expect(w.finish()).toBe('ok');
  });
});
