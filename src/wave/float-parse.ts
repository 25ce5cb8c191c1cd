/**
 * Reading WAVE number text as floats, exactly as Rust's `str::parse` does.
 *
 * An f64 is the decimal correctly rounded, which `Number()` does; an f32 must
 * be rounded once, directly from the decimal. `Math.fround(Number(text))`
 * rounds twice (to f64, then to f32), which is wrong exactly when the f64
 * lands on the midpoint between two f32s; that case is detected and decided
 * by comparing the decimal with the midpoint exactly.
 */

const F32 = new Float32Array(1);
const U32 = new Uint32Array(F32.buffer);
const F64 = new Float64Array(1);
const U64 = new BigUint64Array(F64.buffer);

/** 2^128: where f32 rounding overflows, used as the neighbour above the largest f32. */
const F32_LIMIT = 2 ** 128;

/** The next f32 above the finite f32 `x`. */
function nextUp32(x: number): number {
  if (x === 0) return 2 ** -149;
  F32[0] = x;
  U32[0] = x > 0 ? (U32[0] as number) + 1 : (U32[0] as number) - 1;
  return F32[0] as number;
}

/**
 * The f32 nearest to the decimal number src[start, end) (a WAVE number
 * without keywords), given `approx`, the f64 nearest to it.
 */
export function decimalToF32(src: string, start: number, end: number, approx: number): number {
  const rounded = Math.fround(approx);
  if (rounded === approx || !Number.isFinite(approx)) return rounded;
  let below: number;
  let above: number;
  if (rounded < approx) {
    below = rounded;
    above = nextUp32(rounded);
  } else {
    above = rounded;
    below = -nextUp32(-rounded);
  }
  const low = below === -Infinity ? -F32_LIMIT : below;
  const high = above === Infinity ? F32_LIMIT : above;
  if ((low + high) / 2 !== approx) return rounded; // not on a midpoint: one rounding was enough
  const order = compareDecimalWithDouble(src.slice(start, end), approx);
  if (order > 0) return above;
  if (order < 0) return below;
  return rounded; // exactly the midpoint: ties-to-even, as fround did
}

/** -1, 0 or 1 as the exact value of decimal `text` is below, equal to or above the finite `d`. */
function compareDecimalWithDouble(text: string, d: number): number {
  const negative = text.charCodeAt(0) === 0x2d;
  const body = negative ? text.slice(1) : text;
  const e = body.search(/[eE]/);
  const mantissaText = e < 0 ? body : body.slice(0, e);
  let exponent = e < 0 ? 0 : Number(body.slice(e + 1));
  const dot = mantissaText.indexOf('.');
  let digits = mantissaText;
  if (dot >= 0) {
    digits = mantissaText.slice(0, dot) + mantissaText.slice(dot + 1);
    exponent -= mantissaText.length - dot - 1;
  }
  let left = BigInt(digits);
  F64[0] = Math.abs(d);
  const bits = U64[0] as bigint;
  const biasedExponent = Number(bits >> 52n);
  const fraction = bits & ((1n << 52n) - 1n);
  let right = biasedExponent === 0 ? fraction : fraction | (1n << 52n);
  const binaryExponent = (biasedExponent === 0 ? 1 : biasedExponent) - 1075;
  if (exponent >= 0) left *= 10n ** BigInt(exponent);
  else right *= 10n ** BigInt(-exponent);
  if (binaryExponent >= 0) right <<= BigInt(binaryExponent);
  else left <<= BigInt(-binaryExponent);
  const magnitudeOrder = left < right ? -1 : left > right ? 1 : 0;
  return negative ? -magnitudeOrder : magnitudeOrder;
}

const POWERS_OF_TEN_EXACT = Array.from({ length: 23 }, (_, i) => 10 ** i); // exact up to 10^22

/**
 * A float read straight from the digits when that is exact: a mantissa of at
 * most 15 digits (below 2^53) times a power of ten up to 10^22, both exact
 * doubles, so one multiplication or division rounds correctly, as Number()
 * would. Returns NaN (never a valid result here) when the number needs
 * Number() on its text; `end` is the end of the number token.
 */
export function decimalValue(src: string, start: number, end: number): number {
  let p = start;
  const negative = src.charCodeAt(p) === 0x2d;
  if (negative) p++;
  let mantissa = 0;
  let digits = 0;
  let scale = 0;
  let c = src.charCodeAt(p);
  while (c >= 0x30 && c <= 0x39) {
    mantissa = mantissa * 10 + (c - 0x30);
    if (mantissa !== 0) digits++;
    c = src.charCodeAt(++p);
  }
  if (c === 0x2e) {
    c = src.charCodeAt(++p);
    while (c >= 0x30 && c <= 0x39) {
      mantissa = mantissa * 10 + (c - 0x30);
      if (mantissa !== 0) digits++;
      scale--;
      c = src.charCodeAt(++p);
    }
  }
  if (p !== end) {
    // an exponent: [eE][+-]?digits
    c = src.charCodeAt(++p);
    const negativeExponent = c === 0x2d;
    if (c === 0x2d || c === 0x2b) c = src.charCodeAt(++p);
    let exponent = 0;
    while (c >= 0x30 && c <= 0x39 && exponent < 1000) {
      exponent = exponent * 10 + (c - 0x30);
      c = src.charCodeAt(++p);
    }
    if (p !== end) return NaN; // an absurdly long exponent
    scale += negativeExponent ? -exponent : exponent;
  }
  if (digits > 15) return NaN;
  let value: number;
  if (mantissa === 0) value = 0;
  else if (scale >= 0 && scale <= 22) value = mantissa * (POWERS_OF_TEN_EXACT[scale] as number);
  else if (scale < 0 && scale >= -22) value = mantissa / (POWERS_OF_TEN_EXACT[-scale] as number);
  else return NaN;
  return negative ? -value : value;
}
