/**
 * The checksum a generated `checksum` function must return, computed from
 * the typed value: its atoms follow the canonical ABI's memory image (string
 * units in the component's encoding, flags as words, discriminants), and its
 * one normalisation is NaN: any NaN has the canonical NaN's bits.
 */
import { describe, expect, it } from 'vitest';
import { checksum, checksumAtoms, flagsWords, foldAtoms } from '../../src/campaign/checksum.js';
import type { WitType } from '../../src/wit/types.js';

const f64: WitType = { kind: 'f64' };
const f32: WitType = { kind: 'f32' };

describe('checksum', () => {
  it('reads a string as its length then its units in the encoding: UTF-8 bytes, else UTF-16 code units', () => {
    expect(checksumAtoms({ kind: 'string' }, 'é', 'utf8')).toEqual([2n, 0xc3n, 0xa9n]);
    expect(checksumAtoms({ kind: 'string' }, 'é', 'utf16')).toEqual([1n, 0xe9n]);
    expect(checksumAtoms({ kind: 'string' }, '😀', 'compact-utf16')).toEqual([2n, 0xd83dn, 0xde00n]);
  });

  it('reads signed integers sign-extended, variants as discriminant then payload, flags as words', () => {
    expect(checksumAtoms({ kind: 's8' }, -1, 'utf8')).toEqual([0xffffffffffffffffn]);
    expect(checksumAtoms({ kind: 'option', some: { kind: 'u8' } }, { tag: 'some', value: 7 }, 'utf8')).toEqual([1n, 7n]);
    expect(checksumAtoms({ kind: 'result' }, { tag: 'err' }, 'utf8')).toEqual([1n]);
    expect(flagsWords(['a', 'b', 'c'], ['a', 'c'])).toEqual([5n]);
    expect(checksumAtoms({ kind: 'list', element: { kind: 'bool' } }, [true, false], 'utf8')).toEqual([2n, 1n, 0n]);
  });

  it('gives every NaN the canonical NaN, and tells -0 from 0', () => {
    const otherNaN = new Float64Array(new BigUint64Array([0x7ff8_0000_dead_beefn]).buffer)[0] as number;
    expect(checksum([f64], [otherNaN], 'utf8')).toBe(checksum([f64], [Number.NaN], 'utf8'));
    expect(checksumAtoms(f32, Number.NaN, 'utf8')).toEqual([0x7fc00000n]);
    expect(checksum([f64], [-0], 'utf8')).not.toBe(checksum([f64], [0], 'utf8'));
  });

  it('folds atoms in order (FNV-1a over 64-bit atoms), so swapped arguments differ', () => {
    expect(foldAtoms([])).toBe(0xcbf29ce484222325n);
    expect(checksum([{ kind: 'u8' }, { kind: 'u8' }], [1, 2], 'utf8')).not.toBe(checksum([{ kind: 'u8' }, { kind: 'u8' }], [2, 1], 'utf8'));
  });
});
