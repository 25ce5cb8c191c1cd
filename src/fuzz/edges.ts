/**
 * The edge values of each primitive WIT type: the values bugs cluster around.
 * The arbitraries produce every one of them (see arbitrary.ts) and the
 * coverage report says which ones a fuzz run produced (see coverage.ts), so
 * both read them from here.
 */
import { BIG_INTEGER_RANGES, SMALL_INTEGER_RANGES, type PrimitiveKind } from '../wit/types.js';

/** A named edge value: `{ label: 'max', value: 4294967295 }`. */
export interface Edge<T> {
  readonly label: string;
  readonly value: T;
}

type SmallIntegerKind = keyof typeof SMALL_INTEGER_RANGES;
type BigIntegerKind = keyof typeof BIG_INTEGER_RANGES;

/** `plus(x, k)` adds a small k in the type's own arithmetic. */
function integerEdges<T extends number | bigint>(min: T, max: T, zero: T, plus: (x: T, k: number) => T): Edge<T>[] {
  const edges: Edge<T>[] = [{ label: '0', value: zero }, { label: '1', value: plus(zero, 1) }];
  // Unsigned minimums are 0, already there.
  if (min < zero) edges.push({ label: '-1', value: plus(zero, -1) }, { label: 'min', value: min }, { label: 'min+1', value: plus(min, 1) });
  edges.push({ label: 'max', value: max }, { label: 'max-1', value: plus(max, -1) });
  return edges;
}

export function smallIntegerEdges(kind: SmallIntegerKind): readonly Edge<number>[] {
  const [min, max] = SMALL_INTEGER_RANGES[kind];
  return integerEdges(min, max, 0, (x, k) => x + k);
}

export function bigIntegerEdges(kind: BigIntegerKind): readonly Edge<bigint>[] {
  const [min, max] = BIG_INTEGER_RANGES[kind];
  return integerEdges(min, max, 0n, (x, k) => x + BigInt(k));
}

const F32_MAX = 3.4028234663852886e38;
const F32_MIN_NORMAL = 1.1754943508222875e-38;
const F32_MIN_SUBNORMAL = 1.401298464324817e-45;

/** Float edges; every f32 one is exactly an f32. */
export function floatEdges(kind: 'f32' | 'f64'): readonly Edge<number>[] {
  const [max, minNormal, minSubnormal] = kind === 'f32' ? [F32_MAX, F32_MIN_NORMAL, F32_MIN_SUBNORMAL] : [Number.MAX_VALUE, 2.2250738585072014e-308, Number.MIN_VALUE];
  return [
    { label: '0', value: 0 },
    { label: '-0', value: -0 },
    { label: 'NaN', value: Number.NaN },
    { label: 'inf', value: Number.POSITIVE_INFINITY },
    { label: '-inf', value: Number.NEGATIVE_INFINITY },
    { label: 'max', value: max },
    { label: '-max', value: -max },
    { label: 'min-normal', value: minNormal },
    { label: 'min-subnormal', value: minSubnormal },
    { label: '1', value: 1 },
    { label: '-1', value: -1 },
  ];
}

/** Chars at the borders of the Unicode planes and of the surrogate gap, and the escapes WAVE writes. */
export const CHAR_EDGES: readonly Edge<string>[] = [
  { label: 'nul', value: '\0' },
  { label: 'del', value: '\u{7f}' },
  { label: 'before-surrogates', value: '\u{d7ff}' },
  { label: 'after-surrogates', value: '\u{e000}' },
  { label: 'bmp-max', value: '\u{ffff}' },
  { label: 'astral-min', value: '\u{10000}' },
  { label: 'max', value: '\u{10ffff}' },
  { label: 'emoji', value: '\u{1f600}' },
  { label: 'quote', value: "'" },
  { label: 'backslash', value: '\\' },
  { label: 'newline', value: '\n' },
];

/** A string of `length` code points cycling through astral, BMP and escaped characters. */
export function longString(length: number): string {
  const cycle = ['\u{1f30a}', 'a', '\u{10ffff}', 'é', '"', '\u{10000}', '\\', '\u{ffff}'];
  let text = '';
  for (let i = 0; i < length; i++) text += cycle[i % cycle.length] as string;
  return text;
}

/** The string edges the arbitraries produce, given the longest string length (none longer than it). */
export function stringEdges(maxLength: number): readonly Edge<string>[] {
  const edges: Edge<string>[] = [
    { label: 'empty', value: '' },
    { label: 'astral', value: '\u{1f30a}' },
    { label: 'escapes', value: 'a"b\\c\n\t\r' },
  ];
  // A long string is one of the longest length; at length 0 or 1 another edge already is.
  if (maxLength > 1) edges.push({ label: 'long', value: longString(maxLength) });
  return edges.filter((edge) => [...edge.value].length <= maxLength);
}

/** The edge labels a value of a primitive kind hits (most values hit none). */
export function primitiveEdgeLabels(kind: PrimitiveKind, value: unknown, maxStringLength: number): string[] {
  switch (kind) {
    case 'bool':
      return [String(value)];
    case 's8':
    case 's16':
    case 's32':
    case 'u8':
    case 'u16':
    case 'u32':
      return smallIntegerEdges(kind).filter((edge) => edge.value === value).map((edge) => edge.label);
    case 's64':
    case 'u64':
      return bigIntegerEdges(kind).filter((edge) => edge.value === value).map((edge) => edge.label);
    case 'f32':
    case 'f64':
      return floatEdges(kind).filter((edge) => Object.is(edge.value, value)).map((edge) => edge.label);
    case 'char':
      return CHAR_EDGES.filter((edge) => edge.value === value).map((edge) => edge.label);
    case 'string':
      return stringEdgeLabels(value as string, maxStringLength);
  }
}

/** String edges by property rather than identity: any long string counts as long. */
function stringEdgeLabels(text: string, maxLength: number): string[] {
  if (text === '') return ['empty'];
  const labels: string[] = [];
  if (/[\u{10000}-\u{10ffff}]/u.test(text)) labels.push('astral');
  if (/["\\\n]/.test(text)) labels.push('escapes');
  if (maxLength > 1 && [...text].length >= maxLength) labels.push('long');
  return labels;
}

/** Every edge label of a primitive kind, in a stable order, for coverage reports. */
export function primitiveEdgeNames(kind: PrimitiveKind, maxStringLength: number): readonly string[] {
  switch (kind) {
    case 'bool':
      return ['false', 'true'];
    case 's8':
    case 's16':
    case 's32':
    case 'u8':
    case 'u16':
    case 'u32':
      return smallIntegerEdges(kind).map((edge) => edge.label);
    case 's64':
    case 'u64':
      return bigIntegerEdges(kind).map((edge) => edge.label);
    case 'f32':
    case 'f64':
      return floatEdges(kind).map((edge) => edge.label);
    case 'char':
      return CHAR_EDGES.map((edge) => edge.label);
    case 'string':
      return stringEdges(maxStringLength).map((edge) => edge.label);
  }
}
