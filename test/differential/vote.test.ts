import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { vote } from '../../src/differential/vote.js';

const ballots = fc
  .uniqueArray(fc.constantFrom<string>('jco', 'node', 'bun', 'deno', 'gjs', 'jsc', 'wasmtime'), { minLength: 1, maxLength: 7 })
  .chain((engines) => fc.tuple(...engines.map(() => fc.constantFrom('return 1', 'return 2', 'trap'))).map((keys) => new Map(engines.map((engine, i) => [engine, keys[i] as string]))));

describe('the majority vote', () => {
  test.prop([ballots])('groups partition the engines by key, largest first', (results) => {
    const { groups } = vote(results);
    expect(groups.flat().sort()).toEqual([...results.keys()].sort());
    for (const group of groups) expect(new Set(group.map((engine) => results.get(engine))).size).toBe(1);
    for (let i = 1; i < groups.length; i++) expect((groups[i - 1] as string[]).length).toBeGreaterThanOrEqual((groups[i] as string[]).length);
  });

  test.prop([ballots])('names odd ones out exactly when a strict majority of three or more exists', (results) => {
    const { groups, oddOnesOut } = vote(results);
    const largest = (groups[0] ?? []).length;
    const hasMajority = results.size >= 3 && groups.length > 1 && largest * 2 > results.size;
    expect(oddOnesOut.length > 0).toBe(hasMajority);
    if (hasMajority) expect([...oddOnesOut].sort()).toEqual(groups.slice(1).flat().sort());
    for (const engine of oddOnesOut) expect(results.get(engine)).not.toBe(results.get((groups[0] as string[])[0] as string));
  });

  it('names the odd one out of three', () => {
    const result = vote(new Map([['jco', 'return 4'], ['node', 'return 4'], ['gjs', 'return 5']]));
    expect(result.oddOnesOut).toEqual(['gjs']);
    expect(result.verdict).toBe('gjs differs from the majority (jco, node)');
  });

  it('says two engines differ, naming neither', () => {
    const result = vote(new Map([['jco', 'return 4'], ['node', 'return 5']]));
    expect(result.oddOnesOut).toEqual([]);
    expect(result.verdict).toBe('jco and node differ');
  });

  it('finds no majority in a tie', () => {
    const result = vote(new Map([['a', '1'], ['b', '1'], ['c', '2'], ['d', '2']]));
    expect(result.oddOnesOut).toEqual([]);
    expect(result.verdict).toBe('no majority: {a, b} vs {c, d}');
  });

  it('agrees when all agree', () => {
    expect(vote(new Map([['a', 'x'], ['b', 'x'], ['c', 'x']])).verdict).toBe('all engines agree');
  });
});
