import { test, fc } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { caseLabel, isKeyword, isLabel, labelEnd } from '../../src/wave/keywords.js';

describe('labels and keywords', () => {
  it('knows the eight keywords', () => {
    expect(['true', 'false', 'some', 'none', 'ok', 'err', 'inf', 'nan'].every(isKeyword)).toBe(true);
    expect(isKeyword('nil')).toBe(false);
    expect(isKeyword('None')).toBe(false);
  });

  it('prefixes keyword cases with %', () => {
    expect(caseLabel('none')).toBe('%none');
    expect(caseLabel('not-found')).toBe('not-found');
  });

  it('accepts kebab-case words of one case each, digits after the first letter', () => {
    for (const label of ['a', 'two-words', 'HTTP3', 'method-GET', 'color-42-2A-5d', 'x1']) expect(isLabel(label)).toBe(true);
    for (const label of ['', '1a', 'aB', 'a-', '-a', 'a--b', 'a_b', 'é']) expect(isLabel(label)).toBe(false);
  });

  it('stops a label before a dash that does not start a word', () => {
    expect(labelEnd('abc-,', 0)).toBe(3);
    expect(labelEnd('a-b c', 0)).toBe(3);
  });
});

describe('labelEnd against the reference lexer rule', () => {
  const whole = /^(?:[a-z][a-z0-9]*|[A-Z][A-Z0-9]*)(?:-(?:[a-z0-9]+|[A-Z0-9]+))*$/;
  /** The longest prefix matching the rule, as a longest-match lexer takes it. */
  const longestLabel = (text: string): number => {
    for (let end = text.length; end > 0; end--) if (whole.test(text.slice(0, end))) return end;
    return 0;
  };

  test.prop([fc.string({ unit: fc.constantFrom('a', 'z', 'B', 'Q', '1', '0', '-', ' ', '_'), maxLength: 12 })])('ends where the longest match ends', (text) => {
    expect(labelEnd(text, 0)).toBe(longestLabel(text));
  });
});
