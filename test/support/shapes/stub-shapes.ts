/**
 * Worlds whose imports once made `generate stubs` write TypeScript that did
 * not compile, or a host jco would not read, one world per shape (as
 * wit-bindgen's test guests have them): built from WIT alone with a dummy core
 * module (componentFromWit), which is enough for stubs and for jco to
 * instantiate.
 *
 * - `world-resource`: a resource declared in the world, with functions
 *   (jco reads `imports.r.default`);
 * - `opaque-world-resource`: one with no functions of its own, which jco
 *   still reads because host functions make and take it;
 * - `named-imports`: an inline interface named `imports`, once clashing with
 *   the module's own `export const imports`;
 * - `same-named-resources`: two interfaces each declaring a resource `x`;
 * - `two-versions`: two versions of one interface under one jco key, each
 *   with a function `x` (of different types) and a resource `thing`;
 * - `global-names`: types and resources named like the globals the stubs use
 *   (`error`, `array`, `uint8-array`) and like each other;
 * - `wasi-resource`: a user function taking a WASI resource, whose class the
 *   stubs do not declare;
 * - `reserved-words`: functions and parameters named with JS reserved words;
 * - `all-types`: every WIT value type in params and results.
 */
export const STUB_SHAPES_WIT = `package test:stubs;

interface one {
  resource x {
    constructor();
  }
}

interface two {
  resource x {
    get: func() -> u32;
  }
  make: func() -> x;
}

interface globals {
  record array { items: list<string> }
  record x { a: u32 }
  record uint8-array { b: list<u8> }
  resource error {
    message: func() -> string;
  }
  fail: func(e: borrow<error>, v: x, w: array, b: uint8-array) -> result<x, string>;
}

interface logging {
  use wasi:io/streams@0.2.0.{output-stream};
  log: func(out: borrow<output-stream>, line: string) -> output-stream;
}

interface words {
  delete: func(class: string, default: u32, arguments: bool, eval: s8) -> string;
  new: func(%type: string, this: u8, yield: u16) -> u32;
}

interface every-type {
  record entry { key-name: string, ttl: option<u64>, tags: list<string> }
  variant shape { circle(f64), none }
  enum color { red, dark-blue }
  flags perms { read, write-all }
  type alias = list<entry>;
  put: func(e: entry, s: shape, c: color, p: perms, pair: tuple<s32, char>, a: alias) -> result<u64, string>;
  nested: func(o: option<option<u32>>, r: result<option<string>>, f: list<f32>, bytes: list<u8>) -> list<s16>;
  nothing: func() -> result;
  many: func() -> tuple<bool, s64, f64>;
}

world world-resource {
  resource r {
    constructor(x: u32);
    get: func() -> u32;
    make: static func() -> r;
  }
  import test: func(r: borrow<r>) -> u32;
  export run: func();
}

world opaque-world-resource {
  resource r;
  record holder { name: string }
  import make: func(h: holder) -> r;
  import take: func(r: r);
  export run: func();
}

world named-imports {
  import imports: interface {
    many-arguments: func(a1: u64, a2: u64);
  }
  export run: func();
}

world same-named-resources {
  import one;
  import two;
  import an-inline-interface: interface {
    resource x {
      constructor(v: u32);
    }
  }
  export run: func();
}

world two-versions {
  import test:dep/test@0.1.0;
  import test:dep/test@0.2.0;
  export run: func();
}

world global-names {
  import globals;
  import two;
  export run: func();
}

world wasi-resource {
  import logging;
  export run: func();
}

world reserved-words {
  import words;
  import default: func(class: string) -> string;
  export run: func();
}

world all-types {
  import every-type;
  export run: func();
}

package test:dep@0.1.0 {
  interface test {
    resource thing {
      constructor();
      get: func() -> u32;
    }
    x: func() -> f32;
    y: func(a: f32) -> f32;
  }
}

package test:dep@0.2.0 {
  interface test {
    resource thing {
      constructor(v: u32);
      put: func(v: u32);
    }
    x: func() -> u64;
    z: func(a: f32, b: f32) -> f32;
  }
}

package wasi:io@0.2.0 {
  interface streams {
    resource output-stream {
      blocking-flush: func() -> result;
    }
  }
}
`;

export const STUB_SHAPE_WORLDS = [
  'world-resource',
  'opaque-world-resource',
  'named-imports',
  'same-named-resources',
  'two-versions',
  'global-names',
  'wasi-resource',
  'reserved-words',
  'all-types',
] as const;
