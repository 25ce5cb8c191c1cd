/**
 * World-level functions (`import log: func(...)`, `export eval: func(...)`)
 * are instrumented like interface functions: the record component keeps the
 * app's world (plus the WASI streams), the replay and fuzz components answer
 * them and import only WASI, and the host recorder names them as the
 * original tool does (`log`). A trace recorded under wasmtime (the host
 * composed in, see support/with-host.ts) replays under wasmtime, jco and
 * in-process, all agreeing; an altered one fails under each.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { componentEmbed, componentNew } from '@bytecodealliance/jco-transpile/wasm-tools';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadJcoComponent } from '../../src/engines/jco/load.js';
import { isProxyComponentError } from '../../src/errors.js';
import { instrumentComponent } from '../../src/instrument/instrument.js';
import { recorderHost } from '../../src/instrument/recorder-host.js';
import { readTrace } from '../../src/trace/read.js';
import { decodeComponentWorld } from '../../src/wit/binary/decode.js';
import type { World } from '../../src/wit/world.js';
import { replayInProcess, replayUnderJco, replayUnderWasmtime, type Verdict } from './support/verdicts.js';
import { invoke, scratchFolder } from './support/wasmtime.js';
import { withHost } from './support/with-host.js';
import { BARE_HOST_FUNCS, bareComponent, bareHostComponent, CALCULATOR_HOST_FUNCS, calculatorComponent, calculatorFolder, calculatorHostComponent } from './support/world-function-apps.js';

const WASI_STREAMS = ['wasi:cli/stderr@0.2.6', 'wasi:cli/stdout@0.2.6', 'wasi:io/error@0.2.6', 'wasi:io/poll@0.2.6', 'wasi:io/streams@0.2.6'];

/** One app instrumented every way, in a scratch folder. */
interface Instrumented {
  readonly app: Uint8Array;
  readonly world: World;
  readonly folder: Awaited<ReturnType<typeof scratchFolder>>;
  /** The three replays of a trace, in the order wasmtime, jco, in-process. */
  everyWay(text: string): Promise<Verdict[]>;
}

async function instrumentEveryWay(app: Uint8Array, host: Uint8Array, funcsInstance: string): Promise<Instrumented> {
  const [record, replay, hostReplay] = await Promise.all([
    instrumentComponent(app, { mode: 'record' }),
    instrumentComponent(app, { mode: 'replay' }),
    instrumentComponent(app, { mode: 'replay', useHostRecorder: true }),
  ]);
  const folder = await scratchFolder({
    'record-with-host.wasm': await withHost(record.component, host, funcsInstance),
    'replay.wasm': replay.component,
    'host-replay.wasm': hostReplay.component,
  });
  const world = decodeComponentWorld(app);
  return {
    app,
    world,
    folder,
    everyWay: async (text) => [await replayUnderWasmtime(folder.path('replay.wasm'), text), await replayUnderJco(folder.path('host-replay.wasm'), text, world), await replayInProcess(app, text)],
  };
}

/** Each call in its own `wasmtime run` of the record component (the host composed in); the traces joined. */
async function recordUnderWasmtime(subject: Instrumented, calls: readonly string[]): Promise<string> {
  let text = '';
  for (const call of calls) {
    const run = await invoke(subject.folder.path('record-with-host.wasm'), call);
    expect(run.exitCode, run.stderr).toBe(0);
    text += `${run.stdout}\n`;
  }
  return text;
}

/** The call lines of a `.trace` text (no header, no program output). */
function callLines(text: string): string[] {
  return text
    .split('\n')
    .filter((line) => /^(export |  import |return\b|trap )/.test(line));
}

const matchedOf = (verdicts: readonly Verdict[]) => verdicts.map((verdict) => verdict.matched);
const reportsOf = (verdicts: readonly Verdict[]) => verdicts.map((verdict) => verdict.report).join('\n');

