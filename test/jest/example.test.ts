/**
 * examples/jest as its README runs it: the example copied beside the
 * calculator-wat example it tests (built by scripts/build-examples.ts), under a
 * folder whose node_modules holds Jest and proxy-component installed as a
 * package. Its traces, its matcher test and its @fast-check/jest properties
 * must pass; an altered copy of a trace must fail, named by the reporter.
 */
import { cp, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLES, buildExample, exampleDir } from '../../scripts/build-examples.js';
import { createJestProject, REPO, type JestProject } from './support/jest-project.js';
import { replaceLine } from './support/traces.js';

const calculator = EXAMPLES.find((example) => example.name === 'calculator-wat');
let project: JestProject;

beforeAll(async () => {
  if (calculator === undefined) throw new Error('the calculator-wat example is missing from scripts/build-examples.ts');
  await buildExample(calculator);
  project = await createJestProject({ manifest: { name: 'examples', private: true } });
  for (const file of ['package.json', 'calculator.test.js', 'README.md']) await cp(join(REPO, 'examples/jest', file), join(project.dir, 'jest', file));
  for (const folder of ['traces', 'build']) await cp(join(exampleDir(calculator), folder), join(project.dir, 'calculator-wat', folder), { recursive: true });
}, 120_000);

afterAll(async () => {
  await project?.remove();
});

describe('examples/jest', () => {
  it('passes: the calculator traces one test per call, the matchers, and the properties with their seed', async () => {
    const run = await project.jest(['--show-seed', '--verbose'], { cwd: 'jest' });

    expect(run.exitCode, run.output).toBe(0);
    expect(run.output).toContain('PASS ../calculator-wat/traces/arithmetic.trace');
    expect(run.output).toContain('PASS ../calculator-wat/traces/convert.trace');
    expect(run.output).toContain('✓ eval(add, 2, 40)');
    expect(run.output).toContain('✓ replays every recorded trace');
    const seed = /Seed:\s+(-?\d+)/.exec(run.output)?.[1];
    expect(seed, run.output).toBeDefined();
    expect(run.output).toContain(`✓ eval(add, a, b) is the sum, or overflow told to log (with seed=${seed})`);
    expect(run.output).toMatch(/Tests:\s+15 passed, 15 total/);
  });

  it('fails an altered trace, and the reporter names the diverging call', async () => {
    const original = await readFile(join(exampleDir(calculator!), 'traces/convert.trace'), 'utf8');
    // Line 4 is `return some(926)`, the outcome of convert(1000, usd, eur).
    await project.write('calculator-wat/traces/convert-altered.trace', replaceLine(original, 4, 'return some(925)'));

    const run = await project.jest(['convert'], { cwd: 'jest' });

    expect(run.exitCode, run.output).toBe(1);
    expect(run.output).toContain('FAIL ../calculator-wat/traces/convert-altered.trace');
    expect(run.output).toContain('proxy-component: 1 trace divergence');
    expect(run.output).toContain('`convert` returned some(926), the trace expects some(925)');
    expect(run.output).toContain('test: ../calculator-wat/traces/convert-altered.trace › convert(1000, usd, eur)');
  });
});
