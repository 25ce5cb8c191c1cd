/**
 * A program that prints through WASI streams, which an instrumented
 * component leaves to the host (they carry resources): the recorded trace
 * holds the virtualized calls only, and says in its header which imports it
 * does not hold (`passthrough`). Recorded under plain wasmtime, its saved
 * stdout (the program's own line and wasmtime's result line mixed in)
 * replays under the replay component and in-process, where the imports the
 * header names go to the sandboxed WASI.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { instrumentComponent } from '../../src/instrument/instrument.js';
import { readTrace } from '../../src/trace/read.js';
import { decodeComponentWorld } from '../../src/wit/binary/decode.js';
import { printingComponent } from '../support/shapes/instrument-shapes.js';
import { replayInProcess, replayUnderWasmtime } from './support/verdicts.js';
import { invoke, scratchFolder } from './support/wasmtime.js';

let folder: Awaited<ReturnType<typeof scratchFolder>>;
let app: Uint8Array;
let recorded: string;
beforeAll(async () => {
  app = await printingComponent();
  const [record, replay] = await Promise.all([instrumentComponent(app, { mode: 'record' }), instrumentComponent(app, { mode: 'replay' })]);
  folder = await scratchFolder({ 'record.wasm': record.component, 'replay.wasm': replay.component });
  const run = await invoke(folder.path('record.wasm'), 'shout()');
  expect(run.exitCode, run.stderr).toBe(0);
  recorded = run.stdout;
}, 180_000);
afterAll(async () => folder?.remove());

describe('a trace recorded with imports left to the host', () => {
  it('holds the recorded calls, the program output beside them, and names what it does not hold', () => {
    const lines = recorded.split('\n');
    expect(lines.slice(1, 3)).toEqual(['export shout()', 'hello']);
    const trace = readTrace(recorded, decodeComponentWorld(app));
    expect(trace.header.passthrough).toEqual(['wasi:io/error@0.2.6', 'wasi:io/streams@0.2.6', 'wasi:cli/stdout@0.2.6']);
    expect(trace.calls.map((call) => call.imports.map((made) => made.name))).toEqual([['wasi:random/random.get-random-u64@0.2.6']]);
    const outcome = trace.calls[0]?.outcome;
    expect(outcome?.kind === 'return' && lines.at(-1)).toBe(String(outcome?.kind === 'return' ? outcome.value : ''));
  });

  it('replays under the replay component and in-process, the stream calls going to the host', async () => {
    const underWasmtime = await replayUnderWasmtime(folder.path('replay.wasm'), recorded);
    expect(underWasmtime.matched, underWasmtime.report).toBe(true);
    expect(await replayInProcess(app, recorded)).toEqual({ matched: true, report: '1 of 1' });
  }, 60_000);

  it('still fails in-process when a recorded value is altered', async () => {
    const altered = recorded.replace(/-> (\d+)/, (_, n: string) => `-> ${BigInt(n) + 1n}`);
    expect(altered).not.toBe(recorded);
    expect((await replayInProcess(app, altered)).matched).toBe(false);
  }, 60_000);
});
