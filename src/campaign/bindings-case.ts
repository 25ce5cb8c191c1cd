/**
 * The data of one generated bindings case: a world of echo functions, the
 * string encoding its core module uses, and the calls to make. Everything a
 * case needs to be built, run and checked follows from this value, so that a
 * fast-check seed (and a shrunk counterexample) reproduces it exactly.
 *
 * @example
 * // world bindings { export f0: func(p0: u8, p1: string) -> tuple<u8, string>; }
 * const example: BindingsCase = {
 *   encoding: 'utf16',
 *   functions: [{ name: 'f0', kind: 'echo', params: [{ kind: 'u8' }, { kind: 'string' }] }],
 *   calls: [{ function: 0, args: [7, 'é'] }],
 * };
 */
import type { Value } from '../values/value.js';
import type { WitType } from '../wit/types.js';

/** The canonical ABI's `string-encoding=` of every lift and lower in the component (`compact-utf16` is latin1+utf16). */
export type StringEncoding = 'utf8' | 'utf16' | 'compact-utf16';

export const STRING_ENCODINGS: readonly StringEncoding[] = ['utf8', 'utf16', 'compact-utf16'];

/**
 * An exported function that gives its arguments back: `f(p0: A) -> A`, or
 * `f(p0: A, p1: B, ...) -> tuple<A, B, ...>` for several parameters.
 * - `echo`: the core function returns them itself;
 * - `import-echo`: it passes them to the imported `host-f(p0: A, ...) -> A`
 *   and returns what the host answers (the plan answers with the arguments),
 *   so that they cross the boundary four times: lowered into the component,
 *   lifted to the host, lowered back, lifted out.
 */
export interface EchoFunction {
  /** The WIT name: `f0`, `f1`, ... */
  readonly name: string;
  readonly kind: 'echo' | 'import-echo';
  /** At least one. */
  readonly params: readonly WitType[];
}

export interface CaseCall {
  /** Index into `functions`. */
  readonly function: number;
  readonly args: readonly Value[];
}

export interface BindingsCase {
  readonly encoding: StringEncoding;
  readonly functions: readonly EchoFunction[];
  readonly calls: readonly CaseCall[];
}

/** The result type of an echo function: the parameter itself, or the tuple of all of them. */
export function echoResultType(fn: EchoFunction): WitType {
  return fn.params.length === 1 ? (fn.params[0] as WitType) : { kind: 'tuple', elements: fn.params };
}

/** What the call must return: its argument, or the tuple of its arguments. */
/** The import an `import-echo` function calls. */
export function hostImportName(fn: EchoFunction): string {
  return `host-${fn.name}`;
}

export function expectedResult(fn: EchoFunction, args: readonly Value[]): Value {
  return fn.params.length === 1 ? (args[0] as Value) : args;
}
