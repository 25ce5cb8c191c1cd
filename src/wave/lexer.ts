/**
 * The WAVE reader: a cursor over the source text that scans one token at a
 * time, straight from char codes, for the typed parsers in parse.ts.
 *
 * Token rules follow the reference lexer exactly:
 * - whitespace is space, tab, LF and CR; `//` comments run to the end of the line;
 * - numbers are `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?` and `-inf`,
 *   so `+1`, `01`, `1_000`, `.5`, `5.` and `0x10` are all rejected;
 * - labels are described in keywords.ts, optionally prefixed by `%`;
 * - chars and strings are read by literals.ts;
 * - `#N` (N a positive integer) is our extension for resource handles.
 *
 * Offsets are UTF-16 indexes; they become 1-based line:col (columns counting
 * code points) only when an error is raised.
 */
import { ProxyComponentError, type ErrorCode, type SourceLocation } from '../errors.js';
import { isKeyword, labelEnd } from './keywords.js';
import { abbreviate } from '../util/abbreviate.js';

/** Where the text being read starts, for error locations inside a larger file. */
export interface TextOrigin {
  readonly file?: string;
  /** 1-based line of the text's first character. Default 1. */
  readonly line?: number;
  /** 1-based column of the text's first character. Default 1. */
  readonly column?: number;
}

export class WaveReader {
  // Fields are declared, not initialised in place: emitted class fields start
  // as undefined, which makes V8 generalise their types and slows every access.
  declare readonly src: string;
  declare readonly origin: TextOrigin;
  declare readonly len: number;
  declare pos: number;
  /**
   * Where list parsers gather elements before copying them out with one
   * `slice` (see parse.ts).
   */
  declare readonly stack: unknown[];
  /** First free slot of `stack`. */
  declare top: number;
  /** Highest slot of `stack` used, to clear references when done. */
  declare used: number;

  constructor(src: string, origin: TextOrigin = {}, stack: unknown[] = []) {
    this.src = src;
    this.origin = origin;
    this.len = src.length;
    this.pos = 0;
    this.stack = stack;
    this.top = 0;
    this.used = 0;
  }

  /** Drops the references the stack holds, so that parsed values are not kept alive by it. */
  releaseStack(): void {
    if (this.used > 0) this.stack.fill(undefined, 0, this.used);
    if (this.stack.length > 1 << 20) this.stack.length = 0;
    this.top = 0;
    this.used = 0;
  }

