/**
 * Chars and strings in WAVE text: `'x'`, `"..."` and `"""` multiline strings,
 * with the escapes `\\ \' \" \t \n \r \u{...}`, read at a WaveReader's position.
 *
 * As in the reference: a string may not contain a raw line break, `"` or `\`;
 * a char is one Unicode scalar value or one escape; `\u{...}` takes 1 to 6
 * hex digits naming a scalar value (no surrogates). A multiline string starts
 * with `"""` and a line break and ends with a line of only spaces before the
 * closing `"""`; those spaces are the indent removed from every line, and
 * the first and last line breaks are not part of the value.
 */
import { isHexDigit, type WaveReader } from './lexer.js';

/** Reads a `"..."` or `"""` multiline string at the current position (trivia skipped). */
export function readString(r: WaveReader): string {
  const src = r.src;
  const open = r.pos;
  if (src.charCodeAt(open + 1) === 0x22 && src.charCodeAt(open + 2) === 0x22) return readMultilineString(r);
  const start = open + 1;
  let p = start;
  for (;;) {
    const c = src.charCodeAt(p);
    if (c === 0x22) {
      r.pos = p + 1;
      return src.slice(start, p);
    }
    if (c === 0x5c || c === 0x0a || (c >= 0xd800 && c <= 0xdfff) || p >= r.len) break;
    p++;
  }
  // Escapes or something to reject: decode piece by piece.
  let text = src.slice(start, p);
  for (;;) {
    const c = src.charCodeAt(p);
    if (c === 0x22) {
      r.pos = p + 1;
      return text;
    }
    if (c === 0x5c) {
      text += readEscape(r, p);
      p = r.pos;
    } else if (c === 0x0a || p >= r.len) {
      throw r.syntaxErrorAt(open, 'unterminated string: a string must end on the line it starts (write a line break as \\n)');
    } else if (c >= 0xd800 && c <= 0xdfff) {
      text += readSurrogatePair(r, p);
      p += 2;
    } else {
      const runStart = p;
      let d = c;
      while (d !== 0x22 && d !== 0x5c && d !== 0x0a && !(d >= 0xd800 && d <= 0xdfff) && p < r.len) d = src.charCodeAt(++p);
      text += src.slice(runStart, p);
    }
  }
}

/** A surrogate pair at `p`, or an error for an unpaired surrogate. */
function readSurrogatePair(r: WaveReader, p: number): string {
  const high = r.src.charCodeAt(p);
  const low = r.src.charCodeAt(p + 1);
  if (high <= 0xdbff && low >= 0xdc00 && low <= 0xdfff) return r.src.slice(p, p + 2);
  throw r.syntaxErrorAt(p, 'unpaired surrogate: text must consist of Unicode scalar values');
}

/**
 * Decodes the escape at `p` (a backslash) and leaves `pos` after it:
 * `\\ \' \" \t \n \r \u{1-6 hex digits}` naming a Unicode scalar value.
 */
export function readEscape(r: WaveReader, p: number): string {
  const src = r.src;
  const c = src.charCodeAt(p + 1);
  r.pos = p + 2;
  switch (c) {
    case 0x5c:
      return '\\';
    case 0x27:
      return "'";
    case 0x22:
      return '"';
    case 0x74:
      return '\t';
    case 0x6e:
      return '\n';
    case 0x72:
      return '\r';
    case 0x75: {
      if (src.charCodeAt(p + 2) !== 0x7b) break;
      let q = p + 3;
      let value = 0;
      while (isHexDigit(src.charCodeAt(q))) value = value * 16 + parseInt(src[q++] as string, 16);
      const digits = q - (p + 3);
      if (src.charCodeAt(q) !== 0x7d || digits === 0 || digits > 6) {
        throw r.syntaxErrorAt(p, 'invalid escape: `\\u{...}` takes 1 to 6 hexadecimal digits');
      }
      if (value > 0x10ffff || (value >= 0xd800 && value <= 0xdfff)) {
        throw r.syntaxErrorAt(p, `invalid escape \`${src.slice(p, q + 1)}\`: not a Unicode scalar value`);
      }
      r.pos = q + 1;
      return String.fromCodePoint(value);
    }
  }
  const shown = Number.isNaN(c) ? '\\' : src.slice(p, p + 2);
  throw r.syntaxErrorAt(p, `invalid escape \`${shown}\` (escapes are \\\\ \\' \\" \\t \\n \\r \\u{...})`);
}

