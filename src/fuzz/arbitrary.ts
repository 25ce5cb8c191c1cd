/**
 * fast-check arbitraries for values of any WIT type, biased to the edges.
 *
 * fast-check already leans integers and floats towards their extremes; on top
 * of that every primitive mixes in its edge values (edges.ts: 0, -1, min, max,
 * NaN, infinities, -0, the empty string, a long string of astral characters),
 * lists are sometimes empty and sometimes as long as allowed, every variant,
 * enum, option and result case is equally likely, and flags are sometimes none
 * and sometimes all. Each choice shrinks towards the simplest branch (the
 * plain random one, the first case), so a shrunk counterexample reads simply.
 */
import fc from 'fast-check';
import { ProxyComponentError } from '../errors.js';
import { BIG_INTEGER_RANGES, SMALL_INTEGER_RANGES, type HandleType, type WitType } from '../wit/types.js';
import { NONE, ResourceHandle, type Value } from '../values/value.js';
import { bigIntegerEdges, CHAR_EDGES, floatEdges, smallIntegerEdges, stringEdges } from './edges.js';

export interface ValueArbitraryOptions {
  /** Longest list generated (fixed-size lists always have their length). Default 16. */
  readonly maxListLength?: number;
  /** Longest string generated, in code points. Default 32. */
  readonly maxStringLength?: number;
  /** Highest resource handle number generated (without `handle`). Default 8. */
  readonly maxHandle?: number;
  /** Lists nested deeper than this are empty (fixed-size lists excepted). Default 4. */
  readonly maxDepth?: number;
  /** How often edge values come, against 4 for plain random ones; 0 for none. Default 1. */
  readonly edgeWeight?: number;
  /** Makes the values of `own`/`borrow` types: fuzzing picks among the handles a run has seen. */
  readonly handle?: (type: HandleType) => fc.Arbitrary<Value>;
}

/** Every Unicode scalar value: code points without the surrogate range. */
const SURROGATES = 0xe000 - 0xd800;
const anyScalar = fc.integer({ min: 0, max: 0x10ffff - SURROGATES }).map((n) => String.fromCodePoint(n < 0xd800 ? n : n + SURROGATES));
const RANDOM_WEIGHT = 4;

/** Random first (so shrinking goes there), edges sometimes. */
function withEdges<T>(random: fc.Arbitrary<T>, edges: readonly T[], edgeWeight: number): fc.Arbitrary<T> {
  if (edgeWeight <= 0 || edges.length === 0) return random;
  return fc.oneof({ withCrossShrink: true }, { weight: RANDOM_WEIGHT, arbitrary: random }, { weight: edgeWeight, arbitrary: fc.constantFrom(...edges) });
}

function charArbitrary(edgeWeight: number): fc.Arbitrary<string> {
  const random = fc.oneof(
    { weight: 6, arbitrary: fc.integer({ min: 0x20, max: 0x7e }).map((n) => String.fromCharCode(n)) },
    { weight: 2, arbitrary: fc.integer({ min: 0, max: 0xffff - SURROGATES }).map((n) => String.fromCharCode(n < 0xd800 ? n : n + SURROGATES)) },
    { weight: 2, arbitrary: anyScalar },
  );
  return withEdges(random, CHAR_EDGES.map((edge) => edge.value), edgeWeight);
}

