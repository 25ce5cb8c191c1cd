/**
 * Types of a component's exports as `Value`s, for TypeScript: what
 * `proxy-component generate types` (and `generate stubs`) declare, and what
 * `componentTest` (proxy-component/vitest/property) reads to type its
 * arbitraries and calls.
 *
 * `ComponentTypes` (declared in src/vitest/property.ts, the module that reads
 * it) is a registry, empty there, that the generated declaration file fills by
 * module augmentation, keyed by the component's path as tests name it:
 *
 * ```ts
 * declare module 'proxy-component/vitest/property' {
 *   interface ComponentTypes {
 *     'build/app.wasm': {
 *       add: { args: [a: number, b: number]; params: { a: number; b: number }; result: number };
 *     };
 *   }
 * }
 * ```
 *
 * With that file in the program, `componentTest('build/app.wasm').arg('add', 'a')`
 * is an `fc.Arbitrary<number>`; without it, an `fc.Arbitrary<Value>`.
 */
import type { Value } from './value.js';

/** One export: its arguments in order (labelled), the same by parameter name, and its result (undefined when it has none). */
export interface ExportType {
  readonly args: readonly unknown[];
  readonly params: { readonly [param: string]: unknown };
  readonly result: unknown;
}

/** A component's exports by WAVE call name (`add`, `test:app/api.get@0.1.0`). */
export type ExportTypes = { readonly [name: string]: ExportType };

/** What is known of a component whose types were not generated: any export name, `Value`s. */
export type UntypedExports = {
  readonly [name: string]: { readonly args: Value[]; readonly params: { readonly [param: string]: Value }; readonly result: Value | undefined };
};

