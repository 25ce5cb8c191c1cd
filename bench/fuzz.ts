/**
 * What fuzzing costs, against calling the component directly.
 *
 *   npx tsc -p tsconfig.build.json && node dist/bench/fuzz.js
 *
 * One process, one loaded component (a small WAT component whose exports call
 * its imports, without bugs, so every run goes to the end):
 * - fuzz: `fuzz()` for RUNS runs (fresh instance per run, generated calls,
 *   arguments and import answers, properties checked after every call);
 * - raw: the very same runs replayed without proxy-component: a fresh jco
 *   instance per run with a plain JS host, the same export calls with the
 *   same arguments as plain JS values, converted beforehand.
 * Both get a fresh instance per run because fuzzing must (a run must not see
 * the state of another), so the ratio says what the fuzzer adds on top of
 * what the runs themselves cost. The instantiation alone is also timed, to
 * show the ratio of the per-call work once instantiation is set aside.
 * Rounds alternate the modes after a warm-up; medians are reported.
 */
import { componentEmbed, componentNew, parse } from '@bytecodealliance/jco-transpile/wasm-tools';
import { exportLayouts } from '../src/engines/jco/layout.js';
import { loadJcoComponent, type JcoComponent, type JcoExports, type JcoImports } from '../src/engines/jco/load.js';
import { fuzz } from '../src/fuzz/fuzz.js';
import { defineProperty } from '../src/fuzz/property.js';
import { jcoConverter } from '../src/values/jco.js';
import { ResourceTable } from '../src/values/resource-table.js';
import type { Value } from '../src/values/value.js';

const WIT = `package bench:fuzz@0.1.0;

interface env {
  get-limit: func() -> u32;
  get-name: func() -> string;
}

world bench {
  import env;

  export divide: func(x: u32) -> u32;
  export name-length: func() -> u32;
  export add: func(a: u32, b: u32) -> u32;
  export mix: func(xs: list<u32>, label: string) -> u32;
}
`;

const WAT = `(module
  (import "cm32p2|bench:fuzz/env@0.1" "get-limit" (func $get_limit (result i32)))
  (import "cm32p2|bench:fuzz/env@0.1" "get-name" (func $get_name (param i32)))
  (memory (export "cm32p2_memory") 1)
  (global $heap (mut i32) (i32.const 16))
  (func $realloc (export "cm32p2_realloc") (param i32 i32 i32 i32) (result i32)
    (local $ptr i32)
    (local.set $ptr (i32.and (i32.add (global.get $heap) (i32.sub (local.get 2) (i32.const 1))) (i32.sub (i32.const 0) (local.get 2))))
    (global.set $heap (i32.add (local.get $ptr) (local.get 3)))
    (if (i32.gt_u (global.get $heap) (i32.shl (memory.size) (i32.const 16)))
      (then (drop (memory.grow (i32.add (i32.shr_u (i32.sub (global.get $heap) (i32.shl (memory.size) (i32.const 16))) (i32.const 16)) (i32.const 1))))))
    (local.get $ptr))
  (func (export "cm32p2||divide") (param i32) (result i32)
    (local $limit i32)
    (local.set $limit (call $get_limit))
    (if (result i32) (i32.eqz (local.get $limit)) (then (i32.const 0)) (else (i32.div_u (local.get 0) (local.get $limit)))))
  (func (export "cm32p2||name-length") (result i32)
    (local $ret i32)
    (local.set $ret (call $realloc (i32.const 0) (i32.const 0) (i32.const 4) (i32.const 8)))
    (call $get_name (local.get $ret))
    (i32.load offset=4 (local.get $ret)))
  (func (export "cm32p2||add") (param i32 i32) (result i32)
    (i32.add (local.get 0) (local.get 1)))
  (func (export "cm32p2||mix") (param i32 i32 i32 i32) (result i32)
    (i32.add (local.get 1) (local.get 3)))
)`;

