/**
 * The Jest matchers as a test author uses them: registered by
 * `setupFilesAfterEnv: ['proxy-component/jest/matchers/setup']` in a plain
 * (CommonJS) Jest project, replaying traces from ordinary tests.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJestProject, type JestProject } from './support/jest-project.js';
import { recordTrace, replaceLine, writeApp } from './support/traces.js';

let project: JestProject;

beforeAll(async () => {
  project = await createJestProject({ manifest: { name: 'matchers-under-jest', private: true, jest: { setupFilesAfterEnv: ['proxy-component/jest/matchers/setup'] } } });
  await writeApp(project, 'build/app.wasm');
  const text = await recordTrace(project, 'build/app.wasm', 'traces/good/run.trace', ['run(1)', 'run(2)']);
  await recordTrace(project, 'build/app.wasm', 'traces/good/nested/greet.trace', ['greet("ada")']);
  // Line 7 is `return 5`, the outcome of run(2).
  await project.write('traces/altered/run.trace', replaceLine(text, 7, 'return 6'));
});

afterAll(async () => {
  await project.remove();
});

describe('proxy-component/jest/matchers/setup', () => {
  it('passes a component that follows its traces, given as files, folders or text, negated or not', async () => {
    await project.write(
      'good.test.js',
      `test('replays', async () => {
  await expect('build/app.wasm').toReplayTrace('traces/good/run.trace');
  await expect({ component: 'build/app.wasm', timeoutMs: 5000 }).toReplayTraces('traces/good');
  await expect('build/app.wasm').not.toReplayTrace('export run(1)\\nreturn 9\\n');
  await expect('build/app.wasm').not.toReplayTraces(['traces/altered']);
});
`,
    );

    const run = await project.jest(['good.test.js']);

    expect(run.exitCode, run.output).toBe(0);
    expect(run.output).toMatch(/Tests:\s+1 passed, 1 total/);
  });

  it('fails with the rendered divergence, the values printed as Jest prints them', async () => {
    await project.write(
      'bad.test.js',
      `test('diverges', async () => {
  await expect('build/app.wasm').toReplayTrace('traces/altered/run.trace');
});
test('matches when told it should not', async () => {
  await expect('build/app.wasm').not.toReplayTraces('traces/good');
});
test('names no component', async () => {
  await expect(42).toReplayTrace('traces/good/run.trace');
});
test('times out', async () => {
  await expect({ component: 'build/app.wasm', timeoutMs: 300 }).toReplayTrace('export spin()\\nreturn\\n');
});
`,
    );

    const run = await project.jest(['bad.test.js']);

    expect(run.exitCode, run.output).toBe(1);
    expect(run.output).toMatch(/Tests:\s+4 failed, 4 total/);
    expect(run.output).toContain('expected "build/app.wasm" to replay "traces/altered/run.trace", but it diverged after 1 of 2 export calls:');
    expect(run.output).toContain('✗ traces/altered/run.trace:7 export call #2: wrong export result');
    expect(run.output).toContain('expected "build/app.wasm" not to replay all of 2 traces, but every one matched');
    expect(run.output).toContain('ProxyComponentError: toReplayTrace expects a component path or { component } as the received value, got a number');
    expect(run.output).toContain('`spin` did not return within 300 ms: stopped');
  });
});
