import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { ByteReader, DecodeProblem } from '../../../src/wit/binary/reader.js';

function reader(bytes: readonly number[]): ByteReader {
  return new ByteReader(new Uint8Array(bytes), 0, bytes.length);
}

/** Unsigned LEB128, as an encoder writes it. */
function leb128(value: number): number[] {
  const bytes: number[] = [];
  let rest = value;
  do {
    const low = rest % 128;
    rest = Math.floor(rest / 128);
    bytes.push(rest > 0 ? low | 0x80 : low);
  } while (rest > 0);
  return bytes;
}

function problem(read: () => unknown): DecodeProblem {
  try {
    read();
  } catch (error) {
    if (error instanceof DecodeProblem) return error;
    throw error;
  }
  throw new Error('expected a decode problem');
}

describe('LEB128', () => {
  test.prop([fc.nat({ max: 2 ** 32 - 1 })])('reads back every u32', (value) => {
    const r = reader(leb128(value));

    expect(r.u32()).toBe(value);
    expect(r.done).toBe(true);
  });

  it('accepts padded encodings and refuses values past 32 bits', () => {
    expect(reader([0x80, 0x80, 0x00]).u32()).toBe(0);
    expect(problem(() => reader([0xff, 0xff, 0xff, 0xff, 0x1f]).u32()).message).toBe('integer is too large for 32 bits at byte 0x0');
    expect(problem(() => reader([0x80, 0x80, 0x80, 0x80, 0x80, 0x00]).u32()).message).toBe('integer representation is too long at byte 0x0');
  });

  it('reads signed 33-bit values: type indices and negative type codes', () => {
    expect(reader([0x72]).s33()).toBe(-14);
    expect(reader([0x3f]).s33()).toBe(63);
    expect(reader([0xc0, 0x00]).s33()).toBe(64);
    expect(reader([0xff, 0xff, 0xff, 0xff, 0x0f]).s33()).toBe(2 ** 32 - 1);
    expect(problem(() => reader([0xff, 0xff, 0xff, 0xff, 0x2f]).s33()).message).toBe('integer is too large for 33 bits at byte 0x0');
  });

  it('says where the input ends', () => {
    expect(problem(() => reader([0x80]).u32()).message).toBe('unexpected end of component at byte 0x1');
    expect(problem(() => new ByteReader(new Uint8Array([0x80, 0x80, 0x80]), 0, 1).slice(2)).message).toBe('unexpected end of section at byte 0x1');
  });
});

describe('names and vectors', () => {
  it('reads UTF-8 names and refuses invalid UTF-8', () => {
    expect(reader([0x03, 0x61, 0xc3, 0xa9]).string()).toBe('aé');
    expect(problem(() => reader([0x02, 0xc3, 0x28]).string()).message).toBe('name is not valid UTF-8 at byte 0x0');
  });

  it('reads plain import names, and the interface a named import implements', () => {
    const text = (s: string) => [s.length, ...Buffer.from(s)];

    expect(reader([0x00, ...text('run')]).externName()).toEqual({ name: 'run' });
    expect(reader([0x01, ...text('a:b/c')]).externName()).toEqual({ name: 'a:b/c' });
    expect(reader([0x02, ...text('my-store'), 0x01, 0x00, ...text('t:h/store')]).externName()).toEqual({ name: 'my-store', implements: 't:h/store' });
    expect(reader([0x02, ...text('a:b/c@0.2'), 0x01, 0x01, ...text('.6')]).externName()).toEqual({ name: 'a:b/c@0.2.6' });
    expect(problem(() => reader([0x03, ...text('x')]).externName()).message).toBe('unknown name kind 0x3 at byte 0x0');
  });

  it('reads vectors item by item, so a huge count fails at the end of the input', () => {
    expect(reader([0x02, 0x05, 0x06]).vec((r) => r.u8())).toEqual([5, 6]);
    expect(problem(() => reader([0xff, 0xff, 0xff, 0xff, 0x0f, 0x01]).vec((r) => r.u8())).message).toBe('unexpected end of component at byte 0x6');
  });

  it('reads optional items and refuses an unknown marker', () => {
    expect(reader([0x00]).optional((r) => r.u8(), 'thing')).toBeUndefined();
    expect(reader([0x01, 0x07]).optional((r) => r.u8(), 'thing')).toBe(7);
    expect(problem(() => reader([0x02]).optional((r) => r.u8(), 'thing')).message).toBe('invalid thing marker 0x2 at byte 0x0');
  });
});
