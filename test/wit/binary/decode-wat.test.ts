/**
 * Components written by hand in component WAT, for what wit-component does
 * not produce: more than 32 flags, re-exported instances, outer aliases, and
 * things a WIT world cannot express.
 */
import { describe, expect, it } from 'vitest';
import { isProxyComponentError } from '../../../src/errors.js';
import { decodeComponentWorld } from '../../../src/wit/binary/decode.js';
import { primitive } from '../../../src/wit/types.js';
import type { WitInterface, WorldItem } from '../../../src/wit/world.js';
import { componentFromWat } from '../../support/component-from-wit.js';

function interfaceOf(item: WorldItem | undefined): WitInterface {
  if (item?.kind !== 'interface') throw new Error(`expected an interface, got ${item?.kind}`);
  return item.interface;
}

async function decodeError(wat: string): Promise<unknown> {
  try {
    decodeComponentWorld(await componentFromWat(wat));
  } catch (error) {
    return error;
  }
  throw new Error('expected the component not to decode');
}

describe('components written in WAT', () => {
  it('reads flags with more than 32 flags', async () => {
    const names = Array.from({ length: 40 }, (_, i) => `f${i}`);
    const world = decodeComponentWorld(
      await componentFromWat(`(component
        (type $i (instance
          (type $f (flags ${names.map((name) => `"${name}"`).join(' ')}))
          (export "many" (type $many (eq $f)))
          (type $fn (func (param "m" $many)))
          (export "take" (func (type $fn)))))
        (import "t:w/i" (instance (type $i))))`),
    );
    const iface = interfaceOf(world.imports.get('t:w/i'));

    expect(iface.types.get('many')).toEqual({ kind: 'flags', name: { name: 'many', owner: 't:w/i' }, flags: names });
    expect(iface.functions.get('take')?.params[0]?.type).toBe(iface.types.get('many'));
  });

  it('reads an instance built from exports as a re-export of the types it names', async () => {
    const world = decodeComponentWorld(
      await componentFromWat(`(component
        (import "t:x/base" (instance $base
          (type $p (record (field "x" u32)))
          (export "point" (type $pt (eq $p)))
          (export "get" (func (result $pt)))))
        (alias export $base "point" (type $point))
        (alias export $base "get" (func $get))
        (instance $re (export "point" (type $point)) (export "get" (func $get)))
        (export "t:x/re" (instance $re)))`),
    );
    const base = interfaceOf(world.imports.get('t:x/base'));
    const re = interfaceOf(world.exports.get('t:x/re'));

    expect(re.types.get('point')).toBe(base.types.get('point'));
    expect(re.functions.get('get')).toEqual({ name: 'get', kind: 'freestanding', params: [], result: base.types.get('point') });
  });

  it('reads a type the component re-exports, and one it exports with an `(eq N)` ascription, as the imported type', async () => {
    const world = decodeComponentWorld(
      await componentFromWat(`(component
        (import "t:x/base" (instance $base
          (type $p (record (field "x" u32)))
          (export "point" (type (eq $p)))
          (export "counter" (type (sub resource)))))
        (alias export $base "point" (type $point))
        (alias export $base "counter" (type $counter))
        (export "point" (type $point))
        (export "counter" (type $counter) (type (eq $counter))))`),
    );
    const base = interfaceOf(world.imports.get('t:x/base'));

    expect(world.exports.get('point')).toEqual({ kind: 'type', name: 'point', type: base.types.get('point') });
    expect(world.exports.get('counter')).toEqual({ kind: 'type', name: 'counter', type: base.types.get('counter') });
    expect(base.types.get('counter')).toEqual({ kind: 'resource', name: { name: 'counter', owner: 't:x/base' }, id: 't:x/base#counter' });
  });

  it('follows outer aliases and instantiation arguments into a nested component', async () => {
    const world = decodeComponentWorld(
      await componentFromWat(`(component $root
        (type $t (record (field "a" u32)))
        (import "f" (func $f (param "x" $t)))
        (component $c
          (alias outer $root $t (type $t2))
          (import "f" (func $g (param "x" $t2)))
          (export "g" (func $g)))
        (instance $i (instantiate $c (with "f" (func $f))))
        (alias export $i "g" (func $h))
        (export "g" (func $h)))`),
    );

    expect(world.exports.get('g')).toEqual({
      kind: 'function',
      name: 'g',
      function: { name: 'g', kind: 'freestanding', params: [{ name: 'x', type: { kind: 'record', fields: [{ name: 'a', type: primitive.u32 }] } }] },
    });
  });
});

describe('what a WIT world cannot express', () => {
  it('refuses a map type with WIT_UNSUPPORTED', async () => {
    const error = await decodeError(`(component
      (type $i (instance (type $m (map u32 string)) (type $fn (func (param "m" $m))) (export "take" (func (type $fn)))))
      (import "t:w/i" (instance (type $i))))`);

    expect(isProxyComponentError(error) && error.code).toBe('WIT_UNSUPPORTED');
    expect(String(error)).toMatch(/map<K, V>/);
  });

  it('refuses a core module import with WIT_UNSUPPORTED', async () => {
    const error = await decodeError('(component (import "m" (core module)))');

    expect(isProxyComponentError(error) && error.code).toBe('WIT_UNSUPPORTED');
    expect(String(error)).toContain('import `m` is a core module');
  });
});

describe('invalid components', () => {
  it('refuses an outer alias that reaches past the outermost component', async () => {
    const error = await decodeError('(component (component (alias outer 2 0 (type))))');

    expect(isProxyComponentError(error) && error.code).toBe('COMPONENT_DECODE');
    expect(String(error)).toMatch(/outer alias count 2 reaches past the outermost component at byte 0x[0-9a-f]+ while reading the alias section/);
  });

  it('refuses an instantiation without an argument for an import', async () => {
    const error = await decodeError('(component (component $c (import "f" (func))) (instance (instantiate $c)))');

    expect(isProxyComponentError(error) && error.code).toBe('COMPONENT_DECODE');
    expect(String(error)).toMatch(/instantiation is missing the argument `f` that the component imports at byte 0x[0-9a-f]+ while reading the instance section/);
  });

  it('refuses an alias of an export the instance does not have', async () => {
    const error = await decodeError('(component (import "i" (instance $i (export "f" (func)))) (alias export $i "g" (func)))');

    expect(isProxyComponentError(error) && error.code).toBe('COMPONENT_DECODE');
    expect(String(error)).toContain('has no export `g`');
  });
});
