import { describe, expect, it } from 'vitest';
import { decodeComponentWorld } from '../../../src/wit/binary/decode.js';
import type { WitInterface, WorldItem } from '../../../src/wit/world.js';
import { linkComponents, wrapComponent } from '../../support/component-compose.js';
import { componentFromWit } from '../../support/component-from-wit.js';

function interfaceOf(item: WorldItem | undefined): WitInterface {
  if (item?.kind !== 'interface') throw new Error(`expected an interface, got ${item?.kind}`);
  return item.interface;
}

const WORLDS: Record<string, [string, string]> = {
  'interfaces and resources': [
    `package held:kv@0.1.0;
     interface types { record entry { key: string } resource handle { constructor(x: u32); get: func() -> entry; } }
     interface store { use types.{handle, entry}; get: func(h: borrow<handle>) -> result<entry, string>; }
     interface api { use types.{entry, handle as h2}; resource thing { run: func(e: entry) -> h2; } go: func(t: thing) -> list<entry>; }
     world app { import store; export api; export run: func(x: u32) -> u32; }`,
    'app',
  ],
  'world-level types and inline interfaces': [
    `package t:f;
     interface types { record r { a: u32 } resource res; }
     world w {
       use types.{r, res};
       type t = u32;
       resource wr { constructor(); }
       import imp: func(r: r) -> wr;
       import inline: interface { record z { q: u32 } go: func(z: z); }
       export exp: func(r: r, x: borrow<res>) -> t;
     }`,
    'w',
  ],
};

describe.each(Object.entries(WORLDS))('a component nested in a composition (%s)', (_, [wit, world]) => {
  it('has the same world one level deeper', async () => {
    const inner = await componentFromWit(wit, world);

    const wrapped = await wrapComponent(inner);

    expect(decodeComponentWorld(wrapped)).toEqual(decodeComponentWorld(inner));
  });

  it('has the same world two levels deeper', async () => {
    const inner = await componentFromWit(wit, world);

    const wrapped = await wrapComponent(await wrapComponent(inner));

    expect(decodeComponentWorld(wrapped)).toEqual(decodeComponentWorld(inner));
  });
});

describe('two components linked through an interface with a resource', () => {
  const WIT = `
    package t:c@0.2.0;
    interface types {
      record point { x: u32, y: u32 }
      resource counter { constructor(start: u32); inc: func(by: point) -> u32; }
    }
    interface api {
      use types.{point, counter};
      make: func(p: point) -> counter;
      bump: func(c: borrow<counter>) -> point;
    }
    world provider { export types; }
    world consumer { import types; export api; }
  `;
  const TYPES = 't:c/types@0.2.0';
  const API = 't:c/api@0.2.0';

  async function link(exports: readonly { from: 'provider' | 'consumer'; name: string }[]) {
    const provider = await componentFromWit(WIT, 'provider');
    const consumer = await componentFromWit(WIT, 'consumer');
    return decodeComponentWorld(await linkComponents(provider, consumer, TYPES, exports));
  }

  it('sees the resource the provider defines in what the consumer exports', async () => {
    const world = await link([
      { from: 'provider', name: TYPES },
      { from: 'consumer', name: API },
    ]);
    const types = interfaceOf(world.exports.get(TYPES));
    const api = interfaceOf(world.exports.get(API));
    const counter = types.types.get('counter');

    expect(world.imports.size).toBe(0);
    expect(counter).toEqual({ kind: 'resource', name: { name: 'counter', owner: TYPES }, id: `${TYPES}#counter` });
    expect(api.types.get('counter')).toBe(counter);
    expect(api.types.get('point')).toBe(types.types.get('point'));
    expect(api.functions.get('make')?.result).toEqual({ kind: 'own', resource: counter });
  });

  it('names the resource after the consumer interface when the provider interface is not exported', async () => {
    const world = await link([{ from: 'consumer', name: API }]);
    const api = interfaceOf(world.exports.get(API));

    expect([...world.exports.keys()]).toEqual([API]);
    expect(api.types.get('counter')).toEqual({ kind: 'resource', name: { name: 'counter', owner: API }, id: `${API}#counter` });
    expect(api.types.get('point')).toMatchObject({ kind: 'record', name: { name: 'point', owner: API } });
  });
});
