/**
 * A fuzz campaign split across `vitest --shard`: two real shards of a
 * throwaway project, run at the same time into one corpus folder. The
 * campaign file (`*.fuzz.test.ts`) runs on both shards, each with its own
 * seed derived from fast-check's global seed; the other test file runs on one
 * shard only; both shards find the same shrunk failure, which the corpus
 * holds once.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shardSeed } from '../../matchers/property.js';
import { counterComponent } from '../fuzz/support/fuzz-components.js';
import { createTraceProject, type TraceProject } from './support/trace-project.js';

const BASE_SEED = 42;
let project: TraceProject;

beforeAll(async () => {
  project = await createTraceProject();
  await project.write('counter.wasm', await counterComponent());
  await project.write(
    'vitest.config.ts',
    `import { defineConfig } from 'vitest/config';
import { proxy } from 'proxy-component/vitest';

export default defineConfig({
  plugins: [proxy()],
  test: { setupFiles: ['proxy-component/matchers/setup', './seed.ts'], reporters: ['default', 'proxy-component/reporter'], testTimeout: 60_000 },
});
`,
  );
  // The base seed of the campaign, as a CI job would pin it (e.g. from its build number).
  await project.write('seed.ts', `import fc from 'fast-check';\nfc.configureGlobal({ seed: ${BASE_SEED} });\n`);
  // total() traps after three incr(): every seed finds it, and it shrinks to the same four calls.
  await project.write('counter.fuzz.test.ts', "import { expect, it } from 'vitest';\n\nit('counter never traps', async () => {\n  await expect('counter.wasm').toNeverTrap({ runs: 300, corpus: 'corpus' });\n});\n");
  await project.write('other.test.ts', "import { expect, it } from 'vitest';\n\nit('adds', () => {\n  expect(1 + 1).toBe(2);\n});\n");
});

afterAll(async () => {
  await project?.remove();
});

describe('vitest --shard with a fuzz campaign', () => {
  it('runs the campaign on every shard with distinct seeds, into one corpus', async () => {
    const [first, second] = await Promise.all([project.vitest(['run', '--shard=1/2']), project.vitest(['run', '--shard=2/2'])]);

    const seeds: number[] = [];
    for (const [index, run] of [first, second].entries()) {
      expect(run.exitCode, run.output).toBe(1);
      expect(run.output).toMatch(/counter\.fuzz\.test\.ts.*\n[\s\S]*counter never traps/);
      const found = new RegExp(`seed (-?\\d+), path [\\d:]+ \\(failed at run \\d+, shrunk in \\d+ steps?; shard ${index + 1}/2 of base seed ${BASE_SEED}\\)`).exec(run.output);
      expect(found, run.output).not.toBeNull();
      seeds.push(Number((found as RegExpExecArray)[1]));
    }
    expect(seeds).toEqual([shardSeed(BASE_SEED, { index: 1, count: 2 }), shardSeed(BASE_SEED, { index: 2, count: 2 })]);
    expect(seeds[0]).not.toBe(seeds[1]);
    // The other file runs on one shard only.
    expect([first, second].filter((run) => /other\.test\.ts/.test(run.output))).toHaveLength(1);

    const corpus = await readdir(join(project.dir, 'corpus'));
    expect(corpus).toHaveLength(1);
    const file = `corpus/${corpus[0] as string}`;
    expect(corpus[0]).toMatch(/^total-no-trap-[0-9a-f]{16}\.trace$/);
    for (const run of [first, second]) expect(run.output).toMatch(new RegExp(`(saved|already in the corpus:) ${file.replace('.', '\\.')}`));
    const trace = await readFile(join(project.dir, file), 'utf8');
    expect(trace).toMatch(/"fuzz":\{"seed":-?\d+,"path":"[\d:]+","property":"no-trap"\}/);
    expect(seeds).toContain(Number(/"seed":(-?\d+)/.exec(trace)?.[1]));
    expect(trace.match(/^export /gm)).toEqual(['export ', 'export ', 'export ', 'export ']);
  });
});
