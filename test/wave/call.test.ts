import { describe, expect, it } from 'vitest';
import { parseCall, printCall, printCallPositional, type CallSignature } from '../../src/wave/call.js';
import { NONE } from '../../src/values/value.js';
import { expectError } from './expect-error.js';
import { basic, option, string, u8 } from './types.js';

const functions = new Map<string, CallSignature>([
  ['nullary', { params: [] }],
  ['string', { params: [{ name: 'val', type: string }] }],
  ['basic-record', { params: [{ name: 'rec', type: basic }] }],
  ['opts', { params: [{ name: 'a', type: u8 }, { name: 'b', type: option(u8) }, { name: 'c', type: option(u8) }] }],
  ['[method]thing.get', { params: [{ name: 'key', type: string }] }],
]);

/** Resolves `f`, `ui.f` and `ui:tests/ui.f@0.1.0`, as a world lookup would. */
function resolve(name: string): CallSignature | undefined {
  const bare = name.replace(/^(ui:tests\/)?ui\./, '').replace(/@0\.1\.0$/, '');
  return functions.get(bare);
}

function roundTrip(text: string): string {
  const call = parseCall(text, resolve);
  return printCall(call.name, call.params, call.args);
}

describe('parseCall and printCall', () => {
  it('prints calls with parameter names, the name as written', () => {
    expect(roundTrip('nullary()')).toBe('nullary()');
    expect(roundTrip('string("")')).toBe('string(val: "")');
    expect(roundTrip('ui.string("")')).toBe('ui.string(val: "")');
    expect(roundTrip('ui:tests/ui.string@0.1.0("x")')).toBe('ui:tests/ui.string@0.1.0(val: "x")');
    expect(roundTrip('basic-record({ required: 1, optional: none })')).toBe('basic-record(rec: {required: 1})');
    expect(roundTrip('[method]thing.get("k")')).toBe('[method]thing.get(key: "k")');
  });

  it('allows whitespace, comments and a trailing comma', () => {
    expect(roundTrip('  // call\n string ( // arg\n "x" , ) // end')).toBe('string(val: "x")');
  });

  it('fills omitted trailing options with none', () => {
    const call = parseCall('opts(1)', resolve);
    expect(call.args).toEqual([1, NONE, NONE]);
    expect(printCall(call.name, call.params, call.args)).toBe('opts(a: 1, b: none, c: none)');
    expect(parseCall('opts(1, some(2))', resolve).args).toEqual([1, { tag: 'some', value: 2 }, NONE]);
  });

  it('prints positionally for traces', () => {
    const call = parseCall('opts(1, 2)', resolve);
    expect(printCallPositional(call.name, call.params, call.args)).toBe('opts(1, some(2), none)');
  });

  it('says which known function an unknown name meant, when told the names', () => {
    expectError(() => parseCall('nullary()', () => undefined, undefined, () => ['wrong:pkg/iface.nullary@1.0.0']), 'WAVE_UNKNOWN_FUNCTION', '1:1', 'unknown function `nullary` (did you mean `iface.nullary`?)');
  });

  it('reports unknown functions at the name', () => {
    expectError(() => parseCall('  wrong.nullary()', resolve), 'WAVE_UNKNOWN_FUNCTION', '1:3', 'unknown function `wrong.nullary`');
  });

  it('reports too many and too few arguments', () => {
    expectError(() => parseCall('nullary("")', resolve), 'WAVE_ARITY', '1:9', 'too many arguments: nullary takes no arguments');
    expectError(() => parseCall('string()', resolve), 'WAVE_ARITY', '1:8', 'too few arguments: string takes 1 argument (val: string), got 0');
    expectError(() => parseCall('opts()', resolve), 'WAVE_ARITY', '1:6', 'missing `a`');
  });

  it('reports syntax errors in the call itself', () => {
    expectError(() => parseCall('(1)', resolve), 'WAVE_SYNTAX', '1:1', 'expected a function name');
    expectError(() => parseCall('nullary', resolve), 'WAVE_SYNTAX', '1:8', 'expected `(`');
    expectError(() => parseCall('string("a" "b")', resolve), 'WAVE_SYNTAX', '1:12', 'expected `,` or `)`');
    expectError(() => parseCall('nullary() x', resolve), 'WAVE_SYNTAX', '1:11', 'after the call');
    expectError(() => parseCall('string(1)', resolve), 'WAVE_TYPE', '1:8', 'expected string, found number `1`');
  });

  it('refuses to print a call whose values do not match its parameters', () => {
    expectError(() => printCall('string', [{ name: 'val', type: string }], []), 'VALUE_TYPE');
  });
});