  /** Skips whitespace and comments. */
  skipTrivia(): void {
    const src = this.src;
    let pos = this.pos;
    for (;;) {
      const c = src.charCodeAt(pos);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) {
        pos++;
      } else if (c === 0x2f && src.charCodeAt(pos + 1) === 0x2f) {
        const newline = src.indexOf('\n', pos + 2);
        pos = newline < 0 ? this.len : newline + 1;
      } else {
        break;
      }
    }
    this.pos = pos;
  }

  /** Skips trivia and returns the next char code (NaN at the end). */
  peek(): number {
    this.skipTrivia();
    return this.src.charCodeAt(this.pos);
  }

  /** Skips trivia and consumes `code` if it is next. */
  eat(code: number): boolean {
    this.skipTrivia();
    if (this.src.charCodeAt(this.pos) === code) {
      this.pos++;
      return true;
    }
    return false;
  }

  /** Skips trivia and consumes `code`, or fails with "expected `x` <context>". */
  expect(code: number, context: string): void {
    if (!this.eat(code)) throw this.syntaxError(`expected \`${String.fromCharCode(code)}\` ${context}, found ${this.describeToken(this.pos)}`);
  }

  /**
   * At the current position (trivia already skipped): the end of a label,
   * with its `%` prefix if any, or the current position when there is none.
   */
  labelEndHere(): number {
    return this.labelEndAt(this.pos);
  }

  /** The end of the label (with its `%` prefix if any) at `offset`, or `offset` when there is none. */
  labelEndAt(offset: number): number {
    const start = this.src.charCodeAt(offset) === 0x25 ? offset + 1 : offset;
    const end = labelEnd(this.src, start);
    return end === start ? offset : end;
  }

  /**
   * Fails when the label at `start` runs on into characters that cannot
   * follow it (`True`, `red_1`, `a-`): the reference would split it into
   * tokens that never fit together.
   */
  checkLabelEnd(start: number, end: number): void {
    if (continuesToken(this.src.charCodeAt(end))) {
      throw this.syntaxErrorAt(
        start,
        `invalid label \`${abbreviate(this.tokenText(start))}\` (a label is words joined by \`-\`, each word all lowercase or all uppercase letters and digits, starting with a letter)`,
      );
    }
  }

  /** True when the bare (un-%-prefixed) word `word` is at the current position, not running on into more label characters. */
  atWord(word: string): boolean {
    return this.src.startsWith(word, this.pos) && !continuesToken(this.src.charCodeAt(this.pos + word.length));
  }

  /** Reads a label (`%` allowed) and returns it without the `%`; fails if there is none. */
  readLabel(what: string): string {
    this.skipTrivia();
    const end = this.labelEndHere();
    if (end === this.pos) throw this.syntaxError(`expected ${what}, found ${this.describeToken(this.pos)}`);
    this.checkLabelEnd(this.pos, end);
    const start = this.src.charCodeAt(this.pos) === 0x25 ? this.pos + 1 : this.pos;
    this.pos = end;
    return this.src.slice(start, end);
  }

  /**
   * The end of the number token at `start`, or -1 if the text there is not a
   * valid number. A number directly followed by a letter, digit, `_` or `.`
   * (like `01`, `1.`, `1e`, `1_000`) is invalid: the reference splits it into
   * tokens that can never follow a value.
   */
  numberEnd(start: number): number {
    const src = this.src;
    let p = start;
    if (src.charCodeAt(p) === 0x2d) p++;
    let c = src.charCodeAt(p);
    if (c === 0x30) {
      p++;
    } else if (c >= 0x31 && c <= 0x39) {
      do c = src.charCodeAt(++p);
      while (c >= 0x30 && c <= 0x39);
    } else {
      return -1;
    }
    if (src.charCodeAt(p) === 0x2e) {
      const fractionStart = ++p;
      while (isDigit(src.charCodeAt(p))) p++;
      if (p === fractionStart) return -1;
    }
    c = src.charCodeAt(p);
    if (c === 0x65 || c === 0x45) {
      p++;
      c = src.charCodeAt(p);
      if (c === 0x2b || c === 0x2d) p++;
      const exponentStart = p;
      while (isDigit(src.charCodeAt(p))) p++;
      if (p === exponentStart) return -1;
    }
    return continuesToken(src.charCodeAt(p)) ? -1 : p;
  }

  /** At `-` or `i`/`n`: the end of `-inf`, `inf` or `nan` at `start`, or -1. */
  floatKeywordEnd(start: number): number {
    const src = this.src;
    const p = src.charCodeAt(start) === 0x2d ? start + 1 : start;
    const end = labelEnd(src, p);
    const word = src.slice(p, end);
    if (p > start) return word === 'inf' ? end : -1;
    return word === 'inf' || word === 'nan' ? end : -1;
  }

  /** What the token at `start` is, for "expected X, found Y" messages. */
  describeToken(start: number): string {
    const src = this.src;
    const c = src.charCodeAt(start);
    if (Number.isNaN(c)) return 'end of input';
    switch (c) {
      case 0x22:
        return src.startsWith('"""', start) ? 'multiline string' : 'string';
      case 0x27:
        return 'char';
      case 0x5b:
        return 'list `[`';
      case 0x28:
        return 'tuple `(`';
      case 0x7b: {
        const saved = this.pos;
        this.pos = start + 1;
        this.skipTrivia();
        let kind = 'flags';
        if (src.charCodeAt(this.pos) === 0x3a) {
          kind = 'record';
        } else {
          const end = this.labelEndHere();
          this.pos = end;
          this.skipTrivia();
          if (end > start + 1 && src.charCodeAt(this.pos) === 0x3a) kind = 'record';
        }
        this.pos = saved;
        return `${kind} \`{\``;
      }
      case 0x23:
        return 'resource handle';
      case 0x29:
      case 0x5d:
      case 0x7d:
      case 0x2c:
      case 0x3a:
        return `\`${src[start] as string}\``;
    }
    if (c === 0x2d || isDigit(c)) {
      const end = this.numberEnd(start);
      if (end >= 0) return `number \`${abbreviate(src.slice(start, end))}\``;
      if (this.floatKeywordEnd(start) >= 0) return 'number `-inf`';
      throw this.syntaxErrorAt(start, `invalid number \`${abbreviate(this.tokenText(start))}\``);
    }
    const end = this.labelEndAt(start);
    if (end > start) {
      this.checkLabelEnd(start, end);
      const text = src.slice(start, end);
      return isKeyword(text) ? `\`${text}\`` : `label \`${abbreviate(text)}\``;
    }
    throw this.syntaxErrorAt(start, `unexpected character \`${String.fromCodePoint(src.codePointAt(start) as number)}\``);
  }

  /** The run of non-delimiter characters at `start`, to quote in messages. */
  tokenText(start: number): string {
    let end = start + 1;
    while (end < this.len && continuesToken(this.src.charCodeAt(end))) end++;
    return this.src.slice(start, end);
  }

  /** Fails unless only trivia is left. */
  expectEnd(what: string): void {
    this.skipTrivia();
    if (this.pos < this.len) throw this.syntaxError(`unexpected ${this.describeToken(this.pos)} after ${what}`);
  }

  location(offset: number): SourceLocation {
    const src = this.src;
    let line = this.origin.line ?? 1;
    let column = this.origin.column ?? 1;
    const end = Math.min(offset, this.len);
    for (let p = 0; p < end; p++) {
      const c = src.charCodeAt(p);
      if (c === 0x0a) {
        line++;
        column = 1;
      } else if (!(c >= 0xdc00 && c <= 0xdfff && p > 0 && isHighSurrogate(src.charCodeAt(p - 1)))) {
        column++;
      }
    }
    return this.origin.file === undefined ? { line, column } : { file: this.origin.file, line, column };
  }

  errorAt(code: ErrorCode, offset: number, detail: string): ProxyComponentError {
    return new ProxyComponentError(code, detail, { location: this.location(offset) });
  }

  syntaxErrorAt(offset: number, detail: string): ProxyComponentError {
    return this.errorAt('WAVE_SYNTAX', offset, detail);
  }

  syntaxError(detail: string): ProxyComponentError {
    return this.errorAt('WAVE_SYNTAX', this.pos, detail);
  }

  typeErrorAt(offset: number, detail: string): ProxyComponentError {
    return this.errorAt('WAVE_TYPE', offset, detail);
  }
}

export function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

export function isHexDigit(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46);
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

/** Characters that cannot directly follow a number or label: they would glue onto it. */
export function continuesToken(c: number): boolean {
  return (
    (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f || c === 0x2e || c === 0x2b || c === 0x2d
  );
}
