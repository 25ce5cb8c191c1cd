/**
 * Components for the fuzzer's honesty, written in WAT (tiny, built in
 * milliseconds):
 *
 * - `startTraps`: its core start function traps, so no instance ever starts;
 * - `startExits`: its core start function calls `wasi:cli/exit.exit(err)`;
 * - `exitsInCall`: `quit()` calls `wasi:cli/exit.exit(err)`, `ok()` returns 1;
 * - `hangsOnThird`: `tick()` returns how often it was called, and loops for
 *   ever on its third call;
 * - `asksForAStream`: `run()` calls the import `get() -> stream<u8>`, whose
 *   answers the fuzzer cannot generate: every run is discarded;
 * - `handles`: a resource `thing` both imported and exported (one interface,
 *   so both resources have one id, as wit-bindgen's resource-import-and-export),
 *   with a constructor, a method, a static returning `own<thing>`, a function
 *   consuming `own<thing>`, one returning a list of new things, one lending a
 *   `borrow<thing>` and one taking two; plus a world function `measure` that
 *   takes the imported `thing`. Every function is correct for every input: a
 *   trap in a fuzz run of it is the fuzzer's fault.
 */
import { fromWat, memoized } from './build.js';

const RUN_WIT = `package test:shapes;

world start-traps {
  export run: func(x: u32) -> u32;
}
`;

const START_TRAPS_WAT = `(module
  (memory (export "memory") 1)
  (func $boom unreachable)
  (start $boom)
  (func (export "run") (param i32) (result i32) (local.get 0)))`;

export const startTrapsComponent = memoized(() => fromWat(START_TRAPS_WAT, RUN_WIT, 'start-traps'));

const EXIT_WIT = `package test:shapes;

world exits {
  import wasi:cli/exit@0.2.0;
  export run: func(x: u32) -> u32;
  export quit: func();
}

package wasi:cli@0.2.0 {
  interface exit {
    exit: func(status: result);
  }
}
`;

/** `start`: whether the core start function exits (else only `quit` does). */
function exitWat(start: boolean): string {
  return `(module
  (import "wasi:cli/exit@0.2.0" "exit" (func $exit (param i32)))
  (memory (export "memory") 1)
  (func $start ${start ? '(call $exit (i32.const 1))' : ''})
  (start $start)
  (func (export "run") (param i32) (result i32) (local.get 0))
  (func (export "quit") (call $exit (i32.const 1)) unreachable))`;
}

export const startExitsComponent = memoized(() => fromWat(exitWat(true), EXIT_WIT, 'exits'));
export const exitsInCallComponent = memoized(() => fromWat(exitWat(false), EXIT_WIT, 'exits'));

const TICK_WIT = `package test:shapes;

world hangs-on-third {
  export tick: func() -> u32;
}
`;

const HANGS_ON_THIRD_WAT = `(module
  (memory (export "memory") 1)
  (global $calls (mut i32) (i32.const 0))
  (func (export "tick") (result i32)
    (global.set $calls (i32.add (global.get $calls) (i32.const 1)))
    (if (i32.eq (global.get $calls) (i32.const 3)) (then (loop $forever (br $forever))))
    (global.get $calls)))`;

export const hangsOnThirdComponent = memoized(() => fromWat(HANGS_ON_THIRD_WAT, TICK_WIT, 'hangs-on-third'));

const STREAM_WIT = `package test:shapes;

world asks-for-a-stream {
  import get: func() -> stream<u8>;
  export run: func() -> u32;
}
`;

const ASKS_FOR_A_STREAM_WAT = `(module
  (import "$root" "get" (func $get (result i32)))
  (memory (export "memory") 1)
  (func (export "run") (result i32) (call $get)))`;

export const asksForAStreamComponent = memoized(() => fromWat(ASKS_FOR_A_STREAM_WAT, STREAM_WIT, 'asks-for-a-stream'));

export const HANDLES_WIT = `package test:shapes;

interface things {
  resource thing {
    constructor(v: u32);
    get: func() -> u32;
    make: static func(v: u32) -> thing;
  }
  consume: func(t: thing) -> u32;
  pair: func(v: u32) -> list<thing>;
  peek: func(t: borrow<thing>) -> u32;
  merge: func(a: thing, b: borrow<thing>) -> thing;
}

world handles {
  import things;
  export things;
  use things.{thing};
  export measure: func(t: borrow<thing>) -> u32;
}
`;

/**
 * The exported thing's rep is the address of its value (a bump allocator from
 * 1024, 8 bytes a thing). `merge(a, b)` consumes `a` and returns a new thing
 * holding a + b. `measure(t)` is the imported `t.get()` + 1000.
 */
const HANDLES_WAT = `(module
  (import "test:shapes/things" "[method]thing.get" (func $import-get (param i32) (result i32)))
  (import "test:shapes/things" "[resource-drop]thing" (func $import-drop (param i32)))
  (import "[export]test:shapes/things" "[resource-new]thing" (func $new (param i32) (result i32)))
  (import "[export]test:shapes/things" "[resource-rep]thing" (func $rep (param i32) (result i32)))
  (import "[export]test:shapes/things" "[resource-drop]thing" (func $drop (param i32)))
  (memory (export "memory") 1)
  (global $next (mut i32) (i32.const 1024))
  (func $alloc (param $v i32) (result i32) (local $at i32)
    (local.set $at (global.get $next))
    (global.set $next (i32.add (global.get $next) (i32.const 8)))
    (i32.store (local.get $at) (local.get $v))
    (local.get $at))
  (func $thing (param $v i32) (result i32) (call $new (call $alloc (local.get $v))))
  (func (export "test:shapes/things#[constructor]thing") (param $v i32) (result i32) (call $thing (local.get $v)))
  (func (export "test:shapes/things#[method]thing.get") (param $rep i32) (result i32) (i32.load (local.get $rep)))
  (func (export "test:shapes/things#[static]thing.make") (param $v i32) (result i32) (call $thing (local.get $v)))
  (func (export "test:shapes/things#consume") (param $t i32) (result i32) (local $v i32)
    (local.set $v (i32.load (call $rep (local.get $t))))
    (call $drop (local.get $t))
    (local.get $v))
  (func (export "test:shapes/things#pair") (param $v i32) (result i32)
    (i32.store (i32.const 16) (call $thing (local.get $v)))
    (i32.store (i32.const 20) (call $thing (i32.add (local.get $v) (i32.const 1))))
    (i32.store (i32.const 8) (i32.const 16))
    (i32.store (i32.const 12) (i32.const 2))
    (i32.const 8))
  (func (export "test:shapes/things#peek") (param $rep i32) (result i32) (i32.load (local.get $rep)))
  (func (export "test:shapes/things#merge") (param $a i32) (param $b i32) (result i32) (local $v i32)
    (local.set $v (i32.add (i32.load (call $rep (local.get $a))) (i32.load (local.get $b))))
    (call $drop (local.get $a))
    (call $thing (local.get $v)))
  (func (export "test:shapes/things#[dtor]thing") (param i32))
  (func (export "measure") (param $t i32) (result i32) (local $v i32)
    (local.set $v (call $import-get (local.get $t)))
    ;; A borrow lent to an export is dropped before it returns.
    (call $import-drop (local.get $t))
    (i32.add (local.get $v) (i32.const 1000))))`;

export const handlesComponent = memoized(() => fromWat(HANDLES_WAT, HANDLES_WIT, 'handles'));
