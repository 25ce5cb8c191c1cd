/**
 * Two things a runtime does that generated import answers get wrong in a way
 * that says nothing about the program (CPython exits when
 * `get-random-bytes(n)` returns fewer than n bytes), and a loop that reads
 * until an answer ends it:
 * - `roll()` asks wasi:random for 4 bytes and traps unless it got exactly 4:
 *   generated answers make it trap, the sandboxed WASI host
 *   (`--passthrough wasi:random/random`) does not;
 * - `drain()` calls `source.next()` until `none`, counting, and traps on
 *   `some(7)`: its smallest failure is one call answered `some(7)`, reached
 *   only by leaving out the answers before it (each `some(0)` would keep it
 *   reading; `none` would end it).
 */
import { fromWat, memoized } from './build.js';

export const RANDOM_BYTES_WIT = `package test:shapes;

interface source {
  next: func() -> option<u8>;
}

world random-bytes {
  import wasi:random/random@0.2.6;
  import source;
  export roll: func() -> u8;
  export drain: func() -> u32;
}

package wasi:random@0.2.6 {
  interface random {
    get-random-bytes: func(len: u64) -> list<u8>;
  }
}
`;

const RANDOM_BYTES_WAT = `(module
  (import "wasi:random/random@0.2.6" "get-random-bytes" (func $bytes (param i64 i32)))
  (import "test:shapes/source" "next" (func $next (param i32)))
  (memory (export "memory") 1)
  (global $heap (mut i32) (i32.const 1024))
  (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32) (local $at i32)
    (local.set $at (i32.and (i32.add (global.get $heap) (i32.sub (local.get 2) (i32.const 1))) (i32.sub (i32.const 0) (local.get 2))))
    (global.set $heap (i32.add (local.get $at) (local.get 3)))
    (local.get $at))
  (func (export "roll") (result i32)
    (call $bytes (i64.const 4) (i32.const 16))
    (if (i32.ne (i32.load (i32.const 20)) (i32.const 4)) (then unreachable))
    (i32.load8_u (i32.load (i32.const 16))))
  (func (export "drain") (result i32) (local $count i32)
    (block $done
      (loop $more
        (call $next (i32.const 32))
        (br_if $done (i32.eqz (i32.load8_u (i32.const 32))))
        (if (i32.eq (i32.load8_u (i32.const 33)) (i32.const 7)) (then unreachable))
        (local.set $count (i32.add (local.get $count) (i32.const 1)))
        (br $more)))
    (local.get $count)))`;

export const randomBytesComponent = memoized(() => fromWat(RANDOM_BYTES_WAT, RANDOM_BYTES_WIT, 'random-bytes'));
