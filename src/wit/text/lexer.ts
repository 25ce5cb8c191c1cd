/**
 * The WIT lexer: one pass over the string with `charCodeAt`, no regular
 * expressions on the hot path, producing tokens as the parser asks for them.
 *
 * Whitespace and comments are skipped; doc comments (`/// ...`, `/** ... *\/`)
 * are attached to the token that follows them. Versions (`1.0.0-rc.1+build`)
 * are lexed as one token wherever a digit starts a dotted number, so the parser
 * never reassembles them. Identifiers are checked here, so an invalid one is
 * reported where it is written.
 */
import { ProxyComponentError, type SourceLocation } from '../../errors.js';
import {
  BACKSLASH, BOM, CR, DASH, DOT, GT, LF, PERCENT, PLUS, QUOTE, SEMVER, SLASH, SPACE, STAR, TAB, UNDERSCORE,
  forbiddenCharacter, isDigit, isLetter, isVersionChar, isWordChar,
} from './characters.js';
import { WIT_KEYWORDS, identifierProblem } from './identifiers.js';

export type PunctuationKind =
  | '=' | ',' | ':' | ';' | '(' | ')' | '{' | '}' | '<' | '>' | '*' | '->' | '/' | '.' | '@' | '_';

export type TokenKind = 'id' | 'keyword' | 'integer' | 'version' | 'string' | 'eof' | PunctuationKind;

export interface Token {
  readonly kind: TokenKind;
  /**
   * The token's text: an identifier without its `%`, a keyword, the digits of an
   * integer or version, the decoded contents of a string, or the punctuation itself.
   */
  readonly text: string;
  /** True for an identifier written with `%` (`%record`). */
  readonly explicit: boolean;
  readonly line: number;
  readonly column: number;
  /** Doc comments written just before the token, in order. */
  readonly docs: readonly string[] | undefined;
}

/** Single-character punctuation, by character code. */
const PUNCTUATION: ReadonlyMap<number, PunctuationKind> = new Map(
  (['=', ',', ':', ';', '(', ')', '{', '}', '<', '>', '*', '/', '.', '@'] as const).map((p) => [p.charCodeAt(0), p]),
);

/** Splits `source` into tokens, ending with an `eof` token; throws WIT_SYNTAX on a lexical error. */
export function tokenize(source: string, file?: string): Token[] {
  const lexer = new Lexer(source, file);
  const tokens: Token[] = [];
  for (let token = lexer.next(); ; token = lexer.next()) {
    tokens.push(token);
    if (token.kind === 'eof') return tokens;
  }
}

/**
 * Produces tokens on demand: the parser only keeps a few of them alive, which
 * keeps big files cheap for the garbage collector.
 */
export class Lexer {
  private pos = 0;
  private line = 1;
  private lineStart = 0;
  /** Astral code points seen on the current line: columns count code points, not UTF-16 units. */
  private astralOnLine = 0;
  private docs: string[] | undefined;

  constructor(
    private readonly src: string,
    private readonly file: string | undefined,
  ) {
    if (src.charCodeAt(0) === BOM) {
      this.pos = 1;
      this.lineStart = 1;
    }
  }

  /** The next token; `eof` (again and again) at the end. */
  next(): Token {
    for (;;) {
      const token = this.step();
      if (token !== undefined) return token;
    }
  }

  /** Reads one token, or skips one piece of whitespace or one comment (undefined). */
  private step(): Token | undefined {
    const src = this.src;
    if (this.pos >= src.length) return this.push('eof', '', this.pos, this.pos);
    const code = src.charCodeAt(this.pos);
    if (code === SPACE || code === TAB || code === CR) {
      this.pos++;
      return undefined;
    }
    if (code === LF) return this.newline(this.pos + 1);
    if (code === SLASH && src.charCodeAt(this.pos + 1) === SLASH) return this.lineComment();
    if (code === SLASH && src.charCodeAt(this.pos + 1) === STAR) return this.blockComment();
    if (isLetter(code) || code === UNDERSCORE) return this.word();
    if (isDigit(code)) return this.number();
    if (code === PERCENT) return this.explicitIdentifier();
    if (code === QUOTE) return this.string();
    if (code === DASH && src.charCodeAt(this.pos + 1) === GT) return this.push('->', '->', this.pos, this.pos + 2);
    const punctuation = PUNCTUATION.get(code);
    if (punctuation === undefined) return this.unexpectedCharacter(code);
    return this.push(punctuation, punctuation, this.pos, this.pos + 1);
  }

  private push(kind: TokenKind, text: string, start: number, end: number, explicit = false): Token {
    const token: Token = { kind, text, explicit, line: this.line, column: this.columnOf(start), docs: this.docs };
    this.docs = undefined;
    this.pos = end;
    return token;
  }

