/**
 * Watch mode: a trace test depends on its component (the preset's dependency
 * extractor), so `jest --watch` reruns a component's traces, and only them,
 * when the component is rebuilt; the traces then diverge.
 */
import { execa } from 'execa';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { changedAppComponent } from '../support/app-component.js';
import { createJestProject, type JestProject } from './support/jest-project.js';
import { recordTrace, writeApp } from './support/traces.js';

let project: JestProject;

beforeAll(async () => {
  project = await createJestProject();
  await writeApp(project, 'app/app.wasm');
  await writeApp(project, 'other/other.wasm');
  await recordTrace(project, 'app/app.wasm', 'app/app.trace', ['run(1)', 'run(2)']);
  await recordTrace(project, 'other/other.wasm', 'other/other.trace', ['run(3)']);
  // `jest --watch` runs what changed since the last commit: the project is a repository.
  const git = (...args: string[]) => execa('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: project.dir });
  await project.write('.gitignore', 'node_modules\n');
  await git('init', '-q');
  await git('add', '.');
  await git('commit', '-q', '-m', 'traces');
});

afterAll(async () => {
  await project.remove();
});

it('reruns the traces of a component when the component changes', async () => {
  const watcher = project.spawnJest(['--watch']);
  let output = '';
  watcher.all?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const runsDone = () => (output.match(/Ran all test suites|Watch Usage|No tests found related/g) ?? []).length;
  const waitFor = async (done: () => boolean) => {
    const deadline = Date.now() + 60_000;
    while (!done() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  };
  try {
    await waitFor(() => output.includes('No tests found related to files changed since last commit'));
    const before = output.length;

    await project.write('app/app.wasm', await changedAppComponent());
    await waitFor(() => /Tests:.*total/.test(output.slice(before)));

    const rerun = output.slice(before);
    expect(rerun, output).toContain('FAIL app/app.trace');
    expect(rerun).not.toContain('other.trace');
    expect(rerun).toMatch(/Tests:\s+2 failed, 2 total/);
    expect(rerun).toContain('`run` returned 4, the trace expects 3');
    expect(runsDone()).toBeGreaterThan(0);
  } finally {
    watcher.kill();
    await watcher;
  }
}, 120_000);
