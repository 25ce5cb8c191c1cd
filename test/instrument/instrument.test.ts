/**
 * What instrumenting makes: the composed worlds (recording keeps the app's
 * world; replaying and fuzzing import only WASI and pass-through interfaces
 * and export `start`), the exact value encoding between the virtualizers and
 * the tracer, fuzzing under wasmtime, a JavaScript (componentize-qjs) app's
 * committed traces replayed under wasmtime, and the refusals.
 */
import { readFile } from 'node:fs/promises';
import { componentEmbed, componentNew } from '@bytecodealliance/jco-transpile/wasm-tools';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { isProxyComponentError } from '../../src/errors.js';
import { valueArbitrary } from '../../src/fuzz/arbitrary.js';
import { decodeValues, encodeValues } from '../../src/instrument/bin-codec.js';
import { isCarriable } from '../../src/instrument/abi.js';
import { instrumentComponent } from '../../src/instrument/instrument.js';
import { readTrace } from '../../src/trace/read.js';
import { valuesEqual } from '../../src/values/equal.js';
import { decodeComponentWorld } from '../../src/wit/binary/decode.js';
import { printWitType } from '../../src/wit/print.js';
import type { WitType } from '../../src/wit/types.js';
import type { World, WorldItem } from '../../src/wit/world.js';
import { appComponent } from '../support/app-component.js';
import { witTypeArbitrary } from '../support/wit-type-arbitrary.js';
import { qjsComponent } from '../engines/support/qjs-component.js';
import { wasiAppComponent } from './support/wasi-app.js';
import { invoke, scratchFolder } from './support/wasmtime.js';

function itemText(item: WorldItem): string {
  if (item.kind === 'function') return `${item.name}(${item.function.params.map((p) => printWitType(p.type)).join(', ')})${item.function.result === undefined ? '' : ` -> ${printWitType(item.function.result)}`}`;
  if (item.kind === 'type') return `${item.name} = ${item.type.kind === 'resource' ? 'resource' : printWitType(item.type)}`;
  return `${item.name} { ${[...item.interface.functions.values()].map((f) => f.name).join(', ')} }`;
}

function items(map: World['imports']): string[] {
  return [...map.values()].map(itemText).sort();
}

describe('the composed worlds', () => {
  it('recording keeps the app world: the same exports, the same imports plus the WASI streams the trace is written to', async () => {
    const app = await wasiAppComponent();
    const original = decodeComponentWorld(app);
    const composed = (await instrumentComponent(app, { mode: 'record' })).world;
    expect(items(composed.exports)).toEqual(items(original.exports));
    const composedImports = new Map([...composed.imports.values()].map((item) => [item.name, itemText(item)]));
    for (const item of original.imports.values()) expect(composedImports.get(item.name)).toBe(itemText(item));
    const extra = [...composed.imports.keys()].filter((name) => !original.imports.has(name)).sort();
    expect(extra).toEqual(['wasi:cli/stderr@0.2.6', 'wasi:cli/stdout@0.2.6', 'wasi:io/error@0.2.6', 'wasi:io/poll@0.2.6', 'wasi:io/streams@0.2.6']);
  }, 120_000);

  it('recording through the host recorder adds only proxy:recorder/record', async () => {
    const app = await appComponent();
    const original = decodeComponentWorld(app);
    const composed = (await instrumentComponent(app, { mode: 'record', useHostRecorder: true })).world;
    expect(items(composed.exports)).toEqual(items(original.exports));
    expect([...composed.imports.keys()].sort()).toEqual([...original.imports.keys(), 'proxy:recorder/record@0.1.0'].sort());
  }, 120_000);

  it('replaying imports only WASI streams and exports start', async () => {
    const composed = (await instrumentComponent(await appComponent(), { mode: 'replay' })).world;
    expect([...composed.imports.keys()].every((name) => name.startsWith('wasi:io/') || name.startsWith('wasi:cli/std'))).toBe(true);
    expect([...composed.exports.keys()].sort()).toEqual(['proxy:recorder/start-replay@0.1.0', 'start']);
  }, 120_000);

  it('passes --passthrough interfaces to the host when replaying', async () => {
    const composed = (await instrumentComponent(await appComponent(), { mode: 'replay', passthrough: ['test:app/math'] })).world;
    expect(composed.imports.has('test:app/math@0.1.0')).toBe(true);
  }, 120_000);

  it('is cached: a second instrumenting of the same component reads the same bytes back', async () => {
    const app = await wasiAppComponent();
    const first = await instrumentComponent(app, { mode: 'fuzz', fuzz: { seed: 3, runs: 5 } });
    const second = await instrumentComponent(app, { mode: 'fuzz', fuzz: { seed: 3, runs: 5 } });
    expect(second.cached).toBe(true);
    expect(Buffer.from(second.component).equals(Buffer.from(first.component))).toBe(true);
  }, 120_000);
});

