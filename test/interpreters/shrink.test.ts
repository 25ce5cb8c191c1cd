/**
 * Shrinking programs: fast-check's shrinking of the grammar's trees, then the
 * statement-removal and argument-hoisting pass (simplify.ts), make small
 * programs that are still valid. Failures here are judged on the program's
 * text, so that hundreds of shrinks cost no interpreter runs; the shrunk
 * programs are then run natively. Shrinking on real engines is in
 * campaign.test.ts (the planted divergence).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Expr, Program } from '../../src/interpreters/ast.js';
import { campaignPrograms } from '../../src/interpreters/campaign.js';
import { programArbitrary } from '../../src/interpreters/generate.js';
import { printJavaScript } from '../../src/interpreters/print-javascript.js';
import { printPython } from '../../src/interpreters/print-python.js';
import { simplifyProgram, smallerPrograms } from '../../src/interpreters/simplify.js';
import { runNatively } from './support/native-batch.js';

const BAD_PYTHON = new Set(['SyntaxError', 'NameError', 'TypeError', 'UnboundLocalError', 'AttributeError']);

/** Programs failing a text test, as fast-check finds and shrinks them, then simplified. */
async function shrinkUntil(fails: (python: string) => boolean, seed: number): Promise<Program> {
  const details = fc.check(fc.property(programArbitrary(), (program) => !fails(printPython(program))), { seed, numRuns: 2000 });
  if (!details.failed || details.counterexample === null) throw new Error(`seed ${seed}: no program fails the test`);
  const simplified = await simplifyProgram(details.counterexample[0], async (candidate) => fails(printPython(candidate)));
  return simplified.program;
}

const FAILURES: readonly [string, (python: string) => boolean][] = [
  ['a floor division', (python) => python.includes(' // ')],
  ['a square root in a loop', (python) => /for \w in range\(\d+\):\n(?: {4}.*\n)*? {4,}.*math\.sqrt\(/.test(python)],
  ['a string made upper case and printed', (python) => /print\(.*\.upper\(\)/.test(python)],
  ['a list sorted inside an if', (python) => /if .*:\n(?: {4}.*\n)*? {4,}.*sorted\(/.test(python)],
];

describe('shrinking programs', () => {
  it('ends at one statement, a few lines long, still failing', async () => {
    for (const [what, fails] of FAILURES) {
      for (const seed of [1, 2, 3]) {
        const shrunk = await shrinkUntil(fails, seed);
        const python = printPython(shrunk);

        expect(fails(python), what).toBe(true);
        expect(shrunk.body.length, `${what}:\n${python}`).toBe(1);
        expect(python.split('\n').length, `${what}:\n${python}`).toBeLessThanOrEqual(7);
      }
    }
  });

  it('makes valid programs: every shrunk program runs natively without a syntax, name or type error', async () => {
    const shrunk: Program[] = [];
    for (const [, fails] of FAILURES) for (const seed of [4, 5]) shrunk.push(await shrinkUntil(fails, seed));

    const python = await runNatively('python', shrunk.map(printPython));
    const javascript = await runNatively('javascript', shrunk.map(printJavaScript));

    expect(python.filter((ending) => BAD_PYTHON.has(ending.ending))).toEqual([]);
    expect(javascript.filter((ending) => ending.ending === 'SyntaxError' || ending.ending === 'ReferenceError' || (ending.globals ?? []).length > 0)).toEqual([]);
  });

  it('tries only valid programs: every one-step-smaller program of generated ones is valid', async () => {
    const variants = campaignPrograms(programArbitrary(), 21, 8).flatMap(smallerPrograms);

    const python = await runNatively('python', variants.map(printPython));
    const javascript = await runNatively('javascript', variants.map(printJavaScript));

    expect(variants.length).toBeGreaterThan(100);
    expect(python.filter((ending) => BAD_PYTHON.has(ending.ending))).toEqual([]);
    expect(javascript.filter((ending) => ending.ending === 'SyntaxError' || ending.ending === 'ReferenceError' || (ending.globals ?? []).length > 0)).toEqual([]);
  });

  it('hoists an argument of the same type out of an operation, and drops statements that do not matter', async () => {
    const v = (name: string): Expr => ({ kind: 'var', name });
    const floorDiv: Expr = { kind: 'op', op: 'floor-div', args: [v('a'), { kind: 'int', value: 0n }] };
    const program: Program = {
      initial: { a: { kind: 'int', value: 5n }, s: { kind: 'str', value: 'x' } },
      body: [
        { kind: 'print', value: v('s') },
        { kind: 'print', value: { kind: 'op', op: 'max', args: [floorDiv, { kind: 'op', op: 'abs', args: [v('a')] }] } },
        { kind: 'print', value: v('a') },
      ],
    };

    const { program: simplified } = await simplifyProgram(program, async (candidate) => printPython(candidate).includes('//'));

    expect(printPython(simplified)).toBe('a = 5\nprint((a // 0))\n');
  });
});
