/**
 * The features built on Vitest's runtime under Vitest 5 (Node 24, installed
 * by scripts/setup-vitest5.sh with @fast-check/vitest beside it), in one
 * throwaway project run as two real shards at the same time:
 *
 * - the property matchers `toNeverTrap` / `toSatisfyProperties` (a passing
 *   campaign with checks by name in the test's thread, a failing one with a
 *   properties module in the watched worker);
 * - `componentTest(...).prop` on @fast-check/vitest (a passing property and a
 *   failing one, shrunk to the import answer that breaks it);
 * - a sharded fuzz campaign (`*.fuzz.test.ts` on both shards, a seed per
 *   shard from fast-check's global seed, one corpus file for both);
 * - `proxy({ engines })` trace tests and `toAgreeAcrossEngines` (jco, Node 24
 *   in a subprocess, and a native module with add(2, 2) = 5);
 * - proxy-component/reporter's counterexample and engine-table sections.
 *
 * Every other test file runs on exactly one of the shards. Both shards also
 * write blob reports, merged afterwards as a sharded CI merges them (the
 * reporter sections come back from the tests' meta). Meanwhile TypeScript
 * checks the project's files against Vitest 5's types with the matchers'
 * types entry. Without Vitest 5 these tests fail (see vitest5.test.ts), never
 * skip.
 */
import { copyFile, readdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shardSeed } from '../../matchers/property.js';
import { engineByName } from '../../src/engines/registry.js';
import { recordComponent } from '../../src/session/record-component.js';
import { calcComponent } from '../engines/support/components.js';
import { requireEngine } from '../engines/support/engine-fixtures.js';
import { counterComponent, limitsComponent } from '../fuzz/support/fuzz-components.js';
import { writeApp } from './support/app-traces.js';
import { createTraceProject, REPO, type TraceProject, type VitestRun } from './support/trace-project.js';
import { vitest5Install } from './support/vitest5-install.js';

const BASE_SEED = 42;
const ADD = 'test:calc/ops.add@0.1.0';
const DOUBLE = 'test:app/math.double@0.1.0';
/** Engines are found through this repository's tools folder (a user's project has its own .tools). */
const ENV = { PROXY_COMPONENT_TOOLS: join(REPO, '.tools') };

const CONFIG = `import { defineConfig } from 'vitest/config';
import { proxy } from 'proxy-component/vitest';

export default defineConfig({
  plugins: [proxy({ engines: ['jco', 'node', 'native:./calc-native.mjs'] })],
  test: {
    setupFiles: ['proxy-component/matchers/setup', './seed.ts'],
    reporters: ['verbose', 'proxy-component/reporter'],
    testTimeout: 60_000,
  },
});
`;

/** What a TypeScript user of Vitest 5 writes: the matchers, the provided shard and the meta are typed. */
const TYPED = `import { expect, inject, type TaskMeta } from 'vitest';
import { componentTest, type ComponentRun } from 'proxy-component/vitest/property';

export async function typed(meta: TaskMeta, run: ComponentRun): Promise<number | undefined> {
  await expect('limits.wasm').toNeverTrap({ runs: 10, corpus: 'corpus' });
  await expect('limits.wasm').toSatisfyProperties({ properties: { returns: ({ call }) => call.result.kind === 'return' } });
  // @ts-expect-error runs is a count
  await expect('limits.wasm').toNeverTrap({ runs: 'many' });
  await expect({ component: 'calc.wasm', fuzz: 3 }).toAgreeAcrossEngines(['jco', 'node']);
  await expect('app.wasm').toReplayTrace('traces/app.trace');
  const app = componentTest('app.wasm');
  app.prop([app.args('run')])('typed', async (args, component) => {
    await component.call('run', ...args);
  });
  const shard: { index: number; count: number } | undefined = inject('proxyComponentShard');
  return meta.proxyCounterexample?.seed ?? shard?.index ?? run.calls.length;
}
`;

const TSCONFIG = JSON.stringify({
  compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: false, types: ['proxy-component/matchers'] },
  include: ['*.ts'],
});

