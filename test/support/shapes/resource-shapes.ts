/**
 * Components whose boundary carries resources, in WAT (tiny, built in
 * milliseconds), for instrumenting and the engines:
 *
 * - `exportedResource`: an exported `counter` resource with a constructor,
 *   a method, a static taking one `own` and one `borrow` handle and
 *   returning a new one, freestanding functions taking a `borrow` and an
 *   `own` (which drops it), and a destructor counting drops;
 * - `importedResource`: an imported `cell` resource (constructor, method,
 *   static) used by `run(x)`, which makes a cell, reads it through a
 *   method, passes it to a static as `own` and reads the result; and
 *   `keep(x)` -> `take()`, which keeps a cell across export calls;
 * - `bothResources`: an export taking and returning handles of an imported
 *   resource (`front.handle(c: cell) -> cell`), as wasi:http's handlers and
 *   the original tool's Fastly handler take the host's requests.
 *
 * `cellHost` is a jco host for `test:res/cells` (the in-process recorder's
 * real host); `cellHostComponent` the same host as a component, to compose
 * with a record build for wasmtime.
 */
import { componentEmbed, componentNew, parse } from '@bytecodealliance/jco-transpile/wasm-tools';

async function fromWat(wat: string, witSource: string, world: string): Promise<Uint8Array> {
  return componentNew(await componentEmbed({ binary: await parse(wat), witSource, world }));
}

const memoized = <T>(build: () => Promise<T>): (() => Promise<T>) => {
  let built: Promise<T> | undefined;
  return () => (built ??= build());
};

export const EXPORTED_RESOURCE_WIT = `package test:res;

interface counters {
  resource counter {
    constructor(start: u32);
    add: func(n: u32) -> u32;
    merge: static func(a: counter, b: borrow<counter>) -> counter;
  }
  total: func(c: borrow<counter>) -> u32;
  consume: func(c: counter) -> u32;
  dropped: func() -> u32;
}

world exported-resource {
  export counters;
}
`;

/** A counter's representation is the address of its value (4 bytes from 1024 on). */
const EXPORTED_RESOURCE_WAT = `(module
  (import "[export]test:res/counters" "[resource-new]counter" (func $new (param i32) (result i32)))
  (import "[export]test:res/counters" "[resource-rep]counter" (func $rep (param i32) (result i32)))
  (import "[export]test:res/counters" "[resource-drop]counter" (func $drop (param i32)))
  (memory (export "memory") 1)
  (global $next (mut i32) (i32.const 1024))
  (global $dropped (mut i32) (i32.const 0))
  (func $make (param $v i32) (result i32) (local $p i32)
    (local.set $p (global.get $next))
    (global.set $next (i32.add (local.get $p) (i32.const 4)))
    (i32.store (local.get $p) (local.get $v))
    (call $new (local.get $p)))
  (func (export "test:res/counters#[constructor]counter") (param $v i32) (result i32) (call $make (local.get $v)))
  (func (export "test:res/counters#[method]counter.add") (param $self i32) (param $n i32) (result i32)
    (i32.store (local.get $self) (i32.add (i32.load (local.get $self)) (local.get $n)))
    (i32.load (local.get $self)))
  (func (export "test:res/counters#[static]counter.merge") (param $a i32) (param $b i32) (result i32) (local $ra i32) (local $v i32)
    (local.set $ra (call $rep (local.get $a)))
    (local.set $v (i32.add (i32.load (local.get $ra)) (i32.load (local.get $b))))
    (call $drop (local.get $a))
    (call $make (local.get $v)))
  (func (export "test:res/counters#total") (param $c i32) (result i32) (i32.load (local.get $c)))
  (func (export "test:res/counters#consume") (param $c i32) (result i32) (local $v i32)
    (local.set $v (i32.load (call $rep (local.get $c))))
    (call $drop (local.get $c))
    (local.get $v))
  (func (export "test:res/counters#dropped") (result i32) (global.get $dropped))
  (func (export "test:res/counters#[dtor]counter") (param $rep i32)
    (global.set $dropped (i32.add (global.get $dropped) (i32.const 1))))
  (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32) unreachable))`;

/** Exports a `counter` resource: constructor, method, a static with own and borrow handles, borrow and own parameters, a destructor. */
export const exportedResourceComponent = memoized(() => fromWat(EXPORTED_RESOURCE_WAT, EXPORTED_RESOURCE_WIT, 'exported-resource'));

export const IMPORTED_RESOURCE_WIT = `package test:res;

interface cells {
  resource cell {
    constructor(v: u32);
    get: func() -> u32;
    swap: static func(c: cell, v: u32) -> cell;
  }
  peek: func(c: borrow<cell>) -> u32;
}

world imported-resource {
  import cells;
  export run: func(x: u32) -> u32;
  export keep: func(x: u32);
  export take: func() -> u32;
}
`;

/**
 * run(x): c = cell(x); a = c.get(); d = cell.swap(c, a + 1) (c moved);
 * returns a + d.get() + peek(d), dropping d. keep(x) makes a cell and keeps
 * it (dropping the one kept before); take() reads the kept cell (through a
 * borrow) and drops it, or answers 0 when none is kept.
 */
