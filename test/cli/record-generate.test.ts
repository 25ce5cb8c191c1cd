/**
 * `record --generate N --seed S -o <folder>`: a golden corpus without a host,
 * as a user runs it. One trace per generated run, named by seed and run,
 * with the header `record` writes and where the run came from; the traces
 * replay on the same component (traps and WASI reads included) and fail on a
 * build whose behaviour changed, naming the call; the same seed rewrites the
 * same files; a component that cannot start is an error; a call that never
 * returns ends its run, which is written up to the call before it with a note.
 */
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTraceHeader } from '../../src/trace/read.js';
import { runCli } from '../support/cli.js';
import { mixerComponent } from '../support/shapes/golden-shapes.js';
import { handlesComponent, hangsOnThirdComponent, startTrapsComponent } from '../support/shapes/fuzz-shapes.js';
import { hangsAtFirstCallComponent } from '../support/shapes/hangs-at-first-call.js';
import { clockReader, stdinReader } from '../support/shapes/wasi-readers.js';
import { randomBytesComponent } from '../support/shapes/random-bytes.js';

let dir: string;
const path = (name: string) => join(dir, name);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pc-record-generate-'));
  const components: [string, Promise<Uint8Array>][] = [
    ['mixer.wasm', mixerComponent()],
    ['mixer-changed.wasm', mixerComponent(true)],
    ['start-traps.wasm', startTrapsComponent()],
    ['hangs.wasm', hangsOnThirdComponent()],
    ['hangs-at-first.wasm', hangsAtFirstCallComponent()],
    ['handles.wasm', handlesComponent()],
    ['stdin-reader.wasm', stdinReader()],
    ['clock-reader.wasm', clockReader()],
    ['random-bytes.wasm', randomBytesComponent()],
  ];
  for (const [name, bytes] of components) await writeFile(path(name), await bytes);
}, 60_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Records a corpus; the trace files written, sorted, as paths. */
async function generate(component: string, folder: string, ...options: string[]): Promise<{ files: string[]; out: string; err: string }> {
  const run = await runCli('record', path(component), ...options, '-o', path(folder));
  expect(run.exitCode, run.err).toBe(0);
  const files = (await readdir(path(folder))).filter((name) => name.endsWith('.trace')).sort();
  return { files: files.map((name) => join(path(folder), name)), out: run.out, err: run.err };
}

