import { describe, expect, it } from 'vitest';
import type { InterfaceSyntax, TypeDefSyntax, WorldSyntax } from '../../../src/wit/text/ast.js';
import { parseWitFile } from '../../../src/wit/text/parser.js';

function firstInterface(source: string): InterfaceSyntax {
  const item = parseWitFile(`package a:b;\n${source}`).root.items[0];
  if (item?.kind !== 'interface') throw new Error('not an interface');
  return item;
}

function firstWorld(source: string): WorldSyntax {
  const item = parseWitFile(`package a:b;\n${source}`).root.items[0];
  if (item?.kind !== 'world') throw new Error('not a world');
  return item;
}

function typeDefs(body: string): TypeDefSyntax[] {
  return firstInterface(`interface i { ${body} }`).items.flatMap((item) => (item.kind === 'type' ? [item.def] : []));
}

describe('packages', () => {
  it('reads a package header with a full semver version', () => {
    const file = parseWitFile('package wasi:io@0.2.0-rc.2023-11-10;');
    expect(file.root.package).toMatchObject({ namespace: { name: 'wasi' }, name: { name: 'io' }, version: '0.2.0-rc.2023-11-10' });
  });

  it('reads nested package blocks beside the root package', () => {
    const file = parseWitFile('package a:root;\ninterface x {}\npackage b:dep@1.0.0 { interface y {} }\npackage c:dep { world z {} }');
    expect(file.root.items.map((item) => item.kind)).toEqual(['interface']);
    expect(file.nested.map((unit) => [unit.package?.name.name, unit.items.map((item) => item.kind)])).toEqual([
      ['dep', ['interface']],
      ['dep', ['world']],
    ]);
  });

  it('allows a file with no header and only nested packages', () => {
    const file = parseWitFile('package a:b { interface i {} }');
    expect(file.root.package).toBeUndefined();
    expect(file.nested).toHaveLength(1);
  });

  it('reads top-level `use` with and without `as`', () => {
    const items = parseWitFile('package a:b;\nuse wasi:io/streams@0.2.0;\nuse local as other;').root.items;
    expect(items).toMatchObject([
      { kind: 'use', path: { kind: 'package', package: { namespace: { name: 'wasi' }, name: { name: 'io' }, version: '0.2.0' }, name: { name: 'streams' } } },
      { kind: 'use', path: { kind: 'local', name: { name: 'local' } }, as: { name: 'other' } },
    ]);
  });

  it('keeps the file name and positions of identifiers', () => {
    const file = parseWitFile('package a:b;\n\ninterface  types {}', 'dir/types.wit');
    expect(file.root.items[0]).toMatchObject({ name: { name: 'types', location: { file: 'dir/types.wit', line: 3, column: 12 } } });
  });
});

