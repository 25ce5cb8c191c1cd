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
 *   and no imports, for the fuzzer's choice of export.
 */
import { componentEmbed, componentNew, parse } from '@bytecodealliance/jco-transpile/wasm-tools';

async function fromWat(wat: string, witSource: string, world: string): Promise<Uint8Array> {
  return componentNew(await componentEmbed({ binary: await parse(wat), witSource, world }));
}

const memoized = <T>(build: () => Promise<T>): (() => Promise<T>) => {
  let built: Promise<T> | undefined;
  return () => (built ??= build());
};

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