/** An arbitrary producing values of `type`. */
export function valueArbitrary(type: WitType, options: ValueArbitraryOptions = {}): fc.Arbitrary<Value> {
  const maxListLength = options.maxListLength ?? 16;
  const maxStringLength = options.maxStringLength ?? 32;
  const maxHandle = options.maxHandle ?? 8;
  const maxDepth = options.maxDepth ?? 4;
  const edgeWeight = options.edgeWeight ?? 1;
  const char = charArbitrary(edgeWeight);
  const strings = withEdges(
    fc.array(char, { maxLength: maxStringLength }).map((chars) => chars.join('')),
    stringEdges(maxStringLength).map((edge) => edge.value),
    edgeWeight,
  );
  const cases = <T>(...arbitraries: fc.Arbitrary<T>[]): fc.Arbitrary<T> =>
    arbitraries.length === 1 ? (arbitraries[0] as fc.Arbitrary<T>) : fc.oneof({ withCrossShrink: true }, ...arbitraries);

  const build = (t: WitType, depth: number): fc.Arbitrary<Value> => {
    switch (t.kind) {
      case 'bool':
        return fc.boolean();
      case 's8':
      case 's16':
      case 's32':
      case 'u8':
      case 'u16':
      case 'u32': {
        const [min, max] = SMALL_INTEGER_RANGES[t.kind];
        return withEdges(fc.integer({ min, max }), smallIntegerEdges(t.kind).map((edge) => edge.value), edgeWeight);
      }
      case 's64':
      case 'u64': {
        const [min, max] = BIG_INTEGER_RANGES[t.kind];
        return withEdges(fc.bigInt({ min, max }), bigIntegerEdges(t.kind).map((edge) => edge.value), edgeWeight);
      }
      case 'f32':
        return withEdges(fc.float(), floatEdges('f32').map((edge) => edge.value), edgeWeight);
      case 'f64':
        return withEdges(fc.double(), floatEdges('f64').map((edge) => edge.value), edgeWeight);
      case 'char':
        return char;
      case 'string':
        return strings;
      case 'list': {
        if (t.length !== undefined) {
          const element = build(t.element, depth + 1);
          return fc.array(element, { minLength: t.length, maxLength: t.length });
        }
        if (depth >= maxDepth || maxListLength === 0) return fc.constant([]);
        const element = build(t.element, depth + 1);
        const random = fc.array(element, { maxLength: maxListLength });
        if (edgeWeight <= 0) return random;
        return fc.oneof(
          { withCrossShrink: true },
          { weight: RANDOM_WEIGHT, arbitrary: random },
          { weight: edgeWeight, arbitrary: fc.constant([]) },
          { weight: edgeWeight, arbitrary: fc.array(element, { minLength: maxListLength, maxLength: maxListLength }) },
        );
      }
      case 'tuple':
        return fc.tuple(...t.elements.map((element) => build(element, depth)));
      case 'record': {
        const names = t.fields.map((field) => field.name);
        return fc.tuple(...t.fields.map((field) => build(field.type, depth))).map((values) => {
          const record: Record<string, Value> = {};
          names.forEach((name, i) => (record[name] = values[i] as Value));
          return record;
        });
      }
      case 'variant':
        return cases(...t.cases.map((c) => (c.type === undefined ? fc.constant({ tag: c.name }) : build(c.type, depth).map((value) => ({ tag: c.name, value })))));
      case 'enum':
        return fc.constantFrom(...t.cases);
      case 'option':
        return cases<Value>(fc.constant(NONE), build(t.some, depth).map((value) => ({ tag: 'some', value })));
      case 'result':
        return cases<Value>(
          t.ok === undefined ? fc.constant({ tag: 'ok' }) : build(t.ok, depth).map((value) => ({ tag: 'ok', value })),
          t.err === undefined ? fc.constant({ tag: 'err' }) : build(t.err, depth).map((value) => ({ tag: 'err', value })),
        );
      case 'flags': {
        const subsets = fc.subarray([...t.flags]);
        return t.flags.length === 0 ? subsets : withEdges(subsets, [[], [...t.flags]], edgeWeight);
      }
      case 'own':
      case 'borrow':
        return options.handle?.(t) ?? fc.integer({ min: 1, max: maxHandle }).map((id) => new ResourceHandle(id));
      case 'future':
      case 'stream':
      case 'error-context':
        throw new ProxyComponentError('WIT_UNSUPPORTED', `cannot generate values of ${t.kind}: not supported yet`);
    }
  };
  return build(type, 0);
}
