import { describe, expect, it } from 'vitest';
import { parseWit } from '../../../src/wit/load.js';
import { primitive } from '../../../src/wit/types.js';
import type { World } from '../../../src/wit/world.js';
import { worldOf } from './support.js';

function keys(items: World['imports']): string[] {
  return [...items.entries()].map(([key, item]) => `${item.kind} ${key}`);
}

describe('world items', () => {
  it('keys package interfaces by their interface name and functions and inline interfaces by their plain name', () => {
    const world = worldOf(`
      interface store { get: func(); }
      world w {
        import store;
        import dep:kv/cache@1.0.0;
        import named: store;
        import now: func() -> u64;
        import host: interface { log: func(msg: string); }
        export run: func();
        export store;
      }
      package dep:kv@1.0.0 { interface cache { clear: func(); } }`);
    expect(keys(world.imports)).toEqual([
      'interface test:pkg/store', 'interface dep:kv/cache@1.0.0', 'interface named', 'interface host', 'function now',
    ]);
    expect(keys(world.exports)).toEqual(['function run', 'interface test:pkg/store']);
    expect(world.imports.get('named')).toMatchObject({ name: 'named', interface: { id: 'test:pkg/store', name: 'store' } });
    expect(world.imports.get('host')).toMatchObject({ kind: 'interface', name: 'host', interface: { id: 'host' } });
    expect(world.imports.get('host')).not.toHaveProperty('interface.name');
    expect(world.imports.get('now')).toEqual({ kind: 'function', name: 'now', function: { name: 'now', kind: 'freestanding', params: [], result: primitive.u64 } });
    expect(world).toMatchObject({ name: 'w', package: { namespace: 'test', name: 'pkg' } });
  });

  it('shares the interface objects of the package', () => {
    const doc = parseWit('package test:pkg;\ninterface store {}\nworld w { import store; export store; }');
    const store = doc.main.interfaces.get('store');
    const world = doc.main.worlds.get('w');
    expect(world?.imports.get('test:pkg/store')).toMatchObject({ interface: store });
    expect(world?.exports.get('test:pkg/store')).toMatchObject({ interface: store });
  });

  it('adds `type` imports for types a world uses or declares, owned by the world', () => {
    const world = worldOf(`
      interface types { record entry { k: string } }
      world w {
        use types.{entry as item};
        type key = string;
        resource session { constructor(); close: func(); }
        import get: func(k: key) -> item;
      }`);
    expect(keys(world.imports)).toEqual([
      'interface test:pkg/types', 'type item', 'type key', 'type session', 'function get', 'function [constructor]session', 'function [method]session.close',
    ]);
    expect(world.imports.get('key')).toEqual({ kind: 'type', name: 'key', type: { kind: 'string', name: { name: 'key', owner: 'test:pkg/w' } } });
    expect(world.imports.get('session')).toMatchObject({ type: { kind: 'resource', id: 'test:pkg/w#session' } });
    const item = world.imports.get('item');
    expect(item?.kind === 'type' && item.type.name).toEqual({ name: 'entry', owner: 'test:pkg/types' });
  });

  it('gives inline interfaces their item name as owner and resource prefix', () => {
    const world = worldOf('world w { import host: interface { resource r; f: func() -> r; } }');
    const host = world.imports.get('host');
    expect(host?.kind === 'interface' && host.interface.types.get('r')).toEqual({ kind: 'resource', name: { name: 'r', owner: 'host' }, id: 'host#r' });
  });
});

describe('implicit imports', () => {
  const source = `
    interface a { type x = u32; }
    interface b { use a.{x}; }
    interface c { use b.{x}; f: func(v: x); }`;

  it('imports what an imported interface uses, before it', () => {
    expect(keys(worldOf(`${source}\nworld w { import c; }`).imports)).toEqual([
      'interface test:pkg/a', 'interface test:pkg/b', 'interface test:pkg/c',
    ]);
  });

  it('imports what an exported interface uses, unless it is exported too', () => {
    const world = worldOf(`${source}\nworld w { export c; }`);
    expect(keys(world.imports)).toEqual(['interface test:pkg/a', 'interface test:pkg/b']);
    expect(keys(world.exports)).toEqual(['interface test:pkg/c']);
    const both = worldOf(`${source}\nworld w { export b; export c; }`);
    expect(keys(both.imports)).toEqual(['interface test:pkg/a']);
    expect(keys(both.exports)).toEqual(['interface test:pkg/b', 'interface test:pkg/c']);
  });

  it('imports the interfaces inline interfaces and world `use`s need', () => {
    const world = worldOf(`${source}\nworld w { import h: interface { use c.{x}; } use b.{x as y}; }`);
    expect(keys(world.imports)).toEqual([
      'interface test:pkg/a', 'interface test:pkg/b', 'interface test:pkg/c', 'interface h', 'type y',
    ]);
  });

  it('orders interfaces first, then types, then functions, as wit-parser does', () => {
    const world = worldOf('interface i {}\nworld w { import f: func(); type t = u8; import i; }');
    expect(keys(world.imports)).toEqual(['interface test:pkg/i', 'type t', 'function f']);
  });
});

describe('include', () => {
  it('merges imports and exports, deduplicating interfaces and renaming plain names', () => {
    const world = worldOf(`
      interface log {}
      world one { import log; import now: func(); export run: func(); }
      world two { import log; import now: func(); }
      world w { include one; include two with { now as now2 } }`);
    expect(keys(world.imports)).toEqual(['interface test:pkg/log', 'function now', 'function now2']);
    expect(keys(world.exports)).toEqual(['function run']);
    expect(world.imports.get('now2')).toMatchObject({ name: 'now2', function: { name: 'now2' } });
  });

  it('includes worlds of other packages, with what they imported implicitly', () => {
    const world = worldOf(`
      world w { include dep:cli/imports@1.0.0; export run: func(); }
      package dep:cli@1.0.0 {
        interface types { type fd = u32; }
        interface stdio { use types.{fd}; stdout: func() -> fd; }
        world imports { import stdio; }
      }`);
    expect(keys(world.imports)).toEqual(['interface dep:cli/types@1.0.0', 'interface dep:cli/stdio@1.0.0']);
  });

  it('renames an included inline interface to its new item name', () => {
    const world = worldOf('world v { import h: interface {} }\nworld w { include v with { h as host } }');
    expect(world.imports.get('host')).toMatchObject({ name: 'host', interface: { id: 'host' } });
  });
});