describe('calculator-wat: the world-level import `log` and world-level exports', () => {
  let calc: Instrumented;
  let committed: { arithmetic: string; convert: string };
  let recorded: string;
  beforeAll(async () => {
    calc = await instrumentEveryWay(await calculatorComponent(), await calculatorHostComponent(), CALCULATOR_HOST_FUNCS);
    const read = (name: string) => readFile(join(calculatorFolder(), 'traces', `${name}.trace`), 'utf8');
    committed = { arithmetic: await read('arithmetic'), convert: await read('convert') };
    // The committed traces' own calls, recorded again, now under wasmtime.
    const invocations = [committed.arithmetic, committed.convert].flatMap((text) => callLines(text).filter((line) => line.startsWith('export ')).map((line) => line.slice('export '.length)));
    recorded = await recordUnderWasmtime(calc, invocations);
  }, 300_000);
  afterAll(async () => calc?.folder.remove());

  it('virtualizes `log` in every mode: nothing passes through, and the worlds are as for interfaces', async () => {
    const [record, replay, fuzz, hostRecord, hostReplay] = await Promise.all([
      instrumentComponent(calc.app, { mode: 'record' }),
      instrumentComponent(calc.app, { mode: 'replay' }),
      instrumentComponent(calc.app, { mode: 'fuzz' }),
      instrumentComponent(calc.app, { mode: 'record', useHostRecorder: true }),
      instrumentComponent(calc.app, { mode: 'replay', useHostRecorder: true }),
    ]);
    for (const result of [record, replay, fuzz, hostRecord, hostReplay]) expect(result.notes).toEqual([]);
    const original = [...calc.world.imports.keys()];
    expect([...record.world.imports.keys()].sort()).toEqual([...original, ...WASI_STREAMS].sort());
    expect(record.world.imports.get('log')).toEqual(calc.world.imports.get('log'));
    expect([...record.world.exports.keys()]).toEqual([...calc.world.exports.keys()]);
    expect([...replay.world.imports.keys()].filter((name) => !WASI_STREAMS.includes(name))).toEqual(['wasi:cli/stdin@0.2.6']);
    expect([...fuzz.world.imports.keys()].filter((name) => !WASI_STREAMS.includes(name))).toEqual([]);
    expect([...replay.world.exports.keys()].sort()).toEqual(['proxy:recorder/start-replay@0.1.0', 'start']);
    expect([...hostRecord.world.imports.keys()].sort()).toEqual([...original, 'proxy:recorder/record@0.1.0'].sort());
    expect([...hostReplay.world.imports.keys()]).toEqual(['proxy:recorder/replay@0.1.0']);
  }, 120_000);

  it('records under wasmtime exactly the calls of the committed traces, `log` calls included', () => {
    expect(callLines(recorded)).toEqual([...callLines(committed.arithmetic), ...callLines(committed.convert)]);
    expect(recorded).toContain('  import log(overflow, -9223372036854775808, 1)');
  });

  it('replays that recording under wasmtime, under jco and in-process, all agreeing', async () => {
    const verdicts = await calc.everyWay(recorded);
    expect(matchedOf(verdicts), reportsOf(verdicts)).toEqual([true, true, true]);
    expect(verdicts[0]?.report).toContain('11 of 11 export call(s) matched');
  }, 120_000);

  it('replays the committed traces (recorded in-process) the same three ways', async () => {
    for (const text of [committed.arithmetic, committed.convert]) {
      const verdicts = await calc.everyWay(text);
      expect(matchedOf(verdicts), reportsOf(verdicts)).toEqual([true, true, true]);
    }
  }, 120_000);

  it('fails under each when an argument of a recorded `log` call is altered', async () => {
    const altered = recorded.replace('import log(overflow, 4294967296, 4294967296)', 'import log(overflow, 4294967296, 4294967297)');
    expect(altered).not.toBe(recorded);
    const verdicts = await calc.everyWay(altered);
    expect(matchedOf(verdicts)).toEqual([false, false, false]);
    expect(verdicts[0]?.report).toContain('wrong import arguments');
    expect(verdicts[0]?.report).toContain('`log` was called with a different `b` than the trace records');
    expect(verdicts[1]?.report).toContain('wrong import arguments');
  }, 120_000);

  it('fails under each when a recorded `log` call is missing', async () => {
    const altered = recorded.replace('  import log(division-by-zero, 1, 0)\n', '');
    expect(altered).not.toBe(recorded);
    const verdicts = await calc.everyWay(altered);
    expect(matchedOf(verdicts)).toEqual([false, false, false]);
    expect(verdicts[0]?.report).toContain('the component called `log(division-by-zero, 1, 0)`, but the trace has no more import calls');
  }, 120_000);

  it('leaves `log` to the real host when named in --passthrough, and replays the rest from the trace', async () => {
    const replay = await instrumentComponent(calc.app, { mode: 'replay', useHostRecorder: true, passthrough: ['log'] });
    expect(replay.world.imports.get('log')).toEqual(calc.world.imports.get('log'));
    const { createHost } = (await import(join(calculatorFolder(), 'host.mjs'))) as { createHost: (logged: unknown[]) => Record<string, Record<string, unknown>> };
    const logged: unknown[] = [];
    const host = recorderHost({ replay: committed.arithmetic, world: calc.world, passthrough: ['log'] });
    const exports = (await (await loadJcoComponent(replay.component)).instantiate({ log: createHost(logged)['log'] as Record<string, unknown>, ...host.imports })) as { start: () => void };

    exports.start();

    expect(host.failure()).toBeUndefined();
    expect(host.summary()).toContain('7 of 7 export call(s) matched');
    expect(logged).toEqual([
      { error: 'overflow', a: -9223372036854775808n, b: 1n },
      { error: 'overflow', a: 4294967296n, b: 4294967296n },
      { error: 'division-by-zero', a: 1n, b: 0n },
    ]);
  }, 120_000);

  it("records through the host recorder under jco, naming `log` as the original tool does, and that trace replays", async () => {
    const recording = await instrumentComponent(calc.app, { mode: 'record', useHostRecorder: true });
    const host = recorderHost({ record: calc.world, format: 'seed' });
    const methods: string[] = [];
    const record = host.imports['proxy:recorder/record'] as { recordArgs: (method: string | undefined, args: string[], isExport: boolean) => void };
    const recordArgs = record.recordArgs.bind(record);
    record.recordArgs = (method, args, isExport) => {
      methods.push(`${isExport ? 'export' : 'import'} ${String(method)}(${args.join(', ')})`);
      recordArgs(method, args, isExport);
    };
    const { createHost } = (await import(join(calculatorFolder(), 'host.mjs'))) as { createHost: (logged: unknown[]) => Record<string, Record<string, unknown>> };
    const logged: unknown[] = [];
    const exports = (await (await loadJcoComponent(recording.component)).instantiate({ ...createHost(logged), ...host.imports })) as { eval: (op: string, a: bigint, b: bigint) => bigint };

    expect(() => exports.eval('div', 1n, 0n)).toThrow();
    expect(exports.eval('add', 2n, 40n)).toBe(42n);

    expect(logged).toEqual([{ error: 'division-by-zero', a: 1n, b: 0n }]);
    expect(methods).toEqual(['export eval(div, 1, 0)', 'import log(division-by-zero, 1, 0)', 'export eval(add, 2, 40)']);
    expect(host.text()).toContain('{"ImportRet":{"method":"log","ret":null}}');
    const verdicts = await calc.everyWay(host.text());
    expect(matchedOf(verdicts), reportsOf(verdicts)).toEqual([true, true, true]);
  }, 120_000);
});

