/**
 * The property matchers under Jest 30, in a throwaway Jest project using the
 * matchers' setup and the reporter: a fuzz campaign without a seed takes
 * Jest's (`--show-seed` shows it, `--seed` finds the same failure again),
 * failures show the seed, the path and the shrunk counterexample as WAVE
 * calls, are saved to the corpus, reach the reporter through Jest's worker
 * processes, and the matchers are typed for @jest/globals and @types/jest.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ProxyJestDivergenceReporter, { counterexampleOf } from '../../jest/reporter.js';
import type { FuzzCounterexample } from '../../matchers/property-report.js';
import { limitsComponent } from '../fuzz/support/fuzz-components.js';
import { createJestProject, type JestProject } from './support/jest-project.js';

let project: JestProject;

const NEVER_TRAP = `test('limits never trap', async () => {
  await expect('limits.wasm').toNeverTrap({ runs: 200, corpus: 'corpus' });
});

test('the fixed build never traps', async () => {
  await expect('fixed/limits.wasm').toNeverTrap({ runs: 50 });
});

test('the buggy build breaks a property', async () => {
  await expect('limits.wasm').not.toNeverTrap({ runs: 200 });
});
`;

const PROPERTIES = `test('sums stay small', async () => {
  await expect('fixed/limits.wasm').toSatisfyProperties({ runs: 300, seed: 1, properties: './properties.mjs', corpus: 'corpus-sums' });
});

test('properties must come from a module', async () => {
  await expect(expect('fixed/limits.wasm').toSatisfyProperties({ properties: [{ name: 'p', check: () => true }] })).rejects.toThrow('takes \`properties\` as a module path');
});
`;

beforeAll(async () => {
  project = await createJestProject({
    manifest: {
      name: 'properties-under-jest',
      private: true,
      jest: { setupFilesAfterEnv: ['proxy-component/jest/matchers/setup'], reporters: ['default', 'proxy-component/jest/reporter'], testTimeout: 60_000 },
    },
  });
  await project.write('limits.wasm', await limitsComponent());
  await project.write('fixed/limits.wasm', await limitsComponent(true));
  await project.write('properties.mjs', "export const properties = { 'small-sum': ({ call }) => call.name !== 'add' || call.result.value < 1000 };\n");
  await project.write('never-trap.test.js', NEVER_TRAP);
  await project.write('properties.test.js', PROPERTIES);
});

afterAll(async () => {
  await project?.remove();
});

/** The seed and counterexample of a failure in Jest's output. */
function failure(output: string, property: string): { seed: string; counterexample: string } {
  const found = new RegExp(`property ${property} failed: .*\\n\\s+seed (-?\\d+), path [\\d:]+ \\(failed at run \\d+, shrunk in \\d+ steps?\\)\\n\\s+counterexample \\(\\d+ calls?\\):\\n((?:\\s+(?:export|import|#|return|expect).*\\n)+)`).exec(output);
  if (found === null) throw new Error(`no ${property} failure in:\n${output}`);
  return { seed: found[1] as string, counterexample: (found[2] as string).replace(/^\s+/gm, '') };
}