  private columnOf(offset: number): number {
    return offset - this.lineStart - this.astralOnLine + 1;
  }

  private location(offset: number): SourceLocation {
    const column = this.columnOf(offset);
    return this.file === undefined ? { line: this.line, column } : { file: this.file, line: this.line, column };
  }

  private fail(detail: string, offset: number): never {
    throw new ProxyComponentError('WIT_SYNTAX', detail, { location: this.location(offset) });
  }

  private newline(next: number): undefined {
    this.pos = next;
    this.line++;
    this.lineStart = next;
    this.astralOnLine = 0;
    return undefined;
  }

  /** Checks one character of a comment or string, keeping line and column right. */
  private scanCharacter(code: number, at: number): void {
    if (code === LF) {
      this.newline(at + 1);
      return;
    }
    if (code >= 0xd800 && code <= 0xdbff) this.astralOnLine++;
    else if (code < SPACE || code >= 0x7f) {
      const problem = forbiddenCharacter(code);
      if (problem !== undefined) this.fail(`${problem} U+${code.toString(16).toUpperCase().padStart(4, '0')} is not allowed in WIT`, at);
    }
  }

  private lineComment(): undefined {
    const src = this.src;
    const start = this.pos;
    let i = start + 2;
    while (i < src.length) {
      const code = src.charCodeAt(i);
      if (code === LF) break;
      this.scanCharacter(code, i);
      i++;
    }
    // `/// text` is documentation, `////...` a plain comment.
    if (src.charCodeAt(start + 2) === SLASH && src.charCodeAt(start + 3) !== SLASH) {
      let text = src.slice(start + 3, i);
      if (text.endsWith('\r')) text = text.slice(0, -1);
      this.addDoc(text.startsWith(' ') ? text.slice(1) : text);
    }
    this.pos = i;
    return undefined;
  }

  private blockComment(): undefined {
    const src = this.src;
    const start = this.pos;
    const startLocation = this.location(start);
    let depth = 1;
    let i = start + 2;
    while (depth > 0) {
      if (i >= src.length) {
        throw new ProxyComponentError('WIT_SYNTAX', 'unterminated block comment: `/*` without its `*/`', { location: startLocation });
      }
      const code = src.charCodeAt(i);
      if (code === SLASH && src.charCodeAt(i + 1) === STAR) {
        depth++;
        i += 2;
      } else if (code === STAR && src.charCodeAt(i + 1) === SLASH) {
        depth--;
        i += 2;
      } else {
        this.scanCharacter(code, i);
        i++;
      }
    }
    // `/** text */` is documentation; `/**/` and `/*** ... */` are not.
    const isDoc = src.charCodeAt(start + 2) === STAR && i - start > 4 && src.charCodeAt(start + 3) !== STAR;
    if (isDoc) this.addDoc(src.slice(start + 3, i - 2).trim());
    this.pos = i;
    return undefined;
  }

  private addDoc(text: string): void {
    (this.docs ??= []).push(text);
  }

  private scanWord(from: number): number {
    const src = this.src;
    let i = from;
    while (i < src.length && isWordChar(src.charCodeAt(i))) i++;
    return i;
  }

  private word(): Token {
    const start = this.pos;
    const end = this.scanWord(start);
    const text = this.src.slice(start, end);
    if (text === '_') return this.push('_', '_', start, end);
    if (WIT_KEYWORDS.has(text)) return this.push('keyword', text, start, end);
    this.checkIdentifier(text, start, end);
    return this.push('id', text, start, end);
  }

  private explicitIdentifier(): Token {
    const start = this.pos;
    const end = this.scanWord(start + 1);
    const text = this.src.slice(start + 1, end);
    if (text.length === 0) this.fail('expected an identifier after `%`', start);
    this.checkIdentifier(text, start, end);
    return this.push('id', text, start, end, true);
  }

  private checkIdentifier(text: string, start: number, end: number): void {
    const next = this.src.codePointAt(end);
    if (next !== undefined && next > 0x7f && /\p{L}/u.test(String.fromCodePoint(next))) {
      this.fail(`invalid identifier \`${text}${String.fromCodePoint(next)}\`: only ASCII letters, digits and \`-\` are allowed`, start);
    }
    const problem = identifierProblem(text);
    if (problem !== undefined) this.fail(`invalid identifier \`${text}\`: ${problem}`, start);
  }

