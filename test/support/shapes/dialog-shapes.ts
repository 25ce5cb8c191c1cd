/**
 * A component to drive by hand in the dialog's tests, written in WAT: its
 * exports call imports of many result types (bool, option, enum, an imported
 * resource) and it exports a resource, so a session has nested import
 * answers and handles to pick by name.
 *
 *   bump(key)            if !allowed(key): 0; else v = get(key) + 1 (1 when none), put(key, v), v
 *   journal(line)        open-log().write(line), then drops the log
 *   counter(start)       an exported resource holding a u32
 *   counter.add(n)       adds n (twice n when mood() is stormy), returns the total
 *
 * `dialogComponent(true)` is the altered build: bump adds 2 instead of 1.
 */
import { fromWat, memoized } from './build.js';

export const DIALOG_WIT = `package test:dialog;

interface store {
  enum weather { sunny, stormy }
  resource log {
    write: func(line: string);
  }
  allowed: func(key: string) -> bool;
  get: func(key: string) -> option<u32>;
  put: func(key: string, value: u32);
  mood: func() -> weather;
  open-log: func() -> log;
}

interface counters {
  resource counter {
    constructor(start: u32);
    add: func(n: u32) -> u32;
  }
}

world app {
  import store;
  export bump: func(key: string) -> u32;
  export journal: func(line: string);
  export counters;
}
`;

function dialogWat(step: number): string {
  return `(module
  (import "test:dialog/store" "allowed" (func $allowed (param i32 i32) (result i32)))
  (import "test:dialog/store" "get" (func $get (param i32 i32 i32)))
  (import "test:dialog/store" "put" (func $put (param i32 i32 i32)))
  (import "test:dialog/store" "mood" (func $mood (result i32)))
  (import "test:dialog/store" "open-log" (func $open-log (result i32)))
  (import "test:dialog/store" "[method]log.write" (func $log-write (param i32 i32 i32)))
  (import "test:dialog/store" "[resource-drop]log" (func $log-drop (param i32)))
  (import "[export]test:dialog/counters" "[resource-new]counter" (func $counter-new (param i32) (result i32)))
  (memory (export "memory") 1)
  (global $heap (mut i32) (i32.const 4096))
  (global $next (mut i32) (i32.const 1024))
  (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32) (local $p i32)
    (local.set $p (i32.and (i32.add (global.get $heap) (i32.sub (local.get 2) (i32.const 1))) (i32.sub (i32.const 0) (local.get 2))))
    (global.set $heap (i32.add (local.get $p) (local.get 3)))
    (local.get $p))
  (func (export "bump") (param $ptr i32) (param $len i32) (result i32) (local $v i32)
    (if (i32.eqz (call $allowed (local.get $ptr) (local.get $len))) (then (return (i32.const 0))))
    (call $get (local.get $ptr) (local.get $len) (i32.const 64))
    (if (i32.load8_u (i32.const 64))
      (then (local.set $v (i32.add (i32.load (i32.const 68)) (i32.const ${step}))))
      (else (local.set $v (i32.const 1))))
    (call $put (local.get $ptr) (local.get $len) (local.get $v))
    (local.get $v))
  (func (export "journal") (param $ptr i32) (param $len i32) (local $log i32)
    (local.set $log (call $open-log))
    (call $log-write (local.get $log) (local.get $ptr) (local.get $len))
    (call $log-drop (local.get $log)))
  (func (export "test:dialog/counters#[constructor]counter") (param $start i32) (result i32) (local $at i32)
    (local.set $at (global.get $next))
    (global.set $next (i32.add (global.get $next) (i32.const 8)))
    (i32.store (local.get $at) (local.get $start))
    (call $counter-new (local.get $at)))
  (func (export "test:dialog/counters#[method]counter.add") (param $rep i32) (param $n i32) (result i32)
    (if (i32.eq (call $mood) (i32.const 1)) (then (local.set $n (i32.shl (local.get $n) (i32.const 1)))))
    (i32.store (local.get $rep) (i32.add (i32.load (local.get $rep)) (local.get $n)))
    (i32.load (local.get $rep)))
  (func (export "test:dialog/counters#[dtor]counter") (param i32)))`;
}

const builds = { original: memoized(() => fromWat(dialogWat(1), DIALOG_WIT, 'app')), altered: memoized(() => fromWat(dialogWat(2), DIALOG_WIT, 'app')) };

/** The dialog's test component; `altered`: bump adds 2 to what get answers instead of 1. */
export function dialogComponent(altered = false): Promise<Uint8Array> {
  return altered ? builds.altered() : builds.original();
}
