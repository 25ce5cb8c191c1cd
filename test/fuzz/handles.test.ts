/**
 * Fuzz runs pass only handles that exist: handles of the component's own
 * resources after it handed them out, never one given away, and the host's
 * stand-ins only where the host's resource is wanted, even when an imported
 * and an exported resource share one id (the `handles` shape). Every function
 * of the shape is correct for every input, so any trap is the fuzzer's fault.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { componentFromWit } from '../support/component-from-wit.js';
import { handlesComponent } from '../support/shapes/fuzz-shapes.js';
import { loadJcoComponent, type JcoComponent } from '../../src/engines/jco/load.js';
import { fuzz } from '../../src/fuzz/fuzz.js';
import { answerTapes, callPlanArbitrary, fuzzableExports } from '../../src/fuzz/plan.js';
import { importedResources } from '../../src/values/world-resources.js';
import { defineProperty } from '../../src/fuzz/property.js';
import { observedOutcome } from '../../src/fuzz/failure-trace.js';
import { executeRun, fuzzTarget } from '../../src/fuzz/run.js';
import { HandlePick, HandlePool } from '../../src/host/fuzz-handles.js';
import { ResourceTable } from '../../src/values/resource-table.js';
import { ResourceHandle } from '../../src/values/value.js';
import { decodeComponentWorld } from '../../src/wit/binary/decode.js';
import type { ResourceType, WitType } from '../../src/wit/types.js';
import { handleLawBreaches, type LawCall } from './support/handle-law.js';

let handles: JcoComponent;
let hostResources: ReadonlySet<ResourceType>;

beforeAll(async () => {
  handles = await loadJcoComponent(await handlesComponent());
  hostResources = importedResources(handles.world);
});

const lawCall = (record: { function: LawCall['function']; args: LawCall['args']; imports: LawCall['imports']; result: Parameters<typeof observedOutcome>[0] }): LawCall => ({
  ...record,
  outcome: observedOutcome(record.result),
});

describe('fuzzing handles', () => {
  it('never passes a handle that does not exist or was given away, and makes every kind of call', async () => {
    const made = new Map<string, number>();
    const law = defineProperty('handles-exist', ({ call, history }) => {
      made.set(call.function.function.name, (made.get(call.function.function.name) ?? 0) + 1);
      const breaches = handleLawBreaches([...history, call].map(lawCall), hostResources);
      if (breaches.length > 0) throw new Error(breaches.join('; '));
    });

    const report = await fuzz(handles, { seed: 1, runs: 300, properties: [law] });

    expect(report.failure).toBeUndefined();
    expect(report.runs).toBe(300);
    expect([...made.keys()].sort()).toEqual(['[constructor]thing', '[method]thing.get', '[static]thing.make', 'consume', 'measure', 'merge', 'pair', 'peek']);
  });

  it('makes runs that keep the law, whatever the plan (so every shrink of a run keeps it too)', async () => {
    const { functions } = fuzzableExports(handles.world);
    const target = fuzzTarget(handles);
    const answers = answerTapes(handles.world, undefined);
    await fc.assert(
      fc.asyncProperty(callPlanArbitrary(functions, answers, { maxCalls: 12 }), answers, async (plan, outside) => {
        const run = await executeRun(target, plan, { properties: [], outside });

        expect(handleLawBreaches(run.calls.map(lawCall), hostResources)).toEqual([]);
        expect(run.calls.filter((call) => call.result.kind !== 'return')).toEqual([]);
        expect(run.calls.length + run.skipped).toBe(plan.length);
      }),
      { seed: 7, numRuns: 200 },
    );
  });

  it('leaves out a call needing a handle nothing made yet: a run never starts with a method, `consume`, `merge` or `peek`', async () => {
    const first = new Set<string>();
    const record = defineProperty('record', ({ call, history }) => void (history.length === 0 && first.add(call.function.function.name)));
    await fuzz(handles, { seed: 3, runs: 200, properties: [record] });
    expect([...first].sort()).toEqual(['[constructor]thing', '[static]thing.make', 'measure', 'pair']);
  });
});

describe('HandlePool', () => {
  const resource: ResourceType = { kind: 'resource', name: { name: 'thing' }, id: 'test#thing' };
  const own: WitType = { kind: 'own', resource };
  const borrow: WitType = { kind: 'borrow', resource };

  function poolHolding(count: number): { pool: HandlePool; table: ResourceTable } {
    const table = new ResourceTable();
    const pool = new HandlePool(table, new Map());
    for (let i = 0; i < count; i++) pool.receive(table.handleOf({}, resource), own);
    return { pool, table };
  }

  it('resolves all of a call’s handles or none: two `own` with one held leaves the held one held', () => {
    const { pool, table } = poolHolding(1);
    const resolution = pool.resolveAll([new HandlePick(0, false), new HandlePick(0, false)] as never[], [own, own]);
    expect(resolution.missing).toMatchObject({ kind: 'own', resource });
    expect(pool.holding(resource)).toEqual([new ResourceHandle(1)]);
    expect(table.size).toBe(1);
  });

  it('never gives a handle away and lends it in the same call, nor gives it twice', () => {
    const { pool } = poolHolding(2);
    const both = pool.resolveAll([new HandlePick(0, false), new HandlePick(0, false)] as never[], [borrow, own]);
    expect(both.values).toEqual([new ResourceHandle(1), new ResourceHandle(2)]);
    expect(pool.holding(resource)).toEqual([new ResourceHandle(1)]);
    expect(pool.resolveAll([new HandlePick(0, false)] as never[], [own]).values).toEqual([new ResourceHandle(1)]);
    expect(pool.resolveAll([new HandlePick(0, false)] as never[], [borrow]).missing).toMatchObject({ kind: 'borrow' });
  });
});

describe('exports that can never be called', () => {
  it('are left alone when they need a handle of a resource of the component that no export returns', async () => {
    const world = decodeComponentWorld(
      await componentFromWit(`package test:orphans;

interface api {
  resource orphan {
    size: func() -> u32;
  }
  resource made {
    constructor();
    twin: func() -> made;
  }
  use-it: func(o: borrow<orphan>) -> u32;
  use-made: func(m: made) -> u32;
  ok: func() -> u32;
}

world orphans {
  export api;
}
`),
    );
    const { functions, skipped } = fuzzableExports(world);
    expect(functions.map((fn) => fn.function.name)).toEqual(['[constructor]made', '[method]made.twin', 'use-made', 'ok']);
    expect(skipped).toEqual([
      { name: 'test:orphans/api.[method]orphan.size', reason: 'it needs a handle of `orphan`, which the component implements and no export returns' },
      { name: 'test:orphans/api.use-it', reason: 'it needs a handle of `orphan`, which the component implements and no export returns' },
    ]);
  });

  it('leave nothing to fuzz when they are all there is: a refusal (WIT_UNSUPPORTED) that says why', async () => {
    const only = await loadJcoComponent(
      await componentFromWit(`package test:orphans;

interface api {
  resource orphan {
    size: func() -> u32;
  }
}

world only-orphans {
  export api;
}
`),
    );
    await expect(fuzz(only, { seed: 1, componentName: 'orphans.wasm' })).rejects.toMatchObject({
      code: 'WIT_UNSUPPORTED',
      message: 'nothing to fuzz: orphans.wasm exports no function the fuzzer can call (test:orphans/api.[method]orphan.size: it needs a handle of `orphan`, which the component implements and no export returns)',
    });
  });
});
