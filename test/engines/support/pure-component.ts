/**
 * A pure component for fuzzing across engines: no imports, no state, no
 * traps or endless loops, so every engine (the wasmtime CLI too, which starts
 * a fresh instance per call) must agree on any generated call. And native
 * stand-ins for it: one faithful, one with a planted difference that
 * generated calls find at once.
 */
import { componentEmbed, componentNew, parse } from '@bytecodealliance/jco-transpile/wasm-tools';

export const PURE_WIT = `package test:pure@0.1.0;

world pure {
  export add: func(a: u32, b: u32) -> u32;
  export next: func(x: u64) -> u64;
  export half: func(x: f64) -> f64;
  export is-even: func(x: u32) -> bool;
}
`;

const PURE_WAT = `(module
  (memory (export "cm32p2_memory") 1)
  (func (export "cm32p2||add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
  (func (export "cm32p2||next") (param i64) (result i64) (i64.add (local.get 0) (i64.const 1)))
  (func (export "cm32p2||half") (param f64) (result f64) (f64.mul (local.get 0) (f64.const 0.5)))
  (func (export "cm32p2||is-even") (param i32) (result i32) (i32.eqz (i32.and (local.get 0) (i32.const 1)))))`;

export async function pureComponent(): Promise<Uint8Array> {
  return componentNew(await componentEmbed({ binary: await parse(PURE_WAT), witSource: PURE_WIT, world: 'pure' }));
}

const faithfulAdd = '(a, b) => (a + b) >>> 0';

/** A native module (ESM source) implementing the pure world; `add` as given. */
function nativeSource(add: string): string {
  return `export const add = ${add};
export const next = (x) => BigInt.asUintN(64, x + 1n);
export const half = (x) => x * 0.5;
export const isEven = (x) => x % 2 === 0;
`;
}

/** The pure component's exports in JS, to the letter. */
export const PURE_NATIVE = nativeSource(faithfulAdd);

/** The same with one planted difference: add(a, b) is one too many. */
export const PURE_NATIVE_OFF_BY_ONE = nativeSource('(a, b) => (a + b + 1) >>> 0');
