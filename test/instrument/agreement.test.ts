/**
 * The instrumented components agree with each other and with the in-process
 * engine: a trace recorded by the composed record component under wasmtime
 * replays with the composed replay component under wasmtime, under jco (with
 * our recorder host), and in-process on the original component; an altered
 * trace fails under each. The same holds for traces in the original tool's
 * JSONL format, written here by hand, and for traces recorded under jco.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadJcoComponent } from '../../src/engines/jco/load.js';
import { instrumentComponent } from '../../src/instrument/instrument.js';
import { recorderHost, RecorderStop } from '../../src/instrument/recorder-host.js';
import { readTrace } from '../../src/trace/read.js';
import { decodeComponentWorld } from '../../src/wit/binary/decode.js';
import type { World } from '../../src/wit/world.js';
import { appComponent, appHost } from '../support/app-component.js';
import { replayInProcess, replayUnderJco, replayUnderWasmtime, type Verdict } from './support/verdicts.js';
import { wasiAppComponent } from './support/wasi-app.js';
import { invoke, scratchFolder } from './support/wasmtime.js';

let folder: Awaited<ReturnType<typeof scratchFolder>>;
let app: Uint8Array;
let world: World;

beforeAll(async () => {
  app = await wasiAppComponent();
  world = decodeComponentWorld(app);
  const [record, replay, hostReplay] = await Promise.all([
    instrumentComponent(app, { mode: 'record' }),
    instrumentComponent(app, { mode: 'replay' }),
    instrumentComponent(app, { mode: 'replay', useHostRecorder: true }),
  ]);
  folder = await scratchFolder({ 'record.wasm': record.component, 'replay.wasm': replay.component, 'host-replay.wasm': hostReplay.component });
}, 180_000);
afterAll(async () => folder?.remove());

/** Replays `text` with the composed replay component under wasmtime. */
function underWasmtime(text: string, component = folder.path('replay.wasm')): Promise<Verdict> {
  return replayUnderWasmtime(component, text);
}

/** Replays `text` with the composed replay component (host recorder) under jco. */
function underJco(text: string, appWorld = world, component = folder.path('host-replay.wasm')): Promise<Verdict> {
  return replayUnderJco(component, text, appWorld);
}

/** Replays `text` in-process, on the original component. */
function inProcess(text: string, bytes = app): Promise<Verdict> {
  return replayInProcess(bytes, text);
}

async function recordUnderWasmtime(): Promise<string> {
  const env = { GREETING: 'hello world', EMPTY: '' };
  let text = '';
  for (const call of ['roll(6)', 'roll(18446744073709551615)', 'bytes(5)', 'stamp()', 'environment()']) {
    const run = await invoke(folder.path('record.wasm'), call, { env });
    expect(run.exitCode, run.stderr).toBe(0);
    text += `${run.stdout}\n`;
  }
  return text;
}

describe('a trace recorded under wasmtime by the composed record component', () => {
  let recorded: string;
  beforeAll(async () => {
    recorded = await recordUnderWasmtime();
  }, 120_000);

  it('holds every call, with exact 64-bit values', () => {
    const trace = readTrace(recorded, world);
    expect(trace.calls.map((call) => call.name)).toEqual(['roll', 'roll', 'bytes', 'stamp', 'environment']);
    const random = trace.calls[1]?.imports[0]?.outcome;
    expect(random?.kind).toBe('return');
    expect(typeof (random as { value: unknown }).value).toBe('bigint');
    expect(trace.calls[4]?.outcome).toEqual({ kind: 'return', value: expect.arrayContaining([['GREETING', 'hello world'], ['EMPTY', '']]) });
  });

  it('replays under wasmtime, under jco and in-process, and all agree', async () => {
    const verdicts = [await underWasmtime(recorded), await underJco(recorded), await inProcess(recorded)];
    expect(verdicts.map((v) => v.matched), verdicts.map((v) => v.report).join('\n')).toEqual([true, true, true]);
    expect(verdicts[0]?.report).toContain('5 of 5 export call(s) matched');
  }, 120_000);

  it('fails under each when a recorded import result is altered', async () => {
    const altered = recorded.replace(/(get-random-u64@0\.2\.6\(\) -> )(\d+)/, (_, head: string, n: string) => `${head}${BigInt(n) + 1n}`);
    expect(altered).not.toBe(recorded);
    const verdicts = [await underWasmtime(altered), await underJco(altered), await inProcess(altered)];
    expect(verdicts.map((v) => v.matched)).toEqual([false, false, false]);
    expect(verdicts[0]?.report).toContain('wrong export result');
    expect(verdicts[1]?.report).toContain('wrong export result');
  }, 120_000);

  it('fails under each when an export argument is altered', async () => {
    const altered = recorded.replace('export bytes(5)', 'export bytes(6)');
    const verdicts = [await underWasmtime(altered), await underJco(altered), await inProcess(altered)];
    expect(verdicts.map((v) => v.matched)).toEqual([false, false, false]);
    expect(verdicts[0]?.report).toContain('wrong import arguments');
  }, 120_000);
});

