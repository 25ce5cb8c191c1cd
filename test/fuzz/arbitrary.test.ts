import { test, fc } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { valueArbitrary } from '../../src/fuzz/arbitrary.js';
import { floatEdges, primitiveEdgeLabels, primitiveEdgeNames } from '../../src/fuzz/edges.js';
import { valuesEqual } from '../../src/values/equal.js';
import { ResourceHandle, type CaseValue, type Value } from '../../src/values/value.js';
import { parseValue, printValue } from '../../src/wave/index.js';
import { PRIMITIVE_KINDS, primitive, type WitType } from '../../src/wit/types.js';
import { witTypeArbitrary } from '../support/wit-type-arbitrary.js';

/** Values of a type from a fixed seed: the statistics below are reproducible. */
function sample(type: WitType, numRuns: number, options: Parameters<typeof valueArbitrary>[1] = {}): Value[] {
  return fc.sample(valueArbitrary(type, options), { seed: 20260101, numRuns });
}

describe('edge values are actually produced', () => {
  it.each(PRIMITIVE_KINDS)('every edge of %s comes up in 2000 values', (kind) => {
    const seen = new Set(sample(primitive[kind], 2000).flatMap((value) => primitiveEdgeLabels(kind, value, 32)));
    expect([...primitiveEdgeNames(kind, 32)].filter((edge) => !seen.has(edge))).toEqual([]);
  });

  it('f32 edges are exactly f32 values (they survive rounding)', () => {
    for (const edge of floatEdges('f32')) expect(Object.is(Math.fround(edge.value), edge.value)).toBe(true);
  });

  it('lists come empty and at the longest allowed length', () => {
    const lengths = new Set(sample({ kind: 'list', element: primitive.u8 }, 500, { maxListLength: 10 }).map((list) => (list as Value[]).length));
    expect(lengths.has(0)).toBe(true);
    expect(lengths.has(10)).toBe(true);
    expect(Math.max(...lengths)).toBe(10);
  });

  it('every variant and enum case, and every flags combination, comes up', () => {
    const variant: WitType = { kind: 'variant', cases: [{ name: 'idle' }, { name: 'busy', type: primitive.u32 }, { name: 'failed', type: primitive.string }] };
    expect(new Set(sample(variant, 300).map((v) => (v as CaseValue).tag))).toEqual(new Set(['idle', 'busy', 'failed']));
    const color: WitType = { kind: 'enum', cases: ['red', 'green', 'blue'] };
    expect(new Set(sample(color, 300))).toEqual(new Set(['red', 'green', 'blue']));
    const perms: WitType = { kind: 'flags', flags: ['read', 'write', 'exec'] };
    const combinations = new Set(sample(perms, 500).map((set) => [...(set as string[])].sort().join('+')));
    expect(combinations.size).toBe(8);
  });

  it('edgeWeight 0 turns the mixed-in edges off', () => {
    const values = sample(primitive.string, 300, { edgeWeight: 0, maxStringLength: 40 });
    expect(values.some((text) => [...(text as string)].length === 40)).toBe(false);
  });
});

describe('sizes and depth', () => {
  test.prop([fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 12 })])('lists and strings never exceed their limits', (maxListLength, maxStringLength) => {
    const type: WitType = { kind: 'list', element: primitive.string };
    for (const list of sample(type, 40, { maxListLength, maxStringLength })) {
      expect((list as string[]).length).toBeLessThanOrEqual(maxListLength);
      for (const text of list as string[]) expect([...text].length).toBeLessThanOrEqual(maxStringLength);
    }
  });

  it('lists nested deeper than maxDepth are empty; fixed-size lists keep their length', () => {
    const nested: WitType = { kind: 'list', element: { kind: 'list', element: { kind: 'list', element: primitive.u8 } } };
    for (const outer of sample(nested, 100, { maxDepth: 2 })) {
      for (const middle of outer as Value[][]) for (const inner of middle) expect(inner).toEqual([]);
    }
    const fixed: WitType = { kind: 'list', element: { kind: 'list', element: primitive.u8, length: 3 } };
    for (const outer of sample(fixed, 50, { maxDepth: 1 })) for (const inner of outer as Value[][]) expect(inner).toHaveLength(3);
  });

  it('handles come from the handle option when given', () => {
    const thing = { kind: 'resource', name: { name: 'thing' }, id: 't#thing' } as const;
    const values = sample({ kind: 'own', resource: thing }, 20, { handle: () => fc.constant(new ResourceHandle(42)) });
    expect(values.every((value) => value instanceof ResourceHandle && value.id === 42)).toBe(true);
  });
});

describe('generated values are well-typed', () => {
  const typed = witTypeArbitrary().chain((type) => valueArbitrary(type, { maxListLength: 5, maxStringLength: 10 }).map((value) => ({ type, value })));

  test.prop([typed], { numRuns: 400 })('printValue accepts them and parseValue reads them back equal', ({ type, value }) => {
    const text = printValue(value, type);
    expect(valuesEqual(type, parseValue(text, type), value)).toBe(true);
  });

  it('shrinking leads to the simplest values: 0, the empty string, the first case', () => {
    const variant: WitType = { kind: 'variant', cases: [{ name: 'a' }, { name: 'b', type: primitive.u32 }] };
    const result = fc.check(
      fc.property(valueArbitrary(primitive.u32), valueArbitrary(primitive.string), valueArbitrary(variant), () => false),
      { seed: 7 },
    );
    expect(result.counterexample).toEqual([0, '', { tag: 'a' }]);
  });
});