const IMPORTED_RESOURCE_WAT = `(module
  (import "test:res/cells" "[constructor]cell" (func $cell (param i32) (result i32)))
  (import "test:res/cells" "[method]cell.get" (func $get (param i32) (result i32)))
  (import "test:res/cells" "[static]cell.swap" (func $swap (param i32 i32) (result i32)))
  (import "test:res/cells" "peek" (func $peek (param i32) (result i32)))
  (import "test:res/cells" "[resource-drop]cell" (func $drop (param i32)))
  (memory (export "memory") 1)
  (global $kept (mut i32) (i32.const 0))
  (func (export "run") (param $x i32) (result i32) (local $c i32) (local $a i32) (local $d i32) (local $r i32)
    (local.set $c (call $cell (local.get $x)))
    (local.set $a (call $get (local.get $c)))
    (local.set $d (call $swap (local.get $c) (i32.add (local.get $a) (i32.const 1))))
    (local.set $r (i32.add (local.get $a) (i32.add (call $get (local.get $d)) (call $peek (local.get $d)))))
    (call $drop (local.get $d))
    (local.get $r))
  (func (export "keep") (param $x i32)
    (if (global.get $kept) (then (call $drop (global.get $kept))))
    (global.set $kept (call $cell (local.get $x))))
  (func (export "take") (result i32) (local $v i32)
    (if (i32.eqz (global.get $kept)) (then (return (i32.const 0))))
    (local.set $v (call $peek (global.get $kept)))
    (call $drop (global.get $kept))
    (global.set $kept (i32.const 0))
    (local.get $v))
  (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32) unreachable))`;

/** Imports a `cell` resource: constructor, method, a static taking an own handle, a freestanding function borrowing one. */
export const importedResourceComponent = memoized(() => fromWat(IMPORTED_RESOURCE_WAT, IMPORTED_RESOURCE_WIT, 'imported-resource'));

/** The real host of `test:res/cells` for jco: a cell holds a number; swap makes a new cell holding v. */
export function cellHost(): Record<string, Record<string, unknown>> {
  class Cell {
    constructor(readonly v: number) {}
    get(): number {
      return this.v;
    }
    static swap(_c: Cell, v: number): Cell {
      return new Cell(v);
    }
  }
  return { 'test:res/cells': { Cell, peek: (c: Cell) => c.v * 10 } };
}

const CELL_HOST_WIT = `package test:res-host;

world host {
  export test:res/cells;
}

package test:res {
  interface cells {
    resource cell {
      constructor(v: u32);
      get: func() -> u32;
      swap: static func(c: cell, v: u32) -> cell;
    }
    peek: func(c: borrow<cell>) -> u32;
  }
}
`;

/** The same host as a component: a cell's representation is its number plus one. */
const CELL_HOST_WAT = `(module
  (import "[export]test:res/cells" "[resource-new]cell" (func $new (param i32) (result i32)))
  (import "[export]test:res/cells" "[resource-rep]cell" (func $rep (param i32) (result i32)))
  (import "[export]test:res/cells" "[resource-drop]cell" (func $drop (param i32)))
  (memory (export "memory") 1)
  (func (export "test:res/cells#[constructor]cell") (param $v i32) (result i32) (call $new (i32.add (local.get $v) (i32.const 1))))
  (func (export "test:res/cells#[method]cell.get") (param $self i32) (result i32) (i32.sub (local.get $self) (i32.const 1)))
  (func (export "test:res/cells#[static]cell.swap") (param $c i32) (param $v i32) (result i32)
    (call $drop (local.get $c))
    (call $new (i32.add (local.get $v) (i32.const 1))))
  (func (export "test:res/cells#peek") (param $c i32) (result i32) (i32.mul (i32.sub (local.get $c) (i32.const 1)) (i32.const 10)))
  (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32) unreachable))`;

export const cellHostComponent = memoized(() => fromWat(CELL_HOST_WAT, CELL_HOST_WIT, 'host'));

export const BOTH_RESOURCES_WIT = `package test:res;

interface cells {
  resource cell {
    constructor(v: u32);
    get: func() -> u32;
    swap: static func(c: cell, v: u32) -> cell;
  }
  peek: func(c: borrow<cell>) -> u32;
}

interface front {
  use cells.{cell};
  handle: func(c: cell) -> cell;
}

world both-resources {
  import cells;
  export front;
}
`;

/** front.handle(c): returns cell.swap(c, c.get() * 2). */
const BOTH_RESOURCES_WAT = `(module
  (import "test:res/cells" "[method]cell.get" (func $get (param i32) (result i32)))
  (import "test:res/cells" "[static]cell.swap" (func $swap (param i32 i32) (result i32)))
  (memory (export "memory") 1)
  (func (export "test:res/front#handle") (param $c i32) (result i32)
    (call $swap (local.get $c) (i32.mul (call $get (local.get $c)) (i32.const 2))))
  (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32) unreachable))`;

/** An export taking and returning handles of an imported resource. */
export const bothResourcesComponent = memoized(() => fromWat(BOTH_RESOURCES_WAT, BOTH_RESOURCES_WIT, 'both-resources'));
