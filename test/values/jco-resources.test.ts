/**
 * Resource handles through a real jco-transpiled component: the host supplies
 * the imported resource `thing` as a JS class; the component passes an owned
 * handle through to the host and back, and lends a borrowed one to the host.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromJco, toJco } from '../../src/values/jco.js';
import { ResourceTable } from '../../src/values/resource-table.js';
import { ResourceHandle, type Value } from '../../src/values/value.js';
import type { ResourceType, WitType } from '../../src/wit/types.js';
import { allocatorWat } from '../../src/campaign/echo-wat.js';
import { buildComponent, cleanUpComponents, loadComponent, type JcoExports } from '../support/echo-component.js';

const WIT = `package test:echo;
interface res { resource thing; }
world echo {
  use res.{thing};
  import host-own: func(v: own<thing>) -> own<thing>;
  import host-borrow: func(v: borrow<thing>) -> u32;
  import host-maybe: func(v: option<own<thing>>) -> option<own<thing>>;
  export echo-own: func(v: own<thing>) -> own<thing>;
  export echo-borrow: func(v: borrow<thing>) -> u32;
  export echo-maybe: func(v: option<own<thing>>) -> option<own<thing>>;
}
`;

// A borrow lent to an export must be dropped before it returns (canonical ABI), hence thing_drop.
const WAT = `(module
  (import "cm32p2|test:echo/res" "thing_drop" (func $thing_drop (param i32)))
  (import "cm32p2" "host-own" (func $host_own (param i32) (result i32)))
  (import "cm32p2" "host-borrow" (func $host_borrow (param i32) (result i32)))
  (import "cm32p2" "host-maybe" (func $host_maybe (param i32 i32 i32)))
  ${allocatorWat()}
  (func (export "cm32p2||echo-own") (param i32) (result i32) (call $host_own (local.get 0)))
  (func (export "cm32p2||echo-borrow") (param i32) (result i32)
    (local $result i32)
    (local.set $result (call $host_borrow (local.get 0)))
    (call $thing_drop (local.get 0))
    (local.get $result))
  (func (export "cm32p2||echo-maybe") (param i32 i32) (result i32)
    (local $ret i32)
    (local.set $ret (call $realloc (i32.const 0) (i32.const 0) (i32.const 4) (i32.const 8)))
    (call $host_maybe (local.get 0) (local.get 1) (local.get $ret))
    (local.get $ret))
)`;

class Thing {
  constructor(readonly label: string) {}
}

const thing: ResourceType = { kind: 'resource', name: { name: 'thing' }, id: 'test:echo/res#thing' };
const own: WitType = { kind: 'own', resource: thing };
const borrow: WitType = { kind: 'borrow', resource: thing };
const maybeOwn: WitType = { kind: 'option', some: own };

let exports: JcoExports;
const calls: { name: string; arg: unknown }[] = [];

beforeAll(async () => {
  const loaded = await loadComponent(await buildComponent({ witSource: WIT, world: 'echo', wat: WAT }));
  exports = await loaded.instantiate({
    'test:echo/res': { Thing },
    'host-own': { default: (arg: unknown) => (calls.push({ name: 'own', arg }), arg) },
    'host-borrow': { default: (arg: unknown) => (calls.push({ name: 'borrow', arg }), 7) },
    'host-maybe': { default: (arg: unknown) => (calls.push({ name: 'maybe', arg }), arg) },
  });
});

afterAll(cleanUpComponents);

function exported(name: string): (arg: unknown) => unknown {
  return exports[name] as (arg: unknown) => unknown;
}

describe('resources through jco', () => {
  it('passes an owned host object through the component as the same JS object, one handle in the table', () => {
    // Arrange
    const table = new ResourceTable();
    const object = new Thing('a');
    const handle = table.handleOf(object);
    calls.length = 0;

    // Act
    const returned = exported('echoOwn')(toJco(handle, own, table));

    // Assert: the host import and the export both hand back the very object
    expect(calls[0]?.arg).toBe(object);
    expect(returned).toBe(object);
    expect(fromJco(calls[0]?.arg, own, table)).toBe(handle);
    expect(fromJco(returned, own, table)).toEqual(new ResourceHandle(1));
  });

  it('lends a borrowed host object to the import as the same JS object', () => {
    const table = new ResourceTable();
    table.handleOf(new Thing('first'));
    const object = new Thing('b');
    const handle = table.handleOf(object);
    calls.length = 0;

    const returned = exported('echoBorrow')(toJco(handle, borrow, table));

    expect(returned).toBe(7);
    expect(calls[0]?.arg).toBe(object);
    expect(fromJco(calls[0]?.arg, borrow, table)).toEqual(new ResourceHandle(2));
  });

  it('carries handles inside an option, numbering unseen objects first-seen = 1', () => {
    const table = new ResourceTable();
    const object = new Thing('c');
    calls.length = 0;

    const returned = exported('echoMaybe')(object);
    const none = exported('echoMaybe')(undefined);

    expect(calls.map((call) => call.arg)).toEqual([object, undefined]);
    expect(fromJco(returned, maybeOwn, table)).toEqual({ tag: 'some', value: new ResourceHandle(1) });
    expect(fromJco(none, maybeOwn, table)).toEqual({ tag: 'none' });
    expect(toJco({ tag: 'some', value: new ResourceHandle(1) } as Value, maybeOwn, table)).toBe(object);
  });

  it('rejects a handle whose object was dropped, and a non-object where a resource is expected', () => {
    const table = new ResourceTable();
    const handle = table.handleOf(new Thing('d'));
    table.drop(handle);

    expect(() => toJco(handle, own, table)).toThrow(/unknown or dropped resource handle 1/);
    expect(() => fromJco(42, own, table)).toThrow(/expected own<thing> as resource object, found number 42/);
    expect(() => fromJco(new Thing('e'), own)).toThrow(/a ResourceTable is needed/);
  });
});
