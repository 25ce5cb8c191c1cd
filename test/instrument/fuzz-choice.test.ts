/**
 * The instrumented fuzz component chooses which export to call from its
 * seed: with two or three exports, every one of them is called (a 32-bit
 * LCG's low bit alternates, so choosing by `state % 2` called only one of
 * two). Checked on the tracer in Node over many seeds, and under wasmtime on
 * the fuzz components of worlds with two and three exports.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { instrumentComponent } from '../../src/instrument/instrument.js';
import { guestTracer } from '../../src/instrument/tracer/library.js';
import type { TracerConfig } from '../../src/instrument/tracer/config.js';
import { worldToJson } from '../../src/instrument/tracer/world-json.js';
import { readTrace } from '../../src/trace/read.js';
import { decodeComponentWorld } from '../../src/wit/binary/decode.js';
import { callNameOf } from '../../src/wit/lookup.js';
import { worldFunctions } from '../../src/wit/world.js';
import { threeExportsComponent, twoExportsComponent } from '../support/shapes/instrument-shapes.js';
import { invoke, scratchFolder } from './support/wasmtime.js';

const SHAPES = [
  ['two', twoExportsComponent, ['first', 'second']],
  ['three', threeExportsComponent, ['first', 'second', 'test:shapes/third.flip']],
] as const;

/** The export indices the fuzz tracer chooses for `runs` calls from `seed`. */
function chosen(app: Uint8Array, seed: number, runs: number): number[] {
  const world = decodeComponentWorld(app);
  const config: TracerConfig = {
    mode: 'fuzz',
    world: worldToJson(world),
    exports: worldFunctions(world, 'export').map(callNameOf),
    imports: [],
    header: {},
    format: 'trace',
    fuzz: { seed, runs },
  };
  const tracer = guestTracer();
  tracer.configure(new TextEncoder().encode(JSON.stringify(config)));
  return Array.from({ length: runs }, () => tracer.nextExport().fn);
}

describe('the fuzz tracer', () => {
  it.each(SHAPES)('calls each of %s exports, for every seed from 0 to 99', async (_count, component, names) => {
    const app = await component();
    for (let seed = 0; seed < 100; seed++) {
      const counts = names.map(() => 0);
      for (const fn of chosen(app, seed, 30)) counts[fn] = (counts[fn] as number) + 1;
      expect(counts.every((count) => count > 0), `seed ${seed}: ${counts.join(', ')}`).toBe(true);
    }
  });
});

describe('the fuzz component under wasmtime', () => {
  let folder: Awaited<ReturnType<typeof scratchFolder>>;
  beforeAll(async () => {
    const files: Record<string, Uint8Array> = {};
    for (const [count, component] of SHAPES) {
      for (const seed of [0, 1]) files[`${count}-${seed}.wasm`] = (await instrumentComponent(await component(), { mode: 'fuzz', fuzz: { seed, runs: 20 } })).component;
    }
    folder = await scratchFolder(files);
  }, 240_000);
  afterAll(async () => folder?.remove());

  it.each(SHAPES.flatMap(([count, component, names]) => [0, 1].map((seed) => [count, seed, component, names] as const)))(
    'calls each of %s exports (seed %i)',
    async (count, seed, component, names) => {
      const run = await invoke(folder.path(`${count}-${seed}.wasm`), 'start()');
      expect(run.exitCode, run.stderr).toBe(0);
      const called = new Set(readTrace(run.stdout, decodeComponentWorld(await component())).calls.map((call) => call.name));
      expect([...called].sort()).toEqual([...names]);
    },
    60_000,
  );
});
