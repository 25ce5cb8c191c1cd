/**
 * A golden corpus (`record --generate`) as Jest tests, as a user meets it:
 * a folder holding the component, the traces the command wrote and
 * `{ "jest": { "preset": "proxy-component" } }`. The traces pass on the
 * component they were made from, the runs that end in a trap included; once
 * the component is replaced by a build whose behaviour changed, Jest fails at
 * the changed call.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { mixerComponent } from '../support/shapes/golden-shapes.js';
import { createJestProject, type JestProject } from './support/jest-project.js';
import { listedTests } from './support/traces.js';

let project: JestProject;
let calls: string[];

beforeAll(async () => {
  project = await createJestProject();
  await project.write('mixer.wasm', await mixerComponent());
  const recorded = await runCli('record', join(project.dir, 'mixer.wasm'), '--generate', '8', '--seed', '3', '-o', join(project.dir, 'golden'));
  expect(recorded.exitCode, recorded.err).toBe(0);
  const texts = await Promise.all((await readdir(join(project.dir, 'golden'))).map((file) => project.read(`golden/${file}`)));
  calls = texts.flatMap((text) => text.split('\n').filter((line) => line.startsWith('export ')));
}, 120_000);

afterAll(async () => {
  await project?.remove();
});

describe('a golden corpus under the Jest preset', () => {
  it('passes on the component it was made from, one test per export call', async () => {
    const run = await project.jest(['--verbose']);

    expect(run.exitCode, run.output).toBe(0);
    expect(run.output).toMatch(/PASS golden\/seed-3-run-001\.trace/);
    expect(listedTests(run.output, '✓')).toHaveLength(calls.length);
    expect(listedTests(run.output, '✓')).toContain('ratio(0)');
    expect(run.output).toMatch(new RegExp(`Tests:\\s+${calls.length} passed, ${calls.length} total`));
  }, 120_000);

  it('fails at the changed call once the component is a build whose behaviour changed', async () => {
    await project.write('mixer.wasm', await mixerComponent(true));
    try {
      const run = await project.jest(['--verbose']);

      expect(run.exitCode, run.output).toBe(1);
      expect(listedTests(run.output, '✕').some((name) => /^mix\(\d+\)$/.test(name))).toBe(true);
      expect(run.output).toMatch(/`mix` returned \d+, the trace expects \d+/);
    } finally {
      await project.write('mixer.wasm', await mixerComponent());
    }
  }, 120_000);
});
