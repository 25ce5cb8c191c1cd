/**
 * Escaping in WAVE chars and strings, for printing.
 *
 * The reference writer escapes `\\`, `"`, `'`, tab, LF and CR with a
 * backslash, writes control characters (Unicode category Cc) as `\u{hex}`,
 * and writes the rest as Rust's `char::escape_debug` does: literally, except
 * grapheme extenders (combining marks, variation selectors) and characters Rust
 * does not consider printable (categories Cf, Co, Cn, Zl, Zp, and Zs other than
 * the space), which also become `\u{hex}`. One regular expression finds them
 * all, so a string without any is copied in one piece.
 */
import { ProxyComponentError } from '../errors.js';

export const NEEDS_ESCAPE =
  /[\\"'\p{Cc}\p{Cf}\p{Co}\p{Cn}\p{Cs}\p{Zl}\p{Zp}\p{Grapheme_Extend}\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]/u;
const NEEDS_ESCAPE_ALL = new RegExp(NEEDS_ESCAPE.source, 'gu');

/** 1 for the ASCII codes that need escaping: controls, DEL, `"`, `'` and `\\`. */
export const NEEDS_ESCAPE_ASCII: Uint8Array = Uint8Array.from({ length: 128 }, (_, c) =>
  c < 0x20 || c === 0x7f || c === 0x22 || c === 0x27 || c === 0x5c ? 1 : 0,
);

const SHORT_ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\\\',
  '"': '\\"',
  "'": "\\'",
  '\t': '\\t',
  '\n': '\\n',
  '\r': '\\r',
};

function escapeOne(ch: string): string {
  const short = SHORT_ESCAPES[ch];
  if (short !== undefined) return short;
  const code = ch.codePointAt(0) as number;
  if (code >= 0xd800 && code <= 0xdfff) {
    throw new ProxyComponentError('VALUE_TYPE', `string contains an unpaired surrogate \\u{${code.toString(16)}}, which is not a Unicode scalar value`);
  }
  return `\\u{${code.toString(16)}}`;
}

let bmpTable: Uint8Array | undefined;

/**
 * For every BMP code unit, 1 when the printer escapes it (surrogates are 2:
 * they are decided as pairs). Built on first use from the same rules as
 * NEEDS_ESCAPE, so the two cannot disagree.
 */
export function bmpEscapeTable(): Uint8Array {
  if (bmpTable === undefined) {
    bmpTable = new Uint8Array(0x10000);
    for (let c = 0; c < 0x10000; c++) {
      if (c >= 0xd800 && c <= 0xdfff) bmpTable[c] = 2;
      else if (NEEDS_ESCAPE.test(String.fromCharCode(c))) bmpTable[c] = 1;
    }
  }
  return bmpTable;
}

/** The escape of one character (a code point's text), as the reference writes it. */
export function escapeCharacter(ch: string): string {
  return escapeOne(ch);
}

/** True when the astral character (a surrogate pair's text) is printed escaped. */
export function astralNeedsEscape(pair: string): boolean {
  return NEEDS_ESCAPE.test(pair);
}

/** The body of a WAVE string literal for `text` (without the quotes). */
export function escapeStringBody(text: string): string {
  return NEEDS_ESCAPE.test(text) ? text.replace(NEEDS_ESCAPE_ALL, escapeOne) : text;
}

/** `"text"` with the reference's escapes. */
export function quoteString(text: string): string {
  return NEEDS_ESCAPE.test(text) ? `"${text.replace(NEEDS_ESCAPE_ALL, escapeOne)}"` : `"${text}"`;
}

/** `'c'` with the reference's escapes; `char` must be one Unicode scalar value. */
export function quoteChar(char: string): string {
  const code = char.codePointAt(0);
  if (code === undefined || char.length !== (code > 0xffff ? 2 : 1) || (code >= 0xd800 && code <= 0xdfff)) {
    throw new ProxyComponentError('VALUE_TYPE', `expected a char (one Unicode scalar value), got ${JSON.stringify(char)}`);
  }
  return NEEDS_ESCAPE.test(char) ? `'${escapeOne(char)}'` : `'${char}'`;
}
