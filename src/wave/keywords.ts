/**
 * WAVE keywords and labels.
 *
 * The eight keywords (`true`, `false`, `some`, `none`, `ok`, `err`, `inf`,
 * `nan`) cannot stand for a variant or enum case as bare labels: such a case is
 * written with a `%` prefix (`%none`). Record fields and flags are never
 * confused with values, so the printer writes them bare, as the reference does.
 */

export const KEYWORDS: ReadonlySet<string> = new Set(['true', 'false', 'some', 'none', 'ok', 'err', 'inf', 'nan']);

export function isKeyword(label: string): boolean {
  return KEYWORDS.has(label);
}

/** `%label` for a keyword, `label` otherwise: how a variant or enum case is printed. */
export function caseLabel(name: string): string {
  return KEYWORDS.has(name) ? `%${name}` : name;
}

/**
 * The end of the label starting at `start` (without its `%`), or `start` when
 * there is none. A label is hyphen-separated words; the first word starts with
 * a letter, and each word is all lowercase or all uppercase (digits anywhere
 * after the first character), exactly as the reference lexer reads it.
 * Written as plain loops over char codes: this runs for every label parsed.
 */
export function labelEnd(src: string, start: number): number {
  let c = src.charCodeAt(start);
  if (!((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a))) return start;
  let p = start;
  for (;;) {
    // p is at the first letter of a word, or at the end of a digits-only word
    if ((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a)) {
      const upper = c <= 0x5a;
      c = src.charCodeAt(++p);
      while ((c >= 0x30 && c <= 0x39) || (upper ? c >= 0x41 && c <= 0x5a : c >= 0x61 && c <= 0x7a)) c = src.charCodeAt(++p);
    }
    if (c !== 0x2d) return p;
    // after a dash: digits, then optionally letters of one case; nothing means the label ended before the dash
    let q = p + 1;
    c = src.charCodeAt(q);
    while (c >= 0x30 && c <= 0x39) c = src.charCodeAt(++q);
    if (q === p + 1 && !((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a))) return p;
    p = q;
  }
}

/** True when `name` is a whole WAVE label (without `%`). */
export function isLabel(name: string): boolean {
  return name.length > 0 && labelEnd(name, 0) === name.length;
}
