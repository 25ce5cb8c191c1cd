/**
 * Printing floats in WAVE's canonical form, as the reference (Rust's
 * `Display`) prints them: `nan`, `inf`, `-inf`, `-0`, and otherwise the
 * shortest decimal digits that read back to the same float *of that width*,
 * in plain positional notation, never with an exponent (`1e21` prints as
 * `1000000000000000000000`). Among equally short decimals the nearest wins,
 * and an exact tie goes to the one of larger magnitude, as in Rust.
 */
import { decimalToF32 } from './float-parse.js';

const F32 = new Float32Array(1);
const U32 = new Uint32Array(F32.buffer);
const F64 = new Float64Array(1);
const F64_WORDS = new Uint32Array(F64.buffer);
/** Index of the low 32 bits of an f64 in F64_WORDS: 0 on little-endian machines. */
const LOW_WORD = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 0 : 1;


/**
 * Where the fast paths leave their result, to avoid allocating: the value is
 * `digits` × 10^-`scale`, `digits` an integer below 2^53.
 */
export const shortest = { digits: 0, scale: 0 };

const POWERS_OF_TEN = Array.from({ length: 23 }, (_, i) => 10 ** i); // exact up to 10^22

/**
 * The shortest decimal of a positive f64 when it has at most 15 significant
 * digits (then it is also the only decimal of that length that reads back):
 * for k = 0, 1, ... the integer nearest v·10^k is the only candidate (its
 * distance from the computed product is below 0.32), and one correctly
 * rounded division by the exact 10^k tells whether it reads back as v.
 * Returns false (use the general path) for longer or out-of-range values.
 */
export function fastShortestF64(v: number): boolean {
  if (!(v >= 1e-7 && v < 1e15)) return false;
  for (let k = 0; k <= 22; k++) {
    const power = POWERS_OF_TEN[k] as number;
    const digits = Math.round(v * power);
    if (digits >= 1e15) return false;
    if (digits / power === v) {
      shortest.digits = digits;
      shortest.scale = k;
      return true;
    }
  }
  return false;
}

/** Canonical WAVE text of an f64. */
export function formatF64(value: number): string {
  if (value !== value) return 'nan';
  if (value === 0) return Object.is(value, -0) ? '-0' : '0';
  if (value === Infinity) return 'inf';
  if (value === -Infinity) return '-inf';
  const magnitude = value < 0 ? -value : value;
  if (fastShortestF64(magnitude)) {
    const text = placeDecimalPoint(String(shortest.digits), shortest.scale);
    return value < 0 ? `-${text}` : text;
  }
  const digits = String(value); // ECMAScript's shortest round-trip digits
  const text = digits.includes('e') ? positional(digits) : digits;
  return breakTieUpward(text, value);
}

/**
 * When a value lies exactly halfway between the two closest shortest
 * decimals, ECMAScript picks the even one and Rust the one of larger
 * magnitude. A tie needs the exact value to have exactly one fractional
 * digit more than the shortest text (always a final 5), which is cheap to
 * detect from the float's fractional bit count.
 */
function breakTieUpward(text: string, value: number): string {
  const dot = text.indexOf('.');
  if (dot < 0) return text;
  const digits = text.length - dot - 1;
  if (fractionalBits(value) !== digits + 1) return text;
  const negative = value < 0;
  const magnitude = negative ? text.slice(1) : text;
  const exact = Math.abs(value).toFixed(digits + 1); // exact: the value has digits + 1 fractional digits
  if (exact.slice(0, -1) !== magnitude) return text; // the upper candidate was chosen already
  const upper = incrementLastDigit(magnitude);
  if (Number(upper) !== Math.abs(value)) return text;
  return negative ? `-${upper}` : upper;
}

/** How many binary digits of `value` lie after the binary point (0 for integers). */
function fractionalBits(value: number): number {
  F64[0] = value;
  const low = F64_WORDS[LOW_WORD] as number;
  const high = F64_WORDS[1 - LOW_WORD] as number;
  const biased = (high >>> 20) & 0x7ff;
  const mantissaHigh = (high & 0xfffff) | (biased === 0 ? 0 : 0x100000);
  let trailingZeros: number;
  if (low !== 0) trailingZeros = 31 - Math.clz32(low & -low);
  else if (mantissaHigh !== 0) trailingZeros = 63 - Math.clz32(mantissaHigh & -mantissaHigh);
  else return 0;
  return Math.max(0, 1075 - Math.max(biased, 1) - trailingZeros);
}

/** `12.39` -> `12.4`, `9.99` -> `10`: one unit up in the last place, trailing zeros dropped. */
function incrementLastDigit(decimal: string): string {
  const last = decimal.charCodeAt(decimal.length - 1);
  if (last !== 0x39) return decimal.slice(0, -1) + String.fromCharCode(last + 1); // no carry: the common case
  const chars = decimal.split('');
  let i = chars.length - 1;
  for (;;) {
    if (i < 0) {
      chars.unshift('1');
      break;
    }
    const c = chars[i] as string;
    if (c === '.') {
      i--;
      continue;
    }
    if (c === '9') {
      chars[i] = '0';
      i--;
      continue;
    }
    chars[i] = String.fromCharCode(c.charCodeAt(0) + 1);
    break;
  }
  let result = chars.join('');
  if (result.includes('.')) result = result.replace(/0+$/, '').replace(/\.$/, '');
  return result;
}

