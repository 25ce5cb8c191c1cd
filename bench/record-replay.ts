/**
 * What recording and replaying cost, against calling the component directly.
 *
 *   npx tsc -p tsconfig.build.json && node dist/bench/record-replay.js
 *
 * For each example, in one process on the same loaded component, calls per
 * second of the same mixed workload:
 * - raw: jco's exports called with plain JS arguments, the example's host
 *   (and sandboxed WASI) as plain jco imports: no proxy-component at all;
 * - record: `startRecording` with the same host, calls made with `Value`s,
 *   every export and import call read into the trace;
 * - replay: `replayTrace` (in this thread) of the trace the record run made,
 *   no host, every import answered and every value compared from the trace.
 * Every mode gets a fresh instance each round and only its calls are timed
 * (replay's clock starts at its first export call). Fresh instances matter:
 * jco's generated glue runs about twice as fast on the first instance of a
 * component in a process as on any later one, so a bench that timed raw calls
 * on the first instance would compare unlike things. A warm-up round of every
 * mode comes first. Ratios are calls per second over raw's: above 1 is faster.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { exportLayouts } from '../src/engines/jco/layout.js';
import { loadJcoComponent, type JcoComponent, type JcoExports } from '../src/engines/jco/load.js';
import { startRecording } from '../src/host/record.js';
import { replayTrace } from '../src/host/replay.js';
import { sandboxedWasi } from '../src/host/wasi.js';
import type { Trace } from '../src/trace/model.js';
import { jcoConverter } from '../src/values/jco.js';
import { ResourceTable } from '../src/values/resource-table.js';
import type { Value } from '../src/values/value.js';
import { parseCall } from '../src/wave/index.js';
import { traceFunctionResolver } from '../src/trace/resolve-names.js';
import type { WorldFunction } from '../src/wit/world.js';
import { buildExample, EXAMPLES, exampleDir, loadExampleHost, type Example } from '../scripts/build-examples.js';

/** Each example's workload: calls cycled through in order, chosen to touch every import kind it has. */
const WORKLOADS: Record<string, readonly string[]> = {
  'kv-js': ['count-words("greeting")', 'count-words("poem")', 'summarize(["greeting", "poem", "nothing-here"])', 'random-document("notes/")'],
  'calculator-wat': ['eval(add, 2, 40)', 'eval(div, 1, 0)', 'convert(1000, usd, eur)', 'mean([1.5, 2.5, 4])'],
};
/** Calls per timed round: enough that replay's one instantiation weighs little. */
const ROUND_CALLS: Record<string, number> = { 'kv-js': 3_000, 'calculator-wat': 30_000 };
const ROUNDS = 7;

interface Call {
  readonly fn: WorldFunction;
  readonly args: readonly Value[];
  /** The jco export to call in raw mode, with its JS arguments. */
  readonly raw: () => unknown;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

/** The workload's calls, parsed once, with raw calls bound to the instance `exports()` returns at the time. */
function workload(component: JcoComponent, invocations: readonly string[], exports: () => JcoExports): Call[] {
  const resolve = traceFunctionResolver(component.world, 'export');
  const resources = new ResourceTable();
  const layouts = exportLayouts(component.world);
  return invocations.map((text) => {
    let fn: WorldFunction | undefined;
    const call = parseCall(text, (name) => {
      fn = resolve(name);
      return fn === undefined ? undefined : { params: fn.function.params };
    });
    const found = fn as WorldFunction;
    const layout = layouts.find((l) => l.bareFunction?.function === found.function);
    if (layout === undefined) throw new Error(`the bench calls world functions only, not ${call.name}`);
    const jsArgs = found.function.params.map((param, i) => jcoConverter(param.type).toJs(call.args[i] as Value, resources));
    const raw = () => {
      try {
        return (exports()[layout.key] as (...args: unknown[]) => unknown)(...jsArgs);
      } catch (error) {
        return error; // an `err` result: jco throws it
      }
    };
    return { fn: found, args: call.args, raw };
  });
}

function callsPerSecond(count: number, ms: number): number {
  return (count / ms) * 1000;
}

async function benchExample(example: Example): Promise<void> {
  const [path] = await buildExample(example);
  const component = await loadJcoComponent(new Uint8Array(await readFile(path ?? join(exampleDir(example), example.main.output))));
  const invocations = WORKLOADS[example.name] ?? [];
  const count = ROUND_CALLS[example.name] ?? 10_000;
  let rawExports: JcoExports = {};
  const calls = workload(component, invocations, () => rawExports);

  const raw = async (): Promise<number> => {
    rawExports = await component.instantiate({ ...sandboxedWasi(), ...(await loadExampleHost(example)) });
    const start = performance.now();
    for (let i = 0; i < count; i++) (calls[i % calls.length] as Call).raw();
    return callsPerSecond(count, performance.now() - start);
  };
  let lastTrace: Trace | undefined;
  const record = async (): Promise<number> => {
    const recording = await startRecording(component, { ...sandboxedWasi(), ...(await loadExampleHost(example)) });
    const start = performance.now();
    for (let i = 0; i < count; i++) {
      const call = calls[i % calls.length] as Call;
      recording.call(call.fn, call.args);
    }
    const rate = callsPerSecond(count, performance.now() - start);
    lastTrace = recording.trace();
    return rate;
  };
  const replay = async (): Promise<number> => {
    const trace = lastTrace as Trace;
    let start = 0;
    const report = await replayTrace(component, trace, {
      onExportCall: (index) => {
        if (index === 0) start = performance.now();
      },
    });
    const rate = callsPerSecond(trace.calls.length, performance.now() - start);
    if (report.divergence !== undefined) throw new Error(`replay diverged: ${report.divergence.summary}`);
    return rate;
  };

  // Warm up every path (JIT, QuickJS caches), then alternate the modes round by round so drift hits all three alike.
  await raw();
  await record();
  await replay();
  const rates = { raw: [] as number[], record: [] as number[], replay: [] as number[] };
  for (let round = 0; round < ROUNDS; round++) {
    rates.raw.push(await raw());
    rates.record.push(await record());
    rates.replay.push(await replay());
  }
  const base = median(rates.raw);
  for (const [mode, modeRates] of Object.entries(rates)) {
    const rate = median(modeRates);
    const spread = `${Math.round(Math.min(...modeRates)).toLocaleString('en-US')}-${Math.round(Math.max(...modeRates)).toLocaleString('en-US')}`;
    console.log(
      `${example.name.padEnd(16)}${mode.padEnd(8)}${Math.round(rate).toLocaleString('en-US').padStart(12)}${(rate / base).toFixed(2).padStart(8)}x${(1e6 / rate).toFixed(2).padStart(10)} µs   ${spread}`,
    );
  }
}

console.log(`${'example'.padEnd(16)}${'mode'.padEnd(8)}${'calls/s'.padStart(12)}${'vs raw'.padStart(9)}${'per call'.padStart(13)}   rounds' range (calls/s)`);
for (const example of EXAMPLES) await benchExample(example);