describe('record --generate', () => {
  it('writes one trace per run, named by seed and run, saying what it wrote; each header says where the run came from', async () => {
    const { files, out, err } = await generate('mixer.wasm', 'golden', '--generate', '6', '--seed', '3');
    expect(files.map((file) => file.slice(path('golden').length + 1))).toEqual([1, 2, 3, 4, 5, 6].map((run) => `seed-3-run-00${run}.trace`));
    expect(out.trimEnd().split('\n')).toHaveLength(6);
    expect(out).toMatch(new RegExp(`^wrote ${path('golden/seed-3-run-001.trace').replace(/[.]/g, '\\.')} \\(\\d+ calls?(, the last traps)?\\)$`, 'm'));
    expect(err).toMatch(/^wrote 6 traces to .*golden \(seed 3\): \d+ export calls/);
    const text = await readFile(files[1] as string, 'utf8');
    expect(readTraceHeader(text)).toEqual({
      version: 1,
      world: 'root:component/root',
      component: expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
      componentPath: '../mixer.wasm',
      tool: expect.any(String),
      generated: { seed: 3, run: 2 },
    });
    expect(text).toMatch(/^export (mix|ratio|total)\(/m);
  }, 60_000);

  it('writes traces that replay on the same component, traps and all', async () => {
    const { files } = await generate('mixer.wasm', 'replayed', '--generate', '20', '--seed', '5');
    const texts = await Promise.all(files.map((file) => readFile(file, 'utf8')));
    // ratio(0) traps: a run that traps ends there, with its trap.
    const trapping = texts.filter((text) => /^trap "/m.test(text));
    expect(trapping.length).toBeGreaterThan(0);
    for (const text of trapping) expect(text.trimEnd().split('\n').at(-1)).toMatch(/^trap "/);
    expect(texts.some((text) => /^ {2}import test:golden\/env\.scale\(\d+\) -> \d+$/m.test(text))).toBe(true);
    const replay = await runCli('replay', path('mixer.wasm'), ...files);
    expect(replay.exitCode, replay.out + replay.err).toBe(0);
    const lines = replay.out.trimEnd().split('\n').filter((line) => line !== '');
    expect(lines.every((line) => line.startsWith('✓ ')), replay.out).toBe(true);
    expect(lines.at(-1)).toBe(`✓ ${files.length} traces: ${files.length} matched`);
  }, 60_000);

  it('rewrites the same files for the same seed, and other files for another seed', async () => {
    const first = await generate('mixer.wasm', 'again', '--generate', '5', '--seed', '11');
    const before = await Promise.all(first.files.map((file) => readFile(file, 'utf8')));
    const second = await generate('mixer.wasm', 'again', '--generate', '5', '--seed', '11');
    expect(second.files).toEqual(first.files);
    expect(await Promise.all(second.files.map((file) => readFile(file, 'utf8')))).toEqual(before);
    const other = await generate('mixer.wasm', 'again', '--generate', '5', '--seed', '12');
    expect(other.files.filter((file) => file.includes('seed-12-'))).toHaveLength(5);
    const otherTexts = await Promise.all(other.files.filter((file) => file.includes('seed-12-')).map((file) => readFile(file, 'utf8')));
    expect(otherTexts.map((text) => text.split('\n').slice(1).join('\n'))).not.toEqual(before.map((text) => text.split('\n').slice(1).join('\n')));
  }, 60_000);

  it("fails against a build whose behaviour changed, naming the call", async () => {
    const { files } = await generate('mixer.wasm', 'characterized', '--generate', '10', '--seed', '2');
    const replay = await runCli('replay', path('mixer-changed.wasm'), ...files);
    expect(replay.exitCode).toBe(1);
    expect(replay.out).toMatch(/✗ .*seed-2-run-\d{3}\.trace:\d+ export call #\d+: wrong export result/);
    expect(replay.out).toMatch(/`mix` returned \d+, the trace expects \d+/);
    expect(replay.out).toMatch(/at export mix\(\d+\)/);
  }, 60_000);

  it('exits 2 for a component that cannot start, saying why, and writes nothing', async () => {
    const run = await runCli('record', path('start-traps.wasm'), '--generate', '3', '--seed', '1', '-o', path('never'));
    expect(run.exitCode).toBe(2);
    expect(run.err).toContain('start-traps.wasm cannot be started');
    expect(run.err).toContain('it trapped while starting (in its start function): unreachable');
    await expect(readdir(path('never'))).rejects.toThrow();
  }, 60_000);

  it('ends a run at a call that does not return: written up to the call before it with a note, and the next runs follow', async () => {
    // tick() loops for ever on its third call of an instance.
    const { files, out, err } = await generate('hangs.wasm', 'hanging', '--generate', '4', '--seed', '1', '--timeout', '500');
    expect(files).toHaveLength(4);
    const texts = await Promise.all(files.map((file) => readFile(file, 'utf8')));
    const stopped = texts.filter((text) => text.includes('# stopped:'));
    expect(stopped.length).toBeGreaterThan(0);
    for (const text of stopped) {
      expect(text.split('\n').slice(1)).toEqual(['export tick()', 'return 1', 'export tick()', 'return 2', '# stopped: export call #3, `tick()`, did not return within 500 ms: the run is kept up to the call before it', '']);
    }
    expect(out).toContain('(2 calls): stopped: export call #3, `tick()`, did not return within 500 ms');
    expect(err).toMatch(/\d+ runs? stopped before (its|their) plan ended \(a note in the trace says why\)/);
    const replay = await runCli('replay', path('hangs.wasm'), ...files);
    expect(replay.exitCode, replay.out).toBe(0);
  }, 120_000);

  it('writes no trace for a run whose first call does not return (replay would refuse a trace of no call), says so, and removes an old one', async () => {
    const folder = path('hanging-at-first');
    const stale = join(folder, 'seed-1-run-001.trace');
    await mkdir(folder, { recursive: true });
    await writeFile(stale, 'an earlier generation of run 1\n');
    const run = await runCli('record', path('hangs-at-first.wasm'), '--generate', '2', '--seed', '1', '--timeout', '300', '-o', folder);
    expect(run.exitCode, run.err).toBe(0);
    expect(await readdir(folder)).toEqual([]);
    expect(run.out.trimEnd().split('\n')).toEqual([1, 2].map((n) => `no trace for run ${n} (${join(folder, `seed-1-run-00${n}.trace`)}): export call #1, \`tick()\`, did not return within 300 ms: the run has no call to keep (a trace of no call checks nothing)`));
    expect(run.err).toBe(`wrote 0 traces to ${folder} (seed 1): 0 export calls, 2 runs with no trace (the first call did not return)\n`);
  }, 60_000);

  it('answers imports that carry resources with handles that exist, so that the traces replay', async () => {
    const { files } = await generate('handles.wasm', 'handles', '--generate', '10', '--seed', '1');
    const texts = await Promise.all(files.map((file) => readFile(file, 'utf8')));
    expect(texts.some((text) => /#\d+/.test(text))).toBe(true);
    const replay = await runCli('replay', path('handles.wasm'), ...files);
    expect(replay.exitCode, replay.out + replay.err).toBe(0);
  }, 60_000);

  it("writes traces of WASI-reading components that replay: stdin's stream and the clock answered as generated", async () => {
    const stdin = await generate('stdin-reader.wasm', 'stdin', '--generate', '5', '--seed', '1');
    const texts = await Promise.all(stdin.files.map((file) => readFile(file, 'utf8')));
    for (const text of texts) {
      expect(text).toMatch(/^ {2}import wasi:cli\/stdin\.get-stdin@0\.2\.0\(\) -> #1$/m);
      expect(text).toMatch(/^ {2}import wasi:io\/streams\.\[method\]input-stream\.blocking-read@0\.2\.0\(#1, 64\) -> (ok|err)\(/m);
    }
    const clock = await generate('clock-reader.wasm', 'clock', '--generate', '5', '--seed', '1');
    expect(await readFile(clock.files[0] as string, 'utf8')).toMatch(/^ {2}import wasi:clocks\/wall-clock\.now@0\.2\.0\(\) -> \{seconds: \d+, nanoseconds: \d+\}$/m);
    for (const [component, files] of [['stdin-reader.wasm', stdin.files], ['clock-reader.wasm', clock.files]] as const) {
      const replay = await runCli('replay', path(component), ...files);
      expect(replay.exitCode, replay.out + replay.err).toBe(0);
    }
  }, 60_000);

  it.each([
    [['--generate', '3', '--invoke', 'total()'], '--generate records without a host, its import answers generated (WASI\'s too): it takes no --invoke'],
    [['--generate', '3', '--env', 'A=1', '--dir', 'a=b'], 'it takes no --env, --dir'],
    [['--generate', '0'], '--generate must be an integer from 1 to 100000, got `0`'],
    [['--generate', '3', '--seed', 'x'], '--seed must be an integer from -2147483648 to 2147483647, got `x`'],
    [['--generate', '3', '--timeout', 'soon'], '--timeout must be an integer from 1'],
    [['--seed', '3', '--invoke', 'total()'], '--seed goes with --generate'],
  ])('refuses %j as a usage error', async (options, message) => {
    const run = await runCli('record', path('mixer.wasm'), ...options, '-o', path('unused'));
    expect(run.exitCode).toBe(2);
    expect(run.err).toContain(message);
  });

  it('picks a seed when none is given, and says which: the file names and headers carry it', async () => {
    const { files, err } = await generate('mixer.wasm', 'random', '--generate', '2');
    const seed = /\(seed (-?\d+)\)/.exec(err)?.[1];
    expect(seed).toBeDefined();
    expect(files.map((file) => file.slice(path('random').length + 1))).toEqual([`seed-${seed}-run-001.trace`, `seed-${seed}-run-002.trace`]);
    expect(readTraceHeader(await readFile(files[0] as string, 'utf8'))?.generated).toEqual({ seed: Number(seed), run: 1 });
  }, 60_000);

  it('calls only the exports named, and leaves the WASI interfaces named to the sandboxed host: the header lists them (replays pass them through too)', async () => {
    const generated = await generate('random-bytes.wasm', 'passthrough', '--generate', '4', '--seed', '1', '--exports', 'roll', '--passthrough', 'wasi:random/random');
    expect(generated.err).not.toContain('ending in a trap');
    for (const file of generated.files) {
      const text = await readFile(file, 'utf8');
      expect(readTraceHeader(text)?.passthrough).toEqual(['wasi:random/random']);
      expect(text.split('\n').filter((line) => line.startsWith('export ')).every((line) => line === 'export roll()')).toBe(true);
      expect(text).not.toContain('get-random-bytes');
    }
    // Generated answers give `roll` fewer bytes than it asked for: it traps.
    const answered = await generate('random-bytes.wasm', 'generated', '--generate', '4', '--seed', '1', '--exports', 'roll');
    expect(answered.err).toContain('4 runs ending in a trap');
    const refused = await runCli('record', path('random-bytes.wasm'), '--invoke', 'roll()', '--passthrough', 'wasi:random/random', '-o', path('one.trace'));
    expect(refused.exitCode).toBe(2);
    expect(refused.err).toContain('--passthrough goes with --generate');
  }, 60_000);

  it('needs a folder', async () => {
    const run = await runCli('record', path('mixer.wasm'), '--generate', '3');
    expect(run.exitCode).toBe(2);
    expect(run.err).toContain('--generate needs -o <folder>');
  });
});
