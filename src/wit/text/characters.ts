/**
 * Character classes and checks of the WIT lexer, by UTF-16 code unit.
 */
export const TAB = 0x09;
export const LF = 0x0a;
export const CR = 0x0d;
export const SPACE = 0x20;
export const QUOTE = 0x22;
export const PERCENT = 0x25;
export const STAR = 0x2a;
export const PLUS = 0x2b;
export const DASH = 0x2d;
export const DOT = 0x2e;
export const SLASH = 0x2f;
export const GT = 0x3e;
export const BACKSLASH = 0x5c;
export const UNDERSCORE = 0x5f;
export const BOM = 0xfeff;

export function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

export function isLetter(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a);
}

/** Characters that continue an identifier-like word; validity is checked afterwards. */
export function isWordChar(code: number): boolean {
  return isLetter(code) || isDigit(code) || code === DASH || code === UNDERSCORE;
}

export function isVersionChar(code: number): boolean {
  return isLetter(code) || isDigit(code) || code === DASH;
}

/** Code points a WIT file must not contain, even in comments (as in the reference implementation). */
export function forbiddenCharacter(code: number): string | undefined {
  if (code < SPACE) return code === TAB || code === LF || code === CR ? undefined : 'control character';
  if (code >= 0x7f && code <= 0x9f) return 'control character';
  if ((code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069)) return 'bidirectional override character';
  if (code === 0x149 || code === 0x673 || code === 0xf77 || code === 0xf79 || (code >= 0x17a3 && code <= 0x17a4) || (code >= 0x17b4 && code <= 0x17b5)) {
    return 'character deprecated by Unicode';
  }
  return undefined;
}

/** A semantic version (semver.org's grammar), checked once per version token. */
export const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-(0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(\.(0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*)?(\+[0-9a-zA-Z-]+(\.[0-9a-zA-Z-]+)*)?$/;