describe('refusals', () => {
  it('refuses the host recorder for fuzzing', async () => {
    const error = await instrumentComponent(await appComponent(), { mode: 'fuzz', useHostRecorder: true }).catch((e: unknown) => e);
    expect(isProxyComponentError(error) && error.code === 'USAGE').toBe(true);
  });

  it('refuses an export that is async, naming it', async () => {
    const app = await componentNew(await componentEmbed({ dummy: true, witSource: 'package test:a;\nworld w { export wait: async func(x: u32) -> u32; }', world: 'w' }));
    const error = await instrumentComponent(app, { mode: 'replay' }).catch((e: unknown) => e);
    expect(isProxyComponentError(error) && error.code === 'WIT_UNSUPPORTED').toBe(true);
    expect((error as Error).message).toContain('`wait`: it is async');
  }, 120_000);
});

describe('resources', () => {
  it('instruments a JavaScript (componentize-qjs) component whose exports and imports carry resources, in every mode', async () => {
    const app = await qjsComponent();
    const [record, replay, fuzz] = await Promise.all([instrumentComponent(app, { mode: 'record' }), instrumentComponent(app, { mode: 'replay' }), instrumentComponent(app, { mode: 'fuzz' })]);
    expect([...record.world.exports.keys()]).toEqual([...decodeComponentWorld(app).exports.keys()]);
    expect(record.notes).toEqual([]);
    for (const composed of [replay, fuzz]) {
      expect([...composed.world.exports.keys()].sort()).toEqual(['proxy:recorder/start-replay@0.1.0', 'start']);
      expect([...composed.world.imports.keys()].every((name) => name.startsWith('wasi:'))).toBe(true);
    }
  }, 240_000);
});

describe('the byte encoding between virtualizers and tracer', () => {
  const carriable = witTypeArbitrary().filter((type: WitType) => isCarriable(type));
  test.prop([carriable.chain((type) => fc.tuple(fc.constant(type), valueArbitrary(type)))], { numRuns: 200 })('decodes what it encodes, value for value', ([type, value]) => {
    const [decoded] = decodeValues([type], encodeValues([type], [value]));
    expect(valuesEqual(type, value, decoded as never)).toBe(true);
  });

  it('rejects trailing bytes', () => {
    expect(() => decodeValues([{ kind: 'u8' }], Uint8Array.of(1, 2))).toThrow(/more than the values need/);
  });
});

describe('under wasmtime', () => {
  let folder: Awaited<ReturnType<typeof scratchFolder>>;
  beforeAll(async () => {
    const fuzz = await instrumentComponent(await wasiAppComponent(), { mode: 'fuzz', fuzz: { seed: 7, runs: 200 } });
    const kv = await instrumentComponent(new Uint8Array(await readFile('examples/kv-js/build/kv.wasm')), { mode: 'replay' });
    folder = await scratchFolder({ 'fuzz.wasm': fuzz.component, 'kv-replay.wasm': kv.component });
  }, 180_000);
  afterAll(async () => folder?.remove());

  it('fuzzing finds the division by zero in roll and leaves the trace that leads to it', async () => {
    const run = await invoke(folder.path('fuzz.wasm'), 'start()');
    expect(run.exitCode).not.toBe(0);
    expect(run.stderr).toContain('divide by zero');
    const lines = run.stdout.split('\n').filter((line) => line.startsWith('export '));
    expect(lines.at(-1)).toBe('export roll(0)');
  }, 120_000);

  it("replays the JavaScript kv example's committed traces, 64-bit random values included", async () => {
    for (const name of ['summary', 'words', 'edits']) {
      const text = await readFile(`examples/kv-js/traces/${name}.trace`, 'utf8');
      const total = readTrace(text, decodeComponentWorld(new Uint8Array(await readFile('examples/kv-js/build/kv.wasm')))).calls.length;
      const run = await invoke(folder.path('kv-replay.wasm'), 'start()', { input: text });
      expect(run.exitCode, run.stderr).toBe(0);
      expect(run.stderr).toContain(`${total} of ${total} export call(s) matched`);
    }
    const altered = (await readFile('examples/kv-js/traces/summary.trace', 'utf8')).replace('some("milk eggs\\tbread")', 'some("milk eggs")');
    expect(altered).not.toContain('milk eggs\\tbread');
    const run = await invoke(folder.path('kv-replay.wasm'), 'start()', { input: altered });
    expect(run.exitCode).not.toBe(0);
  }, 180_000);
});
