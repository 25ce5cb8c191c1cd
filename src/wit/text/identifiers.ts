/**
 * WIT identifiers: the kebab-case rule and the keywords that need a `%` to be
 * used as names. Shared by the lexer (to check what it reads) and the printer
 * (to escape what it writes).
 */

/** Words reserved by the WIT grammar; `%name` uses one as an identifier. */
export const WIT_KEYWORDS: ReadonlySet<string> = new Set([
  'as', 'async', 'bool', 'borrow', 'char', 'constructor', 'enum', 'error-context', 'export',
  'f32', 'f64', 'flags', 'from', 'func', 'future', 'import', 'include', 'interface', 'list',
  'map', 'option', 'own', 'package', 'record', 'resource', 'result', 's8', 's16', 's32', 's64',
  'static', 'stream', 'string', 'tuple', 'type', 'u8', 'u16', 'u32', 'u64', 'use', 'variant',
  'with', 'world',
]);

const DASH = 0x2d;
const DIGIT_0 = 0x30;
const DIGIT_9 = 0x39;
const UPPER_A = 0x41;
const UPPER_Z = 0x5a;
const LOWER_A = 0x61;
const LOWER_Z = 0x7a;

/**
 * Why `name` is not a valid WIT identifier, or undefined when it is one.
 * Identifiers are words joined by `-`; a word starts with a letter and is all
 * lowercase (`xml-parser`) or all uppercase (`XML`), digits allowed after the first letter.
 */
export function identifierProblem(name: string): string | undefined {
  if (name.length === 0) return 'it is empty';
  let wordStart = true;
  let wordCase: 'lower' | 'upper' | undefined;
  for (let i = 0; i < name.length; i++) {
    const code = name.charCodeAt(i);
    if (code === DASH) {
      if (wordStart) return i === 0 ? 'it starts with `-`' : 'it has an empty word between two `-`';
      wordStart = true;
      wordCase = undefined;
      continue;
    }
    const lower = code >= LOWER_A && code <= LOWER_Z;
    const upper = code >= UPPER_A && code <= UPPER_Z;
    const digit = code >= DIGIT_0 && code <= DIGIT_9;
    if (wordStart) {
      if (digit) return 'each word must start with a letter, not a digit';
      if (!lower && !upper) return describeBadCharacter(name, i);
      wordCase = lower ? 'lower' : 'upper';
      wordStart = false;
      continue;
    }
    if (digit) continue;
    if ((lower && wordCase === 'upper') || (upper && wordCase === 'lower')) {
      return 'each word must be all lowercase or all uppercase (words are separated by `-`)';
    }
    if (!lower && !upper) return describeBadCharacter(name, i);
  }
  if (wordStart) return 'it ends with `-`';
  return undefined;
}

function describeBadCharacter(name: string, index: number): string {
  const char = String.fromCodePoint(name.codePointAt(index) ?? 0);
  if (char === '_') return '`_` is not allowed, words are separated by `-`';
  return `the character \`${char}\` is not allowed (only ASCII letters, digits and \`-\`)`;
}

export function isValidIdentifier(name: string): boolean {
  return identifierProblem(name) === undefined;
}

/** `name` as WIT writes it: `%record` for a keyword, `record-type` as is. */
export function escapeIdentifier(name: string): string {
  return WIT_KEYWORDS.has(name) ? `%${name}` : name;
}
