import { describe, expect, it } from 'vitest';
import { parseWit } from '../../../src/wit/load.js';
import { primitive, type WitType } from '../../../src/wit/types.js';
import { interfaceOf } from './support.js';

const OWNER = 'test:pkg/i';

describe('type definitions', () => {
  it('gives declared types their name and owner', () => {
    const iface = interfaceOf('interface i { record point { x: s32, y: s32 } enum color { red, green } flags perms { read, write } variant v { a, b(u8) } }');
    expect(iface.types.get('point')).toEqual({
      kind: 'record',
      name: { name: 'point', owner: OWNER },
      fields: [{ name: 'x', type: primitive.s32 }, { name: 'y', type: primitive.s32 }],
    });
    expect(iface.types.get('color')).toEqual({ kind: 'enum', name: { name: 'color', owner: OWNER }, cases: ['red', 'green'] });
    expect(iface.types.get('perms')).toEqual({ kind: 'flags', name: { name: 'perms', owner: OWNER }, flags: ['read', 'write'] });
    expect(iface.types.get('v')).toEqual({ kind: 'variant', name: { name: 'v', owner: OWNER }, cases: [{ name: 'a' }, { name: 'b', type: primitive.u8 }] });
  });

  it('spells out anonymous types and shares the primitive instances', () => {
    const iface = interfaceOf('interface i { type t = tuple<list<u8>, list<u8, 4>, option<string>, result, result<u8>, result<_, u8>, result<u8, s8>>; }');
    const elements: WitType[] = [
      { kind: 'list', element: primitive.u8 },
      { kind: 'list', element: primitive.u8, length: 4 },
      { kind: 'option', some: primitive.string },
      { kind: 'result' },
      { kind: 'result', ok: primitive.u8 },
      { kind: 'result', err: primitive.u8 },
      { kind: 'result', ok: primitive.u8, err: primitive.s8 },
    ];
    expect(iface.types.get('t')).toEqual({ kind: 'tuple', name: { name: 't', owner: OWNER }, elements });
    const tuple = iface.types.get('t') as Extract<WitType, { kind: 'tuple' }>;
    expect((tuple.elements[0] as Extract<WitType, { kind: 'list' }>).element).toBe(primitive.u8);
  });

  it('resolves names written before their declaration', () => {
    const iface = interfaceOf('interface i { f: func() -> later; type later = u32; }');
    expect(iface.functions.get('f')?.result).toBe(iface.types.get('later'));
  });

  it('gives an alias the structure of its target under its own name', () => {
    const iface = interfaceOf('interface i { record point { x: u8 } type location = point; type loc2 = location; type n = u32; }');
    const point = iface.types.get('point') as Extract<WitType, { kind: 'record' }>;
    expect(iface.types.get('location')).toEqual({ ...point, name: { name: 'location', owner: OWNER } });
    expect(iface.types.get('loc2')).toEqual({ ...point, name: { name: 'loc2', owner: OWNER } });
    expect(iface.types.get('n')).toEqual({ kind: 'u32', name: { name: 'n', owner: OWNER } });
  });

  it('keeps future, stream and error-context so that worlds using them load', () => {
    const iface = interfaceOf('interface i { f: async func(a: future<u32>, b: stream, c: error-context) -> stream<u8>; }');
    const f = iface.functions.get('f');
    expect(f?.async).toBe(true);
    expect(f?.params.map((p) => p.type)).toEqual([{ kind: 'future', element: primitive.u32 }, { kind: 'stream' }, { kind: 'error-context' }]);
    expect(f?.result).toEqual({ kind: 'stream', element: primitive.u8 });
  });

  it('loads items under every gate, @unstable ones included', () => {
    const source = 'package test:pkg@1.0.0;\ninterface i { @unstable(feature = x) a: func(); @since(version = 1.0.0) @deprecated(version = 1.0.0) b: func(); }';
    expect([...(parseWit(source).main.interfaces.get('i')?.functions.keys() ?? [])]).toEqual(['a', 'b']);
  });
});

