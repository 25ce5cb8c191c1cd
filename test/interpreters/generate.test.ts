import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { usedVariables, type Program } from '../../src/interpreters/ast.js';
import { campaignPrograms } from '../../src/interpreters/campaign.js';
import { programArbitrary } from '../../src/interpreters/generate.js';
import { printJavaScript } from '../../src/interpreters/print-javascript.js';
import { printPython } from '../../src/interpreters/print-python.js';
import { runNatively } from './support/native-batch.js';

/** How a generated Python program may end: the grammar is typed, so never a NameError, TypeError or SyntaxError. */
const PYTHON_ENDINGS = new Set(['ok', 'ValueError', 'ZeroDivisionError', 'IndexError', 'OverflowError']);
/** JavaScript reads past a list's end as `undefined`, so a method call on it may throw a TypeError. */
const JAVASCRIPT_ENDINGS = new Set(['ok', 'Error', 'TypeError']);

describe('generated programs', () => {
  it('run on native python3 without a syntax, name or type error, whatever fast-check generates', async () => {
    // Arrange: batches of programs, so that one python3 process runs fifty.
    const batches = fc.array(programArbitrary(), { minLength: 50, maxLength: 50 });

    // Act / Assert
    await fc.assert(
      fc.asyncProperty(batches, async (programs) => {
        const endings = await runNatively('python', programs.map(printPython));
        expect(endings.map((ending) => ending.ending).filter((ending) => !PYTHON_ENDINGS.has(ending))).toEqual([]);
      }),
      { numRuns: 10 },
    );
  });

  it('run on native node without a syntax error, and declare every variable they use', async () => {
    const batches = fc.array(programArbitrary(), { minLength: 50, maxLength: 50 });

    await fc.assert(
      fc.asyncProperty(batches, async (programs) => {
        const endings = await runNatively('javascript', programs.map(printJavaScript));
        expect(endings.map((ending) => ending.ending).filter((ending) => !JAVASCRIPT_ENDINGS.has(ending))).toEqual([]);
        // A global would be an undeclared variable: the component would keep it from one run to the next.
        expect(endings.flatMap((ending) => ending.globals ?? [])).toEqual([]);
      }),
      { numRuns: 10 },
    );
  });

  it('mostly run to the end: errors are there to be compared, not to stop every program', async () => {
    const programs = campaignPrograms(programArbitrary(), 3, 300);

    const python = await runNatively('python', programs.map(printPython));
    const javascript = await runNatively('javascript', programs.map(printJavaScript));

    expect(python.filter((ending) => ending.ending === 'ok').length).toBeGreaterThan(120);
    expect(javascript.filter((ending) => ending.ending === 'ok').length).toBeGreaterThan(200);
    // Both kinds of ending occur, so error reports are compared too.
    expect(new Set(python.map((ending) => ending.ending)).size).toBeGreaterThanOrEqual(4);
  });

  it('use every operation of the grammar', () => {
    const programs = campaignPrograms(programArbitrary(), 11, 400);

    const printed = programs.map(printPython).join('\n');

    for (const call of ['//', '%', '**', 'abs(', 'min(', 'max(', 'len(', 'math.floor(', 'round(', 'float(', 'math.sqrt(', 'math.sin(', 'math.exp(', 'math.log(', ' in ', '.upper()', 'format(', 'sorted(', 'list(reversed(']) {
      expect(printed, call).toContain(call);
    }
  });

  it('are the same for the same seed: a campaign can be run again', () => {
    const first = campaignPrograms(programArbitrary(), 42, 20).map(printPython);
    const again = campaignPrograms(programArbitrary(), 42, 20).map(printPython);
    const other = campaignPrograms(programArbitrary(), 43, 20).map(printPython);

    expect(again).toEqual(first);
    expect(other).not.toEqual(first);
  });

  it('program k of a campaign is the one fast-check starts from with path k, so shrinking starts from the divergent program', async () => {
    const seed = 9;
    const programs = campaignPrograms(programArbitrary(), seed, 12);

    for (const index of [0, 5, 11]) {
      const seen: Program[] = [];
      await fc.check(
        fc.asyncProperty(programArbitrary(), async (program) => {
          seen.push(program);
          return false;
        }),
        { seed, path: String(index), numRuns: 1, endOnFailure: true },
      );
      expect(printPython(seen[0] as Program)).toBe(printPython(programs[index] as Program));
    }
  });

  it('declare only the variables they use, and import math only when they call it', () => {
    const programs = campaignPrograms(programArbitrary(), 4, 100);

    for (const program of programs) {
      const python = printPython(program);
      const used = usedVariables(program);
      const lines = python.split('\n').slice(python.startsWith('import math\n') ? 1 : 0);
      expect(lines.slice(0, used.length).map((line) => line.split(' = ')[0])).toEqual(used);
      expect(python.startsWith('import math\n')).toBe(python.includes('math.'));
      expect(printJavaScript(program).split('\n').slice(0, used.length)).toEqual(used.map((name) => expect.stringMatching(new RegExp(`^let ${name} = `))));
    }
  });
});