const FILES: Record<string, string> = {
  'typed.ts': TYPED,
  'tsconfig.json': TSCONFIG,
  'vitest.config.ts': CONFIG,
  // The campaign's base seed, as a CI job would pin it; componentTest's props take it too.
  'seed.ts': `import fc from 'fast-check';\nfc.configureGlobal({ seed: ${BASE_SEED} });\n`,
  // total() traps after three incr(): every seed finds it, shrunk to the same four calls.
  'counter.fuzz.test.ts': `import { expect, it } from 'vitest';

it('counter never traps', async () => {
  await expect('counter.wasm').toNeverTrap({ runs: 300, corpus: 'corpus' });
});
`,
  'properties.mjs': "export const properties = { 'small-sum': ({ call }) => call.name !== 'add' || call.result.value < 1000 };\n",
  'matchers.test.ts': `import { expect, it } from 'vitest';

it('limits never traps', async () => {
  await expect('limits.wasm').toNeverTrap({ runs: 40 });
  await expect('limits.wasm').toSatisfyProperties({ runs: 40, properties: { returns: ({ call }) => call.result.kind === 'return' } });
});

it('limits keeps sums small', async () => {
  await expect('limits.wasm').toSatisfyProperties({ runs: 300, seed: 1, properties: './properties.mjs' });
});
`,
  'component.test.ts': `import { expect } from 'vitest';
import { componentTest } from 'proxy-component/vitest/property';

const app = componentTest('app.wasm');

app.prop({ x: app.arg('run', 'x') }, { numRuns: 20 })('run adds one to double', async ({ x }, component) => {
  const result = await component.call('run', x);
  const [double] = component.calls[0]!.imports;
  expect(result).toBe(((double!.outcome as { value: number }).value + 1) >>> 0);
});

app.prop({ x: app.arg('run', 'x') })('run stays small', async ({ x }, component) => {
  expect(await component.call('run', x)).toBeLessThan(1000);
});
`,
  'agree.test.ts': `import { expect, it } from 'vitest';

it('jco and node agree', async () => {
  await expect({ component: 'calc.wasm', calls: ['ops.add(1, 2)', 'ops.add(2, 2)'] }).toAgreeAcrossEngines(['jco', 'node']);
});

it('the native build agrees', async () => {
  await expect({ component: 'calc.wasm', calls: ['ops.add(1, 2)', 'ops.add(2, 2)'] }).toAgreeAcrossEngines(['jco', 'node', 'native:./calc-native.mjs']);
});
`,
};

const install = vitest5Install();
/** Each shard prints its tests and the reporter's sections, and leaves a blob report for the merge. */
const SHARD_REPORTERS = ['--reporter=verbose', '--reporter=proxy-component/reporter', '--reporter=blob'];
let project: TraceProject;
let shards: readonly [VitestRun, VitestRun];
let merged: VitestRun;
let typecheck: { readonly exitCode: number; readonly output: string };

beforeAll(async () => {
  if (typeof install === 'string') return;
  await requireEngine(engineByName('node'));
  project = await createTraceProject(install);
  for (const [path, text] of Object.entries(FILES)) await project.write(path, text);
  await writeApp(project);
  await project.write('counter.wasm', await counterComponent());
  await project.write('limits.wasm', await limitsComponent(true));
  await project.write('calc.wasm', await calcComponent());
  await copyFile(join(REPO, 'test/engines/support/calc-native.mjs'), join(project.dir, 'calc-native.mjs'));
  await recordComponent(join(project.dir, 'calc.wasm'), { invocations: ['ops.add(1, 2)', 'ops.add(2, 2)'], output: join(project.dir, 'traces/calc.trace') });
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const [first, second, checked] = await Promise.all([
    project.vitest(['run', '--shard=1/2', ...SHARD_REPORTERS], { env: ENV }),
    project.vitest(['run', '--shard=2/2', ...SHARD_REPORTERS], { env: ENV }),
    execa(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: project.dir, reject: false, all: true, timeout: 120_000 }),
  ]);
  shards = [first, second];
  typecheck = { exitCode: checked.exitCode ?? -1, output: checked.all ?? '' };
  merged = await project.vitest(['--merge-reports'], { env: ENV });
}, 120_000);

afterAll(async () => {
  await project?.remove();
});

/** The shards whose output lists a test of `file`. */
function shardsRunning(file: string): VitestRun[] {
  return shards.filter((run) => run.output.includes(` ${file} > `));
}

