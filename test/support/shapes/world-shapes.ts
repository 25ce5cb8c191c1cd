/**
 * Components of the world shapes real toolchains produce and our own
 * examples did not have, written in WAT (tiny, built in milliseconds):
 *
 * - `worldResource`: a resource declared in the world itself
 *   (`world w { resource r { ... } }`), as wit-bindgen emits for
 *   `resource-borrow-simple`: run(x) = test(borrow of a new r(x));
 * - `typesOnly`: an interface imported only for its types (as WASI's
 *   wall-clock is, for filesystem's `datetime`): elapsed() = now().seconds;
 * - `twoVersions`: two versions of one interface, each with a function `x`:
 *   run() = v1.x() + 10 * v1.y(1) + 100 * v2.x() + 1000 * v2.z(2);
 * - `sameNamedResources`: an imported and an exported resource both named `x`,
 *   in interfaces written inline in the world.
 */
import { fromWat, memoized } from './build.js';

export const WORLD_RESOURCE_WIT = `package test:shapes;

world world-resource {
  resource r {
    constructor(x: u32);
  }
  import test: func(r: borrow<r>) -> u32;
  export run: func(x: u32) -> u32;
}
`;

const WORLD_RESOURCE_WAT = `(module
  (import "$root" "[constructor]r" (func $new (param i32) (result i32)))
  (import "$root" "[resource-drop]r" (func $drop (param i32)))
  (import "$root" "test" (func $test (param i32) (result i32)))
  (memory (export "memory") 1)
  (func (export "run") (param $x i32) (result i32) (local $r i32) (local $v i32)
    (local.set $r (call $new (local.get $x)))
    (local.set $v (call $test (local.get $r)))
    (call $drop (local.get $r))
    (local.get $v)))`;

export const worldResourceComponent = memoized(() => fromWat(WORLD_RESOURCE_WAT, WORLD_RESOURCE_WIT, 'world-resource'));

export const TYPES_ONLY_WIT = `package test:shapes;

interface clock-types {
  record instant { seconds: u64, nanos: u32 }
}

interface timer {
  use clock-types.{instant};
  now: func() -> instant;
}

world types-only {
  import timer;
  export elapsed: func() -> u64;
}
`;

const TYPES_ONLY_WAT = `(module
  (import "test:shapes/timer" "now" (func $now (param i32)))
  (memory (export "memory") 1)
  (func (export "elapsed") (result i64)
    (call $now (i32.const 16))
    (i64.load (i32.const 16))))`;

export const typesOnlyComponent = memoized(() => fromWat(TYPES_ONLY_WAT, TYPES_ONLY_WIT, 'types-only'));

export const TWO_VERSIONS_WIT = `package test:shapes;

world two-versions {
  import test:dep/test@0.1.0;
  import test:dep/test@0.2.0;
  export run: func() -> u32;
}

package test:dep@0.1.0 {
  interface test {
    x: func() -> u32;
    y: func(a: u32) -> u32;
  }
}

package test:dep@0.2.0 {
  interface test {
    x: func() -> u32;
    z: func(a: u32) -> u32;
  }
}
`;

const TWO_VERSIONS_WAT = `(module
  (import "test:dep/test@0.1.0" "x" (func $x1 (result i32)))
  (import "test:dep/test@0.1.0" "y" (func $y (param i32) (result i32)))
  (import "test:dep/test@0.2.0" "x" (func $x2 (result i32)))
  (import "test:dep/test@0.2.0" "z" (func $z (param i32) (result i32)))
  (memory (export "memory") 1)
  (func (export "run") (result i32)
    (i32.add
      (i32.add (call $x1) (i32.mul (call $y (i32.const 1)) (i32.const 10)))
      (i32.add (i32.mul (call $x2) (i32.const 100)) (i32.mul (call $z (i32.const 2)) (i32.const 1000))))))`;

export const twoVersionsComponent = memoized(() => fromWat(TWO_VERSIONS_WAT, TWO_VERSIONS_WIT, 'two-versions'));

export const SAME_NAMED_RESOURCES_WIT = `package test:shapes;

world same-named-resources {
  import an-imported-interface: interface {
    resource x {
      constructor(v: u32);
      get: func() -> u32;
    }
  }
  export an-exported-interface: interface {
    resource x {
      constructor(v: u32);
      get: func() -> u32;
    }
  }
}
`;

/** The exported x(v) wraps an imported x(v + 1); its get() is the imported get() + 1000. */
const SAME_NAMED_RESOURCES_WAT = `(module
  (import "an-imported-interface" "[constructor]x" (func $import-new (param i32) (result i32)))
  (import "an-imported-interface" "[method]x.get" (func $import-get (param i32) (result i32)))
  (import "[export]an-exported-interface" "[resource-new]x" (func $export-new (param i32) (result i32)))
  (memory (export "memory") 1)
  (func (export "an-exported-interface#[constructor]x") (param $v i32) (result i32)
    (call $export-new (call $import-new (i32.add (local.get $v) (i32.const 1)))))
  (func (export "an-exported-interface#[method]x.get") (param $rep i32) (result i32)
    (i32.add (call $import-get (local.get $rep)) (i32.const 1000))))`;

/** Two resources named `x`, one imported and one exported, both in interfaces written inline in the world (as wit-bindgen's rust_xcrate). */
export const sameNamedResourcesComponent = memoized(() => fromWat(SAME_NAMED_RESOURCES_WAT, SAME_NAMED_RESOURCES_WIT, 'same-named-resources'));
