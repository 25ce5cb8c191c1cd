import { describe, expect, it } from 'vitest';
import { decodeComponentWorld } from '../../../src/wit/binary/decode.js';
import { primitive } from '../../../src/wit/types.js';
import type { WitInterface, World, WorldItem } from '../../../src/wit/world.js';
import { componentFromWit } from '../../support/component-from-wit.js';

async function decodeWit(witSource: string, world: string): Promise<World> {
  return decodeComponentWorld(await componentFromWit(witSource, world));
}

function interfaceOf(item: WorldItem | undefined): WitInterface {
  if (item?.kind !== 'interface') throw new Error(`expected an interface, got ${item?.kind}`);
  return item.interface;
}

describe('interfaces', () => {
  const WIT = `
    package held:kv@0.1.0;
    interface types { record entry { key: string, ttl: option<u64> } }
    interface store {
      use types.{entry};
      get: func(key: string) -> option<entry>;
      set: func(e: entry);
    }
    interface api {
      use types.{entry as item};
      type alias = item;
      dump: func() -> list<item>;
      first: func() -> alias;
    }
    world app { import store; export api; }
  `;

  it('keys imports and exports by their component-model names, dependencies first, in binary order', async () => {
    const world = await decodeWit(WIT, 'app');

    expect([...world.imports.keys()]).toEqual(['held:kv/types@0.1.0', 'held:kv/store@0.1.0']);
    expect([...world.exports.keys()]).toEqual(['held:kv/api@0.1.0']);
    expect(world.imports.get('held:kv/store@0.1.0')).toMatchObject({ kind: 'interface', name: 'held:kv/store@0.1.0' });
  });

  it('parses the package, version and interface name from an interface name', async () => {
    const store = interfaceOf((await decodeWit(WIT, 'app')).imports.get('held:kv/store@0.1.0'));

    expect(store).toMatchObject({ id: 'held:kv/store@0.1.0', name: 'store', package: { namespace: 'held', name: 'kv', version: '0.1.0' } });
    expect([...store.functions.keys()]).toEqual(['get', 'set']);
    expect(store.functions.get('set')).toEqual({ name: 'set', kind: 'freestanding', params: [{ name: 'e', type: store.types.get('entry') }] });
  });

  it('gives a used type the very object of the interface that declares it, in imports and exports', async () => {
    const world = await decodeWit(WIT, 'app');
    const types = interfaceOf(world.imports.get('held:kv/types@0.1.0'));
    const store = interfaceOf(world.imports.get('held:kv/store@0.1.0'));
    const api = interfaceOf(world.exports.get('held:kv/api@0.1.0'));
    const entry = types.types.get('entry');

    expect(entry).toMatchObject({ kind: 'record', name: { name: 'entry', owner: 'held:kv/types@0.1.0' } });
    expect(store.types.get('entry')).toBe(entry);
    expect(api.types.get('item')).toBe(entry);
    expect(api.functions.get('dump')?.result).toEqual({ kind: 'list', element: entry });
  });

  it('gives a local alias its own name over the structure of its target', async () => {
    const api = interfaceOf((await decodeWit(WIT, 'app')).exports.get('held:kv/api@0.1.0'));
    const { name: _, ...entryStructure } = api.types.get('item') as { name: unknown };

    expect(api.types.get('alias')).toEqual({ ...entryStructure, name: { name: 'alias', owner: 'held:kv/api@0.1.0' } });
    expect(api.functions.get('first')?.result).toBe(api.types.get('alias'));
  });

  it('keeps two aliases of the same anonymous type as two definitions', async () => {
    const world = await decodeWit(
      `package t:a; interface i { type l1 = list<u8>; type l2 = list<u8>; f: func(a: l1, b: l2, c: list<u8>); } world w { export i; }`,
      'w',
    );
    const i = interfaceOf(world.exports.get('t:a/i'));

    expect(i.types.get('l1')).toEqual({ kind: 'list', element: primitive.u8, name: { name: 'l1', owner: 't:a/i' } });
    expect(i.types.get('l2')).toEqual({ kind: 'list', element: primitive.u8, name: { name: 'l2', owner: 't:a/i' } });
    expect(i.functions.get('f')?.params[2]?.type).toEqual({ kind: 'list', element: primitive.u8 });
    expect(i).toMatchObject({ id: 't:a/i', name: 'i', package: { namespace: 't', name: 'a' } });
    expect(i.package).not.toHaveProperty('version');
  });

  it('reads %-escaped names without the %', async () => {
    const world = await decodeWit(`package t:e; interface %variant { %record: func(%list: u32) -> u32; } world w { import %variant; }`, 'w');
    const iface = interfaceOf(world.imports.get('t:e/variant'));

    expect(iface.name).toBe('variant');
    expect(iface.functions.get('record')).toEqual({ name: 'record', kind: 'freestanding', params: [{ name: 'list', type: primitive.u32 }], result: primitive.u32 });
  });

  it('reads inline interfaces, owned by their item name', async () => {
    const world = await decodeWit(`package t:i; world w { import inline: interface { record z { q: u32 } go: func(z: z); } }`, 'w');
    const inline = interfaceOf(world.imports.get('inline'));

    expect(inline.id).toBe('inline');
    expect(inline).not.toHaveProperty('package');
    expect(inline).not.toHaveProperty('name');
    expect(inline.types.get('z')).toEqual({ kind: 'record', name: { name: 'z', owner: 'inline' }, fields: [{ name: 'q', type: primitive.u32 }] });
  });

  it('reads which interface a plainly named import implements', async () => {
    const world = await decodeWit(`package t:s@1.0.0; interface store { get: func() -> u32; } world w { import my-store: store; }`, 'w');
    const item = world.imports.get('my-store');

    expect(item).toMatchObject({ kind: 'interface', name: 'my-store' });
    expect(interfaceOf(item)).toMatchObject({ id: 't:s/store@1.0.0', name: 'store', package: { namespace: 't', name: 's', version: '1.0.0' } });
  });
});

