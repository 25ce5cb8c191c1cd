/**
 * A small real component for record/replay tests, written in WAT: its exports
 * call its imports, trap, or never return.
 *
 *   run(x)      = double(x) + 1
 *   greet(name) = lookup(name)
 *   crash()     traps (unreachable)
 *   spin()      loops for ever
 */
import { componentEmbed, componentNew, parse } from '@bytecodealliance/jco-transpile/wasm-tools';
import { allocatorWat } from '../../src/campaign/echo-wat.js';

export const APP_WIT = `package test:app@0.1.0;

interface math {
  double: func(x: u32) -> u32;
  lookup: func(key: string) -> option<string>;
}

world app {
  import math;

  export run: func(x: u32) -> u32;
  export greet: func(name: string) -> option<string>;
  export crash: func();
  export spin: func();
}
`;

const APP_WAT = `(module
  (import "cm32p2|test:app/math@0.1" "double" (func $double (param i32) (result i32)))
  (import "cm32p2|test:app/math@0.1" "lookup" (func $lookup (param i32 i32 i32)))
  ${allocatorWat()}
  (func (export "cm32p2||run") (param i32) (result i32)
    (i32.add (call $double (local.get 0)) (i32.const 1)))
  (func (export "cm32p2||greet") (param i32 i32) (result i32)
    (local $ret i32)
    (local.set $ret (call $realloc (i32.const 0) (i32.const 0) (i32.const 4) (i32.const 12)))
    (call $lookup (local.get 0) (local.get 1) (local.get $ret))
    (local.get $ret))
  (func (export "cm32p2||crash") unreachable)
  (func (export "cm32p2||spin") (loop $forever (br $forever)))
)`;

let built: Promise<Uint8Array> | undefined;

/** The app component (built once per test file). */
export function appComponent(wat: string = APP_WAT): Promise<Uint8Array> {
  const build = async () => componentNew(await componentEmbed({ binary: await parse(wat), witSource: APP_WIT, world: 'app' }));
  if (wat !== APP_WAT) return build();
  built ??= build();
  return built;
}

/** The same world, rebuilt with `run(x) = double(x) + 2`: a changed build for divergence tests. */
export function changedAppComponent(): Promise<Uint8Array> {
  return appComponent(APP_WAT.replace('(call $double (local.get 0)) (i32.const 1)', '(call $double (local.get 0)) (i32.const 2)'));
}

/** A host for the app: a real `double` and a lookup table. */
export function appHost(table: Record<string, string> = { ada: 'Hello, Ada' }) {
  return {
    'test:app/math': {
      double: (x: number) => (x * 2) >>> 0,
      lookup: (key: string) => table[key],
    },
  };
}
