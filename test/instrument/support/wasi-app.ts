/**
 * A component, written in WAT, whose only imports are WASI functions that
 * wasmtime provides and the virtualizers carry: so it records under a plain
 * `wasmtime run`. Its exports forward to them.
 *
 *   roll(sides)   = get-random-u64() % sides    (traps when sides = 0)
 *   bytes(n)      = get-random-bytes(n)
 *   stamp()       = wall-clock now()
 *   environment() = get-environment()
 */
import { componentEmbed, componentNew, parse } from '@bytecodealliance/jco-transpile/wasm-tools';
import { allocatorWat } from '../../../src/campaign/echo-wat.js';

export const WASI_APP_WIT = `package test:wasi-app@0.1.0;

world app {
  import wasi:random/random@0.2.6;
  import wasi:clocks/wall-clock@0.2.6;
  import wasi:cli/environment@0.2.6;
  use wasi:clocks/wall-clock@0.2.6.{datetime};

  export roll: func(sides: u64) -> u64;
  export bytes: func(n: u64) -> list<u8>;
  export stamp: func() -> datetime;
  export environment: func() -> list<tuple<string, string>>;
}

package wasi:random@0.2.6 {
  interface random {
    get-random-bytes: func(len: u64) -> list<u8>;
    get-random-u64: func() -> u64;
  }
}

package wasi:clocks@0.2.6 {
  interface wall-clock {
    record datetime {
      seconds: u64,
      nanoseconds: u32,
    }
    now: func() -> datetime;
  }
}

package wasi:cli@0.2.6 {
  interface environment {
    get-environment: func() -> list<tuple<string, string>>;
  }
}
`;

const WASI_APP_WAT = `(module
  (import "cm32p2|wasi:random/random@0.2" "get-random-u64" (func $rand (result i64)))
  (import "cm32p2|wasi:random/random@0.2" "get-random-bytes" (func $bytes (param i64 i32)))
  (import "cm32p2|wasi:clocks/wall-clock@0.2" "now" (func $now (param i32)))
  (import "cm32p2|wasi:cli/environment@0.2" "get-environment" (func $env (param i32)))
  ${allocatorWat()}
  (func (export "cm32p2||roll") (param i64) (result i64)
    (i64.rem_u (call $rand) (local.get 0)))
  (func (export "cm32p2||bytes") (param i64) (result i32) (local $p i32)
    (local.set $p (call $realloc (i32.const 0) (i32.const 0) (i32.const 4) (i32.const 8)))
    (call $bytes (local.get 0) (local.get $p))
    (local.get $p))
  (func (export "cm32p2||stamp") (result i32) (local $p i32)
    (local.set $p (call $realloc (i32.const 0) (i32.const 0) (i32.const 8) (i32.const 16)))
    (call $now (local.get $p))
    (local.get $p))
  (func (export "cm32p2||environment") (result i32) (local $p i32)
    (local.set $p (call $realloc (i32.const 0) (i32.const 0) (i32.const 4) (i32.const 8)))
    (call $env (local.get $p))
    (local.get $p))
)`;

let built: Promise<Uint8Array> | undefined;

export function wasiAppComponent(): Promise<Uint8Array> {
  built ??= (async () => componentNew(await componentEmbed({ binary: await parse(WASI_APP_WAT), witSource: WASI_APP_WIT, world: 'app' })))();
  return built;
}
