import { describe, expect, it } from 'vitest';
import { callNameOf, compatibleVersions, didYouMean, interfaceScope, lookupFunction, similarCallNames, splitCallName, worldScope } from '../../src/wit/lookup.js';
import { primitive } from '../../src/wit/types.js';
import type { WitFunction, WitInterface, World } from '../../src/wit/world.js';

const get: WitFunction = { name: 'get', kind: 'freestanding', params: [{ name: 'key', type: primitive.string }] };
const run: WitFunction = { name: 'run', kind: 'freestanding', params: [] };
const store: WitInterface = {
  id: 'held:kv/store@0.1.0',
  package: { namespace: 'held', name: 'kv', version: '0.1.0' },
  name: 'store',
  types: new Map(),
  functions: new Map([['get', get]]),
};
const world: World = {
  name: 'app',
  imports: new Map([['held:kv/store@0.1.0', { kind: 'interface', name: 'held:kv/store@0.1.0', interface: store }]]),
  exports: new Map([['run', { kind: 'function', name: 'run', function: run }]]),
};

describe('splitCallName', () => {
  it('splits a fully qualified name with the version after the function', () => {
    expect(splitCallName('held:kv/store.get@0.1.0')).toEqual({
      namespace: 'held',
      packageName: 'kv',
      interfaceName: 'store',
      functionName: 'get',
      version: '0.1.0',
    });
  });

  it('keeps resource function names whole', () => {
    expect(splitCallName('[method]handle.get')).toEqual({ functionName: '[method]handle.get' });
  });

  it('rejects a version without a package and a package without an interface', () => {
    expect(splitCallName('get@1.0.0')).toBeUndefined();
    expect(splitCallName('held:kv.get')).toBeUndefined();
  });
});

describe('lookupFunction', () => {
  const scope = worldScope(world);

  it('finds world functions by bare name and interface functions by qualified names', () => {
    expect(lookupFunction(scope, 'run')).toBe(run);
    expect(lookupFunction(scope, 'store.get')).toBe(get);
    expect(lookupFunction(scope, 'held:kv/store.get')).toBe(get);
    expect(lookupFunction(scope, 'held:kv/store.get@0.1.0')).toBe(get);
  });

  it('refuses a wrong package, interface or version', () => {
    expect(lookupFunction(scope, 'held:other/store.get')).toBeUndefined();
    expect(lookupFunction(scope, 'other.get')).toBeUndefined();
    expect(lookupFunction(scope, 'held:kv/store.get@0.0.0')).toBeUndefined();
    expect(lookupFunction(scope, 'get')).toBeUndefined();
  });

  it('resolves bare names in the default interface of an interface scope', () => {
    expect(lookupFunction(interfaceScope(store), 'get')).toBe(get);
    expect(lookupFunction(interfaceScope(store), 'store.get')).toBe(get);
  });
});

describe('callNameOf', () => {
  it('names package interface functions fully and world functions bare, and the names resolve back', () => {
    const scope = worldScope(world);
    const names = [...world.imports.values(), ...world.exports.values()].flatMap((item) =>
      item.kind === 'interface'
        ? [...item.interface.functions.values()].map((f) => callNameOf({ direction: 'import', itemName: item.name, interface: item.interface, function: f }))
        : item.kind === 'function'
          ? [callNameOf({ direction: 'export', itemName: item.name, function: item.function })]
          : [],
    );
    expect(names).toEqual(['held:kv/store.get@0.1.0', 'run']);
    expect(names.map((name) => lookupFunction(scope, name))).toEqual([get, run]);
  });

  it('keeps one direction apart from the other', () => {
    expect(lookupFunction(worldScope(world, 'import'), 'run')).toBeUndefined();
    expect(lookupFunction(worldScope(world, 'export'), 'run')).toBe(run);
  });
});

describe('similarCallNames', () => {
  const exports = ['test:calc/calc.checksum@0.1.0', 'test:calc/calc.add@0.1.0', 'run', 'greet'];

  it("names the function a bare or shortened name meant, in the shortest spelling WAVE accepts", () => {
    expect(similarCallNames('checksum', exports)).toEqual(['calc.checksum']);
    expect(didYouMean('checksum', exports)).toBe(' (did you mean `calc.checksum`?)');
  });

  it('names close misspellings, and nothing when nothing is close', () => {
    expect(similarCallNames('chekcsum', exports)).toEqual(['calc.checksum']);
    expect(similarCallNames('gret', exports)).toEqual(['greet']);
    expect(similarCallNames('divide', exports)).toEqual([]);
    expect(didYouMean('divide', exports)).toBe('');
  });
});

describe('compatibleVersions', () => {
  it('links versions as the component model does: same major, or same minor for 0.x, or same patch for 0.0.x', () => {
    expect(compatibleVersions('0.2.9', '0.2.4')).toBe(true);
    expect(compatibleVersions('0.2.12', '0.2.0')).toBe(true);
    expect(compatibleVersions('0.2.4', '0.3.0')).toBe(false);
    expect(compatibleVersions('1.4.0', '1.0.2')).toBe(true);
    expect(compatibleVersions('1.4.0', '2.0.0')).toBe(false);
    expect(compatibleVersions('0.0.1', '0.0.2')).toBe(false);
    expect(compatibleVersions('0.2.1-rc1', '0.2.1')).toBe(true);
    expect(compatibleVersions('next', 'next')).toBe(true);
    expect(compatibleVersions('next', '0.2.0')).toBe(false);
  });
});
