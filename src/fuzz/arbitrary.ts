/**
 * fast-check arbitraries for values of any WIT type.
 *
 * fast-check already biases integers and floats towards their edges (0, -1,
 * min, max, NaN, infinities, -0); these arbitraries add the WIT-specific edges:
 * non-BMP characters in chars and strings, every case of variants and enums,
 * every flags combination reachable by shrinking towards none.
 */
import fc from 'fast-check';
import { ProxyComponentError } from '../errors.js';
import { BIG_INTEGER_RANGES, SMALL_INTEGER_RANGES, type WitType } from '../wit/types.js';
import { NONE, ResourceHandle, type Value } from '../values/value.js';

export interface ValueArbitraryOptions {
  /** Longest list generated (fixed-size lists always have their length). Default 16. */
  readonly maxListLength?: number;
  /** Longest string generated, in code points. Default 32. */
  readonly maxStringLength?: number;
  /** Highest resource handle number generated. Default 8. */
  readonly maxHandle?: number;
}

/** Every Unicode scalar value: code points without the surrogate range. */
const SURROGATES = 0xe000 - 0xd800;
const charArbitrary: fc.Arbitrary<string> = fc.oneof(
  { weight: 1, arbitrary: fc.constantFrom('\0', '\u{7f}', '\u{ffff}', '\u{10000}', '\u{10ffff}', '\u{1f600}', "'", '\\', '"', '\n') },
  { weight: 4, arbitrary: fc.integer({ min: 0, max: 0x10ffff - SURROGATES }).map((n) => String.fromCodePoint(n < 0xd800 ? n : n + SURROGATES)) },
);

/** An arbitrary producing values of `type`. */
export function valueArbitrary(type: WitType, options: ValueArbitraryOptions = {}): fc.Arbitrary<Value> {
  const maxListLength = options.maxListLength ?? 16;
  const maxStringLength = options.maxStringLength ?? 32;
  const maxHandle = options.maxHandle ?? 8;
  const build = (t: WitType): fc.Arbitrary<Value> => {
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
        return fc.integer({ min, max });
      }
      case 's64':
        return fc.bigInt({ min: BIG_INTEGER_RANGES.s64[0], max: BIG_INTEGER_RANGES.s64[1] });
      case 'u64':
        return fc.bigInt({ min: BIG_INTEGER_RANGES.u64[0], max: BIG_INTEGER_RANGES.u64[1] });
      case 'f32':
        return fc.float();
      case 'f64':
        return fc.double();
      case 'char':
        return charArbitrary;
      case 'string':
        return fc.oneof(
          { weight: 1, arbitrary: fc.constantFrom('', '\u{1f30a}', 'a"b\\c', '\n\t\r') },
          { weight: 4, arbitrary: fc.array(charArbitrary, { maxLength: maxStringLength }).map((chars) => chars.join('')) },
        );
      case 'list': {
        const element = build(t.element);
        return t.length === undefined
          ? fc.array(element, { maxLength: maxListLength })
          : fc.array(element, { minLength: t.length, maxLength: t.length });
      }
      case 'tuple':
        return fc.tuple(...t.elements.map(build));
      case 'record': {
        const names = t.fields.map((field) => field.name);
        return fc.tuple(...t.fields.map((field) => build(field.type))).map((values) => {
          const record: Record<string, Value> = {};
          names.forEach((name, i) => (record[name] = values[i] as Value));
          return record;
        });
      }
      case 'variant':
        return fc.oneof(
          ...t.cases.map((c) => (c.type === undefined ? fc.constant({ tag: c.name }) : build(c.type).map((value) => ({ tag: c.name, value })))),
        );
      case 'enum':
        return fc.constantFrom(...t.cases);
      case 'option':
        return fc.oneof(fc.constant(NONE), build(t.some).map((value) => ({ tag: 'some', value })));
      case 'result':
        return fc.oneof(
          t.ok === undefined ? fc.constant({ tag: 'ok' }) : build(t.ok).map((value) => ({ tag: 'ok', value })),
          t.err === undefined ? fc.constant({ tag: 'err' }) : build(t.err).map((value) => ({ tag: 'err', value })),
        );
      case 'flags':
        return fc.subarray([...t.flags]);
      case 'own':
      case 'borrow':
        return fc.integer({ min: 1, max: maxHandle }).map((id) => new ResourceHandle(id));
      case 'future':
      case 'stream':
      case 'error-context':
        throw new ProxyComponentError('WIT_UNSUPPORTED', `cannot generate values of ${t.kind}: not supported yet`);
    }
  };
  return build(type);
}
