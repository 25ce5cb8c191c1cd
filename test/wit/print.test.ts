import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { loadWit, parseWit } from '../../src/wit/load.js';
import { printFunctionSignature, printInterface, printWitType, printWorld } from '../../src/wit/print.js';
import { primitive, type ResourceType, type WitType } from '../../src/wit/types.js';
import type { WitFunction, WitInterface, World } from '../../src/wit/world.js';
import { witTypeArbitrary } from '../support/wit-type-arbitrary.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/wit/', import.meta.url));
const RESOURCE: ResourceType = { kind: 'resource', name: { name: 'file', owner: 'a:b/fs' }, id: 'a:b/fs#file' };

describe('printWitType', () => {
  it.each<[WitType, string]>([
    [primitive.u32, 'u32'],
    [{ kind: 'list', element: primitive.u8 }, 'list<u8>'],
    [{ kind: 'list', element: primitive.u8, length: 4 }, 'list<u8, 4>'],
    [{ kind: 'tuple', elements: [primitive.s8, primitive.string] }, 'tuple<s8, string>'],
    [{ kind: 'option', some: { kind: 'option', some: primitive.char } }, 'option<option<char>>'],
    [{ kind: 'result' }, 'result'],
    [{ kind: 'result', ok: primitive.u8 }, 'result<u8>'],
    [{ kind: 'result', err: primitive.u8 }, 'result<_, u8>'],
    [{ kind: 'result', ok: primitive.f32, err: primitive.f64 }, 'result<f32, f64>'],
    [{ kind: 'own', resource: RESOURCE }, 'file'],
    [{ kind: 'borrow', resource: RESOURCE }, 'borrow<file>'],
    [{ kind: 'future' }, 'future'],
    [{ kind: 'stream', element: primitive.u8 }, 'stream<u8>'],
    [{ kind: 'error-context' }, 'error-context'],
    [{ kind: 'record', name: { name: 'entry' }, fields: [{ name: 'k', type: primitive.u8 }] }, 'entry'],
    [{ kind: 'enum', name: { name: 'record', owner: 'a:b/c' }, cases: ['x'] }, '%record'],
    [{ kind: 'list', name: { name: 'bytes' }, element: primitive.u8 }, 'bytes'],
    [{ kind: 'record', fields: [{ name: 'type', type: primitive.u8 }] }, 'record { %type: u8 }'],
    [{ kind: 'variant', cases: [{ name: 'a' }, { name: 'b', type: primitive.u8 }] }, 'variant { a, b(u8) }'],
    [{ kind: 'flags', flags: ['read', 'write'] }, 'flags { read, write }'],
  ])('prints %j as %s', (type, text) => {
    expect(printWitType(type)).toBe(text);
  });
});

describe('printFunctionSignature', () => {
  it('prints freestanding, async and resource functions', () => {
    const get: WitFunction = { name: 'get', kind: 'freestanding', params: [{ name: 'key', type: primitive.string }], result: { kind: 'option', some: primitive.string } };
    const read: WitFunction = { name: '[method]file.read', kind: 'method', resource: RESOURCE, params: [{ name: 'self', type: { kind: 'borrow', resource: RESOURCE } }], async: true };
    const list: WitFunction = { name: 'list', kind: 'freestanding', params: [] };
    expect(printFunctionSignature(get)).toBe('get: func(key: string) -> option<string>');
    expect(printFunctionSignature(read)).toBe('[method]file.read: async func(self: borrow<file>)');
    expect(printFunctionSignature(list)).toBe('%list: func()');
  });
});

describe('printInterface', () => {
  it('writes uses, declarations with resource functions inside, then functions', () => {
    const doc = parseWit(`package a:b@1.0.0;
interface types { record entry { key: string } }
interface store {
  use types.{entry};
  use dep:x/api.{id as key-id};
  type key = string;
  resource handle {
    constructor(name: string);
    get: func(key: key) -> option<entry>;
    open: static func() -> result<handle, string>;
  }
  %list: func() -> list<key-id>;
}
package dep:x { interface api { type id = u64; } }`);
    expect(printInterface(doc.main.interfaces.get('store') as WitInterface)).toBe(`interface store {
  use types.{entry};
  use dep:x/api.{id as key-id};

  type key = string;

  resource handle {
    constructor(name: string);
    get: func(key: key) -> option<entry>;
    open: static func() -> result<handle, string>;
  }

  %list: func() -> list<key-id>;
}`);
  });
});

