/**
 * The trace's own account of its resource handles (trace/handle-ledger.ts):
 * which handles an export call may pass the component, and why not the
 * others, for a world that imports a resource and exports another of the same
 * name.
 */
import { describe, expect, it } from 'vitest';
import { HandleLedger } from '../../src/trace/handle-ledger.js';
import { ResourceHandle } from '../../src/values/value.js';
import { importedResources } from '../../src/values/world-resources.js';
import { parseWit, selectWorld } from '../../src/wit/load.js';
import { worldFunctions, type WorldFunction } from '../../src/wit/world.js';

const WIT = `package test:ledger;

interface theirs {
  resource thing {
    constructor(v: u32);
    get: func() -> u32;
    merge: static func(a: thing, b: borrow<thing>) -> thing;
  }
}

interface mine {
  resource thing {
    constructor(v: u32);
    get: func() -> u32;
    merge: static func(a: thing, b: borrow<thing>) -> thing;
  }
}

world both {
  import theirs;
  export mine;
}
`;

const world = selectWorld(parseWit(WIT), 'both');
const exported = new Map(worldFunctions(world, 'export').map((fn) => [fn.function.name, fn]));
const imported = new Map(worldFunctions(world, 'import').map((fn) => [fn.function.name, fn]));
const h = (id: number) => new ResourceHandle(id);

function fn(map: Map<string, WorldFunction>, name: string): WorldFunction {
  const found = map.get(name);
  if (found === undefined) throw new Error(`no ${name}`);
  return found;
}

/** A ledger after the component made #1 and #2 (constructors' results) and the host made #3 (an import's answer). */
function ledger(): HandleLedger {
  const ledger = new HandleLedger(importedResources(world));
  const ctor = fn(exported, '[constructor]thing');
  ledger.toHost(h(1), ctor.function.result);
  ledger.toHost(h(2), ctor.function.result);
  ledger.toComponent(h(3), fn(imported, '[constructor]thing').function.result);
  return ledger;
}

describe('HandleLedger', () => {
  it("lets an export call pass the component's handles the host holds, and any host-made one", () => {
    const merge = fn(exported, '[static]thing.merge').function;
    expect(ledger().exportArgs(merge.params, [h(1), h(2)], 2)).toBeUndefined();
    const importedMerge = fn(imported, '[static]thing.merge').function;
    expect(ledger().exportArgs(importedMerge.params, [h(3), h(9)], 2)).toBeUndefined();
  });

  it('refuses a handle no call made, naming it and the parameter', () => {
    const get = fn(exported, '[method]thing.get').function;
    expect(ledger().exportArgs(get.params, [h(7)], 2)).toMatchObject({ handle: 7, param: 'self', why: 'is not one the component made: it makes every `thing` handle' });
  });

  it('refuses a handle given back to the component as own, saying in which call', () => {
    const merge = fn(exported, '[static]thing.merge').function;
    const get = fn(exported, '[method]thing.get').function;
    const account = ledger();
    expect(account.exportArgs(merge.params, [h(1), h(2)], 2)).toBeUndefined();
    expect(account.exportArgs(get.params, [h(1)], 3)).toMatchObject({ handle: 1, why: 'was given back to the component as `own<thing>` by export call #3 already' });
    // Lent, #2 stays the host's.
    expect(account.exportArgs(get.params, [h(2)], 3)).toBeUndefined();
  });

  it('refuses the same own handle twice in one call', () => {
    const merge = fn(exported, '[static]thing.merge').function;
    expect(ledger().exportArgs(merge.params, [h(1), h(1)], 2)).toMatchObject({ handle: 1, why: 'was given back to the component as `own<thing>` by this call already' });
  });

  it("tells the host's resource from the component's when they share a name", () => {
    const get = fn(exported, '[method]thing.get').function;
    expect(ledger().exportArgs(get.params, [h(3)], 2)).toMatchObject({ handle: 3, why: "was made as the host's `thing`, not the component's `thing`" });
  });

  it('takes back a handle the component returns again', () => {
    const merge = fn(exported, '[static]thing.merge');
    const get = fn(exported, '[method]thing.get').function;
    const account = ledger();
    account.exportArgs(merge.function.params, [h(1), h(2)], 2);
    account.toHost(h(1), merge.function.result);
    expect(account.exportArgs(get.params, [h(1)], 3)).toBeUndefined();
  });
});
