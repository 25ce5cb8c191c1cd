/**
 * A cursor over the tokens of one file with the checks every parsing step
 * needs, and the one place where "expected X, found Y" messages are written.
 */
import { ProxyComponentError, type SourceLocation } from '../../errors.js';
import type { Identifier } from './ast.js';
import { describeToken, type Lexer, type Token, type TokenKind } from './lexer.js';

/** Shared empty list, for the many items without docs or gates. */
export const NONE: readonly never[] = Object.freeze([]);

export class TokenStream {
  private current: Token;
  /** Tokens read beyond the current one, for the few places that look further ahead. */
  private readonly ahead: Token[] = [];
  /** How many type expressions are being parsed inside each other. */
  typeDepth = 0;

  constructor(
    private readonly lexer: Lexer,
    readonly file: string | undefined,
  ) {
    this.current = lexer.next();
  }

  /** The token `distance` places after the current one (`eof` past the end). */
  peek(distance = 0): Token {
    if (distance === 0) return this.current;
    const ahead = this.ahead;
    while (ahead.length < distance) {
      const last = ahead.length > 0 ? (ahead[ahead.length - 1] as Token) : this.current;
      ahead.push(last.kind === 'eof' ? last : this.lexer.next());
    }
    return ahead[distance - 1] as Token;
  }

  next(): Token {
    const token = this.current;
    if (token.kind !== 'eof') this.current = this.ahead.length > 0 ? (this.ahead.shift() as Token) : this.lexer.next();
    return token;
  }

  /** The doc comments before the current token. */
  docs(): readonly string[] {
    return this.current.docs ?? NONE;
  }

  /** True when the current token is of `kind` (and, for keywords, is `text`). */
  at(kind: TokenKind, text?: string): boolean {
    const token = this.current;
    return token.kind === kind && (text === undefined || token.text === text);
  }

  atKeyword(word: string): boolean {
    return this.at('keyword', word);
  }

  eat(kind: TokenKind, text?: string): Token | undefined {
    return this.at(kind, text) ? this.next() : undefined;
  }

  eatKeyword(word: string): Token | undefined {
    return this.eat('keyword', word);
  }

  /** Consumes a punctuation token, or fails with "expected `X` <context>". */
  expect(kind: TokenKind, context: string): Token {
    if (this.at(kind)) return this.next();
    return this.fail(`expected \`${kind}\` ${context}`);
  }

  expectKeyword(word: string, context: string): Token {
    if (this.atKeyword(word)) return this.next();
    return this.fail(`expected \`${word}\` ${context}`);
  }

  /** Consumes an identifier; a keyword here gets a hint about `%`. */
  identifier(expected: string): Identifier {
    const token = this.peek();
    if (token.kind === 'id') {
      this.next();
      return { name: token.text, location: this.locationOf(token) };
    }
    if (token.kind === 'keyword') {
      return this.fail(`expected ${expected}, found keyword \`${token.text}\` (write \`%${token.text}\` to use it as a name)`, token, false);
    }
    return this.fail(`expected ${expected}`);
  }

  locationOf(token: Token): SourceLocation {
    return this.file === undefined
      ? { line: token.line, column: token.column }
      : { file: this.file, line: token.line, column: token.column };
  }

  location(): SourceLocation {
    return this.locationOf(this.peek());
  }

  /** Throws WIT_SYNTAX at `token` (the current one by default), adding "found ..." unless told not to. */
  fail(message: string, token: Token = this.peek(), addFound = true): never {
    const detail = addFound ? `${message}, found ${describeToken(token)}` : message;
    throw new ProxyComponentError('WIT_SYNTAX', detail, { location: this.locationOf(token) });
  }
}
