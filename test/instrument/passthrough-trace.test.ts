/**
 * A program that prints through WASI streams. Recorded by the instrumented
 * component under plain wasmtime, the stream calls are in the trace like any
 * import (handles written `#N`), and the saved stdout (the program's own line
 * and wasmtime's result line mixed in) replays under the replay component,
 * which answers them itself, and in-process. Named in `--passthrough`, the
 * streams go to the host instead, with every interface that shares their
 * resources (a note says which): the trace then holds the other calls only,
 * and says in its header which imports it does not hold (`passthrough`); it
 * replays in-process, those imports going to the sandboxed WASI.
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
let recordedPassingThrough: string;
let notes: readonly string[];
beforeAll(async () => {
  app = await printingComponent();
  const [record, replay, recordPassingThrough] = await Promise.all([
    instrumentComponent(app, { mode: 'record' }),
    instrumentComponent(app, { mode: 'replay' }),
    instrumentComponent(app, { mode: 'record', passthrough: ['wasi:cli/stdout'] }),
  ]);
  notes = recordPassingThrough.notes;
  folder = await scratchFolder({ 'record.wasm': record.component, 'replay.wasm': replay.component, 'record-passthrough.wasm': recordPassingThrough.component });
  const run = await invoke(folder.path('record.wasm'), 'shout()');
  expect(run.exitCode, run.stderr).toBe(0);
  recorded = run.stdout;
  const passing = await invoke(folder.path('record-passthrough.wasm'), 'shout()');
  expect(passing.exitCode, passing.stderr).toBe(0);
  recordedPassingThrough = passing.stdout;
}, 180_000);
afterAll(async () => folder?.remove());

describe('a trace of a program that prints through WASI streams', () => {
  it('holds the stream calls like any import, handles written #N, the program output beside them', () => {
    expect(recorded.split('\n')).toContain('hello');
    const trace = readTrace(recorded, decodeComponentWorld(app));
    expect(trace.header.passthrough).toBeUndefined();
    expect(trace.calls.map((call) => call.imports.map((made) => made.name))).toEqual([
      ['wasi:cli/stdout.get-stdout@0.2.6', 'wasi:io/streams.[method]output-stream.blocking-write-and-flush@0.2.6', 'wasi:random/random.get-random-u64@0.2.6'],
    ]);
    expect(recorded).toContain('import wasi:cli/stdout.get-stdout@0.2.6() -> #1');
    const outcome = trace.calls[0]?.outcome;
    expect(outcome?.kind === 'return' && recorded.trim().split('\n').at(-1)).toBe(String(outcome?.kind === 'return' ? outcome.value : ''));
  });

  it('replays under the replay component (which answers the stream calls itself) and in-process', async () => {
    const underWasmtime = await replayUnderWasmtime(folder.path('replay.wasm'), recorded);
    expect(underWasmtime.matched, underWasmtime.report).toBe(true);
    expect(await replayInProcess(app, recorded)).toEqual({ matched: true, report: '1 of 1' });
  }, 60_000);

  it('fails under both when a recorded answer of a stream call is altered', async () => {
    const altered = recorded.replace('get-stdout@0.2.6() -> #1', 'get-stdout@0.2.6() -> #5');
    expect(altered).not.toBe(recorded);
    expect((await replayUnderWasmtime(folder.path('replay.wasm'), altered)).matched).toBe(false);
    expect((await replayInProcess(app, altered)).matched).toBe(false);
  }, 60_000);
});

describe('a trace recorded with the streams left to the host (--passthrough)', () => {
  it('says which imports share their resources with the one named', () => {
    expect(notes).toEqual(['wasi:io/error@0.2.6 passes through to the host with wasi:cli/stdout@0.2.6: they share a resource', 'wasi:io/streams@0.2.6 passes through to the host with wasi:cli/stdout@0.2.6: they share a resource']);
  });

  it('holds the other calls only, and names in its header what it does not hold', () => {
    const trace = readTrace(recordedPassingThrough, decodeComponentWorld(app));
    expect(trace.header.passthrough).toEqual(['wasi:io/error@0.2.6', 'wasi:io/streams@0.2.6', 'wasi:cli/stdout@0.2.6']);
    expect(trace.calls.map((call) => call.imports.map((made) => made.name))).toEqual([['wasi:random/random.get-random-u64@0.2.6']]);
  });

  it('replays in-process, the stream calls going to the sandboxed WASI; an altered value still fails', async () => {
    expect(await replayInProcess(app, recordedPassingThrough)).toEqual({ matched: true, report: '1 of 1' });
    const altered = recordedPassingThrough.replace(/-> (\d+)/, (_, n: string) => `-> ${BigInt(n) + 1n}`);
    expect(altered).not.toBe(recordedPassingThrough);
    expect((await replayInProcess(app, altered)).matched).toBe(false);
  }, 60_000);
});