describe('Vitest 5 (Node 24): property matchers, componentTest, shards, engines, reporter', () => {
  it('runs both shards on Vitest 5, the campaign on both, every other file on one', () => {
    if (typeof install === 'string') throw new Error(install);

    for (const run of shards) {
      expect(run.output, run.output).toContain('RUN  v5.');
      expect(run.exitCode, run.output).toBe(1);
    }
    expect(shardsRunning('counter.fuzz.test.ts')).toHaveLength(2);
    for (const file of ['matchers.test.ts', 'component.test.ts', 'agree.test.ts', 'traces/calc.trace']) {
      expect(shardsRunning(file), `${file} runs on one shard:\n${shards.map((run) => run.output).join('\n')}`).toHaveLength(1);
    }
  });

  it('gives the campaign a seed per shard, and both shards one corpus file', async () => {
    const seeds = shards.map((run, index) => {
      const found = new RegExp(`seed (-?\\d+), path [\\d:]+ \\(failed at run \\d+, shrunk in \\d+ steps?; shard ${index + 1}/2 of base seed ${BASE_SEED}\\)`).exec(run.output);
      expect(found, run.output).not.toBeNull();
      return Number((found as RegExpExecArray)[1]);
    });

    expect(seeds).toEqual([shardSeed(BASE_SEED, { index: 1, count: 2 }), shardSeed(BASE_SEED, { index: 2, count: 2 })]);
    const corpus = await readdir(join(project.dir, 'corpus'));
    expect(corpus).toEqual([expect.stringMatching(/^total-no-trap-[0-9a-f]{16}\.trace$/)]);
    const file = `corpus/${corpus[0] as string}`;
    for (const run of shards) expect(run.output).toMatch(new RegExp(`(saved|already in the corpus:) ${file.replace('.', '\\.')}`));
    const trace = await readFile(join(project.dir, file), 'utf8');
    expect(trace.match(/^export /gm)).toHaveLength(4);
  });

  it('merges the blob reports: every test once per shard it ran on, with the reporter sections from their meta', () => {
    const { output } = merged;

    expect(merged.exitCode, output).toBe(1);
    expect(output).toMatch(/Tests\s+6 failed \| 8 passed \(14\)/);
    expect(output).toContain('proxy-component: 4 property failures');
    expect(output).toContain('proxy-component: 2 engine disagreements');
  });

  it('runs the property matchers: checks by name in the thread, a properties module in the watched worker', () => {
    const { output } = merged;

    expect(output).toContain('✓ matchers.test.ts > limits never traps');
    expect(output).toContain('FAIL  matchers.test.ts > limits keeps sums small');
    expect(output).toContain('to satisfy its properties, but property small-sum failed');
    // Shrunk to the edge: the smallest arguments whose sum is 1000.
    expect(output).toMatch(/counterexample \(1 call\):\n\s+export add\(0, 1000\)\n\s+# observed: return 1000\n\s+expect well-typed no-trap small-sum/);
    expect(output).toContain('test: matchers.test.ts > limits keeps sums small');
  });

  it('runs componentTest props on @fast-check/vitest, shrinking the import answers', () => {
    const { output } = merged;

    expect(output).toContain(`✓ component.test.ts > run adds one to double (with seed=${BASE_SEED})`);
    expect(output).toContain(`FAIL  component.test.ts > run stays small (with seed=${BASE_SEED})`);
    expect(output).toContain('✗ app.wasm: property "run stays small" failed: expected 1000 to be less than 1000');
    expect(output).toContain(['   counterexample (1 call):', '     export run(0)', `       import ${DOUBLE}(0) -> 999`, '     return 1000'].join('\n'));
    expect(output).toMatch(new RegExp(`replay: \\{ seed: ${BASE_SEED}, path: "[\\d:]+", endOnFailure: true \\}`));
    expect(output).toContain('values: {"x":0}');
  });

  it('runs trace tests on every engine, failing the one that differs, with its table', () => {
    const { output } = merged;

    for (const engine of ['jco', 'node', 'native:./calc-native.mjs']) expect(output).toContain(`✓ |traces| traces/calc.trace > ${ADD}(1, 2) [${engine}]`);
    for (const engine of ['jco', 'node']) expect(output).toContain(`✓ |traces| traces/calc.trace > ${ADD}(2, 2) [${engine}]`);
    expect(output).toContain(`FAIL  |traces| traces/calc.trace > ${ADD}(2, 2) [native:./calc-native.mjs]`);
    expect(output).toContain('native:./calc-native.mjs differs from the majority (trace, jco, node)');
    expect(output).toMatch(/trace +│ return 4\n\s+jco +│ return 4\n\s+node +│ return 4\n\s+native:\.\/calc-native\.mjs │ return 5/);
    expect(output).toContain(`test: traces/calc.trace > ${ADD}(2, 2) [native:./calc-native.mjs]`);
  });

  it('runs toAgreeAcrossEngines', () => {
    const { output } = merged;

    expect(output).toContain('✓ agree.test.ts > jco and node agree');
    expect(output).toContain('FAIL  agree.test.ts > the native build agrees');
    expect(output).toContain('native:./calc-native.mjs differs from the majority (jco, node)');
    expect(output).toContain('test: agree.test.ts > the native build agrees');
  });

  it("type-checks a user's files against Vitest 5's types", () => {
    expect(typecheck.output).toBe('');
    expect(typecheck.exitCode).toBe(0);
  });
});
