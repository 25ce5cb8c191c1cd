import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordComponent } from '../../src/session/record-component.js';
import { planTrace } from '../../src/trace-tests/plan.js';
import { appComponent, appHost } from '../support/app-component.js';
import { componentFromWit } from '../support/component-from-wit.js';

let root: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'pc-trace-plan-'));
  await writeFile(join(root, 'app.wasm'), await appComponent());
  await mkdir(join(root, 'traces'));
  await mkdir(join(root, 'seed'));
  await writeFile(join(root, 'seed/app.wasm'), await appComponent());
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('planTrace', () => {
  it('plans one test per export call, named as written, at the line and column of its export', async () => {
    await recordComponent(join(root, 'app.wasm'), { host: appHost(), invocations: ['run(1)', 'greet("ada")', 'run(1)'], output: join(root, 'traces/app.trace') });

    const plan = await planTrace('traces/app.trace', { root });

    expect(plan).toMatchObject({
      kind: 'calls',
      file: join(root, 'traces/app.trace'),
      displayFile: 'traces/app.trace',
      component: join(root, 'app.wasm'),
      calls: [
        { name: 'run(1)', line: 2, column: 1 },
        { name: "greet('ada')", line: 5, column: 1 },
        { name: 'run(1) #2', line: 8, column: 1 },
      ],
    });
    expect(plan.kind === 'calls' && plan.lines.map((l) => l.line)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(plan.kind === 'calls' && plan.lines[2]).toEqual({ line: 3, column: 3 });
  });

  it('names the calls of a seed-format trace in WAVE, finding the only component in its folder', async () => {
    await recordComponent(join(root, 'seed/app.wasm'), { host: appHost(), invocations: ['run(7)', 'greet("a\\\\b")'], output: join(root, 'seed/run.trace'), format: 'seed' });

    const plan = await planTrace(join(root, 'seed/run.trace'), { root });

    expect(plan).toMatchObject({ kind: 'calls', component: join(root, 'seed/app.wasm'), calls: [{ name: 'run(7)', line: 1 }, { name: "greet('a∖∖b')", line: 5 }] });
  });

  it('reports a malformed trace with the line and column of the problem', async () => {
    await writeFile(join(root, 'traces/bad.trace'), 'export run(1)\n  import test:app/math.double@0.1.0(1) -> "two"\nreturn 3\n');

    const plan = await planTrace(join(root, 'traces/bad.trace'), { root, component: 'app.wasm' });

    expect(plan).toMatchObject({
      kind: 'unreadable',
      error: { name: 'ProxyComponentError', code: 'WAVE_TYPE', message: 'traces/bad.trace:2:43: expected u32, found string', line: 2, column: 43 },
    });
  });

  it('uses the component given when the header and folder name none, and says so when there is none', async () => {
    const trace = 'export run(1)\n  import test:app/math.double@0.1.0(1) -> 2\nreturn 3\n';
    await writeFile(join(root, 'traces/loose.trace'), trace);

    expect(await planTrace('traces/loose.trace', { root, component: 'app.wasm' })).toMatchObject({ kind: 'calls', component: join(root, 'app.wasm') });
    expect(await planTrace('traces/loose.trace', { root })).toMatchObject({
      kind: 'unreadable',
      error: { code: 'USAGE', message: expect.stringContaining('cannot tell which component loose.trace belongs to'), line: 1, column: 1 },
    });
  });

  it('reports a trace whose header names a component that does not exist', async () => {
    await writeFile(join(root, 'traces/gone.trace'), '# proxy-component trace v1 {"componentPath":"../gone.wasm"}\nexport run(1)\nreturn 3\n');

    expect(await planTrace('traces/gone.trace', { root })).toMatchObject({ kind: 'unreadable', error: { code: 'IO', message: expect.stringContaining('gone.wasm') } });
  });

  it('decodes a component again when its file changes: a rebuilt world is seen by the next plan', async () => {
    await mkdir(join(root, 'rebuilt'));
    const trace = 'export run(1)\n  import test:app/math.double@0.1.0(1) -> 2\nreturn 3\n';
    await writeFile(join(root, 'rebuilt/run.trace'), trace);
    await writeFile(join(root, 'rebuilt/app.wasm'), await appComponent());
    expect(await planTrace('rebuilt/run.trace', { root })).toMatchObject({ kind: 'calls', calls: [{ name: 'run(1)' }] });

    // Same path, another world: `run` is gone, so the cached world must not be used.
    await writeFile(join(root, 'rebuilt/app.wasm'), await componentFromWit('package test:other@0.1.0;\nworld other {\n  export walk: func(x: u32) -> u32;\n}\n'));

    expect(await planTrace('rebuilt/run.trace', { root })).toMatchObject({ kind: 'unreadable', error: { message: expect.stringContaining('run') } });
  });
});