describe('printWorld', () => {
  it('writes the world, its package interfaces, and other packages in nested blocks', () => {
    const doc = parseWit(`package app:main;
interface api { use dep:x/types@1.0.0.{id}; get: func() -> id; }
world w { import api; export run: func(); }
package dep:x@1.0.0 { interface types { type id = u64; } }`);
    expect(printWorld(doc.main.worlds.get('w') as World)).toBe(`package app:main;

world w {
  import dep:x/types@1.0.0;
  import api;

  export run: func();
}

interface api {
  use dep:x/types@1.0.0.{id};

  get: func() -> id;
}

package dep:x@1.0.0 {
  interface types {
    type id = u64;
  }
}
`);
  });

  it('writes world types, resources and inline interfaces', () => {
    const world = parseWit(`package a:b;
interface t { type x = u8; }
world w {
  use t.{x as y};
  record r { f: y }
  resource s { constructor(); m: func() -> r; }
  import host: interface { use t.{x}; f: func(v: x); }
  import g: func(v: r);
  import named: t;
}`).main.worlds.get('w') as World;
    expect(printWorld(world)).toBe(`package a:b;

world w {
  import t;

  import host: interface {
    use t.{x};

    f: func(v: x);
  }

  import named: t;

  use t.{x as y};

  record r {
    f: y,
  }

  resource s {
    constructor();
    m: func() -> r;
  }

  import g: func(v: r);
}

interface t {
  type x = u8;
}
`);
  });

  it('declares the types of an included world in the including world', () => {
    // `use base.{t}` would be wrong: `base` is a world, and worlds cannot be `use`d.
    const doc = parseWit(`package a:b;
world base { type t = u8; resource r { constructor(); } import f: func(v: t) -> r; }
world app { include base; }`);
    const printed = printWorld(doc.main.worlds.get('app') as World);
    expect(printed).toBe(`package a:b;

world app {
  type t = u8;

  resource r {
    constructor();
  }

  import f: func(v: t) -> r;
}
`);
    expect(printWorld(parseWit(printed).main.worlds.get('app') as World)).toBe(printed);
  });

  it('names a package for a world that has none', () => {
    const world: World = { name: 'root', imports: new Map(), exports: new Map([['run', { kind: 'function', name: 'run', function: { name: 'run', kind: 'freestanding', params: [] } }]]) };
    expect(printWorld(world)).toBe('package root:component;\n\nworld root {\n  export run: func();\n}\n');
  });

  it('makes a world from a component complete: uses for foreign types, names for anonymous ones', () => {
    // What a binary reader may produce: a function refers to a record of another
    // interface that the interface does not list, and to a record with no name.
    const entry: WitType = { kind: 'record', name: { name: 'entry', owner: 'dep:kv/types@1.0.0' }, fields: [{ name: 'k', type: primitive.string }] };
    const anonymous: WitType = { kind: 'record', fields: [{ name: 'n', type: primitive.u32 }] };
    const types: WitInterface = { id: 'dep:kv/types@1.0.0', package: { namespace: 'dep', name: 'kv', version: '1.0.0' }, name: 'types', types: new Map([['entry', entry]]), functions: new Map() };
    const get: WitFunction = { name: 'get', kind: 'freestanding', params: [{ name: 'p', type: anonymous }], result: entry };
    const store: WitInterface = { id: 'dep:kv/store@1.0.0', package: types.package, name: 'store', types: new Map(), functions: new Map([['get', get]]) };
    const world: World = {
      name: 'root',
      imports: new Map([
        ['dep:kv/types@1.0.0', { kind: 'interface', name: 'dep:kv/types@1.0.0', interface: types }],
        ['dep:kv/store@1.0.0', { kind: 'interface', name: 'dep:kv/store@1.0.0', interface: store }],
      ]),
      exports: new Map(),
    };
    const text = printWorld(world);
    expect(text).toContain('use types.{entry};');
    expect(text).toContain('record anonymous-record {');
    const reread = parseWit(text).main.worlds.get('root');
    const item = reread?.imports.get('dep:kv/store@1.0.0');
    const func = item?.kind === 'interface' ? item.interface.functions.get('get') : undefined;
    expect(func?.params[0]?.type).toMatchObject({ kind: 'record', fields: [{ name: 'n', type: primitive.u32 }] });
    expect(func?.result).toMatchObject({ kind: 'record', name: { name: 'entry', owner: 'dep:kv/types@1.0.0' } });
  });
});

