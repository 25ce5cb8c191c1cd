/**
 * `fuzz --passthrough`: WASI interfaces answered by the sandboxed WASI host
 * instead of generated values, in the run and in the replay of a saved
 * failure; and shrinking that leaves answers out, so a loop that reads until
 * an answer ends it shrinks to the one answer that fails.
 */
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fuzzComponentFile } from '../../src/fuzz/session.js';
import { runCli } from '../support/cli.js';
import { printingComponent } from '../support/shapes/instrument-shapes.js';
import { randomBytesComponent } from '../support/shapes/random-bytes.js';

let dir: string;
let component: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pc-fuzz-passthrough-'));
  component = join(dir, 'random-bytes.wasm');
  await writeFile(component, await randomBytesComponent());
});

describe('fuzz --passthrough', () => {
  it('answers WASI from the sandboxed host: a runtime that needs exactly the bytes it asked for no longer traps', async () => {
    const generated = await fuzzComponentFile(component, { seed: 1, runs: 50, exports: ['roll'] });
    expect(generated.failure).toMatchObject({ property: 'no-trap', exportName: 'roll' });
    expect(generated.failure?.traceText).toContain('import wasi:random/random.get-random-bytes@0.2.6(4) -> ');

    const passed = await fuzzComponentFile(component, { seed: 1, runs: 50, exports: ['roll'], passthrough: ['wasi:random/random'] });
    expect(passed.failure).toBeUndefined();
    expect(passed.runs).toBe(50);
    // Answers the real host gives are not generated: no coverage line for them.
    expect(passed.coverage.lines.map((line) => line.label)).not.toContain('list<u8>');
  });

  it('saves a failure whose header names the interfaces passed through, and whose replay passes them through too', async () => {
    const corpus = join(dir, 'corpus');
    const fuzzed = await runCli('fuzz', component, '--seed', '2', '--runs', '100', '--passthrough', 'wasi:random/random', '--corpus', corpus);
    expect(fuzzed.exitCode).toBe(1);
    expect(fuzzed.out).toContain(`--passthrough wasi:random/random`);
    const [name] = await readdir(corpus);
    const text = await readFile(join(corpus, name as string), 'utf8');
    expect(text.split('\n')[0]).toContain('"passthrough":["wasi:random/random"]');
    expect(text).not.toContain('get-random-bytes');
    const replayed = await runCli('replay', component, join(corpus, name as string));
    expect(replayed.exitCode).toBe(1);
    expect(replayed.out).toContain('drain');
  });

  it('refuses an interface the component does not import, and one only a host of its own could answer', async () => {
    await expect(fuzzComponentFile(component, { runs: 5, passthrough: ['wasi:clocks/wall-clock'] })).rejects.toMatchObject({
      code: 'USAGE',
      message: expect.stringContaining('--passthrough names `wasi:clocks/wall-clock`, which'),
    });
    await expect(fuzzComponentFile(component, { runs: 5, passthrough: ['test:shapes/source'] })).rejects.toMatchObject({
      code: 'USAGE',
      message: expect.stringContaining('fuzzing can pass through only WASI interfaces'),
    });
  });
  it('refuses to split handles between the two hosts: an interface passed through whose handles another import gives, or takes', async () => {
    const printing = join(dir, 'printing.wasm');
    await writeFile(printing, await printingComponent());
    await expect(fuzzComponentFile(printing, { runs: 3, passthrough: ['wasi:io/streams', 'wasi:io/error'] })).rejects.toMatchObject({
      code: 'USAGE',
      message: expect.stringContaining('`wasi:cli/stdout.get-stdout@0.2.6` gets generated answers but takes or gives `output-stream` handles of `wasi:io/streams@0.2.6`, which is passed through'),
    });
    await expect(fuzzComponentFile(printing, { runs: 3, passthrough: ['wasi:cli/stdout'] })).rejects.toMatchObject({
      code: 'USAGE',
      message: expect.stringContaining('`wasi:cli/stdout.get-stdout@0.2.6` is passed through but takes or gives `output-stream` handles of `wasi:io/streams@0.2.6`, which gets generated answers'),
    });
    const together = await fuzzComponentFile(printing, { seed: 1, runs: 3, passthrough: ['wasi:cli/stdout', 'wasi:io/streams', 'wasi:io/error'] });
    expect(together.failure).toBeUndefined();
    expect(together.runs).toBe(3);
  });
});

describe('shrinking import answers', () => {
  it('leaves out the answers before the one that fails: a read loop shrinks to one read', async () => {
    for (const seed of [1, 2, 3]) {
      const result = await fuzzComponentFile(component, { seed, runs: 200, exports: ['drain'] });
      const lines = result.failure?.traceText.split('\n').filter((line) => line.trimStart().startsWith('import ')) ?? [];
      expect(lines, `seed ${seed}`).toEqual(['  import test:shapes/source.next() -> some(7)']);
    }
  });

  it('takes export names in any spelling WAVE accepts, and suggests the one meant', async () => {
    await expect(fuzzComponentFile(component, { runs: 5, exports: ['rol'] })).rejects.toMatchObject({ code: 'USAGE', message: expect.stringContaining('no export `rol` (did you mean `roll`?)') });
  });
});