const RUNS = 2_000;
const ROUNDS = 5;
const SEED = 20260101;

const HOST: JcoImports = { 'bench:fuzz/env': { getLimit: () => 7, getName: () => 'ada' } };

type RawCall = (exports: JcoExports) => unknown;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

/** The runs the fuzzer makes for SEED, as plain jco calls (same exports, same arguments). */
async function recordRuns(component: JcoComponent): Promise<RawCall[][]> {
  const runs: RawCall[][] = [];
  const resources = new ResourceTable();
  const keys = new Map(exportLayouts(component.world).flatMap((layout) => (layout.bareFunction === undefined ? [] : [[layout.bareFunction.function, layout.key] as const])));
  const record = defineProperty('record', ({ call, history }) => {
    if (history.length === 0) runs.push([]);
    const key = keys.get(call.function.function) as string;
    const jsArgs = call.function.function.params.map((param, i) => jcoConverter(param.type).toJs(call.args[i] as Value, resources));
    runs[runs.length - 1]?.push((exports) => (exports[key] as (...args: unknown[]) => unknown)(...jsArgs));
  });
  const report = await fuzz(component, { seed: SEED, runs: RUNS, properties: [record] });
  if (report.failure !== undefined) throw new Error(`the bench component failed a property: ${report.failure.reason}`);
  return runs;
}

async function timeFuzz(component: JcoComponent): Promise<number> {
  const started = performance.now();
  await fuzz(component, { seed: SEED, runs: RUNS });
  return performance.now() - started;
}

async function timeRaw(component: JcoComponent, runs: readonly RawCall[][]): Promise<number> {
  const started = performance.now();
  for (const calls of runs) {
    const exports = await component.instantiate(HOST);
    for (const call of calls) call(exports);
  }
  return performance.now() - started;
}

async function timeInstantiation(component: JcoComponent, count: number): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < count; i++) await component.instantiate(HOST);
  return performance.now() - started;
}

async function main(): Promise<void> {
  const bytes = await componentNew(await componentEmbed({ binary: await parse(WAT), witSource: WIT, world: 'bench' }));
  const component = await loadJcoComponent(bytes);
  const runs = await recordRuns(component);
  const calls = runs.reduce((sum, run) => sum + run.length, 0);
  await timeFuzz(component);
  await timeRaw(component, runs);

  const fuzzMs: number[] = [];
  const rawMs: number[] = [];
  const instantiateMs: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    fuzzMs.push(await timeFuzz(component));
    rawMs.push(await timeRaw(component, runs));
    instantiateMs.push(await timeInstantiation(component, runs.length));
  }
  const fuzzTime = median(fuzzMs);
  const rawTime = median(rawMs);
  const instantiateTime = median(instantiateMs);
  const perSecond = (ms: number) => Math.round((runs.length * 1000) / ms);
  console.log(`fuzz bench: ${runs.length} runs, ${calls} export calls (${(calls / runs.length).toFixed(1)} per run), median of ${ROUNDS} rounds`);
  console.log(`  fuzz  ${perSecond(fuzzTime).toString().padStart(7)} runs/s  (${fuzzTime.toFixed(0)} ms)`);
  console.log(`  raw   ${perSecond(rawTime).toString().padStart(7)} runs/s  (${rawTime.toFixed(0)} ms)`);
  console.log(`  ratio ${(rawTime / fuzzTime).toFixed(2)}x  (fuzz runs/s over raw runs/s; aim: at least 0.5x)`);
  const fuzzCalls = Math.max(1e-9, fuzzTime - instantiateTime);
  const rawCalls = Math.max(1e-9, rawTime - instantiateTime);
  console.log(`  instantiation alone ${instantiateTime.toFixed(0)} ms; the rest: fuzz ${fuzzCalls.toFixed(0)} ms, raw ${rawCalls.toFixed(0)} ms (${(rawCalls / fuzzCalls).toFixed(2)}x)`);
}

await main();
