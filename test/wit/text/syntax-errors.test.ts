import { describe, expect, it } from 'vitest';
import { parseWit } from '../../../src/wit/load.js';
import { caught, expectWitError } from './support.js';

type At = `${number}:${number}`;

/** Each case: WIT source (line 1 is the package header), the message, where. */
const CASES: [string, string, string, At][] = [
  ['missing `;` after a function', 'package a:b;\ninterface i {\n  f: func()\n}', 'expected `;` after function `f`, found `}`', '4:1'],
  ['missing `;` after the package name', 'package a:b\ninterface i {}', 'expected `;` or `{` after the package name, found keyword `interface`', '2:1'],
  ['a keyword as a name', 'package a:b;\ninterface i { record list { a: u8 } }', 'expected a name after `record`, found keyword `list` (write `%list` to use it as a name)', '2:22'],
  ['a keyword as a function name', 'package a:b;\ninterface i { list: func(); }', '`list` is a keyword: write `%list` to use it as a function name', '2:15'],
  ['a non-type after `:`', 'package a:b;\ninterface i { f: func(a: 42); }', 'expected a type for parameter `a`, found integer `42`', '2:26'],
  ['a value where `func` belongs', 'package a:b;\ninterface i { f: u32; }', 'expected `func` after `f:`, found keyword `u32`', '2:18'],
  ['named results (an old syntax)', 'package a:b;\ninterface i { f: func() -> (a: u32); }', 'expected a type after `->` in function `f`, found `(`', '2:28'],
  ['an unclosed `list<`', 'package a:b;\ninterface i { type t = list<u8; }', 'expected `>` to close `list<...>`, found `;`', '2:31'],
  ['`result<_>` without an error type', 'package a:b;\ninterface i { type t = result<_>; }', 'expected `,` after `_` in `result<_, E>`, found `>`', '2:32'],
  ['a fixed-size list of length 0', 'package a:b;\ninterface i { type t = list<u8, 0>; }', 'invalid fixed-size list length `0`: it must be between 1 and 4294967295', '2:33'],
  ['a fixed-size list without a length', 'package a:b;\ninterface i { type t = list<u8, x>; }', 'expected the length of a fixed-size list after `,` in `list<T, N>`, found identifier `x`', '2:33'],
  ['a missing comma between fields', 'package a:b;\ninterface i { record r { a: u8 b: u8 } }', 'expected `}` after an item of record `r` (items are separated by `,`), found identifier `b`', '2:32'],
  ['`use` without names', 'package a:b;\ninterface i { use t.{}; }', 'expected at least one name in `use ...{}`', '2:22'],
  ['`use` without `.`', 'package a:b;\ninterface i { use t{x}; }', 'expected `.` after the interface path in `use` (as in `use iface.{name}`), found `{`', '2:20'],
  ['a top-level `use` of types', 'package a:b;\nuse t.{x};', 'a top-level `use` names an interface (`use ns:pkg/iface;`); to import types, write `use iface.{...};` inside an interface or world', '2:6'],
  ['an unknown attribute', 'package a:b;\ninterface i { @since(version = 1.0.0) @beta f: func(); }', 'unknown attribute `@beta`: expected `@since`, `@unstable`, `@deprecated` or `@external-id`', '2:39'],
  ['`@since` without a version', 'package a:b;\ninterface i { @since(version = x) f: func(); }', 'expected a version in `@since(version = ...)`, found identifier `x`', '2:32'],
  ['`@since` with an integer', 'package a:b;\ninterface i { @since(version = 1) f: func(); }', 'invalid version `1`: expected a semantic version such as `1.0.0`', '2:32'],
  ['`@unstable` with the wrong field', 'package a:b;\ninterface i { @unstable(version = 1.0.0) f: func(); }', 'expected `feature` in `@unstable(feature = ...)`, found identifier `version`', '2:25'],
  ['an attribute on a package', '@since(version = 1.0.0)\npackage a:b;', 'attributes such as `@since` cannot be placed on a package', '2:1'],
  ['a header after items', 'package a:b { }\npackage c:d;', '`package ...;` must be the first item of a file, and a file has only one', '2:1'],
  ['a package inside a package', 'package a:b { package c:d { } }', 'packages cannot be nested inside other packages', '1:15'],
  ['nested namespaces', 'package a:b:c;', 'nested namespaces (`a:b:c`) are not supported', '1:12'],
  ['nested packages in a path', 'package a:b;\nworld w { import x:y/z/q; }', 'nested packages (`ns:pkg/a/b`) are not supported', '2:23'],
  ['an unclosed interface', 'package a:b;\ninterface i {\n  f: func();\n', 'expected `use`, a type definition, a function or `}` in interface `i`, found end of file', '4:1'],
  ['an unclosed nested package', 'package a:b {\ninterface i {}\n', 'expected `}` to close the package, found end of file', '3:1'],
  ['junk at the top level', 'package a:b;\nrecord r { a: u8 }', 'expected `package`, `interface`, `world` or `use`, found keyword `record`', '2:1'],
  ['junk in a world', 'package a:b;\nworld w { f: func(); }', 'expected `import`, `export`, `include`, `use`, a type definition or `}` in world `w`, found identifier `f`', '2:11'],
  ['an import of a plain type', 'package a:b;\nworld w { import x: u32; }', 'expected `func`, `interface` or an interface path after `x:`, found keyword `u32`', '2:21'],
  ['an include with a bad `with`', 'package a:b;\nworld w { include v with { a b }; }', 'expected `as` after `a` in `with { ... }`, found identifier `b`', '2:30'],
  ['a resource with junk', 'package a:b;\ninterface i { resource r { type t = u8; } }', 'expected `constructor`, a method or `}` in resource `r`, found keyword `type`', '2:28'],
  ['a resource without `;` or body', 'package a:b;\ninterface i { resource r }', 'expected `{` or `;` after `resource r`, found `}`', '2:26'],
  ['an unversioned version', 'package a:b@;', 'expected a version after `a:b@`, found `;`', '1:13'],
];

describe('syntax errors', () => {
  it.each(CASES)('%s', (_name, source, detail, at) => {
    expectWitError(() => parseWit(source, 'x.wit'), 'WIT_SYNTAX', detail, at);
  });

  it('puts the file, line and column first in the message', () => {
    const error = caught(() => parseWit('package a:b;\ninterface i { f: func() }', 'wit/app.wit'));
    expect(error.message).toBe('wit/app.wit:2:25: expected `;` after function `f`, found `}`');
    expect(error.location).toEqual({ file: 'wit/app.wit', line: 2, column: 25 });
  });

  it('rejects the old dialect without semicolons with a clear message', () => {
    // The shape of wasm-wave's tests/types.wit, written before `;` became required.
    const old = 'package tests:tests\n\nworld tests {\n    export bools: func() -> tuple<bool, bool>\n}\n';
    expectWitError(() => parseWit(old, 'types.wit'), 'WIT_SYNTAX', 'expected `;` or `{` after the package name, found keyword `world`', '3:1');
    const oldBody = 'package tests:tests;\nworld tests {\n    export bools: func() -> tuple<bool, bool>\n    export sints: func() -> s8\n}\n';
    expectWitError(() => parseWit(oldBody, 'types.wit'), 'WIT_SYNTAX', 'expected `;` after function `bools`, found keyword `export`', '4:5');
  });
});
