/**
 * A component that imports and exports the same package interface, written
 * in WAT. Its import lists only the functions its code calls (`add`), its
 * export every function it implements (`add`, `neg`, `swap`), as
 * wit-component builds them: the decoded world has two copies of
 * `test:both/calc`, each with its own type objects.
 *
 *   add(p)  = imported add(p)
 *   neg(x)  = -x
 *   swap(p) = { a: p.b, b: p.a }
 */
import { fromWat, memoized } from './build.js';

export const IMPORTED_AND_EXPORTED_WIT = `package test:both;

interface calc {
  record pair { a: u32, b: u32 }
  add: func(p: pair) -> u32;
  neg: func(x: s32) -> s32;
  swap: func(p: pair) -> pair;
}

world both {
  import calc;
  export calc;
}
`;

const IMPORTED_AND_EXPORTED_WAT = `(module
  (import "test:both/calc" "add" (func $add (param i32 i32) (result i32)))
  (memory (export "memory") 1)
  (func (export "test:both/calc#add") (param i32 i32) (result i32) (call $add (local.get 0) (local.get 1)))
  (func (export "test:both/calc#neg") (param i32) (result i32) (i32.sub (i32.const 0) (local.get 0)))
  (func (export "test:both/calc#swap") (param i32 i32) (result i32)
    (i32.store (i32.const 16) (local.get 1))
    (i32.store (i32.const 20) (local.get 0))
    (i32.const 16)))`;

export const importedAndExportedComponent = memoized(() => fromWat(IMPORTED_AND_EXPORTED_WAT, IMPORTED_AND_EXPORTED_WIT, 'both'));
