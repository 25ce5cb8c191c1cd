import { describe, expect, it } from 'vitest';
import { describeToken, tokenize } from '../../../src/wit/text/lexer.js';
import { expectWitError } from './support.js';

function kinds(source: string): string[] {
  return tokenize(source).map((token) => (token.kind === 'id' || token.kind === 'keyword' ? `${token.kind}:${token.text}` : token.kind));
}

describe('tokenize', () => {
  it('reads punctuation, keywords and identifiers in one pass', () => {
    expect(kinds('f: func(a: list<u8>) -> result<_, e>;')).toEqual([
      'id:f', ':', 'keyword:func', '(', 'id:a', ':', 'keyword:list', '<', 'keyword:u8', '>', ')', '->',
      'keyword:result', '<', '_', ',', 'id:e', '>', ';', 'eof',
    ]);
  });

  it('reads `%keyword` as an explicit identifier without the `%`', () => {
    const [token] = tokenize('%record');
    expect(token).toMatchObject({ kind: 'id', text: 'record', explicit: true });
  });

  it('reads `error-context` as one keyword', () => {
    expect(kinds('error-context')).toEqual(['keyword:error-context', 'eof']);
  });

  it('reads a full semantic version as one token and stops before `.{`', () => {
    const tokens = tokenize('a:b/c@1.2.3-rc.1+build.5.{x}');
    expect(tokens.map((t) => t.text)).toEqual(['a', ':', 'b', '/', 'c', '@', '1.2.3-rc.1+build.5', '.', '{', 'x', '}', '']);
    expect(tokens[6]?.kind).toBe('version');
  });

  it('reads a lone number as an integer', () => {
    expect(tokenize('list<u8, 16>')[4]).toMatchObject({ kind: 'integer', text: '16' });
  });

  it('skips line comments and nested block comments', () => {
    expect(kinds('a // note\n/* outer /* inner */ still outer */ b')).toEqual(['id:a', 'id:b', 'eof']);
  });

  it('attaches `///` and `/** */` doc comments to the next token', () => {
    const [first, second] = tokenize('/// line one\n/// line two\na /** block doc */ b // plain\n');
    expect(first?.docs).toEqual(['line one', 'line two']);
    expect(second?.docs).toEqual(['block doc']);
  });

  it('does not treat `////` or `/**/` as documentation', () => {
    const [token] = tokenize('//// banner\n/**/ a');
    expect(token?.docs).toBeUndefined();
  });

  it('counts lines across LF and CRLF and columns in code points', () => {
    const tokens = tokenize('a\r\n  b\n/* 😀 */ c');
    expect(tokens.slice(0, 3).map((t) => [t.line, t.column])).toEqual([[1, 1], [2, 3], [3, 9]]);
  });

  it('skips a byte order mark', () => {
    expect(tokenize('\ufeffa')[0]).toMatchObject({ text: 'a', line: 1, column: 1 });
  });

  it('decodes string escapes', () => {
    expect(tokenize('"a\\n\\u{1F600}\\41"')[0]).toMatchObject({ kind: 'string', text: 'a\n😀A' });
  });

  it('ends with an eof token at the end position', () => {
    const tokens = tokenize('a\n');
    expect(tokens.at(-1)).toMatchObject({ kind: 'eof', line: 2, column: 1 });
  });
});

describe('lexical errors', () => {
  it.each([
    ['foo_bar', 'invalid identifier `foo_bar`: `_` is not allowed, words are separated by `-`', '1:1'],
    ['  fooBar', 'invalid identifier `fooBar`: each word must be all lowercase or all uppercase (words are separated by `-`)', '1:3'],
    ['foo-1', 'invalid identifier `foo-1`: each word must start with a letter, not a digit', '1:1'],
    ['a--b', 'invalid identifier `a--b`: it has an empty word between two `-`', '1:1'],
    ['a-', 'invalid identifier `a-`: it ends with `-`', '1:1'],
    ['1abc', 'invalid identifier `1abc`: each word must start with a letter, not a digit', '1:1'],
    ['café', 'invalid identifier `café`: only ASCII letters, digits and `-` are allowed', '1:1'],
    ['%', 'expected an identifier after `%`', '1:1'],
    ['a\n /* open', 'unterminated block comment: `/*` without its `*/`', '2:2'],
    ['"abc', 'unterminated string: `"` without its closing `"`', '1:1'],
    ['x @1.0', 'invalid version `1.0`: expected a semantic version such as `1.0.0` or `0.2.0-rc.1`', '1:4'],
    ['@01.0.0', 'invalid version `01.0.0`: expected a semantic version such as `1.0.0` or `0.2.0-rc.1`', '1:2'],
    ['a # b', 'unexpected character `#`', '1:3'],
    ['a - b', 'unexpected `-`: identifiers start with a letter, and `->` introduces a result', '1:3'],
    ['a\u0007', 'control character U+0007 is not allowed in WIT', '1:2'],
    ['// evil \u202e comment', 'bidirectional override character U+202E is not allowed in WIT', '1:9'],
  ])('rejects %j', (source, detail, at) => {
    expectWitError(() => tokenize(source, 'x.wit'), 'WIT_SYNTAX', detail, at as `${number}:${number}`);
  });

  it('names the file in the message', () => {
    expect(() => tokenize('a#', 'dir/x.wit')).toThrow('dir/x.wit:1:2: unexpected character `#`');
  });
});

describe('describeToken', () => {
  it('names each kind of token the way messages show it', () => {
    const [id, keyword, punct, integer] = tokenize('%foo list ; 4');
    expect([id, keyword, punct, integer].map((t) => describeToken(t as NonNullable<typeof t>))).toEqual([
      'identifier `%foo`',
      'keyword `list`',
      '`;`',
      'integer `4`',
    ]);
    expect(describeToken(tokenize('')[0] as NonNullable<ReturnType<typeof tokenize>[0]>)).toBe('end of file');
  });
});
