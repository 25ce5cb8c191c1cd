/**
 * The native engine (a JS module standing in for the component) and the
 * majority vote: a planted difference in the module is named as the odd one
 * out among three engines; with two, they are said to differ.
 */
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { diffCalls, loadTargets } from '../../src/differential/run.js';
import type { PlannedCall } from '../../src/engines/engine.js';
import { engineByName } from '../../src/engines/registry.js';
import type { World } from '../../src/wit/world.js';
import { worldFunctions } from '../../src/wit/world.js';
import { decodeComponentWorld } from '../../src/wit/binary/decode.js';
import { calcComponent, changedCalcComponent } from './support/components.js';
import { requireEngine } from './support/engine-fixtures.js';

const NATIVE = fileURLToPath(new URL('./support/calc-native.mjs', import.meta.url));
const native = `native:${NATIVE}`;

let bytes: Uint8Array;
let world: World;

function calls(world: World, ...spec: [string, ...unknown[]][]): PlannedCall[] {
  const byName = new Map(worldFunctions(world, 'export').map((fn) => [fn.function.name, fn]));
  return spec.map(([name, ...args]) => ({ name, function: byName.get(name)!, args: args as never, imports: [] }));
}

beforeAll(async () => {
  bytes = await calcComponent();
  world = decodeComponentWorld(bytes);
});

describe('the native engine', () => {
  it('runs a JS module with the same exports and agrees with jco where the module is right', async () => {
    const targets = await loadTargets(['jco', native].map((name) => ({ label: name, engine: engineByName(name), component: { bytes } })));
    const report = await diffCalls(targets, calls(world, ['add', 1, 2], ['next', 18446744073709551615n], ['count'], ['count'], ['checked-div', 7, 0], ['nan'], ['neg-zero'], ['crash']));
    expect(report.verdict, JSON.stringify(report.divergence, null, 2)).toBe('agree');
  });

  it('reports a missing module as not available', async () => {
    const status = await engineByName('native:/nowhere/impl.mjs').status();
    expect(status.available).toBe(false);
  });
});

describe('the majority vote', () => {
  it('names the native module as the odd one out among jco, node and native', async () => {
    await requireEngine(engineByName('node'));
    const targets = await loadTargets(['jco', 'node', native].map((name) => ({ label: name, engine: engineByName(name), component: { bytes } })));

    const report = await diffCalls(targets, calls(world, ['add', 1, 2], ['add', 2, 2], ['count'], ['add', 2, 2]));

    expect(report.verdict).toBe('diverge');
    expect(report.divergentCalls).toBe(2);
    expect(report.divergence).toMatchObject({ callIndex: 1, call: 'add(2, 2)', aspect: 'outcome', oddOnesOut: [native], groups: [['jco', 'node'], [native]] });
    expect(report.divergence?.verdict).toBe(`${native} differs from the majority (jco, node)`);
    expect(report.divergence?.columns.map((column) => column.outcome)).toEqual(['return 4', 'return 4', 'return 5']);
  });

  it('says two engines differ without naming either', async () => {
    const targets = await loadTargets(['jco', native].map((name) => ({ label: name, engine: engineByName(name), component: { bytes } })));
    const report = await diffCalls(targets, calls(world, ['add', 2, 2]));
    expect(report.divergence).toMatchObject({ oddOnesOut: [], verdict: `jco and ${native} differ` });
  });

  it('names the changed build when two builds run on two engines', async () => {
    await requireEngine(engineByName('node'));
    const changed = await changedCalcComponent();
    const targets = await loadTargets([
      { label: 'jco:calc', engine: engineByName('jco'), component: { bytes } },
      { label: 'node:calc', engine: engineByName('node'), component: { bytes } },
      { label: 'jco:changed', engine: engineByName('jco'), component: { bytes: changed } },
    ]);
    const report = await diffCalls(targets, calls(world, ['count'], ['add', 1, 1]));
    expect(report.divergence).toMatchObject({ callIndex: 1, oddOnesOut: ['jco:changed'] });
  });
});
