/**
 * WIT types written as the TypeScript types of their `Value`s, for the
 * declarations `generate types` writes (values/value.ts's table, case by case).
 */
import { describe, expect, it } from 'vitest';
import { exportTypesDeclaration } from '../../src/values/types-declaration.js';
import { parseWit, selectWorld } from '../../src/wit/load.js';

const WORLD = selectWorld(
  parseWit(`package t:s@1.0.0;
interface api {
  record entry { key-name: string, ttl: option<u64> }
  variant shape { circle(f64), none }
  enum color { red, dark-blue }
  flags perms { read, write-all }
  resource counter { constructor(); }
  store: func(e: entry, s: shape, c: color, p: perms) -> result<list<u8>, string>;
  pair: func(t: tuple<s8, char>, default: bool, l: list<option<u32>>) -> own<counter>;
  nothing: func();
}
world w { export api; }
`),
  'w',
);

describe('exportTypesDeclaration', () => {
  it('declares every export by WAVE name, its arguments labelled, by name, and its result, as Values', () => {
    const text = exportTypesDeclaration(WORLD, 'build/app.wasm');
    expect(text.split('\n').slice(2)).toEqual([
      "declare module 'proxy-component/vitest/property' {",
      '  interface ComponentTypes {',
      '    "build/app.wasm": {',
      '      "t:s/api.[constructor]counter@1.0.0": { args: []; params: {}; result: import(\'proxy-component\').ResourceHandle };',
      '      "t:s/api.store@1.0.0": { args: [e: { readonly "key-name": string; readonly ttl: { readonly tag: "none" } | { readonly tag: "some"; readonly value: bigint } }, s: { readonly tag: "circle"; readonly value: number } | { readonly tag: "none" }, c: "red" | "dark-blue", p: readonly ("read" | "write-all")[]]; params: { readonly e: { readonly "key-name": string; readonly ttl: { readonly tag: "none" } | { readonly tag: "some"; readonly value: bigint } }; readonly s: { readonly tag: "circle"; readonly value: number } | { readonly tag: "none" }; readonly c: "red" | "dark-blue"; readonly p: readonly ("read" | "write-all")[] }; result: { readonly tag: "ok"; readonly value: readonly number[] } | { readonly tag: "err"; readonly value: string } };',
      '      "t:s/api.pair@1.0.0": { args: [t: readonly [number, string], default_: boolean, l: readonly ({ readonly tag: "none" } | { readonly tag: "some"; readonly value: number })[]]; params: { readonly t: readonly [number, string]; readonly default: boolean; readonly l: readonly ({ readonly tag: "none" } | { readonly tag: "some"; readonly value: number })[] }; result: import(\'proxy-component\').ResourceHandle };',
      '      "t:s/api.nothing@1.0.0": { args: []; params: {}; result: undefined };',
      '    };',
      '  }',
      '}',
      'export {};',
      '',
    ]);
  });
});
