/**
 * The matchers as a test author uses them (registered by the setup module),
 * and once through the package, as `setupFiles: ['proxy-component/matchers/setup']`.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '../../matchers/setup.js';
import { recordComponent } from '../../src/session/record-component.js';
import { appComponent, appHost } from '../support/app-component.js';
import { recordTrace, replaceLine, writeApp } from './support/app-traces.js';
import { createTraceProject } from './support/trace-project.js';

let root: string;
let component: string;
let good: string;
let altered: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'pc-vitest-matchers-'));
  component = join(root, 'app.wasm');
  await writeFile(component, await appComponent());
  good = join(root, 'traces/good/run.trace');
  await recordComponent(component, { host: appHost(), invocations: ['run(1)', 'run(2)'], output: good });
  await recordComponent(component, { host: appHost(), invocations: ['greet("ada")'], output: join(root, 'traces/good/nested/greet.trace') });
  altered = join(root, 'traces/altered/run.trace');
  await mkdir(join(root, 'traces/altered'));
  // Line 7 is `return 5`, the outcome of run(2).
  await writeFile(altered, replaceLine(await readFile(good, 'utf8'), 7, 'return 6'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('toReplayTrace', () => {
  it('passes for a trace the component still follows, given as a file or as text', async () => {
    await expect(component).toReplayTrace(good);
    await expect(component).toReplayTrace(await readFile(good, 'utf8'));
  });

  it('fails with the rendered divergence when the component no longer follows the trace', async () => {
    await expect(component).not.toReplayTrace(altered);
    const failure = expect(component).toReplayTrace(altered);
    await expect(failure).rejects.toThrow(/to replay .*run\.trace.*, but it diverged after 1 of 2 export calls:\n\n✗ .*run\.trace:7 export call #2: wrong export result/);
    await expect(failure).rejects.toThrow('- expected 6\n  + actual   5');
  });

  it('says so when negated for a trace that matches', async () => {
    await expect(expect(component).not.toReplayTrace(good)).rejects.toThrow('not to replay');
  });

  it('takes replay settings with the component', async () => {
    const spin = 'export spin()\nreturn\n';
    await expect(expect({ component, timeoutMs: 300 }).toReplayTrace(spin)).rejects.toThrow('`spin` did not return within 300 ms: stopped');
  });

  it('rejects a received value that names no component, and a malformed trace with its position', async () => {
    await expect(expect(42).toReplayTrace(good)).rejects.toThrow('toReplayTrace expects a component path or { component } as the received value, got a number');
    await expect(expect(component).toReplayTrace('export run("x")\nreturn 1\n')).rejects.toThrow('expected u32, found string at 1:12');
  });

  it('is typed: the trace is a string', async () => {
    // @ts-expect-error a trace is a path or trace text
    await expect(expect(component).toReplayTrace(42)).rejects.toThrow();
  });
});

describe('toReplayTraces', () => {
  it('passes when every trace in the folders and files given matches', async () => {
    await expect(component).toReplayTraces(join(root, 'traces/good'));
    await expect(component).toReplayTraces([good]);
  });

  it('fails naming every divergence', async () => {
    await expect(expect(component).toReplayTraces([join(root, 'traces')])).rejects.toThrow(
      /to replay all of 3 traces, but 1 diverged:\n\n✗ .*altered\/run\.trace:7 export call #2/,
    );
  });

  it('refuses a folder without traces rather than passing on nothing', async () => {
    const empty = join(root, 'empty');
    await mkdir(empty, { recursive: true });
    await expect(expect(component).toReplayTraces(empty)).rejects.toThrow(`no .trace files in ${empty}`);
  });
});

describe('proxy-component/matchers/setup in setupFiles', () => {
  it('registers the matchers in a user project', async () => {
    const project = await createTraceProject();
    try {
      await writeApp(project);
      await recordTrace(project, 'app.wasm', 'traces/run.trace', ['run(1)']);
      await project.write(
        'vitest.config.ts',
        `import { defineConfig } from 'vitest/config';\n\nexport default defineConfig({ test: { setupFiles: ['proxy-component/matchers/setup'] } });\n`,
      );
      await project.write(
        'replay.test.ts',
        `import { expect, it } from 'vitest';\n\nit('replays', async () => {\n  await expect('app.wasm').toReplayTrace('traces/run.trace');\n  await expect('app.wasm').not.toReplayTrace('export run(1)\\nreturn 9\\n');\n});\n`,
      );

      const run = await project.vitest(['run']);

      expect(run.exitCode, run.output).toBe(0);
      expect(run.output).toMatch(/Tests\s+1 passed \(1\)/);
    } finally {
      await project.remove();
    }
  });
});
