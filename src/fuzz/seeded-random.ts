/**
 * Independent random streams for fast-check, one per (seed, name): the
 * answers of each import function of an answer tape (answer-tape.ts) come
 * from their own stream, so that no two streams are shifted copies of each
 * other (as clones of one generator advanced by a step were). xoshiro128**,
 * its 128-bit state filled by splitmix32 from the seed and a hash of the name.
 */
import type fc from 'fast-check';

class Xoshiro128 {
  constructor(private readonly s: Int32Array) {}

  clone(): Xoshiro128 {
    return new Xoshiro128(this.s.slice());
  }

  /** A 32-bit signed integer, as pure-rand's generators give. */
  next(): number {
    const s = this.s;
    const result = Math.imul(rotl(Math.imul(s[1] as number, 5), 7), 9);
    const t = (s[1] as number) << 9;
    s[2] = (s[2] as number) ^ (s[0] as number);
    s[3] = (s[3] as number) ^ (s[1] as number);
    s[1] = (s[1] as number) ^ (s[2] as number);
    s[0] = (s[0] as number) ^ (s[3] as number);
    s[2] = (s[2] as number) ^ t;
    s[3] = rotl(s[3] as number, 11);
    return result | 0;
  }

  getState(): readonly number[] {
    return [...this.s];
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** FNV-1a of a string's UTF-16 code units. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h | 0;
}

/** A generator for `new fc.Random(...)`, the same for the same seed and name, unrelated to any other. */
export function seededRandom(seed: number, name: string): fc.RandomGenerator {
  let state = (seed ^ Math.imul(hash(name), 0x9e3779b9)) | 0;
  const splitmix = (): number => {
    state = (state + 0x9e3779b9) | 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) | 0;
  };
  const s = Int32Array.from([splitmix(), splitmix(), splitmix(), splitmix()]);
  // All zero never comes out of splitmix for four draws in a row, but be sure.
  if (s.every((word) => word === 0)) s[0] = 1;
  return new Xoshiro128(s);
}
