/**
 * WAVE (WebAssembly Value Encoding): the text form of component values,
 * parsed and printed against WIT types, conforming to the reference
 * implementation (wasm-tools' wasm-wave; its own test vectors all pass, see
 * scripts/check-wave-vectors.ts).
 *
 * - `parseValue(text, type)` reads one value; `printValue(value, type)`
 *   writes the canonical form, which `parseValue` reads back to an equal value
 *   (values/equal.ts: two values are equal exactly when their prints are).
 * - `parseCall(text, resolveFunction)` reads `name(arg, ...)`; `printCall`
 *   and `printCallPositional` write calls with and without parameter names.
 *
 * Decisions worth knowing:
 * - Numbers follow the reference lexer: `+1`, `01`, `1_000`, `0x10`, `.5`,
 *   `5.`, `-nan`, `NaN`, `Infinity` are rejected; `-0` is 0 for signed
 *   integers and out of range for unsigned ones; floats read exactly as Rust
 *   reads them (an f32 is rounded once, from the decimal).
 * - Floats print exactly as Rust's `Display` (checked against Rust on
 *   millions of values): shortest digits for the float's own width, plain
 *   positional notation, `nan`, `inf`, `-inf`, `-0`.
 * - Chars and strings print as the reference: `\\ \' \" \t \n \r` escaped,
 *   and `\u{hex}` for control characters, grapheme extenders and what Rust
 *   considers unprintable (format characters, unassigned code points, private
 *   use, separators other than the space); everything else literally.
 * - Accepted as in the reference: a bare T for `some(T)` (and for `ok(T)`)
 *   unless T is an option or result; record fields in any order; omitted
 *   option fields and omitted trailing option arguments (none); `{:}` for a
 *   record with no field written; trailing commas; `%` before any label.
 *   A record field the type lacks is an error (the reference drops it).
 * - Resource handles, which WAVE lacks, are written `#N` (N = the handle id).
 * - Errors are ProxyComponentError `WAVE_SYNTAX` (the text is malformed),
 *   `WAVE_TYPE` (well-formed but not a value of the type),
 *   `WAVE_UNKNOWN_FUNCTION`, `WAVE_ARITY`, `WIT_UNSUPPORTED` (future, stream,
 *   error-context), each with the line:col of the offending token. Printing
 *   a value that does not fit its type is a `VALUE_TYPE` error.
 */
export { parseValue } from './parse.js';
export { printValue } from './print.js';
export { parseCall, parseCallPrefix, printCall, printCallPositional } from './call.js';
export type { CallParam, CallSignature, FunctionResolver, ParsedCall } from './call.js';
export type { TextOrigin } from './lexer.js';
export { formatF32, formatF64 } from './float.js';
export { KEYWORDS, isKeyword, isLabel } from './keywords.js';
