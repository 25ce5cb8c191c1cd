import { describe, expect, it } from 'vitest';
import { propertiesFrom } from '../../src/fuzz/host-module.js';
import { checkCall, defineProperty, noTrap, propertySet, wellTyped, type CallRecord } from '../../src/fuzz/property.js';
import type { WorldFunction } from '../../src/wit/world.js';

const fn = { direction: 'export', itemName: 'f', function: { name: 'f', kind: 'freestanding', params: [] } } as WorldFunction;
const call = (result: CallRecord['result']): CallRecord => ({ index: 2, name: 'f', function: fn, args: [], imports: [], result });

describe('properties', () => {
  it('the built-ins fail on a trap and on an ill-typed result, with the reason', () => {
    expect(checkCall([wellTyped, noTrap], { call: call({ kind: 'return' }), history: [] })).toBeUndefined();
    expect(checkCall([wellTyped, noTrap], { call: call({ kind: 'trap', message: 'boom' }), history: [] })).toEqual({ property: 'no-trap', reason: '`f` trapped: boom', callIndex: 2 });
    expect(checkCall([wellTyped, noTrap], { call: call({ kind: 'ill-typed', message: 'bad char' }), history: [] })).toMatchObject({ property: 'well-typed' });
  });

  it('a property fails by returning false or throwing, sync or async, and the first failure wins', async () => {
    const no = defineProperty('no', () => false);
    const boom = defineProperty('boom', () => {
      throw new Error('exploded');
    });
    const later = defineProperty('later', async () => false);
    const context = { call: call({ kind: 'return' }), history: [] };
    expect(checkCall([no, boom], context)).toEqual({ property: 'no', reason: '`f` breaks property `no`', callIndex: 2 });
    expect(checkCall([boom, no], context)).toMatchObject({ property: 'boom', reason: 'exploded' });
    await expect(checkCall([defineProperty('fine', async () => true), later, no], context)).resolves.toMatchObject({ property: 'later' });
  });

  it('names must be kebab-case and unique', () => {
    expect(() => defineProperty('Not OK', () => true)).toThrow('property name `Not OK` must be kebab-case');
    expect(() => propertySet([defineProperty('no-trap', () => true)])).toThrow('two properties are named `no-trap`');
    expect(propertySet([], false)).toEqual([]);
  });

  it('a host module declares them as a list or as checks by name', () => {
    const check = () => true;
    expect(propertiesFrom({ small: check, 'also-small': check }, 'h.mjs').map((p) => p.name)).toEqual(['small', 'also-small']);
    expect(propertiesFrom([{ name: 'small', check }], 'h.mjs').map((p) => p.name)).toEqual(['small']);
    expect(propertiesFrom(undefined, 'h.mjs')).toEqual([]);
    expect(() => propertiesFrom({ small: 3 }, 'h.mjs')).toThrow('`properties` of h.mjs must be a list of { name, check } or an object of check functions by name');
  });
});
