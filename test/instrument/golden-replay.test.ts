/**
 * Golden corpora (`record --generate`) under the instrumented replay
 * component in wasmtime, as a user runs them: `instrument -m replay`, then
 * `wasmtime run --invoke 'start()' replay.wasm < run.trace` for each trace.
 * A trace whose run ends in a trap ends the wasmtime run in that trap, right
 * after the component says it expects it; the traces of a changed build's
 * component diverge at the changed call; a trace that answers WASI streams
 * replays them from the trace; a trace that answers an import the replay
 * component passes through says how many of its answers the host gave
 * instead; a trace
 * recorded in-process, where jco cannot tell two versions of an interface
 * apart, replays.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { instrumentComponent } from '../../src/instrument/instrument.js';
import { replayRunEnd, type ReplayEnd } from '../../src/trace/replay-end.js';
import { runCli } from '../support/cli.js';
import { mixerComponent } from '../support/shapes/golden-shapes.js';
import { clockReader, stdinReader } from '../support/shapes/wasi-readers.js';
import { twoVersionsComponent } from '../support/shapes/world-shapes.js';
import { invoke } from './support/wasmtime.js';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pc-golden-wasmtime-'));
}, 60_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Writes the component, its golden corpus and its instrumented replay component (or another build's). */
async function corpus(name: string, bytes: Uint8Array, runs: number, replayedBy: Uint8Array = bytes): Promise<{ traces: string[]; replay: string }> {
  const component = join(dir, `${name}.wasm`);
  await writeFile(component, bytes);
  const folder = join(dir, name);
  const recorded = await runCli('record', component, '--generate', String(runs), '--seed', '1', '-o', folder);
  expect(recorded.exitCode, recorded.err).toBe(0);
  const replay = join(dir, `${name}-replay.wasm`);
  await writeFile(replay, (await instrumentComponent(replayedBy, { mode: 'replay' })).component);
  const traces = (await readdir(folder)).sort().map((file) => join(folder, file));
  return { traces, replay };
}

interface Replayed {
  readonly exitCode: number;
  readonly end: ReplayEnd | undefined;
  readonly text: string;
}

async function replayAll(traces: readonly string[], replay: string): Promise<Replayed[]> {
  const results: Replayed[] = [];
  for (const trace of traces) {
    const text = await readFile(trace, 'utf8');
    const run = await invoke(replay, 'start()', { input: text });
    results.push({ exitCode: run.exitCode, end: replayRunEnd(run.stderr, /wasm trap:/.test(run.stderr)), text });
  }
  return results;
}

describe('a golden corpus under the instrumented replay component', () => {
  it('matches, each trace ending in a trap ending the wasmtime run in that trap', async () => {
    const { traces, replay } = await corpus('mixer', await mixerComponent(), 12);
    const results = await replayAll(traces, replay);
    expect(results.map((result) => result.end?.kind)).toEqual(results.map(() => 'matched'));
    const trapping = results.filter((result) => /^trap "/m.test(result.text));
    expect(trapping.length).toBeGreaterThan(0);
    for (const result of results) expect(result.exitCode === 0).toBe(!trapping.includes(result));
    for (const result of results) expect(result.end).not.toHaveProperty('leftToHost');
  }, 300_000);

  it("fails on a changed build's replay component at the changed call", async () => {
    const { traces, replay } = await corpus('mixer-changed', await mixerComponent(), 12, await mixerComponent(true));
    const ends = (await replayAll(traces, replay)).map((result) => result.end);
    const diverged = ends.filter((end): end is Extract<ReplayEnd, { kind: 'diverged' }> => end?.kind === 'diverged');
    expect(diverged.length).toBeGreaterThan(0);
    for (const end of diverged) {
      expect(end.divergence.kind).toBe('export-result');
      expect(end.divergence.summary).toMatch(/^`mix` returned \d+, the trace expects \d+$/);
    }
  }, 300_000);

  it('replays a clock-reading component, its clock answered from the trace', async () => {
    const { traces, replay } = await corpus('clock', await clockReader(), 5);
    const results = await replayAll(traces, replay);
    expect(results.map((result) => [result.exitCode, result.end?.kind])).toEqual(results.map(() => [0, 'matched']));
  }, 300_000);

  it('replays a stdin-reading trace, its stream answered from the trace', async () => {
    const { traces, replay } = await corpus('stdin', await stdinReader(), 3);
    const results = await replayAll(traces, replay);
    expect(results.map((result) => [result.exitCode, result.end?.kind])).toEqual(results.map(() => [0, 'matched']));
    for (const result of results) expect(result.end).not.toHaveProperty('leftToHost');
  }, 300_000);

  it('says how many answers of the trace went to the host instead, for an import passed through', async () => {
    const { traces } = await corpus('clock-passthrough', await clockReader(), 3);
    const replay = join(dir, 'clock-passthrough-replay.wasm');
    await writeFile(replay, (await instrumentComponent(await clockReader(), { mode: 'replay', passthrough: ['wasi:clocks/wall-clock'] })).component);
    for (const result of await replayAll(traces, replay)) {
      const calls = result.text.match(/^ *import wasi:clocks\/wall-clock/gm)?.length ?? 0;
      expect(calls).toBeGreaterThan(0);
      expect(result.end).toMatchObject({ leftToHost: { calls, first: 'wasi:clocks/wall-clock.now@0.2.0' } });
      expect(['matched', 'diverged']).toContain(result.end?.kind);
    }
  }, 300_000);

  it('replays a trace recorded where jco cannot tell two versions of an interface apart', async () => {
    const { traces, replay } = await corpus('two-versions', await twoVersionsComponent(), 4);
    const results = await replayAll(traces, replay);
    expect(results.map((result) => result.end?.kind)).toEqual(results.map(() => 'matched'));
  }, 300_000);
});
