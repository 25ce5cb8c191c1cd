/**
 * What instrumenting costs, and what replaying through `wasmtime run` costs
 * against the in-process engine.
 *
 *   npx tsc -p tsconfig.build.json && node dist/bench/instrument.js
 *
 * - tracer build: bundling our TypeScript with rolldown and compiling it with
 *   componentize-qjs, once per tool version (then read from the cache);
 * - instrument: making one composed component (virtualizers generated, WAT
 *   parsed, components encoded, composed), tracer already built, cache off;
 * - replay, per trace of examples/kv-js (a componentize-qjs app):
 *   `wasmtime run --invoke 'start()'` of the composed replay component with
 *   the trace on stdin (a whole process: start-up, instantiation, replay;
 *   wasmtime's compilation cache warm), against `replayTrace` in this
 *   process on the loaded original component (instantiation and replay).
 * Medians of several runs.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { findTool } from '../src/engines/tools.js';
import { loadJcoComponent } from '../src/engines/jco/load.js';
import { replayTrace } from '../src/host/replay.js';
import { instrumentComponent } from '../src/instrument/instrument.js';
import { bundleTracer, tracerComponent } from '../src/instrument/tracer-build.js';
import { readTrace } from '../src/trace/read.js';

const RUNS = 5;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

async function timed(action: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await action();
  return performance.now() - start;
}

async function main(): Promise<void> {
  const wasmtime = findTool({ inTools: ['wasmtime-py/wasmtime_cli/wasmtime'], onPath: ['wasmtime'] });
  if (wasmtime === undefined) throw new Error('wasmtime is not installed: bash scripts/setup-engines.sh wasmtime');
  const app = new Uint8Array(await readFile('examples/kv-js/build/kv.wasm'));

  const bundleMs = await timed(() => bundleTracer('guest'));
  const cacheRoot = await mkdtemp(join(tmpdir(), 'proxy-component-bench-cache-'));
  const previousCache = process.env['PROXY_COMPONENT_CACHE'];
  process.env['PROXY_COMPONENT_CACHE'] = cacheRoot;
  const tracerMs = await timed(() => tracerComponent('guest'));
  const instrumentMs: number[] = [];
  let composed: Uint8Array = new Uint8Array();
  for (let i = 0; i < RUNS; i++) {
    instrumentMs.push(await timed(async () => (composed = (await instrumentComponent(app, { mode: 'replay', noCache: true })).component)));
  }
  if (previousCache === undefined) delete process.env['PROXY_COMPONENT_CACHE'];
  else process.env['PROXY_COMPONENT_CACHE'] = previousCache;
  await rm(cacheRoot, { recursive: true, force: true });

  console.log(`instrumenting examples/kv-js/build/kv.wasm (${(app.length / 1e6).toFixed(1)} MB), composed ${(composed.length / 1e6).toFixed(1)} MB`);
  console.log(`  tracer bundle (rolldown)              ${bundleMs.toFixed(0)} ms`);
  console.log(`  tracer build (bundle + componentize)  ${tracerMs.toFixed(0)} ms   once per tool version`);
  console.log(`  instrument (tracer built)             ${median(instrumentMs).toFixed(0)} ms   median of ${RUNS}`);

  const folder = await mkdtemp(join(tmpdir(), 'proxy-component-bench-'));
  try {
    const path = join(folder, 'replay.wasm');
    await writeFile(path, composed);
    const component = await loadJcoComponent(app);
    const firstRun = await timed(() => execa(wasmtime, ['run', '--invoke', 'start()', path], { input: '' }));
    console.log(`  first wasmtime run (compiles, fills wasmtime's cache)  ${firstRun.toFixed(0)} ms`);
    console.log('\nreplaying one trace             wasmtime run   in-process   ratio');
    for (const name of ['summary', 'words', 'edits']) {
      const text = await readFile(`examples/kv-js/traces/${name}.trace`, 'utf8');
      const trace = readTrace(text, component.world);
      const wasmtimeMs: number[] = [];
      const inProcessMs: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        wasmtimeMs.push(
          await timed(async () => {
            const run = await execa(wasmtime, ['run', '--invoke', 'start()', path], { input: text, reject: false });
            if (run.exitCode !== 0) throw new Error(`replay failed: ${run.stderr}`);
          }),
        );
        inProcessMs.push(
          await timed(async () => {
            const report = await replayTrace(component, trace);
            if (report.divergence !== undefined) throw new Error(report.divergence.summary);
          }),
        );
      }
      const w = median(wasmtimeMs);
      const p = median(inProcessMs);
      console.log(`  ${`${name}.trace (${trace.calls.length} calls)`.padEnd(28)} ${w.toFixed(1).padStart(9)} ms ${p.toFixed(1).padStart(9)} ms ${(w / p).toFixed(1).padStart(7)}x`);
    }
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

await main();