describe('a world-level import with a result', () => {
  let bare: Instrumented;
  let recorded: string;
  beforeAll(async () => {
    bare = await instrumentEveryWay(await bareComponent(), await bareHostComponent(), BARE_HOST_FUNCS);
    recorded = await recordUnderWasmtime(bare, ['shout(4)', 'shout(20)']);
  }, 300_000);
  afterAll(async () => bare?.folder.remove());

  it('records under wasmtime what the host answered', () => {
    expect(callLines(recorded)).toEqual(['export shout(4)', '  import log(low, 4)', '  import scale(4) -> 12', 'return 13', 'export shout(20)', '  import log(high, 20)', '  import scale(20) -> 60', 'return 61']);
  });

  it('replays under wasmtime, under jco and in-process, all agreeing', async () => {
    const verdicts = await bare.everyWay(recorded);
    expect(matchedOf(verdicts), reportsOf(verdicts)).toEqual([true, true, true]);
  }, 120_000);

  it('fails under each when a recorded answer is altered: the export result follows the answer', async () => {
    const altered = recorded.replace('import scale(20) -> 60', 'import scale(20) -> 61');
    expect(altered).not.toBe(recorded);
    const verdicts = await bare.everyWay(altered);
    expect(matchedOf(verdicts)).toEqual([false, false, false]);
    expect(verdicts[0]?.report).toContain('`shout` returned 62, the trace expects 61');
    expect(verdicts[1]?.report).toContain('`shout` returned 62, the trace expects 61');
  }, 120_000);

  it('fuzzes standalone under wasmtime, answering `scale` and `log` itself, and the fuzz trace replays in-process', async () => {
    const fuzz = await instrumentComponent(bare.app, { mode: 'fuzz', fuzz: { seed: 11, runs: 20 } });
    expect([...fuzz.world.imports.keys()].filter((name) => !WASI_STREAMS.includes(name))).toEqual([]);
    const files = await scratchFolder({ 'fuzz.wasm': fuzz.component });
    try {
      const run = await invoke(files.path('fuzz.wasm'), 'start()');
      expect(run.exitCode, run.stderr).toBe(0);
      expect(run.stderr).toContain('fuzz: 20 export call(s) made with seed 11');
      const trace = readTrace(run.stdout, bare.world);
      expect(trace.calls).toHaveLength(20);
      expect(trace.calls.every((call) => call.imports.map((made) => made.name).join() === 'log,scale')).toBe(true);
      expect((await replayInProcess(bare.app, run.stdout)).matched).toBe(true);
    } finally {
      await files.remove();
    }
  }, 120_000);
});

