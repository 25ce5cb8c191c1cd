/**
 * Interfaces written inline in a world (`import numbers: interface {...}`,
 * `export calc: interface {...}`), as wit-bindgen's tests declare them, are
 * instrumented in every mode: the record component keeps them under their
 * names, records under wasmtime (the host composed in), and its stdout, as
 * saved (wasmtime's result line included), replays under wasmtime and
 * in-process; the fuzz component answers the inline import itself.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { instrumentComponent, type InstrumentOptions } from '../../src/instrument/instrument.js';
import { readTrace } from '../../src/trace/read.js';
import { decodeComponentWorld } from '../../src/wit/binary/decode.js';
import { INLINE_HOST_FUNCS, inlineInterfacesComponent, inlineInterfacesHostComponent } from '../support/shapes/instrument-shapes.js';
import { replayInProcess, replayUnderWasmtime } from './support/verdicts.js';
import { invoke, scratchFolder } from './support/wasmtime.js';
import { withHost } from './support/with-host.js';

const MODES: readonly [string, InstrumentOptions][] = [
  ['record', { mode: 'record' }],
  ['replay', { mode: 'replay' }],
  ['fuzz', { mode: 'fuzz', fuzz: { seed: 5, runs: 10 } }],
  ['record through the host recorder', { mode: 'record', useHostRecorder: true }],
  ['replay through the host recorder', { mode: 'replay', useHostRecorder: true }],
];

let folder: Awaited<ReturnType<typeof scratchFolder>>;
let app: Uint8Array;
beforeAll(async () => {
  app = await inlineInterfacesComponent();
  const [record, replay, fuzz] = await Promise.all([
    instrumentComponent(app, { mode: 'record' }),
    instrumentComponent(app, { mode: 'replay' }),
    instrumentComponent(app, { mode: 'fuzz', fuzz: { seed: 5, runs: 10 } }),
  ]);
  folder = await scratchFolder({
    'record-with-host.wasm': await withHost(record.component, await inlineInterfacesHostComponent(), INLINE_HOST_FUNCS),
    'replay.wasm': replay.component,
    'fuzz.wasm': fuzz.component,
  });
}, 180_000);
afterAll(async () => folder?.remove());

describe('interfaces written inline in the world', () => {
  it.each(MODES)('instruments in %s mode', async (_mode, options) => {
    const result = await instrumentComponent(app, options);
    expect(result.component.length).toBeGreaterThan(0);
  }, 120_000);

  it('keeps the inline import and export under their names when recording', async () => {
    const { world } = await instrumentComponent(app, { mode: 'record' });
    const numbers = world.imports.get('numbers');
    const calc = world.exports.get('calc');
    expect(numbers?.kind === 'interface' && numbers.interface.package === undefined && [...numbers.interface.functions.keys()]).toEqual(['add']);
    expect(calc?.kind === 'interface' && calc.interface.package === undefined && [...calc.interface.functions.keys()]).toEqual(['sum-plus-one']);
  }, 120_000);

  it("records under wasmtime, and the saved stdout (wasmtime's result line included) replays under wasmtime and in-process", async () => {
    const recorded = await invoke(folder.path('record-with-host.wasm'), 'sum-plus-one({a: 2, b: 3})');
    expect(recorded.exitCode, recorded.stderr).toBe(0);
    expect(recorded.stdout.trim().split('\n').at(-1)).toBe('33');
    const trace = readTrace(recorded.stdout, decodeComponentWorld(app));
    expect(trace.calls.map((call) => [call.name, call.imports.map((made) => made.name), call.outcome])).toEqual([['calc.sum-plus-one', ['numbers.add'], { kind: 'return', value: 33 }]]);

    const underWasmtime = await replayUnderWasmtime(folder.path('replay.wasm'), recorded.stdout);
    expect(underWasmtime.matched, underWasmtime.report).toBe(true);
    expect(underWasmtime.report).toContain('1 of 1 export call(s) matched');
    expect(await replayInProcess(app, recorded.stdout)).toEqual({ matched: true, report: '1 of 1' });

    const altered = recorded.stdout.replace('-> 32', '-> 40');
    expect(altered).not.toBe(recorded.stdout);
    expect((await replayUnderWasmtime(folder.path('replay.wasm'), altered)).matched).toBe(false);
    expect(await replayInProcess(app, altered)).toEqual({ matched: false, report: '`calc.sum-plus-one` returned 41, the trace expects 33' });
  }, 120_000);

  it('fuzzes under wasmtime, answering the inline import itself', async () => {
    const run = await invoke(folder.path('fuzz.wasm'), 'start()');
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stderr).toContain('fuzz: 10 export call(s) made with seed 5');
    const trace = readTrace(run.stdout, decodeComponentWorld(app));
    expect(trace.calls).toHaveLength(10);
    expect(trace.calls.every((call) => call.imports.map((made) => made.name).join() === 'numbers.add')).toBe(true);
  }, 120_000);
});
