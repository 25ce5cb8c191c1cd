/**
 * `toAgreeAcrossEngines` under Jest 30 as a test author uses it: registered by
 * `setupFilesAfterEnv: ['proxy-component/jest/matchers/setup']` in a plain
 * (CommonJS) Jest project, with proxy-component/jest/reporter printing the
 * table of every engine's outcome after the run. Real engines (Node 24, Bun,
 * Deno and the wasmtime CLI from .tools/) and a native module with one
 * planted difference (add(2, 2) is 5); generated calls (`fuzz`) on a pure
 * component, with a native stand-in whose add is one too many.
 */
import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engineByName } from '../../src/engines/registry.js';
import { calcComponent } from '../engines/support/components.js';
import { requireEngine } from '../engines/support/engine-fixtures.js';
import { PURE_NATIVE_OFF_BY_ONE, pureComponent } from '../engines/support/pure-component.js';
import { createJestProject, REPO, type JestProject } from './support/jest-project.js';
import { recordTrace, writeApp } from './support/traces.js';

/** The engines are found through the tools folder of this repository (a user's project has its own .tools). */
const ENV = { PROXY_COMPONENT_TOOLS: join(REPO, '.tools') };

let project: JestProject;

beforeAll(async () => {
  for (const name of ['jco', 'node', 'bun', 'deno', 'wasmtime']) await requireEngine(engineByName(name));
  project = await createJestProject({
    manifest: {
      name: 'engines-under-jest',
      private: true,
      jest: { setupFilesAfterEnv: ['proxy-component/jest/matchers/setup'], reporters: ['default', 'proxy-component/jest/reporter'] },
    },
  });
  await project.write('calc.wasm', await calcComponent());
  await copyFile(join(REPO, 'test/engines/support/calc-native.mjs'), join(project.dir, 'calc-native.mjs'));
  await writeApp(project, 'build/app.wasm');
  await recordTrace(project, 'build/app.wasm', 'traces/app.trace', ['run(20)', 'greet("ada")', 'greet("bob")']);
  await project.write('broken.mjs', "throw new Error('broken on purpose');\n");
  await project.write('pure.wasm', await pureComponent());
  await project.write('pure-off-by-one.mjs', PURE_NATIVE_OFF_BY_ONE);
}, 120_000);

afterAll(async () => {
  await project.remove();
});