/** Canonical WAVE text of an f32 (`value` is rounded to f32 first). */
export function formatF32(value: number): string {
  const f = Math.fround(value);
  if (f !== f) return 'nan';
  if (f === 0) return Object.is(f, -0) ? '-0' : '0';
  if (f === Infinity) return 'inf';
  if (f === -Infinity) return '-inf';
  const magnitude = Math.abs(f);
  if (fastShortestF32(magnitude)) {
    const text = placeDecimalPoint(String(shortest.digits), shortest.scale);
    return f < 0 ? `-${text}` : text;
  }
  // Having p digits that round-trip implies having p + 1, so the shortest
  // length can be found by bisection over 1..9 (9 digits always suffice).
  let low = 1;
  let high = 9;
  let found = shortestCandidate(magnitude, 9) as string; // always the candidate for `high`
  while (low < high) {
    const mid = (low + high) >> 1;
    const candidate = shortestCandidate(magnitude, mid);
    if (candidate === undefined) {
      low = mid + 1;
    } else {
      high = mid;
      found = candidate;
    }
  }
  const text = positional(found);
  return f < 0 ? `-${text}` : text;
}

const POW5 = [1, 5, 25, 125, 625, 3125, 15625, 78125, 390625, 1953125, 9765625, 48828125];

/**
 * The shortest decimal for a positive f32 in [0.001, 2^23), computed exactly
 * in f64 arithmetic; undefined outside that range (then the general search
 * below runs). f = m·2^e; scaled by 10^k it is X = m·5^k·2^(e+k), and the
 * interval of decimals that read back as f is X ± half an ulp (a quarter
 * below a power of two, boundaries included when m is even). The first k
 * whose interval holds an integer gives the shortest digits; of those, the
 * integer nearest X (halves round up, as Rust does). For k <= 11 every
 * quantity is an integer multiple of 2^(e+k-2) below 2^53, so exact.
 * The result is left in `shortest`; false means: use the general search.
 */
export function fastShortestF32(f: number): boolean {
  if (!(f >= 0.001 && f < 8388608)) return false;
  F32[0] = f;
  const bits = U32[0] as number;
  const biased = bits >>> 23;
  const fraction = bits & 0x7fffff;
  const m = fraction | 0x800000;
  const e = biased - 150;
  const lopsided = fraction === 0;
  const inclusive = (m & 1) === 0;
  const start = f >= 1 ? 0 : Math.max(0, -Math.floor(Math.log10(f)) - 1);
  let unit = Math.pow(2, e + start);
  for (let k = start; k < POW5.length; k++, unit *= 2) {
    const p5 = POW5[k] as number;
    const x = m * p5 * unit;
    const above = (p5 * unit) / 2;
    const below = lopsided ? above / 2 : above;
    const low = x - below;
    const high = x + above;
    let min = Math.ceil(low);
    let max = Math.floor(high);
    if (!inclusive) {
      if (min === low) min++;
      if (max === high) max--;
    }
    if (min <= max) {
      let d = Math.floor(x + 0.5);
      if (d < min) d = min;
      else if (d > max) d = max;
      shortest.digits = d;
      shortest.scale = k;
      return true;
    }
  }
  return false;
}

/** `digits` × 10^-k as plain decimal text. */
export function placeDecimalPoint(digits: string, k: number): string {
  if (k === 0) return digits;
  // No trailing zeros to trim: the digits are the shortest for their k.
  const point = digits.length - k;
  return point > 0 ? `${digits.slice(0, point)}.${digits.slice(point)}` : `0.${'0'.repeat(-point)}${digits}`;
}

/**
 * A decimal of `precision` significant digits that reads back as the positive
 * f32 `f` (`d.ddde±x` form), the closest such one, or undefined if none exists.
 */
function shortestCandidate(f: number, precision: number): string | undefined {
  const closest = f.toExponential(precision - 1);
  if (readsBackAs(closest, f)) return closest;
  F32[0] = f;
  if (((U32[0] as number) & 0x7fffff) !== 0) return undefined;
  // The closest decimal can miss only when the interval that reads back as f
  // is lopsided (f a power of two, its lower neighbour twice as near); then the
  // next decimal on the wide side may still be inside it.
  const e = closest.indexOf('e');
  const digits = Number(closest.slice(0, e).replace('.', ''));
  const exponent = Number(closest.slice(e + 1)) - (precision - 1);
  for (const neighbour of [digits + 1, digits - 1]) {
    if (neighbour <= 0) continue;
    const candidate = `${neighbour}e${exponent}`;
    if (String(neighbour).length === precision && readsBackAs(candidate, f)) return candidate;
  }
  return undefined;
}

function readsBackAs(text: string, f: number): boolean {
  return decimalToF32(text, 0, text.length, Number(text)) === f;
}

/** `1.25e+21` or `125e19` (any exponent form) as plain positional decimal. */
function positional(exponential: string): string {
  const e = exponential.search(/[eE]/);
  if (e < 0) return exponential;
  const mantissa = exponential.slice(0, e);
  let exponent = Number(exponential.slice(e + 1));
  const negative = mantissa.startsWith('-');
  let digits = negative ? mantissa.slice(1) : mantissa;
  const dot = digits.indexOf('.');
  if (dot >= 0) {
    exponent -= digits.length - dot - 1;
    digits = digits.slice(0, dot) + digits.slice(dot + 1);
  }
  // Now value = digits × 10^exponent; drop zeros that carry no information.
  let end = digits.length;
  while (end > 1 && digits.charCodeAt(end - 1) === 0x30) {
    end--;
    exponent++;
  }
  digits = digits.slice(0, end);
  let start = 0;
  while (start < digits.length - 1 && digits.charCodeAt(start) === 0x30) start++;
  digits = digits.slice(start);
  let text: string;
  if (exponent >= 0) {
    text = digits === '0' ? '0' : digits + '0'.repeat(exponent);
  } else {
    const point = digits.length + exponent;
    text = point > 0 ? `${digits.slice(0, point)}.${digits.slice(point)}` : `0.${'0'.repeat(-point)}${digits}`;
  }
  return negative ? `-${text}` : text;
}
