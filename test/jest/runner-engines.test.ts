/**
 * The runner (`runner: 'proxy-component/jest/runner'`) with
 * `testEnvironmentOptions.proxyComponent.engines`: every call of a trace is a
 * result per engine, judged as the preset judges it, with -t on the full name
 * and the engines' table in the failure and in the reporter.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engineByName } from '../../src/engines/registry.js';
import { requireEngine } from '../engines/support/engine-fixtures.js';
import { createJestProject, REPO, type JestProject } from './support/jest-project.js';
import { listedTests, recordTrace, replaceLine, writeApp } from './support/traces.js';

const ENV = { PROXY_COMPONENT_TOOLS: join(REPO, '.tools') };

const runnerProject = (engines: unknown) => ({
  runner: 'proxy-component/jest/runner',
  testMatch: ['<rootDir>/traces/**/*.trace'],
  moduleFileExtensions: ['js', 'trace'],
  testEnvironmentOptions: { proxyComponent: { component: 'app.wasm', engines } },
  reporters: ['default', 'proxy-component/jest/reporter'],
});

let project: JestProject;

beforeAll(async () => {
  await requireEngine(engineByName('node'));
  project = await createJestProject({ manifest: { name: 'runner-on-engines', private: true, jest: runnerProject(['jco', 'node']) } });
  await writeApp(project);
  const text = await recordTrace(project, 'app.wasm', 'traces/app.trace', ['run(1)', 'greet("ada")']);
  await project.write('traces/altered/app.trace', replaceLine(text, text.split('\n').findIndex((line) => line.startsWith('return 3')) + 1, 'return 4'));
  await project.write('bad.config.json', JSON.stringify({ ...runnerProject(['jco', 'nope']), rootDir: '.' }));
});

afterAll(async () => {
  await project?.remove();
});

describe('proxy-component/jest/runner with engines', () => {
  it('gives each call a result per engine, and -t matches the engine in the name', async () => {
    const all = await project.jest(['traces/app.trace', '--verbose'], { env: ENV });
    expect(all.exitCode, all.output).toBe(0);
    expect(all.output).toMatch(/Tests:\s+4 passed, 4 total/);

    const node = await project.jest(['traces/app.trace', '-t', '\\[node\\]$', '--verbose'], { env: ENV });
    expect(node.exitCode, node.output).toBe(0);
    expect(node.output).toMatch(/Tests:\s+2 skipped, 2 passed, 4 total/);
    expect(listedTests(node.output, '✓').sort()).toEqual(["greet('ada') [node]", 'run(1) [node]']);
  });

  it('skips the tests of an engine that could not run the trace: no divergence, no failure', async () => {
    // No tools folder, and no engine on this PATH: node is missing, jco (this Node) runs.
    const run = await project.jest(['traces/app.trace', '--verbose'], { env: { PROXY_COMPONENT_TOOLS: '', PATH: '/usr/bin:/bin' } });
    expect(run.exitCode, run.output).toBe(0);
    expect(run.output).toMatch(/Tests:\s+2 skipped, 2 passed, 4 total/);
  });

  it('fails an altered trace on every engine, with the table in the failure and in the reporter', async () => {
    const run = await project.jest(['traces/altered'], { env: ENV });

    expect(run.exitCode, run.output).toBe(1);
    expect(run.output).toContain('● run(1) [jco]');
    expect(run.output).toContain('● run(1) [node]');
    expect(run.output).toMatch(/trace\s+│ return 4/);
    expect(run.output).toContain('proxy-component: ');
    expect(run.output).toContain('engine disagreement');
  });

  it('fails the file, naming the option, for an unknown engine', async () => {
    const run = await project.jest(['traces/app.trace', '--config', 'bad.config.json'], { env: ENV });

    expect(run.exitCode, run.output).toBe(1);
    expect(run.output).toContain('unknown engine `nope`');
  });
});
