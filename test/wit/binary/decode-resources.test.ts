import { beforeAll, describe, expect, it } from 'vitest';
import { decodeComponentWorld } from '../../../src/wit/binary/decode.js';
import { primitive, type ResourceType } from '../../../src/wit/types.js';
import type { WitInterface, World, WorldItem } from '../../../src/wit/world.js';
import { componentFromWit } from '../../support/component-from-wit.js';

const WIT = `
package held:kv@0.1.0;

interface types {
  record entry { key: string }
  resource handle {
    constructor(x: u32);
    get: func() -> entry;
    make: static func() -> handle;
    open: static func(name: string) -> result<handle, string>;
  }
}

interface store {
  use types.{handle};
  get: func(h: borrow<handle>) -> own<handle>;
}

interface api {
  use types.{entry, handle as h2};
  type h3 = h2;
  resource thing {
    constructor() -> result<thing, string>;
    run: func(e: entry, other: borrow<thing>) -> h2;
  }
  go: func(t: thing, h: h3) -> list<thing>;
}

interface more {
  use api.{thing};
  keep: func(t: borrow<thing>);
}

world app { import store; export api; export more; }
`;

let world: World;
let types: WitInterface;
let store: WitInterface;
let api: WitInterface;
let more: WitInterface;

function interfaceOf(item: WorldItem | undefined): WitInterface {
  if (item?.kind !== 'interface') throw new Error(`expected an interface, got ${item?.kind}`);
  return item.interface;
}

beforeAll(async () => {
  world = decodeComponentWorld(await componentFromWit(WIT, 'app'));
  types = interfaceOf(world.imports.get('held:kv/types@0.1.0'));
  store = interfaceOf(world.imports.get('held:kv/store@0.1.0'));
  api = interfaceOf(world.exports.get('held:kv/api@0.1.0'));
  more = interfaceOf(world.exports.get('held:kv/more@0.1.0'));
});

describe('resource functions', () => {
  it('reads a resource with its id and owner', () => {
    expect(types.types.get('handle')).toEqual({ kind: 'resource', name: { name: 'handle', owner: 'held:kv/types@0.1.0' }, id: 'held:kv/types@0.1.0#handle' });
  });

  it('derives constructors, methods and static functions from their names', () => {
    const handle = types.types.get('handle') as ResourceType;
    const own = { kind: 'own', resource: handle };

    expect([...types.functions.values()]).toEqual([
      { name: '[constructor]handle', kind: 'constructor', resource: handle, params: [{ name: 'x', type: primitive.u32 }], result: own },
      { name: '[method]handle.get', kind: 'method', resource: handle, params: [{ name: 'self', type: { kind: 'borrow', resource: handle } }], result: types.types.get('entry') },
      { name: '[static]handle.make', kind: 'static', resource: handle, params: [], result: own },
      { name: '[static]handle.open', kind: 'static', resource: handle, params: [{ name: 'name', type: primitive.string }], result: { kind: 'result', ok: own, err: primitive.string } },
    ]);
  });

  it('reads a fallible constructor of a resource defined in an exported interface', () => {
    const thing = api.types.get('thing') as ResourceType;

    expect(thing).toEqual({ kind: 'resource', name: { name: 'thing', owner: 'held:kv/api@0.1.0' }, id: 'held:kv/api@0.1.0#thing' });
    expect(api.functions.get('[constructor]thing')).toEqual({
      name: '[constructor]thing',
      kind: 'constructor',
      resource: thing,
      params: [],
      result: { kind: 'result', ok: { kind: 'own', resource: thing }, err: primitive.string },
    });
  });
});

describe('resource identity', () => {
  it('is the same resource object through use, in an imported interface', () => {
    expect(store.types.get('handle')).toBe(types.types.get('handle'));
    expect(store.functions.get('get')?.params[0]?.type).toEqual({ kind: 'borrow', resource: types.types.get('handle') });
    expect(store.functions.get('get')?.result).toEqual({ kind: 'own', resource: types.types.get('handle') });
  });

  it('is the same resource through `use ... as` and through the shim component that exports an interface', () => {
    const handle = types.types.get('handle');
    const run = api.functions.get('[method]thing.run');

    expect(api.types.get('h2')).toBe(handle);
    expect(run?.result).toEqual({ kind: 'own', resource: handle });
    expect(run?.params.map((param) => param.name)).toEqual(['self', 'e', 'other']);
    expect(run?.params[1]?.type).toBe(types.types.get('entry'));
  });

  it('keeps the id of a renamed resource (`type h3 = h2`) under the new name', () => {
    expect(api.types.get('h3')).toEqual({ kind: 'resource', name: { name: 'h3', owner: 'held:kv/api@0.1.0' }, id: 'held:kv/types@0.1.0#handle' });
    expect(api.functions.get('go')?.params[1]?.type).toEqual({ kind: 'own', resource: api.types.get('h3') });
  });

  it('is the same resource when another exported interface uses it', () => {
    const thing = api.types.get('thing');

    expect(more.types.get('thing')).toBe(thing);
    expect(more.functions.get('keep')?.params[0]?.type).toEqual({ kind: 'borrow', resource: thing });
    expect(api.functions.get('go')?.result).toEqual({ kind: 'list', element: { kind: 'own', resource: thing } });
  });

  it('gives every resource of the world one id per declaration', () => {
    const ids = new Set<string>();
    for (const item of [...world.imports.values(), ...world.exports.values()]) {
      for (const type of interfaceOf(item).types.values()) if (type.kind === 'resource') ids.add(type.id);
    }

    expect([...ids].sort()).toEqual(['held:kv/api@0.1.0#thing', 'held:kv/types@0.1.0#handle']);
  });
});

describe('world-level resources', () => {
  it('reads a resource declared in the world, and its functions as bare imports after the other functions', async () => {
    const decoded = decodeComponentWorld(
      await componentFromWit(`package t:w; world w { resource wr { constructor(); m: func(); s: static func() -> u32; } import use-it: func(x: borrow<wr>); }`, 'w'),
    );
    const wr = { kind: 'resource', name: { name: 'wr', owner: 'root:component/root' }, id: 'root:component/root#wr' };

    expect([...decoded.imports.keys()]).toEqual(['wr', 'use-it', '[constructor]wr', '[method]wr.m', '[static]wr.s']);
    expect(decoded.imports.get('wr')).toEqual({ kind: 'type', name: 'wr', type: wr });
    expect(decoded.imports.get('[method]wr.m')).toEqual({
      kind: 'function',
      name: '[method]wr.m',
      function: { name: '[method]wr.m', kind: 'method', resource: wr, params: [{ name: 'self', type: { kind: 'borrow', resource: wr } }] },
    });
    expect(decoded.imports.get('[static]wr.s')).toMatchObject({ function: { kind: 'static', resource: wr, result: primitive.u32 } });
  });

  it('gives an interface that a world imports and exports the same resource ids on both sides, as the WIT reader does', async () => {
    const decoded = decodeComponentWorld(await componentFromWit(`package t:b; interface i { resource r; f: func(x: r); } world w { import i; export i; }`, 'w'));
    const imported = interfaceOf(decoded.imports.get('t:b/i')).types.get('r');
    const exported = interfaceOf(decoded.exports.get('t:b/i')).types.get('r');

    expect(imported).toEqual({ kind: 'resource', name: { name: 'r', owner: 't:b/i' }, id: 't:b/i#r' });
    expect(exported).toEqual(imported);
  });
});
