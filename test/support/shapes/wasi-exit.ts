/**
 * A component that calls wasi:cli/exit, and one that asks for its initial
 * working directory, in WAT:
 *
 *   hello()    = 1
 *   quit()     calls exit(err) (and traps if exit ever returns, as WASI adapters do)
 *   cwd-known() = 1 when initial-cwd is some, else 0
 */
import { fromWat, memoized } from './build.js';

export const WASI_EXIT_WIT = `package test:exit;

world quitter {
  import wasi:cli/exit@0.2.0;
  import wasi:cli/environment@0.2.0;
  export hello: func() -> u32;
  export quit: func();
  export cwd-known: func() -> u32;
}

package wasi:cli@0.2.0 {
  interface exit {
    exit: func(status: result);
  }
  interface environment {
    initial-cwd: func() -> option<string>;
  }
}
`;

const WASI_EXIT_WAT = `(module
  (import "wasi:cli/exit@0.2.0" "exit" (func $exit (param i32)))
  (import "wasi:cli/environment@0.2.0" "initial-cwd" (func $initial-cwd (param i32)))
  (memory (export "memory") 1)
  (global $heap (mut i32) (i32.const 1024))
  (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32) (local $at i32)
    (local.set $at (global.get $heap))
    (global.set $heap (i32.add (global.get $heap) (local.get 3)))
    (local.get $at))
  (func (export "hello") (result i32) (i32.const 1))
  (func (export "quit") (call $exit (i32.const 1)) unreachable)
  (func (export "cwd-known") (result i32)
    (call $initial-cwd (i32.const 16))
    (i32.load8_u (i32.const 16))))`;

export const wasiExitComponent = memoized(() => fromWat(WASI_EXIT_WAT, WASI_EXIT_WIT, 'quitter'));
