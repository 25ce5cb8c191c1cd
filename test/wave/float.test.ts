import { test, fc } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { formatF32, formatF64 } from '../../src/wave/float.js';
import { decimalToF32 } from '../../src/wave/float-parse.js';

const toF32 = (text: string): number => decimalToF32(text, 0, text.length, Number(text));

describe('formatF64', () => {
  it('writes plain decimals for tiny and huge values', () => {
    expect(formatF64(5e-324)).toBe(`0.${'0'.repeat(323)}5`);
    expect(formatF64(1.7976931348623157e308)).toBe(`17976931348623157${'0'.repeat(292)}`);
    expect(formatF64(123.456)).toBe('123.456');
  });

  test.prop([fc.double({ noNaN: true, noDefaultInfinity: true })])('reads back as the same f64', (value) => {
    expect(Object.is(Number(formatF64(value)), value)).toBe(true);
  });

  it('breaks ties between two shortest decimals upward, as Rust does (JavaScript picks the even one)', () => {
    // Each value lies exactly halfway between the two 17-digit candidates.
    expect(formatF64(1658206780088562.25)).toBe('1658206780088562.3');
    expect(formatF64(-1052730259603333.25)).toBe('-1052730259603333.3');
    expect(formatF64(233115890514796.125)).toBe('233115890514796.13');
    expect(formatF64(271821092707313.625)).toBe('271821092707313.63');
    expect(String(233115890514796.125)).toBe('233115890514796.12');
  });

  test.prop([fc.double({ noNaN: true, noDefaultInfinity: true })])('uses as few significant digits as JavaScript does', (value) => {
    const significant = (text: string): number => text.replace(/^-/, '').replace(/e.*$/, '').replace('.', '').replace(/^0+/, '').replace(/0+$/, '').length;
    expect(significant(formatF64(value))).toBe(significant(String(value)));
  });

  test.prop([fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: 0, max: 12 })])('prints short decimals as written', (mantissa, scale) => {
    const value = mantissa / 10 ** scale;
    expect(Number(formatF64(value))).toBe(value);
    expect(formatF64(value)).toBe(String(value).includes('e') ? formatF64(value) : String(value));
  });
});

describe('formatF32', () => {
  it('writes the shortest digits that identify the f32', () => {
    expect(formatF32(Math.fround(1 / 3))).toBe('0.33333334');
    expect(formatF32(16777216)).toBe('16777216');
    expect(formatF32(2 ** -126)).toBe('0.000000000000000000000000000000000000011754944');
    expect(formatF32(2 ** 100)).toBe('1267650600000000000000000000000');
  });

  test.prop([fc.float({ noNaN: true, noDefaultInfinity: true })])('reads back as the same f32, and no shorter digits would', (value) => {
    const text = formatF32(value);
    expect(text).not.toMatch(/e/i);
    expect(Object.is(toF32(text), value)).toBe(true);
    const digits = text.replace(/^-/, '').replace('.', '').replace(/^0+/, '').replace(/0+$/, '');
    if (digits.length > 1) {
      const shorter = Math.abs(value).toPrecision(digits.length - 1);
      expect(toF32(shorter)).not.toBe(Math.abs(value));
    }
  });
});

describe('decimalToF32', () => {
  it('rounds the decimal once, correctly, at the f32 overflow midpoint', () => {
    // 2^128 - 2^103 is the midpoint above the largest f32; 3.4028235677973366e38 is just below it.
    expect(toF32('340282356779733661637539395458142568447')).toBe(3.4028234663852886e38);
    expect(toF32('340282356779733661637539395458142568448')).toBe(Infinity);
    expect(toF32('3.4028235677973366e38')).toBe(3.4028234663852886e38);
  });

  it('rounds midpoints between two f32s by the exact decimal', () => {
    const one = 1;
    const next = 1 + 2 ** -23;
    const midpoint = (one + next) / 2; // exactly representable as f64
    expect(toF32(midpoint.toFixed(30))).toBe(one); // ties to even
    expect(toF32(`${midpoint.toFixed(30)}1`)).toBe(next); // a hair above the midpoint
    expect(toF32(`-${midpoint.toFixed(30)}1`)).toBe(-next);
  });

  test.prop([fc.double({ noNaN: true, noDefaultInfinity: true })])('agrees with Math.fround away from midpoints', (value) => {
    fc.pre(!isF32Midpoint(value));
    const text = Object.is(value, -0) ? '-0' : String(value);
    expect(Object.is(toF32(text), Math.fround(value))).toBe(true);
  });
});

/** True when `value` lies exactly halfway between two adjacent f32s. */
function isF32Midpoint(value: number): boolean {
  const rounded = Math.fround(value);
  if (rounded === value || !Number.isFinite(rounded)) return false;
  if (rounded === 0) return Math.abs(value) === 2 ** -150;
  const bits = new Uint32Array(new Float32Array([rounded]).buffer);
  const away = rounded < value === rounded > 0 ? 1 : -1;
  bits[0] = (bits[0] as number) + away;
  const other = new Float32Array(bits.buffer)[0] as number;
  return (rounded + other) / 2 === value;
}