describe('round trip', () => {
  const fixtures = ['types.wit', 'worlds.wit', 'nested.wit', 'wasi-app'];

  it.each(fixtures)('%s: print -> parse -> print gives the same text for every world and interface', async (fixture) => {
    const doc = await loadWit(FIXTURES + fixture);
    for (const pkg of doc.packages) {
      for (const world of pkg.worlds.values()) {
        const printed = printWorld(world);
        const reread = parseWit(printed, 'printed.wit').main.worlds.get(world.name) as World;
        expect(printWorld(reread)).toBe(printed);
        expect([...reread.imports.keys()]).toEqual([...world.imports.keys()]);
        expect([...reread.exports.keys()]).toEqual([...world.exports.keys()]);
      }
      for (const iface of pkg.interfaces.values()) {
        const printed = printInterface(iface);
        const pkgHeader = `package ${pkg.name.namespace}:${pkg.name.name}${pkg.name.version === undefined ? '' : `@${pkg.name.version}`};\n`;
        if (printed.includes('use ')) continue; // needs its neighbours: covered by the world round trip
        const reread = parseWit(pkgHeader + printed).main.interfaces.get(iface.name as string) as WitInterface;
        expect(printInterface(reread)).toBe(printed);
      }
    }
  });

  it('keeps every function signature of the fixture interfaces', async () => {
    const doc = await loadWit(FIXTURES + 'types.wit');
    const iface = doc.main.interfaces.get('all') as WitInterface;
    const reread = parseWit(`package test:types@1.2.3-rc.1+build.5;\n${printInterface(iface)}`).main.interfaces.get('all') as WitInterface;
    expect([...reread.functions.values()].map(printFunctionSignature)).toEqual([...iface.functions.values()].map(printFunctionSignature));
    expect([...reread.types.keys()]).toEqual([...iface.types.keys()]);
  });

  it('reads the printed fixture text back into the same model', async () => {
    const source = await readFile(FIXTURES + 'types.wit', 'utf8');
    const first = parseWit(source).main.interfaces.get('all') as WitInterface;
    const second = parseWit(`package test:types@1.2.3-rc.1+build.5;\n${printInterface(first)}`).main.interfaces.get('all') as WitInterface;
    expect(second.types).toEqual(first.types);
    expect(second.functions).toEqual(first.functions);
  });
});

/** The structure of a type without its names: what decides which values it has. */
function structure(type: WitType): unknown {
  switch (type.kind) {
    case 'list':
      return { kind: 'list', element: structure(type.element), length: type.length };
    case 'tuple':
      return { kind: 'tuple', elements: type.elements.map(structure) };
    case 'option':
      return { kind: 'option', some: structure(type.some) };
    case 'result':
      return { kind: 'result', ok: type.ok && structure(type.ok), err: type.err && structure(type.err) };
    case 'record':
      return { kind: 'record', fields: type.fields.map((f) => [f.name, structure(f.type)]) };
    case 'variant':
      return { kind: 'variant', cases: type.cases.map((c) => [c.name, c.type && structure(c.type)]) };
    case 'enum':
      return { kind: 'enum', cases: type.cases };
    case 'flags':
      return { kind: 'flags', flags: type.flags };
    case 'own':
    case 'borrow':
      return { kind: type.kind, resource: type.resource.id };
    default:
      return { kind: type.kind };
  }
}

function containsBorrow(type: WitType): boolean {
  return JSON.stringify(structure(type)).includes('"borrow"');
}

describe('round trip of random types', () => {
  test.prop([witTypeArbitrary()], { numRuns: 300 })('a type printed in an interface reads back with the same structure', (type) => {
    // Anonymous records, variants, enums and flags get declared under made-up names;
    // the resource of the handles (`thing`) gets declared too.
    const params = [{ name: 'value', type }];
    const functions = new Map<string, WitFunction>([['take', { name: 'take', kind: 'freestanding', params }]]);
    if (!containsBorrow(type)) functions.set('give', { name: 'give', kind: 'freestanding', params: [], result: type });
    const iface: WitInterface = { id: 'test:pkg/iface', package: { namespace: 'test', name: 'pkg' }, name: 'iface', types: new Map(), functions };
    const world: World = { package: iface.package, name: 'w', imports: new Map([[iface.id, { kind: 'interface', name: iface.id, interface: iface }]]), exports: new Map() };

    const reread = parseWit(printWorld(world)).main.interfaces.get('iface') as WitInterface;

    expect(structure(reread.functions.get('take')?.params[0]?.type as WitType)).toEqual(structure(type));
    if (functions.has('give')) expect(structure(reread.functions.get('give')?.result as WitType)).toEqual(structure(type));
  });
});