describe('toAgreeAcrossEngines under Jest', () => {
  it('passes when the engines agree, on calls (default engines) and on a trace with import answers', async () => {
    await project.write(
      'agree.test.js',
      `test('agrees', async () => {
  await expect({ component: 'calc.wasm', calls: ['ops.add(1, 2)', 'ops.checked-div(7, 0)', 'crash()'] }).toAgreeAcrossEngines();
  await expect({ component: 'build/app.wasm', trace: 'traces/app.trace' }).toAgreeAcrossEngines(['jco', 'node', 'bun']);
  await expect({ component: 'calc.wasm', calls: ['ops.add(2, 2)'] }).not.toAgreeAcrossEngines('jco,native:./calc-native.mjs');
}, 120000);
`,
    );

    const run = await project.jest(['agree.test.js'], { env: ENV });

    expect(run.exitCode, run.output).toBe(0);
    expect(run.output).toMatch(/Tests:\s+1 passed, 1 total/);
    expect(run.output).not.toContain('proxy-component: ');
  });

  it('fails with the table of outcomes per engine, which the reporter prints again after the run; an engine that cannot load is no divergence', async () => {
    await project.write(
      'disagree.test.js',
      `test('native differs', async () => {
  await expect({ component: 'calc.wasm', calls: ['ops.add(1, 2)', 'ops.add(2, 2)'] }).toAgreeAcrossEngines(['jco', 'node', 'native:./calc-native.mjs']);
}, 60000);
test('a native module cannot load', async () => {
  await expect({ component: 'build/app.wasm', trace: 'traces/app.trace' }).toAgreeAcrossEngines(['jco', 'node', 'native:./broken.mjs']);
}, 60000);
`,
    );

    const run = await project.jest(['disagree.test.js'], { env: ENV });

    expect(run.exitCode, run.output).toBe(1);
    // The module that cannot load is listed, not a divergence: jco and node agree, so that test passes.
    expect(run.output).toMatch(/Tests:\s+1 failed, 1 passed, 2 total/);
    expect(run.output).toContain('expected "calc.wasm" to agree across jco, node and native:./calc-native.mjs on 2 export calls, but they differ:');
    expect(run.output).toContain('native:./calc-native.mjs differs from the majority (jco, node)');
    expect(run.output).toMatch(/jco +│ return 4\n\s+node +│ return 4\n\s+native:\.\/calc-native\.mjs │ return 5/);
    const summary = run.output.slice(run.output.indexOf('proxy-component: 1 engine disagreement'));
    expect(summary).toContain('test: disagree.test.js › native differs');
    expect(summary).not.toContain('a native module cannot load');
    expect(summary).toMatch(/engine +│ outcome/);
  });

  it('says which engines are missing where none is installed: defaults leave them out, named ones fail', async () => {
    await project.write(
      'missing.test.js',
      `test('defaults', async () => {
  await expect({ component: 'calc.wasm', calls: ['crash()'] }).toAgreeAcrossEngines();
}, 60000);
test('named', async () => {
  await expect({ component: 'calc.wasm', calls: ['crash()'] }).toAgreeAcrossEngines(['jco', 'bun']);
}, 60000);
`,
    );

    // No tools folder, and none of the npm engines on this PATH: jco (this Node) and the system's gjs and jsc are there.
    const run = await project.jest(['missing.test.js', '--verbose'], { env: { PROXY_COMPONENT_TOOLS: '', PATH: '/usr/bin:/bin' } });

    expect(run.exitCode, run.output).toBe(1);
    expect(run.output).toMatch(/Tests:\s+1 failed, 1 passed, 2 total/);
    expect(run.output).toMatch(/✓ defaults/);
    expect(run.output).toContain('toAgreeAcrossEngines found only jco able to run the component (bun could not run it: missing: not installed (install: npm install --prefix .tools/npm bun');
  });

  it('fuzzes: a pure component agrees on generated calls, and a planted difference fails naming the seed that replays it', async () => {
    await project.write(
      'fuzz.test.js',
      `test('pure agrees', async () => {
  await expect({ component: 'pure.wasm', fuzz: 30 }).toAgreeAcrossEngines(['jco', 'node', 'bun', 'wasmtime']);
}, 120000);
test('planted difference', async () => {
  await expect({ component: 'pure.wasm', fuzz: 30, seed: 5 }).toAgreeAcrossEngines(['jco', 'node', 'native:./pure-off-by-one.mjs']);
}, 60000);
`,
    );

    const run = await project.jest(['fuzz.test.js'], { env: ENV });

    expect(run.exitCode, run.output).toBe(1);
    expect(run.output).toMatch(/Tests:\s+1 failed, 1 passed, 2 total/);
    expect(run.output).toContain('● planted difference');
    expect(run.output).toContain(
      'expected "pure.wasm" to agree across jco, node and native:./pure-off-by-one.mjs on 30 generated export calls (seed 5: replay with { fuzz: 30, seed: 5 }), but they differ:',
    );
    expect(run.output).toMatch(/✗ fuzz seed 5 export call #\d+ add\(\d+, \d+\): engines differ \(outcome\)/);
    expect(run.output).toContain('native:./pure-off-by-one.mjs differs from the majority (jco, node)');
    const summary = run.output.slice(run.output.indexOf('proxy-component: 1 engine disagreement'));
    expect(summary).toContain('test: fuzz.test.js › planted difference');
    expect(summary).toMatch(/✗ fuzz seed 5 export call/);
  });

  it("takes Jest's seed for generated calls without one, so `jest --seed` replays them", async () => {
    await project.write(
      'jest-seed.test.js',
      `test('planted difference, no seed', async () => {
  await expect({ component: 'pure.wasm', fuzz: 30 }).toAgreeAcrossEngines(['jco', 'node', 'native:./pure-off-by-one.mjs']);
}, 60000);
`,
    );

    const run = await project.jest(['jest-seed.test.js', '--seed=77'], { env: ENV });

    expect(run.exitCode, run.output).toBe(1);
    expect(run.output).toContain('(seed 77: replay with { fuzz: 30, seed: 77 })');
  });
});
