import { describe, expect, it } from 'vitest';
import { decodeComponentWorld } from '../../../src/wit/binary/decode.js';
import { findUnsupported, primitive } from '../../../src/wit/types.js';
import type { WitInterface, WorldItem } from '../../../src/wit/world.js';
import { componentFromWit } from '../../support/component-from-wit.js';

const WIT = `
package t:d;
interface i {
  f: func(b: future<u32>, s: stream<string>, e: error-context, s2: stream, f2: future) -> future<list<u8>>;
  g: async func(x: u32) -> u32;
}
world w { import i; export i; export h: async func(); }
`;

function interfaceOf(item: WorldItem | undefined): WitInterface {
  if (item?.kind !== 'interface') throw new Error(`expected an interface, got ${item?.kind}`);
  return item.interface;
}

describe.each(['imports', 'exports'] as const)('async types and functions in %s', (direction) => {
  it('recognises future, stream and error-context as unsupported types, with their payloads', async () => {
    const world = decodeComponentWorld(await componentFromWit(WIT, 'w'));
    const f = interfaceOf(world[direction].get('t:d/i')).functions.get('f');

    expect(f?.params.map((param) => param.type)).toEqual([
      { kind: 'future', element: primitive.u32 },
      { kind: 'stream', element: primitive.string },
      { kind: 'error-context' },
      { kind: 'stream' },
      { kind: 'future' },
    ]);
    expect(f?.result).toEqual({ kind: 'future', element: { kind: 'list', element: primitive.u8 } });
    expect(f?.params.every((param) => findUnsupported(param.type) !== undefined)).toBe(true);
  });

  it('marks async functions', async () => {
    const world = decodeComponentWorld(await componentFromWit(WIT, 'w'));
    const i = interfaceOf(world[direction].get('t:d/i'));

    expect(i.functions.get('g')).toEqual({ name: 'g', kind: 'freestanding', params: [{ name: 'x', type: primitive.u32 }], result: primitive.u32, async: true });
    expect(i.functions.get('f')).not.toHaveProperty('async');
  });
});

it('marks an async bare function export', async () => {
  const world = decodeComponentWorld(await componentFromWit(WIT, 'w'));

  expect(world.exports.get('h')).toEqual({ kind: 'function', name: 'h', function: { name: 'h', kind: 'freestanding', params: [], async: true } });
});
