/**
 * `PROXY_COMPONENT_SEED` fixes the seed of every campaign given none, so a
 * CI job runs with a recorded seed: `diff --fuzz`, `record --generate` and
 * `componentTest(...).prop` here (CLI `fuzz` and the property matchers in
 * shrink-answers.test.ts). An explicit seed wins.
 * (componentTest runs in a fresh Vitest project with the built package: build first.)
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { readTraceHeader } from '../../src/trace/read.js';
import { runCli } from '../support/cli.js';
import { addsAnswerComponent } from '../support/shapes/adds-answer.js';
import { createTraceProject } from '../vitest/support/trace-project.js';

let dir: string;
let component: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pc-seed-variable-'));
  component = join(dir, 'adds.wasm');
  await writeFile(component, await addsAnswerComponent());
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('PROXY_COMPONENT_SEED', () => {
  it('fixes the seed of diff --fuzz: printed, and the same report each time', async () => {
    vi.stubEnv('PROXY_COMPONENT_SEED', '41');
    const first = await runCli('diff', component, '--engines', 'jco,node', '--fuzz', '6', '--json');
    const second = await runCli('diff', component, '--engines', 'jco,node', '--fuzz', '6', '--json');
    expect(first.err).toBe('fuzz seed 41 (repeat with --seed 41)\n');
    // The same report, times aside.
    const untimed = (out: string) => out.replace(/"elapsedMs": \d+/g, '"elapsedMs": 0');
    expect(untimed(second.out)).toBe(untimed(first.out));
    expect(first.out).toContain('--fuzz 6 --seed 41');

    const explicit = await runCli('diff', component, '--engines', 'jco,node', '--fuzz', '6', '--seed', '5', '--json');
    expect(explicit.err).toBe('');
    expect(explicit.out).toContain('--fuzz 6 --seed 5');
  });

  it('fixes the seed of record --generate: the files it names and the runs it writes', async () => {
    vi.stubEnv('PROXY_COMPONENT_SEED', '41');
    const out = join(dir, 'golden');
    const made = await runCli('record', component, '--generate', '3', '-o', out);
    expect(made.exitCode, made.err).toBe(0);
    const files = (await readdir(out)).sort();
    expect(files).toEqual(['seed-41-run-001.trace', 'seed-41-run-002.trace', 'seed-41-run-003.trace']);
    const text = await readFile(join(out, files[0] as string), 'utf8');
    expect(readTraceHeader(text)?.generated).toEqual({ seed: 41, run: 1 });
    // The same seed writes the same runs again.
    await runCli('record', component, '--generate', '3', '-o', out);
    expect(await readFile(join(out, files[0] as string), 'utf8')).toBe(text);
  });

  it('fixes the seed of componentTest(...).prop given none', async () => {
    const project = await createTraceProject();
    try {
      await project.write('adds.wasm', await addsAnswerComponent());
      await project.write(
        'adds.test.ts',
        `import { expect } from 'vitest';
import { componentTest } from 'proxy-component/vitest/property';

const adds = componentTest('adds.wasm');
adds.prop([adds.arg('add', 'a'), adds.arg('add', 'b')])('adds up', async (a, b, component) => {
  expect(await component.call('add', a, b)).toBe(((a as number) + (b as number)) >>> 0);
});
adds.prop([adds.arg('add', 'a')], { seed: 5 })('an explicit seed wins', async (a, component) => {
  expect(await component.call('add', a, 0)).toBe(a);
});
`,
      );
      const run = await project.vitest(['run'], { env: { PROXY_COMPONENT_SEED: '77' } });
      expect(run.exitCode, run.output).toBe(1);
      expect(run.output).toContain('adds up (with seed=77)');
      expect(run.output).toContain('an explicit seed wins (with seed=5)');
      expect(run.output).toMatch(/\{ seed: 77, path: "[\d:]+", endOnFailure: true \}/);
    } finally {
      await project.remove();
    }
  });
});
