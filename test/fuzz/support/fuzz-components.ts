/**
 * Small components with planted bugs for the fuzzer's tests, written in WAT
 * (see src/campaign/echo-wat.ts for the core-name scheme). Each bug is
 * reachable only one way, so a test can tell the fuzzer found it:
 *
 * - limits: `divide(x) = x / get-limit()` traps (divide by zero) only when the
 *   import `get-limit` answers 0; `name-length()` traps only when the import
 *   `get-name` answers the empty string; `add(a, b)` has no bug. The fixed
 *   build answers 0 instead of trapping.
 * - counter: `incr()` counts; `total()` traps only when three `incr` came before.
 * - sleeper: `nap(x)` loops for ever when `get-limit` answers 0 (the fixed build returns 0).
 * - things: resources both ways (see thingsWat).
 */
import { componentEmbed, componentNew, parse } from '@bytecodealliance/jco-transpile/wasm-tools';
import { allocatorWat } from '../../../src/campaign/echo-wat.js';

const ENV_WIT = `interface env {
  get-limit: func() -> u32;
  get-name: func() -> string;
}`;

export const LIMITS_WIT = `package test:fuzz@0.1.0;

${ENV_WIT}

world limits {
  import env;

  export divide: func(x: u32) -> u32;
  export name-length: func() -> u32;
  export add: func(a: u32, b: u32) -> u32;
}
`;

const ENV_IMPORTS = `
  (import "cm32p2|test:fuzz/env@0.1" "get-limit" (func $get_limit (result i32)))
  (import "cm32p2|test:fuzz/env@0.1" "get-name" (func $get_name (param i32)))`;

function limitsWat(fixed: boolean): string {
  const divide = fixed
    ? `(local $limit i32)
    (local.set $limit (call $get_limit))
    (if (result i32) (i32.eqz (local.get $limit))
      (then (i32.const 0))
      (else (i32.div_u (local.get 0) (local.get $limit))))`
    : `(i32.div_u (local.get 0) (call $get_limit))`;
  const emptyName = fixed ? '(return (i32.const 0))' : 'unreachable';
  return `(module
  ${ENV_IMPORTS}
  ${allocatorWat()}
  (func (export "cm32p2||divide") (param i32) (result i32)
    ${divide})
  (func (export "cm32p2||name-length") (result i32)
    (local $ret i32)
    (local.set $ret (call $realloc (i32.const 0) (i32.const 0) (i32.const 4) (i32.const 8)))
    (call $get_name (local.get $ret))
    (if (i32.eqz (i32.load offset=4 (local.get $ret))) (then ${emptyName}))
    (i32.load offset=4 (local.get $ret)))
  (func (export "cm32p2||add") (param i32 i32) (result i32)
    (i32.add (local.get 0) (local.get 1)))
)`;
}

export const COUNTER_WIT = `package test:fuzz@0.1.0;

world counter {
  export incr: func();
  export total: func() -> u32;
}
`;

const COUNTER_WAT = `(module
  (memory (export "cm32p2_memory") 1)
  (global $count (mut i32) (i32.const 0))
  (func (export "cm32p2_realloc") (param i32 i32 i32 i32) (result i32) (i32.const 16))
  (func (export "cm32p2||incr")
    (global.set $count (i32.add (global.get $count) (i32.const 1))))
  (func (export "cm32p2||total") (result i32)
    (if (i32.eq (global.get $count) (i32.const 3)) (then unreachable))
    (global.get $count))
)`;

export const SLEEPER_WIT = `package test:fuzz@0.1.0;

${ENV_WIT}

world sleeper {
  import env;

  export nap: func(x: u32) -> u32;
}
`;

function sleeperWat(fixed: boolean): string {
  const onZero = fixed ? '(return (i32.const 0))' : '(loop $forever (br $forever))';
  return `(module
  ${ENV_IMPORTS}
  ${allocatorWat()}
  (func (export "cm32p2||nap") (param i32) (result i32)
    (if (i32.eqz (call $get_limit)) (then ${onZero}))
    (local.get 0))
)`;
}

async function build(wat: string, witSource: string, world: string): Promise<Uint8Array> {
  return componentNew(await componentEmbed({ binary: await parse(wat), witSource, world }));
}

