/**
 * A component whose imports only a host can answer, shaped like the
 * original tool's Fastly handler (a `handle` export taking the host's
 * request and body, imports full of resources): it instruments in every
 * mode; its record build, served by a JS host module under jco as requests
 * arrive, writes a trace; that trace replays with the replay build under
 * plain wasmtime (which imports nothing the host would give) and in-process
 * with no host at all; a changed response in the trace fails both, naming
 * the call; the fuzz build runs under plain wasmtime; and a golden corpus
 * (`record --generate`, no host at all) replays with the replay build under
 * plain wasmtime.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadJcoComponent } from '../../src/engines/jco/load.js';
import { instrumentComponent, type InstrumentOptions } from '../../src/instrument/instrument.js';
import { findReplayEnd, replayRunEnd } from '../../src/trace/replay-end.js';
import { readTrace } from '../../src/trace/read.js';
import { decodeComponentWorld } from '../../src/wit/binary/decode.js';
import { runCli } from '../support/cli.js';
import { edgeHandlerComponent, edgeHost } from '../support/shapes/edge-handler.js';
import { capturedStdio } from './support/captured-stdio.js';
import { replayInProcess, replayUnderWasmtime } from './support/verdicts.js';
import { invoke, scratchFolder } from './support/wasmtime.js';

const MODES: readonly [string, InstrumentOptions][] = [
  ['record', { mode: 'record' }],
  ['replay', { mode: 'replay' }],
  ['fuzz', { mode: 'fuzz', fuzz: { seed: 4, runs: 15 } }],
  ['record through the host recorder', { mode: 'record', useHostRecorder: true }],
  ['replay through the host recorder', { mode: 'replay', useHostRecorder: true }],
];

let folder: Awaited<ReturnType<typeof scratchFolder>>;
let app: Uint8Array;
let recorded: string;
const host = edgeHost();

beforeAll(async () => {
  app = await edgeHandlerComponent();
  const [record, replay, fuzz] = await Promise.all(MODES.slice(0, 3).map(([, options]) => instrumentComponent(app, options)));
  folder = await scratchFolder({ 'record.wasm': (record as { component: Uint8Array }).component, 'replay.wasm': (replay as { component: Uint8Array }).component, 'fuzz.wasm': (fuzz as { component: Uint8Array }).component });
  // The record build served by the host module, two requests arriving.
  const stdio = capturedStdio();
  const exports = (await (await loadJcoComponent(new Uint8Array(await readFile(folder.path('record.wasm'))))).instantiate({ ...stdio.imports, ...host.imports })) as { handle(req: object, body: object): void };
  exports.handle(host.request('GET', '/hello'), host.body('hi'));
  exports.handle(host.request('POST', '/echo'), host.body('a longer body'));
  recorded = stdio.stdout();
}, 300_000);
afterAll(async () => folder?.remove());

describe('a handler whose imports only its host answers (the original tool\'s Fastly handler and the like)', () => {
  it.each(MODES)('instruments in %s mode, nothing left to the host unasked', async (_mode, options) => {
    const result = await instrumentComponent(app, options);
    expect(result.notes).toEqual([]);
    if (options.mode !== 'record' && options.useHostRecorder !== true) {
      expect([...result.world.imports.keys()].every((name) => /^wasi:(io|cli)\//.test(name))).toBe(true);
    }
  }, 120_000);

  it('records as the host module serves requests: the host got its responses, the trace every call with the host\'s handles', () => {
    expect(host.sent).toEqual([
      { status: 200, body: 'hi' },
      { status: 200, body: 'a longer body' },
    ]);
    expect(host.logged).toEqual(['GET', '/hello', 'POST', '/echo']);
    const trace = readTrace(recorded, decodeComponentWorld(app));
    expect(trace.calls.map((call) => call.name)).toEqual(['handle', 'handle']);
    expect(recorded).toContain('export handle(#1, #2)');
    expect(recorded).toContain('  import test:edge/downstream.send@0.1.0(#4, #3)');
    expect(trace.calls[0]?.imports.map((made) => made.name)).toEqual([
      'test:edge/types.[method]request.method@0.1.0',
      'test:edge/log.write@0.1.0',
      'test:edge/types.[method]request.uri@0.1.0',
      'test:edge/log.write@0.1.0',
      'test:edge/types.[constructor]body@0.1.0',
      'test:edge/types.[method]body.read@0.1.0',
      'test:edge/types.[method]body.append@0.1.0',
      'test:edge/types.[constructor]response@0.1.0',
      'test:edge/types.[method]response.set-status@0.1.0',
      'test:edge/downstream.send@0.1.0',
    ]);
  });

  it('replays that trace under plain wasmtime with the replay build, and in-process with no host', async () => {
    const underWasmtime = await replayUnderWasmtime(folder.path('replay.wasm'), recorded);
    expect(underWasmtime.matched, underWasmtime.report).toBe(true);
    expect(underWasmtime.report).toContain('2 of 2 export call(s) matched');
    expect(await replayInProcess(app, recorded)).toEqual({ matched: true, report: '2 of 2' });
  }, 60_000);

  it('fails both, naming the call, when the trace has another response than the handler sends', async () => {
    const altered = recorded.replace(/(\[method\]response\.set-status@0\.1\.0\(#\d+, )200\)/, '$1201)');
    expect(altered).not.toBe(recorded);
    const inProcess = await replayInProcess(app, altered);
    expect(inProcess).toMatchObject({ matched: false, report: '`test:edge/types.[method]response.set-status@0.1.0` was called with a different `status` than the trace records' });
    const underWasmtime = await replayUnderWasmtime(folder.path('replay.wasm'), altered);
    const end = findReplayEnd(underWasmtime.report);
    expect(end?.kind === 'diverged' && end.divergence.summary).toBe(inProcess.report);
  }, 60_000);

  it('fuzzes under plain wasmtime, requests and bodies made by the fuzzing host, and the fuzz trace replays in-process', async () => {
    const run = await invoke(folder.path('fuzz.wasm'), 'start()');
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stderr).toContain('fuzz: 15 export call(s) made with seed 4');
    expect(await replayInProcess(app, run.stdout)).toEqual({ matched: true, report: '15 of 15' });
  }, 60_000);

  it('replays a golden corpus made without a host (record --generate) under plain wasmtime with the replay build', async () => {
    await writeFile(folder.path('edge.wasm'), app);
    const generated = await runCli('record', folder.path('edge.wasm'), '--generate', '4', '--seed', '2', '-o', folder.path('golden'));
    expect(generated.exitCode, generated.err).toBe(0);
    const traces = (await readdir(folder.path('golden'))).sort();
    expect(traces).toHaveLength(4);
    for (const name of traces) {
      const text = await readFile(folder.path(`golden/${name}`), 'utf8');
      expect(text).toMatch(/^export handle\(#\d+, #\d+\)$/m);
      const run = await invoke(folder.path('replay.wasm'), 'start()', { input: text });
      const end = replayRunEnd(run.stderr, /wasm trap:/.test(run.stderr));
      expect(end?.kind, `${name}: ${run.stderr}`).toBe('matched');
      expect(end).not.toHaveProperty('leftToHost');
    }
  }, 300_000);
});