describe("traces in the original tool's JSONL format", () => {
  // Written as the original's wasm-wave printer writes values: versionless method names, one event per line.
  const seed = [
    '{"ExportArgs":{"method":"roll","args":["10"]}}',
    '{"ImportArgs":{"method":"wasi:random/random.get-random-u64","args":[]}}',
    '{"ImportRet":{"method":"wasi:random/random.get-random-u64","ret":"18446744073709551613"}}',
    '{"ExportRet":{"method":"roll","ret":"3"}}',
    'program output that is not JSON is skipped',
    '{"ExportArgs":{"method":"stamp","args":[]}}',
    '{"ImportArgs":{"method":"wasi:clocks/wall-clock.now","args":[]}}',
    '{"ImportRet":{"method":"wasi:clocks/wall-clock.now","ret":"{seconds: 1700000000, nanoseconds: 5}"}}',
    '{"ExportRet":{"method":"stamp","ret":"{seconds: 1700000000, nanoseconds: 5}"}}',
    '{"ExportArgs":{"method":"environment","args":[]}}',
    '{"ImportArgs":{"method":"wasi:cli/environment.get-environment","args":[]}}',
    '{"ImportRet":{"method":"wasi:cli/environment.get-environment","ret":"[(\\"K\\", \\"\\\\u{1f600} é\\")]"}}',
    '{"ExportRet":{"method":"environment","ret":"[(\\"K\\", \\"😀 é\\")]"}}',
  ].join('\n');

  it('replay under wasmtime, under jco and in-process, and all agree', async () => {
    const verdicts = [await underWasmtime(seed), await underJco(seed), await inProcess(seed)];
    expect(verdicts.map((v) => v.matched), verdicts.map((v) => v.report).join('\n')).toEqual([true, true, true]);
  }, 120_000);

  it('fail under each when altered', async () => {
    const altered = seed.replace('"ret":"3"', '"ret":"4"');
    const verdicts = [await underWasmtime(altered), await underJco(altered), await inProcess(altered)];
    expect(verdicts.map((v) => v.matched)).toEqual([false, false, false]);
  }, 120_000);

  it('are recorded by the composed record component with --format seed', async () => {
    const seedRecord = await instrumentComponent(app, { mode: 'record', format: 'seed' });
    const files = await scratchFolder({ 'seed-record.wasm': seedRecord.component });
    try {
      const run = await invoke(files.path('seed-record.wasm'), 'roll(7)');
      expect(run.exitCode, run.stderr).toBe(0);
      const lines = run.stdout.split('\n').filter((line) => line.startsWith('{'));
      expect(lines.map((line) => Object.keys(JSON.parse(line) as object)[0])).toEqual(['ExportArgs', 'ImportArgs', 'ImportRet', 'ExportRet']);
      expect((await underWasmtime(run.stdout)).matched).toBe(true);
    } finally {
      await files.remove();
    }
  }, 120_000);
});

describe('a component whose imports only a host can provide', () => {
  it('records under jco through the host recorder and replays under wasmtime and in-process', async () => {
    const mathApp = await appComponent();
    const mathWorld = decodeComponentWorld(mathApp);
    const recording = await instrumentComponent(mathApp, { mode: 'record', useHostRecorder: true });
    const host = recorderHost({ record: mathWorld });
    const loaded = await loadJcoComponent(recording.component);
    const exports = (await loaded.instantiate({ ...appHost(), ...host.imports })) as { run: (x: number) => number; greet: (name: string) => string | undefined };
    expect(exports.run(20)).toBe(41);
    expect(exports.greet('ada')).toBe('Hello, Ada');
    expect(exports.greet('bob')).toBeUndefined();
    const text = host.text();
    expect(text).toContain('import test:app/math.double@0.1.0(20) -> 40');

    const replay = await instrumentComponent(mathApp, { mode: 'replay' });
    const files = await scratchFolder({ 'math-replay.wasm': replay.component });
    try {
      expect((await underWasmtime(text, files.path('math-replay.wasm'))).matched).toBe(true);
      expect((await inProcess(text, mathApp)).matched).toBe(true);
      const altered = text.replace('-> 40', '-> 42');
      expect((await underWasmtime(altered, files.path('math-replay.wasm'))).matched).toBe(false);
      expect((await inProcess(altered, mathApp)).matched).toBe(false);
    } finally {
      await files.remove();
    }
  }, 180_000);

  it('stops a host-recorded replay at the first divergence with a RecorderStop', async () => {
    const mathApp = await appComponent();
    const replay = await instrumentComponent(mathApp, { mode: 'replay', useHostRecorder: true });
    const trace = '# proxy-component trace v1 {}\nexport run(1)\n  import test:app/math.double@0.1.0(2) -> 4\nreturn 5\n';
    const host = recorderHost({ replay: trace, world: decodeComponentWorld(mathApp) });
    const loaded = await loadJcoComponent(replay.component);
    const exports = (await loaded.instantiate(host.imports)) as { start: () => void };
    expect(() => exports.start()).toThrow();
    expect(host.failure()).toContain('wrong import arguments');
    expect(RecorderStop.prototype).toBeInstanceOf(Error);
  }, 120_000);
});
