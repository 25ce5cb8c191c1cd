/**
 * Components for matching and redaction rules, in WAT:
 *
 * `loggerComponent()` imports `test:order/sink` and exports
 *   both(a, b) = a + b, calling log(a, now()) then log(b, now())
 * so a trace has two calls of one import (for `anyOrder`) and a timestamp
 * argument (for `ignore`).
 *
 * `envComponent()` imports wasi:cli/environment's get-environment and exports
 *   env-count() = how many variables it was given
 * so a recording holds the environment's values (for redaction).
 */
import { componentEmbed, componentNew, parse } from '@bytecodealliance/jco-transpile/wasm-tools';

const LOGGER_WIT = `package test:order@0.1.0;

interface sink {
  log: func(x: u32, at: u64);
  now: func() -> u64;
}

world logger {
  import sink;
  export both: func(a: u32, b: u32) -> u32;
}
`;

const LOGGER_WAT = `(module
  (import "test:order/sink@0.1.0" "log" (func $log (param i32 i64)))
  (import "test:order/sink@0.1.0" "now" (func $now (result i64)))
  (memory (export "memory") 1)
  (func (export "both") (param $a i32) (param $b i32) (result i32)
    (call $log (local.get $a) (call $now))
    (call $log (local.get $b) (call $now))
    (i32.add (local.get $a) (local.get $b))))`;

const ENV_WIT = `package test:env;

world reader {
  import wasi:cli/environment@0.2.0;
  export env-count: func() -> u32;
}

package wasi:cli@0.2.0 {
  interface environment {
    get-environment: func() -> list<tuple<string, string>>;
  }
}
`;

const ENV_WAT = `(module
  (import "wasi:cli/environment@0.2.0" "get-environment" (func $get-environment (param i32)))
  (memory (export "memory") 1)
  (global $heap (mut i32) (i32.const 1024))
  (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32) (local $at i32)
    (local.set $at (global.get $heap))
    (global.set $heap (i32.add (global.get $heap) (local.get 3)))
    (local.get $at))
  (func (export "env-count") (result i32)
    (call $get-environment (i32.const 16))
    (i32.load (i32.const 20))))`;

let logger: Promise<Uint8Array> | undefined;
let env: Promise<Uint8Array> | undefined;

export function loggerComponent(): Promise<Uint8Array> {
  logger ??= (async () => componentNew(await componentEmbed({ binary: await parse(LOGGER_WAT), witSource: LOGGER_WIT, world: 'logger' })))();
  return logger;
}

export function envComponent(): Promise<Uint8Array> {
  env ??= (async () => componentNew(await componentEmbed({ binary: await parse(ENV_WAT), witSource: ENV_WIT, world: 'reader' })))();
  return env;
}

/** A host for the logger: `now()` counts up from 1000. */
export const LOGGER_HOST = `let clock = 1000n;
export default { 'test:order/sink': { log() {}, now: () => clock++ } };
`;

/** A host for the env reader, whose environment holds a secret. */
export const ENV_SECRET = 'sk-live-0123456789abcdef';
export const ENV_HOST = `export default { 'wasi:cli/environment': { getEnvironment: () => [['API_TOKEN', '${ENV_SECRET}'], ['HOME', '/home/ada']] } };
`;