describe('world-level functions typed by used and nested types', () => {
  // `get` is both a world-level function and an interface's; `pick` also names a type the functions reach.
  const USED_WIT = `package test:used@0.1.0;

interface colors {
  enum color { red, green }
  enum pick { first, second }
  record pair { a: color, b: list<color>, c: pick }
  get: func() -> color;
}

world used {
  import colors;
  use colors.{color, pair};
  record wrap { inner: pair }
  import pick: func(w: wrap) -> color;
  import get: func() -> pair;
  export echo: func(x: wrap) -> color;
}
`;

  it('compose in every mode, the world-level imports virtualized', async () => {
    const app = await componentNew(await componentEmbed({ dummy: true, witSource: USED_WIT, world: 'used' }));
    const original = [...decodeComponentWorld(app).imports.keys()];
    const modes = [{ mode: 'record' }, { mode: 'record', useHostRecorder: true }, { mode: 'replay' }, { mode: 'replay', useHostRecorder: true }, { mode: 'fuzz' }] as const;
    const results = await Promise.all(modes.map((options) => instrumentComponent(app, options)));
    expect(results.map((result) => result.notes)).toEqual(modes.map(() => []));
    const [record, hostRecord, replay, hostReplay, fuzz] = results.map((result) => [...result.world.imports.keys()]);
    expect(record?.filter((name) => !WASI_STREAMS.includes(name))).toEqual(original);
    expect(hostRecord?.filter((name) => name !== 'proxy:recorder/record@0.1.0')).toEqual(original);
    expect(replay?.filter((name) => !WASI_STREAMS.includes(name))).toEqual(['wasi:cli/stdin@0.2.6']);
    expect(hostReplay).toEqual(['proxy:recorder/replay@0.1.0']);
    expect(fuzz?.filter((name) => !WASI_STREAMS.includes(name))).toEqual([]);
  }, 120_000);
});

describe('world-level functions that carry resources', () => {
  const RESOURCE_WIT = `package test:res@0.1.0;

interface things {
  resource thing {
    constructor();
  }
}

world res-import {
  use things.{thing};
  import make: func() -> thing;
  export ping: func() -> u32;
}

world res-export {
  use things.{thing};
  export consume: func(t: thing) -> u32;
}

world async-export {
  export wait: async func(x: u32) -> u32;
}
`;

  async function dummy(world: string): Promise<Uint8Array> {
    return componentNew(await componentEmbed({ dummy: true, witSource: RESOURCE_WIT, world }));
  }

  const MODES = [{ mode: 'record' }, { mode: 'replay' }, { mode: 'fuzz' }, { mode: 'record', useHostRecorder: true }, { mode: 'replay', useHostRecorder: true }] as const;

  it('virtualize a world-level import that returns a resource, in every mode: nothing passes through', async () => {
    const app = await dummy('res-import');
    const results = await Promise.all(MODES.map((options) => instrumentComponent(app, options)));
    expect(results.map((result) => result.notes)).toEqual(MODES.map(() => []));
    const replay = results[1]?.world;
    expect([...(replay?.imports.keys() ?? [])].filter((name) => !WASI_STREAMS.includes(name) && name !== 'wasi:cli/stdin@0.2.6')).toEqual([]);
  }, 120_000);

  it('instrument a world-level export that takes a resource, in every mode', async () => {
    const app = await dummy('res-export');
    const results = await Promise.all(MODES.map((options) => instrumentComponent(app, options)));
    expect(results[0]?.world.exports.has('consume')).toBe(true);
    expect(results[1]?.world.exports.has('start')).toBe(true);
  }, 120_000);

  it('pass to the host, with an interface named in --passthrough, every import that shares its resources, with a note saying so', async () => {
    const result = await instrumentComponent(await dummy('res-import'), { mode: 'replay', passthrough: ['test:res/things'] });
    expect(result.notes).toContain('make passes through to the host with test:res/things@0.1.0: they share a resource');
    expect(result.world.imports.has('make')).toBe(true);
    expect(result.world.imports.has('test:res/things@0.1.0')).toBe(true);
  }, 120_000);

  it('refuse a world-level export that is async, naming it and saying why', async () => {
    const error = await instrumentComponent(await dummy('async-export'), { mode: 'record' }).catch((e: unknown) => e);
    expect(isProxyComponentError(error) && error.code === 'WIT_UNSUPPORTED').toBe(true);
    expect((error as Error).message).toContain('cannot instrument the world-level export function `wait`: it is async, which the virtualizer cannot carry');
  }, 120_000);
});