describe('interfaces', () => {
  it('reads `use` with renames and a trailing comma', () => {
    const [use] = firstInterface('interface i { use ns:p/types@1.0.0.{a, b as c,}; }').items;
    expect(use).toMatchObject({ kind: 'use', names: [{ name: { name: 'a' } }, { name: { name: 'b' }, as: { name: 'c' } }] });
  });

  it('reads functions, async functions and `%` names', () => {
    const items = firstInterface('interface i { f: func(a: u32, b: string) -> bool; %list: async func(); }').items;
    expect(items).toMatchObject([
      { kind: 'func', name: { name: 'f' }, func: { async: false, params: [{ name: { name: 'a' }, type: { kind: 'u32' } }, { name: { name: 'b' } }], result: { kind: 'bool' } } },
      { kind: 'func', name: { name: 'list' }, func: { async: true, params: [] } },
    ]);
    expect(items[1]).not.toHaveProperty('func.result');
  });

  it('reads every kind of type definition', () => {
    const defs = typeDefs(`
      type t = list<u8>;
      record r { a: u32, b: option<s8>, }
      variant v { none, some(u32) }
      enum e { x, y }
      flags f { read, write }
      resource plain;
      resource full { constructor(x: u32); m: func(); s: static func() -> full; a: static async func(); }`);
    expect(defs.map((def) => [def.kind, def.name.name])).toEqual([
      ['alias', 't'], ['record', 'r'], ['variant', 'v'], ['enum', 'e'], ['flags', 'f'], ['resource', 'plain'], ['resource', 'full'],
    ]);
    expect(defs[6]).toMatchObject({
      functions: [
        { kind: 'constructor', func: { params: [{ name: { name: 'x' } }] } },
        { kind: 'method', name: { name: 'm' } },
        { kind: 'static', name: { name: 's' }, func: { result: { kind: 'name', name: { name: 'full' } } } },
        { kind: 'static', name: { name: 'a' }, func: { async: true } },
      ],
    });
  });

  it('reads a fallible constructor', () => {
    const [def] = typeDefs('resource r { constructor() -> result<r, string>; }');
    expect(def).toMatchObject({ functions: [{ kind: 'constructor', func: { result: { kind: 'result' } } }] });
  });

  it('reads every type expression', () => {
    const [def] = typeDefs(
      'type t = tuple<bool, s8, s16, s32, s64, u8, u16, u32, u64, f32, f64, char, string, list<u8>, list<u8, 4>, option<x>, result, result<u8>, result<_, u8>, result<u8, u8>, own<r>, borrow<r>, future, future<u8>, stream, stream<u8>, error-context, map<string, u8>>;',
    );
    if (def?.kind !== 'alias' || def.type.kind !== 'tuple') throw new Error('expected a tuple alias');
    expect(def.type.elements.map((t) => t.kind)).toEqual([
      'bool', 's8', 's16', 's32', 's64', 'u8', 'u16', 'u32', 'u64', 'f32', 'f64', 'char', 'string', 'list', 'list', 'option',
      'result', 'result', 'result', 'result', 'own', 'borrow', 'future', 'future', 'stream', 'stream', 'error-context', 'map',
    ]);
    expect(def.type.elements[14]).toMatchObject({ kind: 'list', length: 4 });
    expect(def.type.elements[18]).toMatchObject({ kind: 'result', err: { kind: 'u8' } });
    expect(def.type.elements[18]).not.toHaveProperty('ok');
  });

  it('keeps doc comments and gates of items, fields and cases', () => {
    const [def] = typeDefs('/// A point.\n@since(version = 1.0.0) @unstable(feature = geo) @deprecated(version = 2.0.0)\nrecord p {\n/// The x.\nx: u32 }');
    expect(def).toMatchObject({
      docs: ['A point.'],
      gates: [{ kind: 'since', version: '1.0.0' }, { kind: 'unstable', feature: 'geo' }, { kind: 'deprecated', version: '2.0.0' }],
      fields: [{ docs: ['The x.'] }],
    });
  });
});

describe('worlds', () => {
  it('tells the forms of import and export apart', () => {
    const world = firstWorld(`world w {
      import iface;
      import ns:pkg/iface@1.0.0;
      import named: ns:pkg/iface;
      import local-named: iface;
      import f: func(x: u32);
      import g: async func();
      export inline: interface { f: func(); }
    }`);
    expect(world.items.map((item) => (item.kind === 'import' || item.kind === 'export' ? `${item.kind} ${item.extern.kind}` : item.kind))).toEqual([
      'import path', 'import path', 'import named-path', 'import named-path', 'import func', 'import func', 'export interface',
    ]);
  });

  it('reads `use`, type definitions and `include ... with`', () => {
    const world = firstWorld('world w { use t.{x}; type y = x; resource r; include other with { a as b, c as d } include ns:p/base@1.0.0; }');
    expect(world.items.map((item) => item.kind)).toEqual(['use', 'type', 'type', 'include', 'include']);
    expect(world.items[3]).toMatchObject({ with: [{ name: { name: 'a' }, as: { name: 'b' } }, { name: { name: 'c' }, as: { name: 'd' } }] });
  });

  it('reads `@external-id("...")` before an import', () => {
    const world = firstWorld('world w { @external-id("https://example.com/x") import x: func(); }');
    expect(world.items[0]).toMatchObject({ gates: [{ kind: 'external-id', value: 'https://example.com/x' }] });
  });
});
