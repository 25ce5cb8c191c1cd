/**
 * The wasmtime engine on components whose exports and imports carry
 * resources, through the composed replay component: traces recorded
 * in-process and generated plans (`diff --fuzz`'s, handles that exist) run
 * on jco, node and wasmtime alike, every outcome and import call compared,
 * handles numbered the same on each.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { compareRuns } from '../../src/differential/compare.js';
import { fuzzPlan } from '../../src/differential/fuzz-plan.js';
import type { PlannedCall } from '../../src/engines/engine.js';
import { engineByName } from '../../src/engines/registry.js';
import { readTrace } from '../../src/trace/read.js';
import { decodeComponentWorld } from '../../src/wit/binary/decode.js';
import { recordCalls } from '../instrument/support/record-calls.js';
import { bothResourcesComponent, cellHost, exportedResourceComponent, importedResourceComponent } from '../support/shapes/resource-shapes.js';
import { requireEngine } from './support/engine-fixtures.js';

const ENGINES = ['jco', 'node', 'wasmtime'].map(engineByName);

beforeAll(async () => {
  for (const engine of ENGINES) await requireEngine(engine);
});

/** Runs `calls` on every engine; expects every one to run them all and all to agree. */
async function agreeOnAll(bytes: Uint8Array, calls: readonly PlannedCall[]) {
  const runs = [];
  for (const engine of ENGINES) runs.push(await (await engine.load({ bytes })).run(calls));
  for (const run of runs) expect(run.failure, `${run.engine}: ${run.failure}`).toBeUndefined();
  const report = compareRuns(calls, runs);
  expect(report.verdict, JSON.stringify(report.divergence, null, 2)).toBe('agree');
  return runs;
}

describe('the wasmtime engine on components with resources', () => {
  it("runs a trace of an exported resource's constructor, method, static and own and borrow parameters as jco and node do", async () => {
    const bytes = await exportedResourceComponent();
    const text = await recordCalls(bytes, {}, [
      'test:res/counters.[constructor]counter(5)',
      'test:res/counters.[method]counter.add(#1, 3)',
      'test:res/counters.[constructor]counter(10)',
      'test:res/counters.[static]counter.merge(#1, #2)',
      'test:res/counters.total(#3)',
      'test:res/counters.consume(#2)',
    ]);
    const trace = readTrace(text, decodeComponentWorld(bytes));
    const [, , wasmtime] = await agreeOnAll(bytes, trace.calls);
    expect(wasmtime?.calls.map((call) => call.outcome)).toEqual(trace.calls.map((call) => call.outcome));
  }, 120_000);

  it("runs a trace of an imported resource's calls, the handles answered from the trace, import calls observed", async () => {
    const bytes = await importedResourceComponent();
    const trace = readTrace(await recordCalls(bytes, cellHost(), ['run(3)', 'keep(4)', 'take()']), decodeComponentWorld(bytes));
    const [, , wasmtime] = await agreeOnAll(bytes, trace.calls);
    expect(wasmtime?.calls[0]?.imports?.map((made) => made.name)).toEqual(trace.calls[0]?.imports.map((made) => made.name));
  }, 120_000);

  it.each([
    ['an exported resource', exportedResourceComponent],
    ['an imported resource', importedResourceComponent],
    ['an imported resource through an export', bothResourcesComponent],
  ] as const)('agrees with jco and node on generated calls of %s (diff --fuzz)', async (_what, component) => {
    const bytes = await component();
    const calls = await fuzzPlan(bytes, { count: 12, seed: 1 });
    expect(calls).toHaveLength(12);
    await agreeOnAll(bytes, calls);
  }, 180_000);
});