/** Reads a `'x'` char literal at the current position (trivia skipped). */
export function readChar(r: WaveReader): string {
  const src = r.src;
  const open = r.pos;
  const c = src.charCodeAt(open + 1);
  let char: string;
  let after: number;
  if (c === 0x5c) {
    char = readEscape(r, open + 1);
    after = r.pos;
  } else if (c === 0x27 || c === 0x0a || Number.isNaN(c)) {
    throw r.syntaxErrorAt(open, "invalid char: a char is one character between quotes; write `'` as `\\'` and a line break as `\\n`");
  } else if (c >= 0xd800 && c <= 0xdfff) {
    char = readSurrogatePair(r, open + 1);
    after = open + 3;
  } else {
    char = src[open + 1] as string;
    after = open + 2;
  }
  if (src.charCodeAt(after) !== 0x27) {
    const close = src.indexOf("'", after);
    const newline = src.indexOf('\n', after);
    const message =
      close >= 0 && (newline < 0 || close < newline)
        ? 'invalid char: a char literal holds exactly one character'
        : 'unterminated char literal';
    throw r.syntaxErrorAt(open, message);
  }
  r.pos = after + 1;
  return char;
}

/**
 * A multiline string: `"""`, a line break, lines, then a last line of only
 * spaces before the closing `"""`. Those spaces are the indent removed from
 * every line; line breaks between lines become `\n`; the first and last
 * line breaks are not part of the value. Escapes work as in strings.
 */
function readMultilineString(r: WaveReader): string {
  const src = r.src;
  const open = r.pos;
  const contentStart = open + 3;
  const close = src.indexOf('"""', contentStart);
  if (close < 0) throw r.syntaxErrorAt(open, 'unterminated multiline string: no closing `"""`');
  let p = contentStart;
  if (src.charCodeAt(p) === 0x0d) p++;
  if (src.charCodeAt(p) !== 0x0a) throw r.syntaxErrorAt(contentStart, 'invalid multiline string: the opening `"""` must be followed immediately by a line break');
  const lastBreak = src.lastIndexOf('\n', close - 1);
  for (let q = lastBreak + 1; q < close; q++) {
    if (src.charCodeAt(q) !== 0x20) throw r.syntaxErrorAt(close, 'invalid multiline string: the closing `"""` must be on a line preceded only by spaces');
  }
  const indent = close - lastBreak - 1;
  const lines: string[] = [];
  let lineStart = p + 1;
  while (lineStart <= lastBreak) {
    const lineEnd = src.indexOf('\n', lineStart);
    for (let q = lineStart; q < lineStart + indent; q++) {
      if (src.charCodeAt(q) !== 0x20) {
        throw r.syntaxErrorAt(lineStart, `invalid multiline string: every line must be indented at least as much as the closing \`"""\` (${indent} spaces)`);
      }
    }
    const textEnd = src.charCodeAt(lineEnd - 1) === 0x0d ? lineEnd - 1 : lineEnd;
    lines.push(decodeLine(r, lineStart + indent, Math.max(textEnd, lineStart + indent)));
    lineStart = lineEnd + 1;
  }
  r.pos = close + 3;
  return lines.join('\n');
}

/** Decodes escapes in src[start, end) of a multiline string line. */
function decodeLine(r: WaveReader, start: number, end: number): string {
  const src = r.src;
  let text = '';
  let p = start;
  let runStart = p;
  while (p < end) {
    const c = src.charCodeAt(p);
    if (c === 0x5c) {
      text += src.slice(runStart, p) + readEscape(r, p);
      if (r.pos > end) throw r.syntaxErrorAt(p, 'invalid escape at the end of a line');
      p = runStart = r.pos;
    } else if (c >= 0xd800 && c <= 0xdfff) {
      readSurrogatePair(r, p);
      p += 2;
    } else {
      p++;
    }
  }
  return text + src.slice(runStart, end);
}
