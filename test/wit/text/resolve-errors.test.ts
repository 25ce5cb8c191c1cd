import { describe, expect, it } from 'vitest';
import { parseWit } from '../../../src/wit/load.js';
import { caught, expectWitError } from './support.js';

type At = `${number}:${number}`;

/** Each case: the WIT after `package a:b;\n` (so it starts on line 2), the message, where. */
const CASES: [string, string, string, At][] = [
  ['an unknown type', 'interface i { f: func(x: nope); }', 'type `nope` is not defined in interface `i`', '2:26'],
  ['an unknown type in a world', 'world w { import f: func(x: nope); }', 'type `nope` is not defined in world `w`', '2:29'],
  ['a function used as a type', 'interface i { g: func(); f: func(x: g); }', '`g` is a function, not a type', '2:37'],
  ['a duplicate type', 'interface i {\n  type x = u32;\n  type x = u64;\n}', 'name `x` is defined twice in interface `i` (first at x.wit:3:8)', '4:8'],
  ['a type and a function with one name', 'interface i { record f { a: u8 } f: func(); }', 'name `f` is defined twice in interface `i` (first at x.wit:2:22)', '2:34'],
  ['names differing in case', 'interface i { type x = u8; type X = u8; }', 'name `X` clashes with `x` (names may not differ only in letter case) in interface `i` (first at x.wit:2:20)', '2:33'],
  ['a duplicate field', 'interface i { record r { a: u8, a: u8 } }', 'field `a` is defined twice in record `r` (first at x.wit:2:26)', '2:33'],
  ['a duplicate case', 'interface i { enum e { a, A } }', 'case `A` clashes with `a` (names may not differ only in letter case) in enum `e` (first at x.wit:2:24)', '2:27'],
  ['a duplicate flag', 'interface i { flags f { a, a } }', 'flag `a` is defined twice in flags `f` (first at x.wit:2:25)', '2:28'],
  ['a duplicate parameter', 'interface i { f: func(a: u8, a: u8); }', 'parameter `a` is defined twice in function `f` (first at x.wit:2:23)', '2:30'],
  ['a `self` parameter in a method', 'interface i { resource r { m: func(self: u8); } }', 'parameter `self` is defined twice in function `m` (first at x.wit:2:28)', '2:36'],
  ['two constructors', 'interface i { resource r { constructor(); constructor(); } }', 'the constructor `constructor` is defined twice in resource `r` (first at x.wit:2:28)', '2:43'],
  ['a duplicate method', 'interface i { resource r { m: func(); m: static func(); } }', 'function `m` is defined twice in resource `r` (first at x.wit:2:28)', '2:39'],
  ['an empty record', 'interface i { record r {} }', 'record `r` needs at least one field', '2:22'],
  ['an empty variant', 'interface i { variant v {} }', 'variant `v` needs at least one case', '2:23'],
  ['an empty enum', 'interface i { enum e {} }', 'enum `e` needs at least one case', '2:20'],
  ['empty flags', 'interface i { flags f {} }', 'flags `f` needs at least one flag', '2:21'],
  ['an empty tuple', 'interface i { type t = tuple<>; }', '`tuple<...>` needs at least one type', '2:24'],
  ['a recursive type', 'interface i { record a { b: b } record b { a: a } }', 'type `a` refers to itself: WIT types cannot be recursive', '2:47'],
  ['a type alias of itself', 'interface i { type t = t; }', 'type `t` refers to itself: WIT types cannot be recursive', '2:24'],
  ['`borrow` of a record', 'interface i { record r { a: u8 } f: func(x: borrow<r>); }', '`borrow<r>` needs a resource, but `r` is a record', '2:52'],
  ['`own` of a primitive alias', 'interface i { type t = u8; f: func(x: own<t>); }', '`own<t>` needs a resource, but `t` is the type `u8`', '2:43'],
  ['a borrow in a result', 'interface i { resource r; f: func() -> option<borrow<r>>; }', 'function `f` returns a borrowed handle: `borrow<...>` may only appear in parameters', '2:40'],
  ['a constructor returning something else', 'interface i { resource r { constructor() -> u32; } }', 'the constructor of `r` must return `r` (the default) or `result<r, E>`', '2:45'],
  ['a `map` type', 'interface i { f: func(m: map<string, u8>); }', '`map<K, V>` types are not supported yet', '2:26'],
  ['`use` of an unknown interface', 'interface i { use nope.{x}; }', 'interface `nope` is not defined in package `a:b`', '2:19'],
  ['`use` of an unknown type', 'interface t {}\ninterface i { use t.{x}; }', 'interface `a:b/t` has no type `x`', '3:22'],
  ['`use` of a function', 'interface t { f: func(); }\ninterface i { use t.{f}; }', '`f` is a function of interface `a:b/t`; only types can be `use`d', '3:22'],
  ['`use` of a world', 'world t {}\ninterface i { use t.{x}; }', '`t` is a world, not an interface', '3:19'],
  ['`include` of an interface', 'interface t {}\nworld w { include t; }', '`t` is an interface, not a world', '3:19'],
  ['cyclic `use`', 'interface x { use y.{b}; type a = u8; }\ninterface y { use x.{a}; type b = u8; }', 'interfaces `use` each other in a cycle: `a:b/x` -> `a:b/y` -> `a:b/x`', '3:19'],
  ['cyclic `include`', 'world x { include y; }\nworld y { include x; }', 'worlds include each other in a cycle: `a:b/x` -> `a:b/y` -> `a:b/x`', '3:19'],
  ['an unknown package', 'interface i { use wasi:io/streams@0.2.0.{x}; }', 'package `wasi:io@0.2.0` is not defined (add it to the `deps/` folder, or define it in a nested `package ... { }` block)', '2:19'],
  ['a package version mismatch', 'world w { import c:d/e; }\npackage c:d@1.0.0 { interface e {} }', 'package `c:d` is not defined (defined: `c:d@1.0.0`; versions must match exactly)', '2:18'],
  ['an unknown interface of a package', 'world w { import c:d/nope; }\npackage c:d { interface e {} }', 'interface `nope` is not defined in package `c:d`', '2:22'],
  ['a self-reference by full name', 'interface i {}\nworld w { import a:b/i; }', 'package `a:b` refers to its own interface by its full name: write `i` instead', '3:18'],
  ['a package cycle', 'world w { import c:d/x; }\npackage c:d { interface x { use e:f/y.{t}; } }\npackage e:f { interface y { use c:d/x.{t}; type t = u8; } }', 'packages depend on each other in a cycle: `c:d` -> `e:f` -> `c:d`', '4:33'],
  ['a duplicate interface', 'interface i {}\ninterface i {}', 'interface `i` is defined twice in package `a:b` (first at x.wit:2:11)', '3:11'],
  ['an interface and a world with one name', 'interface i {}\nworld i {}', 'world `i` is defined twice in package `a:b` (first at x.wit:2:11)', '3:7'],
  ['a top-level `use` shadowing an item', 'use c:d/i;\ninterface i {}\npackage c:d { interface i {} }', '`use` defines the name `i`, which is already the name of an interface of package `a:b` (add `as other-name`)', '2:9'],
  ['an include of a top-level `use`', 'use c:d/w as v;\nworld x { include v; }\npackage c:d { world w {} }', '`v` is an interface named by a top-level `use`, not a world (a top-level `use` only names interfaces)', '3:19'],
  ['a duplicate import', 'world w { import f: func(); import f: interface {} }', 'name `f` is defined twice in the imports of world `w` (first at x.wit:2:18)', '2:36'],
  ['a world type clashing with an import', 'world w { type t = u8; import t: func(); }', 'name `t` is defined twice in the imports of world `w` (first at x.wit:2:16)', '2:31'],
  ['an include conflict', 'world v { import f: func(); }\nworld w { import f: func(); include v; }', 'import `f` of the included world `v` clashes with an import of world `w`; rename it with `include v with { f as other-name }`', '3:29'],
  ['a `with` of an unknown name', 'world v {}\nworld w { include v with { f as g } }', 'world `v` has no import or export named `f`', '3:28'],
  ['a `with` of an interface name', 'interface i {}\nworld v { import i; }\nworld w { include v with { a:b/i as g } }', 'expected `as` after `a` in `with { ... }`, found `:`', '4:29'],
  ['an export depending on an import that depends on an export', 'interface x { type t = u8; }\ninterface y { use x.{t}; }\ninterface z { use y.{t}; }\nworld w { import y; export x; export z; }', 'world `w` cannot export `a:b/z`: it depends (through `use`) on an imported interface that itself depends on an exported one', '5:38'],
  ['a version gate in an unversioned package', 'interface i { @since(version = 1.0.0) f: func(); }', 'package `a:b` uses `@since` gates, so it needs a version (`package a:b@1.0.0;`)', '2:15'],
];

describe('resolve errors', () => {
  it.each(CASES)('%s', (_name, body, detail, at) => {
    const error = caught(() => parseWit(`package a:b;\n${body}`, 'x.wit'));
    const code = detail.startsWith('expected') ? 'WIT_SYNTAX' : detail.startsWith('`map') ? 'WIT_UNSUPPORTED' : 'WIT_RESOLVE';
    expect({ code: error.code, detail: error.detail, at: `${error.location?.line}:${error.location?.column}` }).toEqual({ code, detail, at });
    expect(error.location?.file).toBe('x.wit');
  });

  it('requires a package declaration for top-level items', () => {
    expectWitError(() => parseWit('interface i {}'), 'WIT_RESOLVE', 'missing package declaration: WIT items need a `package ns:name;` first (for example `package my:app;`)', '1:11');
  });

  it('needs some package', () => {
    const error = caught(() => parseWit('// nothing here', 'empty.wit'));
    expect(error).toMatchObject({ code: 'WIT_RESOLVE', detail: 'no WIT package found in empty.wit' });
  });
});