const cache = new Map<string, Promise<Uint8Array>>();

function cached(key: string, make: () => Promise<Uint8Array>): Promise<Uint8Array> {
  let bytes = cache.get(key);
  if (bytes === undefined) cache.set(key, (bytes = make()));
  return bytes;
}

/** The limits component: buggy by default, `fixed` for the build without the bugs. */
export function limitsComponent(fixed = false): Promise<Uint8Array> {
  return cached(`limits-${fixed}`, () => build(limitsWat(fixed), LIMITS_WIT, 'limits'));
}

export function counterComponent(): Promise<Uint8Array> {
  return cached('counter', () => build(COUNTER_WAT, COUNTER_WIT, 'counter'));
}

/** The sleeper component: hangs by default, `fixed` returns instead. */
export function sleeperComponent(fixed = false): Promise<Uint8Array> {
  return cached(`sleeper-${fixed}`, () => build(sleeperWat(fixed), SLEEPER_WIT, 'sleeper'));
}

export const THINGS_WIT = `package test:fuzz@0.1.0;

interface res {
  resource thing {
    size: func() -> u32;
  }
  make-thing: func() -> thing;
}

interface api {
  resource counter {
    constructor(start: u32);
    bump: func() -> u32;
  }
}

world things {
  import res;
  use res.{thing};

  export measure: func(t: borrow<thing>) -> u32;
  export fresh: func() -> u32;
  export api;
}
`;

/**
 * things: resources both ways. `measure(t)` asks the host's `thing` for its
 * size and traps when it is 0; `counter` (the component's own resource)
 * traps on its third `bump`. The fixed build has neither bug.
 */
function thingsWat(fixed: boolean): string {
  const trap = (condition: string) => (fixed ? '' : `(if ${condition} (then unreachable))`);
  return `(module
  (import "cm32p2|test:fuzz/res@0.1" "[method]thing.size" (func $size (param i32) (result i32)))
  (import "cm32p2|test:fuzz/res@0.1" "make-thing" (func $make_thing (result i32)))
  (import "cm32p2|test:fuzz/res@0.1" "thing_drop" (func $thing_drop (param i32)))
  (import "cm32p2|_ex_test:fuzz/api@0.1" "counter_drop" (func $counter_drop (param i32)))
  (import "cm32p2|_ex_test:fuzz/api@0.1" "counter_new" (func $counter_new (param i32) (result i32)))
  (import "cm32p2|_ex_test:fuzz/api@0.1" "counter_rep" (func $counter_rep (param i32) (result i32)))
  ${allocatorWat()}
  (func (export "cm32p2||measure") (param $t i32) (result i32)
    (local $size i32)
    (local.set $size (call $size (local.get $t)))
    ;; A borrow lent to an export is dropped before it returns.
    (call $thing_drop (local.get $t))
    ${trap('(i32.eqz (local.get $size))')}
    (local.get $size))
  (func (export "cm32p2||fresh") (result i32)
    (local $t i32) (local $size i32)
    (local.set $t (call $make_thing))
    (local.set $size (call $size (local.get $t)))
    (call $thing_drop (local.get $t))
    (local.get $size))
  (func (export "cm32p2|test:fuzz/api@0.1|[constructor]counter") (param $start i32) (result i32)
    (local $rep i32)
    (local.set $rep (call $realloc (i32.const 0) (i32.const 0) (i32.const 4) (i32.const 4)))
    (i32.store (local.get $rep) (i32.const 0))
    (call $counter_new (local.get $rep)))
  (func (export "cm32p2|test:fuzz/api@0.1|[method]counter.bump") (param $rep i32) (result i32)
    (i32.store (local.get $rep) (i32.add (i32.load (local.get $rep)) (i32.const 1)))
    ${trap('(i32.eq (i32.load (local.get $rep)) (i32.const 3))')}
    (i32.load (local.get $rep)))
  (func (export "cm32p2|test:fuzz/api@0.1|counter_dtor") (param i32))
)`;
}

export function thingsComponent(fixed = false): Promise<Uint8Array> {
  return cached(`things-${fixed}`, () => build(thingsWat(fixed), THINGS_WIT, 'things'));
}
