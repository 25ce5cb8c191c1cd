import { beforeAll, describe, expect, it } from 'vitest';
import { decodeComponentWorld } from '../../../src/wit/binary/decode.js';
import { PRIMITIVE_KINDS, primitive, type WitType } from '../../../src/wit/types.js';
import type { WitInterface, World } from '../../../src/wit/world.js';
import { componentFromWit } from '../../support/component-from-wit.js';

const OWNER = 'test:values/all@1.0.0';

const WIT = `
package test:values@1.0.0;

interface all {
  record prims {
    %bool: bool, %s8: s8, %s16: s16, %s32: s32, %s64: s64,
    %u8: u8, %u16: u16, %u32: u32, %u64: u64,
    %f32: f32, %f64: f64, %char: char, %string: string,
  }
  enum color { red, green, blue }
  flags perms { read, write, exec }
  flags many { ${Array.from({ length: 32 }, (_, i) => `f${i}`).join(', ')} }
  variant shape { circle(f64), square(tuple<f64, f64>), nothing }
  type bytes = list<u8>;
  type quad = list<u8, 4>;
  use-prims: func(p: prims) -> prims;
  use-named: func(c: color, p: perms, m: many, s: shape, b: bytes, q: quad);
  results: func(a: result, b: result<u32>, c: result<_, string>, d: result<u32, string>);
  nesting: func(a: list<list<string>>, b: option<option<u32>>, c: tuple<u8, string, option<char>>) -> list<u16, 3>;
}

world w { import all; export all; }
`;

const named = (name: string) => ({ name, owner: OWNER });

let world: World;
let imported: WitInterface;
let exported: WitInterface;

beforeAll(async () => {
  world = decodeComponentWorld(await componentFromWit(WIT, 'w'));
  imported = interfaceOf(world, 'import');
  exported = interfaceOf(world, 'export');
});

function interfaceOf(decoded: World, direction: 'import' | 'export'): WitInterface {
  const item = (direction === 'import' ? decoded.imports : decoded.exports).get(OWNER);
  if (item?.kind !== 'interface') throw new Error(`no ${direction}ed interface ${OWNER}`);
  return item.interface;
}

function params(iface: WitInterface, func: string): Record<string, WitType> {
  const found = iface.functions.get(func);
  if (found === undefined) throw new Error(`no function ${func}`);
  return Object.fromEntries(found.params.map((param) => [param.name, param.type]));
}

describe.each(['import', 'export'] as const)('value types of an %sed interface', (direction) => {
  const iface = (): WitInterface => (direction === 'import' ? imported : exported);

  it('reads every primitive type, with %-escaped field names unescaped', () => {
    const prims = iface().types.get('prims');

    expect(prims).toEqual({ kind: 'record', name: named('prims'), fields: PRIMITIVE_KINDS.map((kind) => ({ name: kind, type: primitive[kind] })) });
  });

  it('reads enums, flags (all 32 of them) and variants with and without payloads', () => {
    const { c, p, m, s } = params(iface(), 'use-named');

    expect(c).toEqual({ kind: 'enum', name: named('color'), cases: ['red', 'green', 'blue'] });
    expect(p).toEqual({ kind: 'flags', name: named('perms'), flags: ['read', 'write', 'exec'] });
    expect(m).toMatchObject({ kind: 'flags', name: named('many') });
    expect(m?.kind === 'flags' && m.flags).toEqual(Array.from({ length: 32 }, (_, i) => `f${i}`));
    expect(s).toEqual({
      kind: 'variant',
      name: named('shape'),
      cases: [
        { name: 'circle', type: primitive.f64 },
        { name: 'square', type: { kind: 'tuple', elements: [primitive.f64, primitive.f64] } },
        { name: 'nothing' },
      ],
    });
  });

  it('reads lists, fixed-size lists and aliases of them', () => {
    const { b, q } = params(iface(), 'use-named');

    expect(b).toEqual({ kind: 'list', name: named('bytes'), element: primitive.u8 });
    expect(q).toEqual({ kind: 'list', name: named('quad'), element: primitive.u8, length: 4 });
    expect(iface().functions.get('nesting')?.result).toEqual({ kind: 'list', element: primitive.u16, length: 3 });
  });

  it('reads result in all four shapes', () => {
    const { a, b, c, d } = params(iface(), 'results');

    expect(a).toEqual({ kind: 'result' });
    expect(b).toEqual({ kind: 'result', ok: primitive.u32 });
    expect(c).toEqual({ kind: 'result', err: primitive.string });
    expect(d).toEqual({ kind: 'result', ok: primitive.u32, err: primitive.string });
  });

  it('reads nested lists, options and tuples', () => {
    const { a, b, c } = params(iface(), 'nesting');

    expect(a).toEqual({ kind: 'list', element: { kind: 'list', element: primitive.string } });
    expect(b).toEqual({ kind: 'option', some: { kind: 'option', some: primitive.u32 } });
    expect(c).toEqual({ kind: 'tuple', elements: [primitive.u8, primitive.string, { kind: 'option', some: primitive.char }] });
  });

  it('lists named types in binary order and functions in declaration order', () => {
    expect([...iface().types.keys()]).toEqual(['prims', 'color', 'perms', 'many', 'shape', 'bytes', 'quad']);
    expect([...iface().functions.keys()]).toEqual(['use-prims', 'use-named', 'results', 'nesting']);
    expect(iface().functions.get('use-prims')?.result).toBe(iface().types.get('prims'));
  });
});

it('gives the imported and the exported interface the same package and interface name', () => {
  for (const iface of [imported, exported]) {
    expect(iface).toMatchObject({ id: OWNER, name: 'all', package: { namespace: 'test', name: 'values', version: '1.0.0' } });
  }
  expect(world).toMatchObject({ name: 'root', package: { namespace: 'root', name: 'component' } });
});
