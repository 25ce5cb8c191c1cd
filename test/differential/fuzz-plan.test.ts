/**
 * Plans of `diff --fuzz`: made as fuzz runs are made (one handle model), so
 * that components whose exports use resources can be compared across engines
 * with handles that exist; repeatable for a seed; cut at a call that does not
 * return; refused for a component that cannot start.
 */
import { fc, test } from '@fast-check/vitest';
import { beforeAll, describe, expect, it } from 'vitest';
import { fuzzPlan, planFuzzCalls } from '../../src/differential/fuzz-plan.js';
import type { PlannedCall } from '../../src/engines/engine.js';
import { loadJcoComponent, type JcoComponent } from '../../src/engines/jco/load.js';
import { engineByName } from '../../src/engines/registry.js';
import { importedResources } from '../../src/values/world-resources.js';
import { printCallPositional } from '../../src/wave/index.js';
import { handleLawBreaches } from '../fuzz/support/handle-law.js';
import { appComponent } from '../support/app-component.js';
import { handlesComponent, hangsOnThirdComponent, startTrapsComponent } from '../support/shapes/fuzz-shapes.js';

let handlesBytes: Uint8Array;
let handles: JcoComponent;

beforeAll(async () => {
  handlesBytes = await handlesComponent();
  handles = await loadJcoComponent(handlesBytes);
});

const text = (calls: readonly PlannedCall[]) => calls.map((call) => printCallPositional(call.name, call.function.function.params, call.args));

describe('fuzz plans', () => {
  test.prop([fc.integer(), fc.integer({ min: 1, max: 30 })], { numRuns: 10 })('are the same for the same seed, and as long as asked', async (seed, count) => {
    const first = await planFuzzCalls(handles, { seed, count });
    expect(first).toHaveLength(count);
    expect(text(await planFuzzCalls(handles, { seed, count }))).toEqual(text(first));
  });

  it('differ between seeds', async () => {
    expect(text(await planFuzzCalls(handles, { seed: 1, count: 20 }))).not.toEqual(text(await planFuzzCalls(handles, { seed: 2, count: 20 })));
  });

  test.prop([fc.integer()], { numRuns: 10 })('pass only handles that exist, and every call returns on jco', async (seed) => {
    const calls = await planFuzzCalls(handles, { seed, count: 25 });
    const loaded = await engineByName('jco').load({ bytes: handlesBytes });
    const run = await loaded.run(calls);
    const law = calls.map((call, i) => {
      const report = run.calls[i];
      const observed = report?.imports ?? [];
      return {
        function: call.function,
        args: call.args,
        imports: call.imports.map((answer, j) => ({ ...answer, ...(observed[j] === undefined ? {} : { args: observed[j].args }) })),
        outcome: report?.outcome.kind === 'return' ? report.outcome : { kind: 'trap' as const, message: report?.outcome.kind ?? 'no report' },
      };
    });
    expect(handleLawBreaches(law, importedResources(handles.world))).toEqual([]);
    expect(run.calls.map((call) => call.outcome.kind)).toEqual(calls.map(() => 'return'));
  });

  it('hold each call’s import answers as the component asked for them, in order', async () => {
    // spin() never returns: planned in the watched worker, the plan ends there.
    const calls = await fuzzPlan(await appComponent(), { seed: 4, count: 10, timeoutMs: 500 });
    for (const call of calls) {
      const expected = { run: ['double'], greet: ['lookup'], crash: [], spin: [] }[call.name] ?? ['?'];
      expect(call.imports.map((answer) => answer.function.function.name)).toEqual(expected);
    }
    expect(calls.slice(0, -1).map((call) => call.name)).not.toContain('spin');
  });

  it('end at a call that does not return, which every engine then meets', async () => {
    const calls = await fuzzPlan(await hangsOnThirdComponent(), { seed: 1, count: 5, timeoutMs: 300 });
    expect(text(calls)).toEqual(['tick()', 'tick()', 'tick()']);
  });

  it('are refused for a component that cannot start', async () => {
    await expect(fuzzPlan(await startTrapsComponent(), { seed: 1, count: 5, componentName: 'start-traps.wasm' })).rejects.toMatchObject({
      code: 'COMPONENT_START',
      message: 'start-traps.wasm cannot be started, so it cannot be fuzzed: it trapped while starting (in its start function): unreachable',
    });
  });
});
