import { fc } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { valueArbitrary } from '../../src/fuzz/arbitrary.js';
import { formatCoverage, mergeCoverage, TypeCoverage } from '../../src/fuzz/coverage.js';
import { primitive, type WitType } from '../../src/wit/types.js';

const status: WitType = { kind: 'variant', name: { name: 'status' }, cases: [{ name: 'idle' }, { name: 'busy', type: primitive.u8 }, { name: 'done' }] };
const color: WitType = { kind: 'enum', name: { name: 'color' }, cases: ['red', 'green', 'blue'] };
const perms: WitType = { kind: 'flags', name: { name: 'perms' }, flags: ['read', 'write'] };
const record: WitType = { kind: 'record', name: { name: 'job' }, fields: [{ name: 'state', type: status }, { name: 'tint', type: color }, { name: 'tags', type: { kind: 'list', element: primitive.string } }] };

describe('type coverage', () => {
  it('counts the cases, combinations, lengths and edges that values hit, nested parts included', () => {
    const coverage = new TypeCoverage([record, perms], 8, 3);
    coverage.add({ state: { tag: 'busy', value: 255 }, tint: 'red', tags: [] }, record);
    coverage.add({ state: { tag: 'idle' }, tint: 'green', tags: ['', 'abcdefgh', 'x', '\u{1f30a}'] }, record);
    coverage.add(['write'], perms);
    expect(formatCoverage(coverage.report())).toEqual([
      'variant status: 2/3 cases (missing: done)',
      'u8: 1/4 edges (missing: 0, 1, max-1)',
      'enum color: 2/3 cases (missing: blue)',
      'list<string>: 2/2 lengths',
      'string: 3/4 edges (missing: escapes)',
      'flags perms: 1/4 combinations (missing: {}, {read}, {read, write})',
    ]);
  });

  it('counts large flags flag by flag, and lists at most a few missing items', () => {
    const many: WitType = { kind: 'flags', flags: ['a', 'b', 'c', 'd', 'e', 'f', 'g'] };
    const coverage = new TypeCoverage([many]);
    coverage.add([], many);
    coverage.add(['a', 'b', 'c', 'd', 'e', 'f', 'g'], many);
    expect(formatCoverage(coverage.report())).toEqual(['flags {a, b, c, d, e, f, g}: 9/9 flags']);
    const fresh = new TypeCoverage([many]);
    expect(formatCoverage(fresh.report(), 2)).toEqual(['flags {a, b, c, d, e, f, g}: 0/9 flags (missing: none, a, … 7 more)']);
  });

  it('reaches full coverage of cases and edges on generated values', () => {
    const coverage = new TypeCoverage([record, perms], 8, 3);
    const values = fc.sample(fc.tuple(valueArbitrary(record, { maxStringLength: 8, maxListLength: 3 }), valueArbitrary(perms)), { seed: 42, numRuns: 800 });
    for (const [job, flags] of values) {
      coverage.add(job, record);
      coverage.add(flags, perms);
    }
    for (const line of coverage.report().lines) expect({ label: line.label, seen: line.seen }).toEqual({ label: line.label, seen: line.all });
  });

  it('merges reports as the union of what each saw', () => {
    const a = new TypeCoverage([color]);
    const b = new TypeCoverage([color]);
    a.add('red', color);
    b.add('blue', color);
    expect(formatCoverage(mergeCoverage(a.report(), b.report()))).toEqual(['enum color: 2/3 cases (missing: green)']);
  });
});
