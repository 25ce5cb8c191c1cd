/**
 * examples/http-handler's trace as tests, the way its README runs them: with
 * its vitest.config.ts (the plugin) and its jest.config.cjs (the preset), in
 * a throwaway project where proxy-component is installed as a package. One
 * test per request, named by its method and path; an altered copy of the
 * trace fails, and the report names the import call and the request.
 */
import { cp } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTTP_HANDLER, buildExample, exampleDir } from '../../scripts/build-examples.js';
import { createJestProject, type JestProject } from '../jest/support/jest-project.js';

const dir = exampleDir(HTTP_HANDLER);
let project: JestProject;
let altered: string;

const NAMES = [
  "wasi:http/incoming-handler.handle@0.2.12(#1, #2) where #1 {method: get, path-with-query: some('/hello')}",
  "wasi:http/incoming-handler.handle@0.2.12(#17, #18) where #17 {method: post, path-with-query: some('/notes?draft=1')}",
  "wasi:http/incoming-handler.handle@0.2.12(#33, #34) where #33 {method: get, path-with-query: some('/')}",
];

beforeAll(async () => {
  await buildExample(HTTP_HANDLER);
  project = await createJestProject({ manifest: { name: 'http-handler-example', private: true, type: 'module' } });
  for (const file of ['vitest.config.ts', 'jest.config.cjs', 'traces/requests.trace', HTTP_HANDLER.main.output]) {
    await cp(join(dir, file), join(project.dir, 'http-handler', file), { recursive: true });
  }
  // The second request's response status changed in a copy of the trace: 200 -> 202.
  const text = await project.read('http-handler/traces/requests.trace');
  altered = text.replace('set-status-code@0.2.12(#30, 200) -> ok', 'set-status-code@0.2.12(#30, 202) -> ok');
  expect(altered).not.toBe(text);
}, 600_000);

afterAll(async () => {
  await project?.remove();
});

describe('the Vitest plugin (examples/http-handler/vitest.config.ts)', () => {
  it('runs the trace as one test per request, named by method and path', async () => {
    const run = await project.node('node_modules/vitest/vitest.mjs', ['run', '--root', 'http-handler', '--reporter=verbose']);
    expect(run.exitCode, run.output).toBe(0);
    for (const name of NAMES) expect(run.output).toContain(`✓ traces/requests.trace > ${name}`);
    expect(run.output).toMatch(/Tests\s+3 passed \(3\)/);
  });

  it('fails an altered trace at the request that diverges, and names its import call', async () => {
    await project.write('http-handler/traces/altered.trace', altered);
    try {
      const run = await project.node('node_modules/vitest/vitest.mjs', ['run', '--root', 'http-handler', 'altered']);
      expect(run.exitCode, run.output).toBe(1);
      expect(run.output).toContain(`FAIL  traces/altered.trace > ${NAMES[1]}`);
      expect(run.output).toContain('`wasi:http/types.[method]outgoing-response.set-status-code@0.2.12` was called with a different `status-code` than the trace records');
      expect(run.output).toContain('where #17 {method: post, path-with-query: some("/notes?draft=1")}');
    } finally {
      await project.delete('http-handler/traces/altered.trace');
    }
  });
});

describe('the Jest preset (examples/http-handler/jest.config.cjs)', () => {
  it('runs the trace as one test per request, named by method and path', async () => {
    const run = await project.jest(['--config', 'jest.config.cjs', '--verbose'], { cwd: 'http-handler' });
    expect(run.exitCode, run.output).toBe(0);
    expect(run.output).toContain('PASS traces/requests.trace');
    for (const name of NAMES) expect(run.output).toContain(`✓ ${name}`);
    expect(run.output).toMatch(/Tests:\s+3 passed, 3 total/);
  });

  it('fails an altered trace, and the reporter names the request and the import call', async () => {
    await project.write('http-handler/traces/altered.trace', altered);
    try {
      const run = await project.jest(['--config', 'jest.config.cjs', 'altered'], { cwd: 'http-handler' });
      expect(run.exitCode, run.output).toBe(1);
      expect(run.output).toContain('FAIL traces/altered.trace');
      expect(run.output).toContain('proxy-component: 1 trace divergence');
      expect(run.output).toContain(`test: traces/altered.trace › ${NAMES[1]}`);
      expect(run.output).toContain('where #17 {method: post, path-with-query: some("/notes?draft=1")}');
    } finally {
      await project.delete('http-handler/traces/altered.trace');
    }
  });
});