describe('use', () => {
  it('brings in the very same type object, under its own or a new name', () => {
    const pkg = parseWit('package test:pkg;\ninterface types { record entry { k: string } }\ninterface i { use types.{entry, entry as item}; f: func(e: item); }').main;
    const entry = pkg.interfaces.get('types')?.types.get('entry');
    const i = pkg.interfaces.get('i');
    expect(i?.types.get('entry')).toBe(entry);
    expect(i?.types.get('item')).toBe(entry);
    expect(i?.functions.get('f')?.params[0]?.type).toBe(entry);
    expect(entry?.name).toEqual({ name: 'entry', owner: 'test:pkg/types' });
  });

  it('resolves across packages with versions and top-level `use` aliases', () => {
    const doc = parseWit(
      'package test:app;\nuse dep:lib/types@1.0.0 as lib;\ninterface i { use lib.{id}; use dep:lib/types@1.0.0.{id as id2}; }\npackage dep:lib@1.0.0 { interface types { type id = u64; } }',
    );
    const types = doc.packages.find((p) => p.name.namespace === 'dep')?.interfaces.get('types');
    const i = doc.main.interfaces.get('i');
    expect(i?.types.get('id')).toBe(types?.types.get('id'));
    expect(i?.types.get('id2')).toBe(types?.types.get('id'));
    expect(types?.id).toBe('dep:lib/types@1.0.0');
  });

  it('lists used types in declaration order with the declared ones', () => {
    const iface = interfaceOf('interface t { type a = u8; type b = u8; }\ninterface i { type x = u8; use t.{b, a}; type y = u8; }');
    expect([...iface.types.keys()]).toEqual(['x', 'b', 'a', 'y']);
  });
});

describe('resources', () => {
  const source = `interface i {
    resource blob {
      constructor(init: list<u8>);
      write: func(bytes: list<u8>);
      merge: static func(a: borrow<blob>, b: borrow<blob>) -> blob;
      size: async func() -> u64;
    }
    resource fallible { constructor() -> result<fallible, string>; }
    type alias = blob;
    f: func(a: blob, b: own<blob>, c: borrow<alias>, d: alias);
  }`;

  it('gives each resource an id unique to its interface', () => {
    const iface = interfaceOf(source);
    expect(iface.types.get('blob')).toEqual({ kind: 'resource', name: { name: 'blob', owner: OWNER }, id: `${OWNER}#blob` });
  });

  it('desugars resource functions into component-model names', () => {
    const iface = interfaceOf(source);
    const blob = iface.types.get('blob');
    expect([...iface.functions.keys()]).toEqual(['[constructor]blob', '[method]blob.write', '[static]blob.merge', '[method]blob.size', '[constructor]fallible', 'f']);
    expect(iface.functions.get('[constructor]blob')).toEqual({
      name: '[constructor]blob',
      kind: 'constructor',
      resource: blob,
      params: [{ name: 'init', type: { kind: 'list', element: primitive.u8 } }],
      result: { kind: 'own', resource: blob },
    });
    expect(iface.functions.get('[method]blob.write')?.params[0]).toEqual({ name: 'self', type: { kind: 'borrow', resource: blob } });
    expect(iface.functions.get('[static]blob.merge')).toMatchObject({ kind: 'static', result: { kind: 'own', resource: blob } });
    expect(iface.functions.get('[method]blob.size')).toMatchObject({ kind: 'method', async: true });
  });

  it('keeps the written result of a fallible constructor', () => {
    const iface = interfaceOf(source);
    const fallible = iface.types.get('fallible');
    expect(iface.functions.get('[constructor]fallible')?.result).toEqual({ kind: 'result', ok: { kind: 'own', resource: fallible }, err: primitive.string });
  });

  it('makes a bare resource name an owned handle, and an alias the same resource', () => {
    const iface = interfaceOf(source);
    const alias = iface.types.get('alias');
    expect(alias).toEqual({ kind: 'resource', name: { name: 'alias', owner: OWNER }, id: `${OWNER}#blob` });
    expect(iface.functions.get('f')?.params.map((p) => [p.type.kind, (p.type as { resource?: { id: string } }).resource?.id])).toEqual([
      ['own', `${OWNER}#blob`], ['own', `${OWNER}#blob`], ['borrow', `${OWNER}#blob`], ['own', `${OWNER}#blob`],
    ]);
  });

  it('keeps the identity of a resource used from another interface', () => {
    const pkg = parseWit('package test:pkg;\ninterface a { resource r; }\ninterface b { use a.{r}; f: func(x: borrow<r>); }').main;
    const r = pkg.interfaces.get('a')?.types.get('r');
    expect(pkg.interfaces.get('b')?.functions.get('f')?.params[0]?.type).toEqual({ kind: 'borrow', resource: r });
  });
});
