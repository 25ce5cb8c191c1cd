/**
 * Small real components for engine tests, written in WAT:
 *
 * - calc: no imports at all (so the wasmtime CLI can run it); exports
 *   arithmetic, a stateful counter, a NaN with a payload, -0, a trap, a
 *   result with a string error, and a call that never returns.
 * - dice: imports only WASI (wasi:random), so the wasmtime CLI runs it too.
 * - the app component of test/support/app-component.ts imports a host interface.
 */
import { componentEmbed, componentNew, parse } from '@bytecodealliance/jco-transpile/wasm-tools';
import { allocatorWat } from '../../../src/campaign/echo-wat.js';

export const CALC_WIT = `package test:calc@0.1.0;

interface ops {
  add: func(a: u32, b: u32) -> u32;
  next: func(x: u64) -> u64;
  count: func() -> u32;
  checked-div: func(a: s32, b: s32) -> result<s32, string>;
  nan: func() -> f32;
  neg-zero: func() -> f64;
}

world calc {
  export ops;
  export crash: func();
  export spin: func();
}
`;

export const CALC_WAT = `(module
  ${allocatorWat()}
  (global $count (mut i32) (i32.const 0))
  (data (i32.const 64) "division by zero")
  (func (export "cm32p2|test:calc/ops@0.1|add") (param i32 i32) (result i32)
    (i32.add (local.get 0) (local.get 1)))
  (func (export "cm32p2|test:calc/ops@0.1|next") (param i64) (result i64)
    (i64.add (local.get 0) (i64.const 1)))
  (func (export "cm32p2|test:calc/ops@0.1|count") (result i32)
    (global.set $count (i32.add (global.get $count) (i32.const 1)))
    (global.get $count))
  (func (export "cm32p2|test:calc/ops@0.1|checked-div") (param i32 i32) (result i32)
    (if (i32.eqz (local.get 1))
      (then
        (i32.store8 (i32.const 16) (i32.const 1))
        (i32.store (i32.const 20) (i32.const 64))
        (i32.store (i32.const 24) (i32.const 16)))
      (else
        (i32.store8 (i32.const 16) (i32.const 0))
        (i32.store (i32.const 20) (i32.div_s (local.get 0) (local.get 1)))))
    (i32.const 16))
  (func (export "cm32p2|test:calc/ops@0.1|nan") (result f32)
    (f32.reinterpret_i32 (i32.const 0x7fc00001)))
  (func (export "cm32p2|test:calc/ops@0.1|neg-zero") (result f64)
    (f64.const -0))
  (func (export "cm32p2||crash") unreachable)
  (func (export "cm32p2||spin") (loop $forever (br $forever)))
)`;

let calc: Promise<Uint8Array> | undefined;

/** The calc component (built once per test file), or a variant of its WAT. */
export function calcComponent(wat: string = CALC_WAT): Promise<Uint8Array> {
  const build = async () => componentNew(await componentEmbed({ binary: await parse(wat), witSource: CALC_WIT, world: 'calc' }));
  if (wat !== CALC_WAT) return build();
  calc ??= build();
  return calc;
}

/** calc rebuilt with `add(a, b) = a + b + 1`: a changed build for divergence tests. */
export function changedCalcComponent(): Promise<Uint8Array> {
  return calcComponent(CALC_WAT.replace('(i32.add (local.get 0) (local.get 1)))', '(i32.add (i32.add (local.get 0) (local.get 1)) (i32.const 1)))'));
}

const DICE_WIT = `package test:dice@0.1.0;

world dice {
  import wasi:random/random@0.2.0;
  export roll: func() -> u64;
  export twice: func(x: u32) -> u32;
}

package wasi:random@0.2.0 {
  interface random {
    get-random-u64: func() -> u64;
  }
}
`;

const DICE_WAT = `(module
  (import "cm32p2|wasi:random/random@0.2" "get-random-u64" (func $random (result i64)))
  (memory (export "cm32p2_memory") 1)
  (func (export "cm32p2||roll") (result i64) (call $random))
  (func (export "cm32p2||twice") (param i32) (result i32) (i32.mul (local.get 0) (i32.const 2))))`;

/** A component whose only import is WASI (wasi:random), which the wasmtime CLI answers itself. */
export async function diceComponent(): Promise<Uint8Array> {
  return componentNew(await componentEmbed({ binary: await parse(DICE_WAT), witSource: DICE_WIT, world: 'dice' }));
}
