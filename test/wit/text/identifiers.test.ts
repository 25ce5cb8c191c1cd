import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { WIT_KEYWORDS, escapeIdentifier, identifierProblem, isValidIdentifier } from '../../../src/wit/text/identifiers.js';

const word = fc.oneof(fc.stringMatching(/^[a-z][a-z0-9]{0,5}$/), fc.stringMatching(/^[A-Z][A-Z0-9]{0,5}$/));
const identifier = fc.array(word, { minLength: 1, maxLength: 4 }).map((words) => words.join('-'));

describe('identifiers', () => {
  it('accepts kebab-case words, each all lowercase or all uppercase', () => {
    expect(['a', 'x1', 'error-code', 'XML', 'parse-XML-document', 'f32-list'].every(isValidIdentifier)).toBe(true);
  });

  it('rejects mixed case, underscores, digits first and empty words', () => {
    expect(['Foo', 'a_b', '1a', 'a-1', '-a', 'a-', 'a--b', ''].map(identifierProblem).every((p) => p !== undefined)).toBe(true);
  });

  it('escapes keywords only', () => {
    expect(escapeIdentifier('record')).toBe('%record');
    expect(escapeIdentifier('error-context')).toBe('%error-context');
    expect(escapeIdentifier('records')).toBe('records');
  });

  test.prop([identifier])('every joined kebab word list is valid', (name) => {
    expect(identifierProblem(name)).toBeUndefined();
  });

  it('has every keyword of the grammar', () => {
    for (const keyword of ['interface', 'world', 'use', 'include', 'with', 'resource', 'constructor', 'static', 'async', 'borrow', 'own', 'map']) {
      expect(WIT_KEYWORDS.has(keyword)).toBe(true);
    }
  });
});
