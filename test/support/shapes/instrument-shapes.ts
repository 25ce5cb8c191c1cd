/**
 * World shapes that `instrument` met in components built by others, in WAT
 * (tiny, built in milliseconds):
 *
 * - `inlineInterfaces`: an interface written inline in the world, imported
 *   (`import numbers: interface {...}`) and exported (`export calc: interface
 *   {...}`), as wit-bindgen's many-arguments, borrowing and owning tests
 *   declare them: calc.sum-plus-one(p) = numbers.add(p) + 1; with a host
 *   whose add(p) = p.a + 10 * p.b;
 * - `twoExports`, `threeExports`: worlds of two and three export functions
 *   and no imports, for the fuzzer's choice of export;
 * - `printing`: a program that prints on stdout through WASI streams (which
 *   an instrumented component leaves to the host, so a recorded trace lacks
 *   their calls) and draws a random number (which it records).
 */
import { fromWat, memoized } from './build.js';

export const INLINE_INTERFACES_WIT = `package test:shapes;

world inline-interfaces {
  import numbers: interface {
    record pair { a: u32, b: u32 }
    add: func(p: pair) -> u32;
  }
  export calc: interface {
    record pair { a: u32, b: u32 }
    sum-plus-one: func(p: pair) -> u32;
  }
}
`;

const INLINE_INTERFACES_WAT = `(module
  (import "numbers" "add" (func $add (param i32 i32) (result i32)))
  (memory (export "memory") 1)
  (func (export "calc#sum-plus-one") (param $a i32) (param $b i32) (result i32)
    (i32.add (call $add (local.get $a) (local.get $b)) (i32.const 1))))`;

export const inlineInterfacesComponent = memoized(() => fromWat(INLINE_INTERFACES_WAT, INLINE_INTERFACES_WIT, 'inline-interfaces'));

/** The interface of the host's export that answers `numbers` (see test/instrument/support/with-host.ts). */
export const INLINE_HOST_FUNCS = 'numbers';

const INLINE_HOST_WIT = `package test:shapes-host;

world host {
  export numbers: interface {
    record pair { a: u32, b: u32 }
    add: func(p: pair) -> u32;
  }
}
`;

const INLINE_HOST_WAT = `(module
  (memory (export "memory") 1)
  (func (export "numbers#add") (param $a i32) (param $b i32) (result i32)
    (i32.add (local.get $a) (i32.mul (local.get $b) (i32.const 10)))))`;

export const inlineInterfacesHostComponent = memoized(() => fromWat(INLINE_HOST_WAT, INLINE_HOST_WIT, 'host'));

export const TWO_EXPORTS_WIT = `package test:shapes;

world two-exports {
  export first: func() -> u32;
  export second: func(x: u32) -> u32;
}
`;

const TWO_EXPORTS_WAT = `(module
  (memory (export "memory") 1)
  (func (export "first") (result i32) (i32.const 1))
  (func (export "second") (param $x i32) (result i32) (local.get $x)))`;

export const twoExportsComponent = memoized(() => fromWat(TWO_EXPORTS_WAT, TWO_EXPORTS_WIT, 'two-exports'));

export const THREE_EXPORTS_WIT = `package test:shapes;

interface third {
  flip: func(x: bool) -> bool;
}

world three-exports {
  export first: func() -> u32;
  export second: func(x: u32) -> u32;
  export third;
}
`;

const THREE_EXPORTS_WAT = `(module
  (memory (export "memory") 1)
  (func (export "first") (result i32) (i32.const 1))
  (func (export "second") (param $x i32) (result i32) (local.get $x))
  (func (export "test:shapes/third#flip") (param $x i32) (result i32) (i32.eqz (local.get $x))))`;

export const threeExportsComponent = memoized(() => fromWat(THREE_EXPORTS_WAT, THREE_EXPORTS_WIT, 'three-exports'));

export const PRINTING_WIT = `package test:shapes;

world printing {
  import wasi:cli/stdout@0.2.6;
  import wasi:random/random@0.2.6;
  export shout: func() -> u64;
}

package wasi:io@0.2.6 {
  interface error {
    resource error;
  }
  interface streams {
    use error.{error};
    variant stream-error { last-operation-failed(error), closed }
    resource output-stream {
      blocking-write-and-flush: func(contents: list<u8>) -> result<_, stream-error>;
    }
  }
}

package wasi:cli@0.2.6 {
  interface stdout {
    use wasi:io/streams@0.2.6.{output-stream};
    get-stdout: func() -> output-stream;
  }
}

package wasi:random@0.2.6 {
  interface random {
    get-random-u64: func() -> u64;
  }
}
`;

/** shout() prints "hello" on stdout (WASI streams, which the virtualizers leave to the host) and returns get-random-u64() (virtualized). */
const PRINTING_WAT = `(module
  (import "wasi:cli/stdout@0.2.6" "get-stdout" (func $get_stdout (result i32)))
  (import "wasi:io/streams@0.2.6" "[method]output-stream.blocking-write-and-flush" (func $write (param i32 i32 i32 i32)))
  (import "wasi:io/streams@0.2.6" "[resource-drop]output-stream" (func $drop (param i32)))
  (import "wasi:random/random@0.2.6" "get-random-u64" (func $random (result i64)))
  (memory (export "memory") 1)
  (data (i32.const 0) "hello\\n")
  (func (export "shout") (result i64) (local $out i32)
    (local.set $out (call $get_stdout))
    (call $write (local.get $out) (i32.const 0) (i32.const 6) (i32.const 64))
    (call $drop (local.get $out))
    (call $random)))`;

/** A component whose only imports are WASI: stdout, which passes through an instrumented component, and random, which it records. */
export const printingComponent = memoized(() => fromWat(PRINTING_WAT, PRINTING_WIT, 'printing'));