describe('world functions and types', () => {
  const WIT = `
    package t:f;
    interface types { record r { a: u32 } resource res; }
    world w {
      use types.{r, res};
      type t = u32;
      record point { x: t, y: t }
      import imp: func(p: point, r: r);
      export exp: func(p: point, r: r, x: borrow<res>) -> t;
      export bare: func();
    }
  `;

  it('reads bare function imports and exports', async () => {
    const world = await decodeWit(WIT, 'w');

    expect(world.exports.get('bare')).toEqual({ kind: 'function', name: 'bare', function: { name: 'bare', kind: 'freestanding', params: [] } });
    expect(world.imports.get('imp')).toMatchObject({ kind: 'function', function: { name: 'imp', kind: 'freestanding' } });
  });

  it('reads world-level types as type items, owned by the world, and used types as the interface objects', async () => {
    const world = await decodeWit(WIT, 'w');
    const types = interfaceOf(world.imports.get('t:f/types'));
    const t = { kind: 'u32', name: { name: 't', owner: 'root:component/root' } };

    expect([...world.imports.keys()]).toEqual(['t:f/types', 'r', 'res', 't', 'point', 'imp']);
    expect(world.imports.get('r')).toEqual({ kind: 'type', name: 'r', type: types.types.get('r') });
    expect(world.imports.get('t')).toEqual({ kind: 'type', name: 't', type: t });
    expect(world.imports.get('point')).toEqual({
      kind: 'type',
      name: 'point',
      type: { kind: 'record', name: { name: 'point', owner: 'root:component/root' }, fields: [{ name: 'x', type: t }, { name: 'y', type: t }] },
    });
  });

  it('types bare functions with the world-level types', async () => {
    const world = await decodeWit(WIT, 'w');
    const exp = world.exports.get('exp');
    const point = world.imports.get('point');
    const res = world.imports.get('res');

    expect(exp?.kind === 'function' && exp.function.params.map((param) => param.type)).toEqual([
      point?.kind === 'type' && point.type,
      interfaceOf(world.imports.get('t:f/types')).types.get('r'),
      { kind: 'borrow', resource: res?.kind === 'type' && res.type },
    ]);
    expect(exp?.kind === 'function' && exp.function.result).toMatchObject({ kind: 'u32', name: { name: 't' } });
  });
});
