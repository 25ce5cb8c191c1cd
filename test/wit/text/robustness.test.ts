import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { isProxyComponentError } from '../../../src/errors.js';
import { parseWit } from '../../../src/wit/load.js';
import { caught, expectWitError } from './support.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/wit/', import.meta.url));
const SOURCES = ['types.wit', 'worlds.wit', 'nested.wit'].map((file) => readFileSync(FIXTURES + file, 'utf8'));
const PIECES = [';', '{', '}', '<', '>', '(', ')', ',', ':', '/', '@', '.', '%', '-', '->', '_', '"', '/*', '*/', '//', 'list', 'use', 'own', 'borrow<', 'x', '1.0.0', '0', '\n', ' ', 'é', '\u0000', '😀'];

/** Valid WIT with a few random edits: a deletion, a duplication or an inserted piece of syntax. */
const mutatedWit = fc
  .tuple(
    fc.constantFrom(...SOURCES),
    fc.array(fc.tuple(fc.nat(), fc.nat({ max: 20 }), fc.oneof(fc.constant(''), fc.constantFrom(...PIECES))), { minLength: 1, maxLength: 4 }),
  )
  .map(([source, edits]) =>
    edits.reduce((text, [at, length, insert]) => {
      const start = at % (text.length + 1);
      return text.slice(0, start) + insert + text.slice(start + (insert === '' ? length : 0));
    }, source),
  );

test.prop([mutatedWit], { numRuns: 500 })('parseWit fails on broken WIT only with a located ProxyComponentError', (source) => {
  try {
    parseWit(source, 'mutated.wit');
  } catch (error) {
    expect(isProxyComponentError(error), String(error)).toBe(true);
    if (isProxyComponentError(error) && error.code !== 'WIT_UNSUPPORTED') {
      expect(error.location === undefined || error.location.file === 'mutated.wit').toBe(true);
    }
  }
});

test.prop([fc.string({ unit: 'binary', maxLength: 200 })], { numRuns: 300 })('parseWit never crashes on arbitrary text', (source) => {
  try {
    parseWit(source);
  } catch (error) {
    expect(isProxyComponentError(error), String(error)).toBe(true);
  }
});

describe('deep nesting', () => {
  it('refuses types nested deeper than the parser allows, at the offending type', () => {
    const deep = `package a:b;\ninterface i { type t = ${'list<'.repeat(600)}u8${'>'.repeat(600)}; }`;
    expectWitError(() => parseWit(deep), 'WIT_SYNTAX', 'types are nested more than 500 levels deep', '2:2524');
  });

  it('refuses a chain of thousands of type aliases without overflowing the stack', () => {
    const aliases = Array.from({ length: 3000 }, (_, i) => `type t${i} = t${i + 1};`).join('\n');
    const error = caught(() => parseWit(`package a:b;\ninterface i { ${aliases}\ntype t3000 = u8; }`));
    expect(error.code).toBe('WIT_RESOLVE');
    expect(error.detail).toMatch(/depends on a chain of more than 1000 other types/);
  });

  it('reads a chain of `use`s between interfaces, and reports one too long to follow', () => {
    const chain = (length: number): string =>
      `package a:b;\n${Array.from({ length }, (_, i) => `interface i${i} { use i${i + 1}.{t}; }`).join('\n')}\ninterface i${length} { type t = u8; }`;
    expect(parseWit(chain(100)).main.interfaces.size).toBe(101);
    expect(caught(() => parseWit(chain(20_000)))).toMatchObject({ code: 'WIT_RESOLVE', detail: expect.stringContaining('nested too deeply') });
  });
});
