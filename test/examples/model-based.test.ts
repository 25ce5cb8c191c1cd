/**
 * examples/model-based, run as a user runs it: its counter.test.ts (fc.commands,
 * the component as the real system, a TypeScript model) in a fresh Vitest
 * project with the built package. It passes on the counter and fails on the
 * buggy build (the value kept in one byte), naming the shrunk sequence of
 * calls: the smallest value that does not fit a byte, then a call that reads
 * it back. (The project uses the built package: build first.)
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildExample, exampleDir, MODEL_BASED } from '../../scripts/build-examples.js';
import { createTraceProject, type TraceProject } from '../vitest/support/trace-project.js';

let project: TraceProject;

beforeAll(async () => {
  await buildExample(MODEL_BASED);
  project = await createTraceProject();
  const dir = exampleDir(MODEL_BASED);
  for (const file of ['counter.test.ts', 'vitest.config.ts', 'build/counter.wasm', 'build/counter-one-byte.wasm']) {
    await project.write(`model-based/${file}`, await readFile(join(dir, file)));
  }
}, 120_000);

afterAll(async () => {
  await project?.remove();
});

describe('examples/model-based', () => {
  it('passes: the counter behaves as its model', async () => {
    const run = await project.vitest(['run', '--root', 'model-based'], { env: { PROXY_COMPONENT_SEED: '1' } });
    expect(run.exitCode, run.output).toBe(0);
    expect(run.output).toMatch(/Tests\s+1 passed/);
  });

  it('fails on the buggy build with the shrunk call sequence, from any seed', async () => {
    for (const seed of ['1', '2', '3']) {
      const run = await project.vitest(['run', '--root', 'model-based'], { env: { COUNTER: 'build/counter-one-byte.wasm', PROXY_COMPONENT_SEED: seed } });
      expect(run.exitCode, run.output).toBe(1);
      // The shortest sequence that diverges: 256 does not fit a byte, and the next call reads it back as 0.
      expect(run.output).toMatch(/Counterexample: \[add\(256\),(get|add|sub)\(0?\) /);
      expect(run.output).toContain('(the model holds 256): expected +0 to be 256');
      // The calls the component made, as WAVE, with its answers.
      expect(run.output).toMatch(/ {2}export add\(256\)\n {2}return 256\n {2}export (get|add|sub)\(0?\)\n {2}return 0\]/);
    }
  });
});
