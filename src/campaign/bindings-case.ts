/**
 * The data of one generated bindings case: a world of generated functions, the
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
 * A generated function over `params`, implemented by the core module in a
 * known way, so that the generator knows what every call must give:
 * - `echo`: `f(p0: A) -> A`, or `f(p0: A, p1: B, ...) -> tuple<A, B, ...>`;
 *   the core function gives its arguments back;
 * - `import-echo`: the same signature; the core function passes them to
 *   the imported `host-f(p0: A, ...) -> A` and returns what the host
 *   answers (the plan answers with the arguments), so that they cross the
 *   boundary four times: lowered in, lifted to the host, lowered back,
 *   lifted out; the import's arguments are checked too;
 * - `checksum`: `f(p0: A, ...) -> u64`, the checksum (checksum.ts) of the
 *   memory image of its arguments, which checks lowering without lifting;
 * - `resource`: an exported resource `f` of interface `res` holding its
 *   arguments: each call makes one (`constructor(p0: A, ...)`), reads it
 *   back through a method (`get: func() -> A`), a `borrow` parameter
 *   (`peek-f(r: borrow<f>)`) and an `own` one that the component drops
 *   (`take-f(r: own<f>)`, its destructor counting), then asks the count
 *   (`dropped-f() -> u32`): handles go out and come back in.
 */
export interface CaseFunction {
  /** The WIT name: `f0`, `f1`, ... */
  readonly name: string;
  readonly kind: FunctionKind;
  /** At least one; never a handle. */
  readonly params: readonly WitType[];
}

export type FunctionKind = 'echo' | 'import-echo' | 'checksum' | 'resource';

export const FUNCTION_KINDS: readonly FunctionKind[] = ['echo', 'import-echo', 'checksum', 'resource'];

export interface CaseCall {
  /** Index into `functions`. */
  readonly function: number;
  readonly args: readonly Value[];
}

export interface BindingsCase {
  readonly encoding: StringEncoding;
  readonly functions: readonly CaseFunction[];
  readonly calls: readonly CaseCall[];
}

/** What an echo, an import-echo, a resource's getters return: the parameter itself, or the tuple of all of them. */
export function echoResultType(fn: CaseFunction): WitType {
  return fn.params.length === 1 ? (fn.params[0] as WitType) : { kind: 'tuple', elements: fn.params };
}

/** The arguments as the echo result: the argument, or the tuple of them. */
export function echoValue(fn: CaseFunction, args: readonly Value[]): Value {
  return fn.params.length === 1 ? (args[0] as Value) : args;
}

/** The import an `import-echo` function calls. */
export function hostImportName(fn: CaseFunction): string {
  return `host-${fn.name}`;
}