describe('property matchers under Jest', () => {
  it('fuzz with Jest’s seed, and report failures with their seed, path and counterexample', async () => {
    const run = await project.jest(['--show-seed', '--maxWorkers=2']);

    expect(run.exitCode, run.output).toBe(1);
    expect(run.output).toMatch(/Tests:\s+2 failed, 3 passed, 5 total/);
    const jestSeed = /Seed:\s+(-?\d+)/.exec(run.output)?.[1];
    const noTrap = failure(run.output, 'no-trap');
    expect(noTrap.seed).toBe(jestSeed);
    expect(noTrap.counterexample).toMatch(/^export divide\(0\)\nimport test:fuzz\/env\.get-limit@0\.1\.0\(\) -> 0\n|^export name-length\(\)\nimport test:fuzz\/env\.get-name@0\.1\.0\(\) -> ""\n/);
    const smallSum = failure(run.output, 'small-sum');
    expect(smallSum.seed).toBe('1');
    expect(smallSum.counterexample).toMatch(/^export add\(\d+, \d+\)\n# observed: return 1000\nexpect well-typed no-trap small-sum\n$/);
    // The reporter, after Jest's summary, from both test files (through Jest's worker processes).
    expect(run.output).toContain('proxy-component: 2 property failures');
    expect(run.output).toContain('test: never-trap.test.js › limits never trap');
    expect(run.output).toContain('test: properties.test.js › sums stay small');
    const saved = await readdir(join(project.dir, 'corpus'));
    expect(saved).toHaveLength(1);
    expect(run.output).toContain(`saved corpus/${saved[0] as string} (replay: await expect('limits.wasm').toReplayTrace('corpus/${saved[0] as string}'))`);
    // The saved trace names its properties module: the replay line needs no option.
    const sums = await readdir(join(project.dir, 'corpus-sums'));
    expect(run.output).toContain(`(replay: await expect('fixed/limits.wasm').toReplayTrace('corpus-sums/${sums[0] as string}'))`);
  });

  it('find the same failure again from Jest’s seed', async () => {
    const first = await project.jest(['--show-seed', '-t', 'limits never trap']);
    const seed = failure(first.output, 'no-trap').seed;

    const again = await project.jest([`--seed=${seed}`, '-t', 'limits never trap']);

    expect(again.exitCode, again.output).toBe(1);
    expect(failure(again.output, 'no-trap')).toEqual(failure(first.output, 'no-trap'));
    expect(again.output).toContain('already in the corpus: corpus/');
  });

  it('are typed on expect from @jest/globals and on the @types/jest globals', async () => {
    const usage = (header: string) => `${header}
import type {} from 'proxy-component/jest/matchers';

test('typed', async () => {
  await expect('app.wasm').toNeverTrap();
  await expect('app.wasm').toNeverTrap({ runs: 10, seed: 3, corpus: 'corpus', timeoutMs: 500 });
  await expect({ component: 'app.wasm' }).not.toSatisfyProperties({ properties: './properties.mjs', builtInProperties: false });
  // @ts-expect-error: runs is a number
  await expect('app.wasm').toNeverTrap({ runs: '10' });
  // @ts-expect-error: toNeverTrap checks the built-ins only
  await expect('app.wasm').toNeverTrap({ properties: './properties.mjs' });
});
`;
    await project.write('typed-globals.ts', usage("import { expect, test } from '@jest/globals';"));
    await project.write('typed-types-jest.ts', usage('export {};'));
    const tsconfig = (file: string, types: readonly string[]) =>
      JSON.stringify({ compilerOptions: { strict: true, noEmit: true, module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', types, skipLibCheck: false }, files: [file] });
    await project.write('tsconfig.globals.json', tsconfig('typed-globals.ts', ['node']));
    await project.write('tsconfig.types-jest.json', tsconfig('typed-types-jest.ts', ['node', 'jest']));

    for (const config of ['tsconfig.globals.json', 'tsconfig.types-jest.json']) {
      const run = await project.node('node_modules/typescript/bin/tsc', ['-p', config]);
      expect(run.output).toBe('');
      expect(run.exitCode).toBe(0);
    }
  });
});

describe('proxy-component/jest/reporter', () => {
  const counterexample: FuzzCounterexample = {
    kind: 'campaign',
    component: 'limits.wasm',
    property: 'no-trap',
    reason: '`divide` trapped: wasm trap: integer divide by zero',
    seed: -5,
    path: '3:0',
    runs: 4,
    shrinks: 2,
    calls: ['export divide(0)', '  import test:fuzz/env.get-limit@0.1.0() -> 0', 'expect well-typed no-trap'],
    callCount: 1,
  };

  it('reads the counterexample from the failure’s matcherResult', () => {
    expect(counterexampleOf({ matcherResult: { pass: false, message: 'x', proxyCounterexample: counterexample } })).toEqual(counterexample);
    for (const detail of [undefined, null, 'text', {}, { matcherResult: 'x' }, { matcherResult: { proxyCounterexample: { seed: 1 } } }, { proxyCounterexample: counterexample }]) {
      expect(counterexampleOf(detail)).toBeUndefined();
    }
  });

  it('prints failed properties after the run', () => {
    const reporter = new ProxyJestDivergenceReporter({ rootDir: '/project' }, { color: false });
    reporter.onRunStart();
    reporter.onTestResult(
      {},
      {
        testFilePath: '/project/limits.test.js',
        testResults: [
          { status: 'failed', fullName: 'limits never trap', failureDetails: [{ matcherResult: { proxyCounterexample: counterexample } }] },
          { status: 'passed', fullName: 'other', failureDetails: [{ matcherResult: { proxyCounterexample: counterexample } }] },
        ],
      },
    );

    expect(reporter.report()).toBe(
      [
        '',
        ' proxy-component: 1 property failure',
        '',
        ' ✗ limits.wasm: property no-trap failed: `divide` trapped: wasm trap: integer divide by zero',
        '   seed -5, path 3:0 (failed at run 4, shrunk in 2 steps)',
        '   counterexample (1 call):',
        '     export divide(0)',
        '       import test:fuzz/env.get-limit@0.1.0() -> 0',
        '     expect well-typed no-trap',
        '   replay: { seed: -5, path: "3:0" }',
        '   test: limits.test.js › limits never trap',
        '',
      ].join('\n'),
    );
  });
});
