/**
 * Watch mode: a trace test depends on its trace and on its component, so
 * rebuilding the component reruns the traces, which then diverge.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { changedAppComponent } from '../support/app-component.js';
import { PLUGIN_CONFIG, recordTrace, writeApp } from './support/app-traces.js';
import { createTraceProject, type TraceProject } from './support/trace-project.js';

let project: TraceProject;

beforeAll(async () => {
  project = await createTraceProject();
  await writeApp(project);
  await project.write('vitest.config.ts', PLUGIN_CONFIG);
  await recordTrace(project, 'app.wasm', 'traces/app.trace', ['run(1)', 'run(2)']);
});

afterAll(async () => {
  await project.remove();
});

it('reruns the traces of a component when the component changes', async () => {
  const watcher = project.spawnVitest(['--watch']);
  let output = '';
  watcher.all?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const runsDone = () => (output.match(/(Waiting|Watching) for file changes/g) ?? []).length;
  const waitForRuns = async (count: number) => {
    const deadline = Date.now() + 60_000;
    while (runsDone() < count && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  };
  try {
    await waitForRuns(1);
    expect(output).toMatch(/Tests\s+2 passed \(2\)/);

    await project.write('app.wasm', await changedAppComponent());
    await waitForRuns(2);

    expect(output).toContain('RERUN  app.wasm');
    expect(output).toMatch(/Tests\s+2 failed \(2\)/);
    expect(output).toContain('`run` returned 4, the trace expects 3');
  } finally {
    watcher.kill();
    await watcher;
  }
});
