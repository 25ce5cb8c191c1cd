/**
 * The runner (`runner: 'proxy-component/jest/runner'`) as a Jest 30 user who
 * prefers it to the preset meets it: a `traces` project next to the usual
 * tests, settings from `testEnvironmentOptions.proxyComponent`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJestProject, type JestProject } from './support/jest-project.js';
import { listedTests, recordTrace, replaceLine, writeApp } from './support/traces.js';

let project: JestProject;

const MANIFEST = {
  name: 'traces-under-jest-runner',
  private: true,
  jest: {
    projects: [
      {
        displayName: 'traces',
        runner: 'proxy-component/jest/runner',
        testMatch: ['<rootDir>/**/*.trace'],
        moduleFileExtensions: ['js', 'trace'],
        testEnvironmentOptions: { proxyComponent: { component: 'app.wasm', timeoutMs: 500 } },
      },
      { displayName: 'unit', testMatch: ['<rootDir>/**/*.test.js'] },
    ],
    reporters: ['default', 'proxy-component/jest/reporter'],
  },
};

beforeAll(async () => {
  project = await createJestProject({ manifest: MANIFEST });
  await writeApp(project);
  const text = await recordTrace(project, 'app.wasm', 'traces/app.trace', ['run(1)', 'greet("ada")', 'run(2)', 'greet("bob")']);
  await project.write('altered/app.trace', replaceLine(text, 10, 'return 6'));
  await project.write('malformed/bad.trace', '# proxy-component trace v1 {"componentPath":"../app.wasm"}\nexport run("two")\nreturn 5\n');
  await project.write('loose/spin.trace', 'export run(1)\n  import test:app/math.double@0.1.0(1) -> 2\nreturn 3\nexport spin()\nreturn\n');
  await project.write('unit/sum.test.js', "test('adds', () => { expect(1 + 2).toBe(3); });\n");
});

afterAll(async () => {
  await project.remove();
});

describe('proxy-component/jest/runner', () => {
  it('runs a trace as one result per export call, next to the unit tests', async () => {
    const run = await project.jest(['traces', 'unit', '--verbose']);

    expect(run.exitCode, run.output).toBe(0);
    expect(run.output).toContain('PASS traces traces/app.trace');
    expect(run.output).toContain('PASS unit unit/sum.test.js');
    expect(listedTests(run.output, '✓').sort()).toEqual(['adds', 'greet(\'ada\')', 'greet(\'bob\')', 'run(1)', 'run(2)'].sort());
  });

  it('fails the diverging call with a code frame, the later calls as not reached, and hands the divergence to the reporter', async () => {
    const run = await project.jest(['altered']);

    expect(run.exitCode, run.output).toBe(1);
    expect(run.output).toMatch(/Tests:\s+2 failed, 2 passed, 4 total/);
    expect(run.output).toContain('TraceDivergence: ✗ altered/app.trace:10 export call #3: wrong export result');
    expect(run.output).toMatch(/> 10 \| return 6\n\s+\| \^/);
    expect(run.output).toContain('not reached: an earlier call diverged at line 10 (run(2))');
    expect(run.output).toContain('proxy-component: 1 trace divergence');
    expect(run.output).toContain('test: altered/app.trace › run(2)');
  });

  it('applies -t itself: calls left out are skipped, and a diverging trace cannot pass through it', async () => {
    const passing = await project.jest(['traces', '-t', 'greet', '--verbose']);
    expect(passing.exitCode, passing.output).toBe(0);
    expect(listedTests(passing.output, '✓')).toEqual(["greet('ada')", "greet('bob')"]);
    expect(passing.output).toMatch(/Tests:\s+2 skipped, 2 passed, 4 total/);

    const failing = await project.jest(['altered', '-t', "greet\\('bob'\\)"]);
    expect(failing.exitCode, failing.output).toBe(1);
    expect(failing.output).toMatch(/Tests:\s+1 failed, 3 skipped, 4 total/);
  });

  it('fails a malformed trace with its line and column, and takes its settings from testEnvironmentOptions', async () => {
    const run = await project.jest(['malformed', 'loose']);

    expect(run.exitCode, run.output).toBe(1);
    expect(run.output).toContain('ProxyComponentError: malformed/bad.trace:2:12: expected u32, found string');
    expect(run.output).toContain('`spin` did not return within 500 ms: stopped');
    expect(run.output).toMatch(/Tests:\s+2 failed, 1 passed, 3 total/);
  });
});
