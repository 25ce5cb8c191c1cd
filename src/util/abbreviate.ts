/**
 * Long values in messages and reports, abbreviated: one function for every
 * sentence, report and table that shows a value a user gave or a component
 * made, so that a 10 MB string gives a readable line, not a 10 MB one. The
 * full value stays in the data (a Divergence's `expected` and `actual`, JSON
 * reports): only what is printed for people is cut.
 *
 * What is cut is said in place, `…(10485712 characters)…`, and when two
 * values are compared the window is put where they first differ, at the same
 * offset in both, so the difference stays in view:
 *
 * ```text
 * - expected "aaaaaaaa…(10485500 characters)…aaaaaXaaaa…(120 characters)…"
 * + actual   "aaaaaaaa…(10485500 characters)…aaaaaYaaaa…(120 characters)…"
 * ```
 */

/** Characters of a value shown in a sentence (a divergence's summary, an error message). */
export const SENTENCE_LIMIT = 120;
/** Characters of a value shown on a line of its own (a report's expected and actual, a call path). */
export const LINE_LIMIT = 400;
/** The most any one message may be: a last resort for texts no caller abbreviated. */
export const MESSAGE_LIMIT = 4000;

/** `text`, or its start and end with what is cut between them said in place. */
export function abbreviate(text: string, limit: number = SENTENCE_LIMIT): string {
  if (text.length <= limit) return text;
  const head = cut(text, Math.ceil((limit * 2) / 3));
  const tail = cutFromEnd(text, text.length - Math.floor(limit / 3));
  return `${text.slice(0, head)}${elided(tail - head)}${text.slice(tail)}`;
}

/** `text` around offset `at` (where something happens), within `limit` characters and the marks of what is cut. */
export function abbreviateAt(text: string, at: number, limit: number = LINE_LIMIT): string {
  if (text.length <= limit) return text;
  const start = Math.max(0, Math.min(at - Math.floor(limit / 3), text.length - limit));
  return windowOf(text, start, limit);
}

/**
 * Texts compared with each other (expected and actual, one per engine),
 * each abbreviated to the same window: around the first offset where they
 * do not all agree, so the difference is in view in every one.
 */
export function abbreviateDifference(texts: readonly string[], limit: number = LINE_LIMIT): string[] {
  if (texts.every((text) => text.length <= limit)) return [...texts];
  const at = firstDifference(texts);
  const longest = Math.max(...texts.map((text) => text.length));
  const start = Math.max(0, Math.min(at - Math.floor(limit / 3), longest - limit));
  return texts.map((text) => (text.length <= limit ? text : windowOf(text, Math.min(start, Math.max(0, text.length - limit)), limit)));
}

/** The first offset where the texts do not all have the same character (the shortest length if one is a prefix of all). */
export function firstDifference(texts: readonly string[]): number {
  const first = texts[0] ?? '';
  const shortest = Math.min(...texts.map((text) => text.length));
  for (let i = 0; i < shortest; i++) {
    const code = first.charCodeAt(i);
    if (texts.some((text) => text.charCodeAt(i) !== code)) return i;
  }
  return shortest;
}

function windowOf(text: string, start: number, limit: number): string {
  const from = start === 0 ? 0 : cut(text, start);
  const to = cutFromEnd(text, Math.min(text.length, from + limit));
  return `${from === 0 ? '' : elided(from, 'start')}${text.slice(from, to)}${to === text.length ? '' : elided(text.length - to, 'end')}`;
}

function elided(count: number, where: 'middle' | 'start' | 'end' = 'middle'): string {
  const said = `(${count} characters)`;
  return where === 'start' ? `${said}…` : where === 'end' ? `…${said}` : `…${said}…`;
}

/** `at`, moved back so as not to split a surrogate pair. */
function cut(text: string, at: number): number {
  return at > 0 && at < text.length && isLowSurrogate(text.charCodeAt(at)) && isHighSurrogate(text.charCodeAt(at - 1)) ? at - 1 : at;
}

/** `at` (the start of a kept end), moved forward so as not to split a surrogate pair. */
function cutFromEnd(text: string, at: number): number {
  return at > 0 && at < text.length && isLowSurrogate(text.charCodeAt(at)) && isHighSurrogate(text.charCodeAt(at - 1)) ? at + 1 : at;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
