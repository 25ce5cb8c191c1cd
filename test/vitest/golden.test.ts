/**
 * A golden corpus (`record --generate`) as Vitest tests, as a user meets it:
 * a project with `plugins: [proxy()]`, the component, and the folder the
 * command wrote (the plugin runs trace files in its `traces` project). The traces pass on the component they were made from, the
 * runs that end in a trap included; once the component is replaced by a build
 * whose behaviour changed, the run fails at the changed call.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { mixerComponent } from '../support/shapes/golden-shapes.js';
import { PLUGIN_CONFIG } from './support/app-traces.js';
import { createTraceProject, type TraceProject } from './support/trace-project.js';

let project: TraceProject;
let traces: string[];

beforeAll(async () => {
  project = await createTraceProject();
  await project.write('mixer.wasm', await mixerComponent());
  await project.write('vitest.config.ts', PLUGIN_CONFIG);
  const recorded = await runCli('record', join(project.dir, 'mixer.wasm'), '--generate', '8', '--seed', '3', '-o', join(project.dir, 'golden'));
  expect(recorded.exitCode, recorded.err).toBe(0);
  traces = (await readdir(join(project.dir, 'golden'))).sort();
}, 120_000);

afterAll(async () => {
  await project?.remove();
});

describe('a golden corpus under proxy() in vitest run', () => {
  it('passes on the component it was made from, one test per export call', async () => {
    const calls = (await Promise.all(traces.map((file) => project.read(`golden/${file}`)))).join('\n').match(/^export /gm)?.length ?? 0;
    const run = await project.vitest(['run', 'golden', '--reporter=verbose']);

    expect(run.exitCode, run.output).toBe(0);
    for (const file of traces) expect(run.output).toContain(`✓ |traces| golden/${file} > `);
    expect(run.output).toMatch(new RegExp(`Tests\\s+${calls} passed \\(${calls}\\)`));
    expect(run.output).toMatch(/✓ \|traces\| golden\/seed-3-run-\d{3}\.trace > ratio\(0\)/);
  }, 120_000);

  it('fails at the changed call once the component is a build whose behaviour changed', async () => {
    await project.write('mixer.wasm', await mixerComponent(true));
    try {
      const run = await project.vitest(['run', 'golden']);

      expect(run.exitCode, run.output).toBe(1);
      expect(run.output).toMatch(/FAIL {2}\|traces\| golden\/seed-3-run-\d{3}\.trace > mix\(\d+\)/);
      expect(run.output).toMatch(/TraceDivergence: ✗ golden\/seed-3-run-\d{3}\.trace:\d+ export call #\d+: wrong export result/);
      expect(run.output).toMatch(/`mix` returned \d+, the trace expects \d+/);
    } finally {
      await project.write('mixer.wasm', await mixerComponent());
    }
  }, 120_000);
});
