/** The watched fuzz worker (needs `npx tsc -p tsconfig.build.json`: the worker runs from dist). */
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fuzzComponentFile } from '../../src/fuzz/session.js';
import { replayTraceFile } from '../../src/session/replay-file.js';
import { limitsComponent, sleeperComponent } from './support/fuzz-components.js';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pc-fuzz-session-'));
  await writeFile(join(dir, 'limits.wasm'), await limitsComponent());
  await writeFile(join(dir, 'sleeper.wasm'), await sleeperComponent());
  await writeFile(join(dir, 'sleeper-fixed.wasm'), await sleeperComponent(true));
});

describe('fuzzComponentFile', () => {
  it('saves a failure once, named by its content: the same failure from another seed is a duplicate', async () => {
    const corpus = join(dir, 'corpus-limits');
    const first = await fuzzComponentFile(join(dir, 'limits.wasm'), { seed: 3, runs: 200, corpus });
    expect(first.failure?.saved).toEqual({ file: expect.stringMatching(/corpus-limits\/divide-no-trap-[0-9a-f]{16}\.trace$/), duplicate: false });
    const again = await fuzzComponentFile(join(dir, 'limits.wasm'), { seed: 6, runs: 200, corpus });
    expect(again.failure?.saved).toEqual({ file: first.failure?.saved?.file, duplicate: true });
    expect(await readdir(corpus)).toHaveLength(1);
    const text = await readFile(first.failure?.saved?.file as string, 'utf8');
    expect(text).toContain('"componentPath":"../limits.wasm"');
    expect(text).toContain('"fuzz":{"seed":3,');
  });

  it('stops a call that never returns, shrinks and saves it as a failure that replays as a timeout', async () => {
    const corpus = join(dir, 'corpus-sleeper');
    const result = await fuzzComponentFile(join(dir, 'sleeper.wasm'), { seed: 4, runs: 100, corpus, timeoutMs: 150 });
    expect(result.failure).toMatchObject({ property: 'no-trap', timedOut: true, exportName: 'nap', reason: '`nap` did not return within 150 ms' });
    const saved = result.failure?.saved?.file as string;
    const text = await readFile(saved, 'utf8');
    // Shrunk to the one call that hangs, with the answer that made it hang, closed by the property.
    expect(text.split('\n').slice(1)).toEqual([
      'export nap(0)',
      '  import test:fuzz/env.get-limit@0.1.0() -> 0',
      '  # observed: did not return within 150 ms',
      'expect well-typed no-trap',
      '',
    ]);

    const buggy = await replayTraceFile(saved, { timeoutMs: 300 });
    expect(buggy.divergence).toMatchObject({ kind: 'timeout' });
    const repaired = await replayTraceFile(saved, { component: join(dir, 'sleeper-fixed.wasm'), timeoutMs: 300 });
    expect(repaired.divergence).toBeUndefined();
  });

  it('replays a failure in the worker from its seed and path, after exactly one run', async () => {
    const found = await fuzzComponentFile(join(dir, 'limits.wasm'), { seed: 3, runs: 200 });
    const path = found.failure?.path as string;

    const replayed = await fuzzComponentFile(join(dir, 'limits.wasm'), { seed: 3, path });

    expect(replayed.runs).toBe(1);
    expect(replayed.shrinks).toBe(path.split(':').length - 1);
    expect(replayed.failure?.path).toBe(path);
    expect(replayed.failure?.traceText.split('\n').slice(1)).toEqual(found.failure?.traceText.split('\n').slice(1));
  });

  it('fuzzes only the exports named, and refuses a name the component does not export', async () => {
    const result = await fuzzComponentFile(join(dir, 'limits.wasm'), { seed: 3, runs: 100, exports: ['name-length'] });
    expect(result.failure?.exportName).toBe('name-length');
    expect(result.failure?.traceText.split('\n').filter((line) => line.startsWith('export '))).toEqual(['export name-length()']);
    await expect(fuzzComponentFile(join(dir, 'limits.wasm'), { runs: 5, exports: ['divde'] })).rejects.toMatchObject({
      code: 'USAGE',
      message: expect.stringContaining('no export `divde` (did you mean `divide`?); it exports `divide`, `name-length`, `add`'),
    });
  });

  it('reports a component it cannot read as bad input', async () => {
    await expect(fuzzComponentFile(join(dir, 'missing.wasm'), { runs: 5 })).rejects.toMatchObject({ code: 'IO', message: expect.stringContaining('no such file or directory') });
  });
});