  private number(): Token {
    const src = this.src;
    const start = this.pos;
    let i = start;
    while (isDigit(src.charCodeAt(i))) i++;
    if (src.charCodeAt(i) === DOT && isDigit(src.charCodeAt(i + 1))) return this.version(start, i);
    if (isWordChar(src.charCodeAt(i))) {
      const end = this.scanWord(i);
      this.fail(`invalid identifier \`${src.slice(start, end)}\`: each word must start with a letter, not a digit`, start);
    }
    return this.push('integer', src.slice(start, i), start, i);
  }

  /** A semver version: dotted numbers, then optional `-pre.release` and `+build.meta`. */
  private version(start: number, afterMajor: number): Token {
    const src = this.src;
    let i = afterMajor;
    while (src.charCodeAt(i) === DOT && isDigit(src.charCodeAt(i + 1))) {
      i++;
      while (isDigit(src.charCodeAt(i))) i++;
    }
    for (const prefix of [DASH, PLUS]) {
      if (src.charCodeAt(i) !== prefix) continue;
      i++;
      for (;;) {
        while (isVersionChar(src.charCodeAt(i))) i++;
        // A `.` belongs to the version only when more of it follows: `@1.0.0.{a}` ends before `.{`.
        if (src.charCodeAt(i) === DOT && isVersionChar(src.charCodeAt(i + 1))) i++;
        else break;
      }
    }
    const text = src.slice(start, i);
    if (!SEMVER.test(text)) this.fail(`invalid version \`${text}\`: expected a semantic version such as \`1.0.0\` or \`0.2.0-rc.1\``, start);
    return this.push('version', text, start, i);
  }

  private string(): Token {
    const src = this.src;
    const start = this.pos;
    let i = start + 1;
    let text = '';
    for (;;) {
      if (i >= src.length) this.fail('unterminated string: `"` without its closing `"`', start);
      const code = src.charCodeAt(i);
      if (code === QUOTE) break;
      if (code === LF) this.fail('unterminated string: a string cannot span lines', start);
      if (code === BACKSLASH) {
        const [decoded, next] = this.escape(i);
        text += decoded;
        i = next;
        continue;
      }
      this.scanCharacter(code, i);
      text += src[i];
      i++;
    }
    return this.push('string', text, start, i + 1);
  }

  /** Decodes the escape at `at` (a backslash): `\n`, `\t`, `\r`, `\"`, `\'`, `\\`, `\u{...}`, `\hh`. */
  private escape(at: number): [string, number] {
    const src = this.src;
    const next = src[at + 1];
    const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', '"': '"', "'": "'", '\\': '\\' };
    if (next !== undefined && simple[next] !== undefined) return [simple[next], at + 2];
    if (next === 'u' && src[at + 2] === '{') {
      const close = src.indexOf('}', at + 3);
      const hex = close < 0 ? '' : src.slice(at + 3, close);
      const value = /^[0-9a-fA-F]{1,6}$/.test(hex) ? parseInt(hex, 16) : NaN;
      if (!(value <= 0x10ffff) || (value >= 0xd800 && value <= 0xdfff)) this.fail('invalid `\\u{...}` escape in string', at);
      return [String.fromCodePoint(value), close + 1];
    }
    const hex = src.slice(at + 1, at + 3);
    if (/^[0-9a-fA-F]{2}$/.test(hex) && parseInt(hex, 16) < 0x80) return [String.fromCharCode(parseInt(hex, 16)), at + 3];
    return this.fail('invalid escape in string: use `\\n`, `\\t`, `\\r`, `\\"`, `\\\'`, `\\\\`, `\\u{...}` or an ASCII `\\hh`', at);
  }

  private unexpectedCharacter(code: number): never {
    const problem = forbiddenCharacter(code);
    if (problem !== undefined) this.fail(`${problem} U+${code.toString(16).toUpperCase().padStart(4, '0')} is not allowed in WIT`, this.pos);
    const char = String.fromCodePoint(this.src.codePointAt(this.pos) ?? code);
    if (char === '-') this.fail('unexpected `-`: identifiers start with a letter, and `->` introduces a result', this.pos);
    if (/\p{L}/u.test(char)) this.fail(`unexpected character \`${char}\`: identifiers use only ASCII letters, digits and \`-\``, this.pos);
    return this.fail(`unexpected character \`${char}\``, this.pos);
  }
}

/** How a token is named in "expected X, found Y" messages. */
export function describeToken(token: Token): string {
  switch (token.kind) {
    case 'eof':
      return 'end of file';
    case 'id':
      return `identifier \`${token.explicit ? '%' : ''}${token.text}\``;
    case 'keyword':
      return `keyword \`${token.text}\``;
    case 'integer':
      return `integer \`${token.text}\``;
    case 'version':
      return `version \`${token.text}\``;
    case 'string':
      return `string ${JSON.stringify(token.text)}`;
    default:
      return `\`${token.text}\``;
  }
}
