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
 *   (`dropped-f() -> u32`): handles go out and come back in;
 * - `import-resource`: an imported resource `f` of interface `imp` that the
 *   host provides (the plan answers its calls): each call makes one through
 *   the component (`keep-f(p0: A, ...)`: the imported constructor, then
 *   `get` on the new handle, kept in the component's slot for this call),
 *   passes it back in as a `borrow` (`peek-f`, which calls `get` and drops
 *   its borrow), reads the oldest handle still kept (`get-f(slot)`: with
 *   several live, each method call must reach its own instance), passes a
 *   handle the host made as an `own` (`pass-f`: `get`, then the imported
 *   `consume-f(own<f>)` moves it back out) and, every second call, drops the
 *   previous call's handle (`drop-f(slot)`), so that the next constructor
 *   reuses its index in the component's handle table;
 * - `composed-resource`: a resource `f` of interface `prov` that a second
 *   generated component provides (it keeps the arguments, as `resource`
 *   does, and counts drops), composed with this one into one component, so
 *   that handles cross a component-to-component boundary inside the engine:
 *   each call makes one (`keep-f(p0: A, ...)`: the provider's constructor,
 *   then `get`), reads the oldest still kept (`get-f(slot)`) and, every second
 *   call, drops the previous call's (`drop-f(slot)`, which answers the
 *   provider's drop count: its destructor must have run);
 * - `invalid-handle`: a misuse of a handle of such an imported resource that
 *   the canonical ABI must trap on (`misuse`): a method called on a handle
 *   the component dropped, on one it moved out as `own`, on one it never
 *   had, or an export that returns still holding the borrow it was given.
 *   The truth is a trap; the host's method is never reached.
 */
export interface CaseFunction {
  /** The WIT name: `f0`, `f1`, ... */
  readonly name: string;
  readonly kind: FunctionKind;
  /** At least one; never a handle. */
  readonly params: readonly WitType[];
  /** For an `invalid-handle` function: what it does wrong (default `dropped`). */
  readonly misuse?: HandleMisuse;
}

export type FunctionKind = 'echo' | 'import-echo' | 'checksum' | 'resource' | 'import-resource' | 'composed-resource' | 'invalid-handle';

export const FUNCTION_KINDS: readonly FunctionKind[] = ['echo', 'import-echo', 'checksum', 'resource', 'import-resource', 'composed-resource', 'invalid-handle'];

/**
 * How an `invalid-handle` function misuses a handle of its imported resource
 * (made by its constructor from the call's arguments, except `never-made`):
 * - `dropped`: drops it, then calls `get` on it;
 * - `moved`: moves it to the host (`consume-f`), then calls `get` on it;
 * - `never-made`: calls `get` on a handle index the table never held;
 * - `borrow-kept`: the export takes a `borrow` from the host, calls `get`
 *   through it and returns without dropping it (CanonicalABI.md: a task
 *   must drop every borrow it was lent before it returns);
 * - `composed-dropped`: as `dropped`, on a handle of a resource of the
 *   composed provider (`composed-resource`) instead of the host's.
 */
export type HandleMisuse = 'dropped' | 'moved' | 'never-made' | 'borrow-kept' | 'composed-dropped';

export const HANDLE_MISUSES: readonly HandleMisuse[] = ['dropped', 'moved', 'never-made', 'borrow-kept', 'composed-dropped'];

/** The misuse of an `invalid-handle` function. */
export function misuseOf(fn: CaseFunction): HandleMisuse {
  return fn.misuse ?? 'dropped';
}

/** Functions with a resource the host provides (`import-resource`, most `invalid-handle`): their resource is `f` of interface `imp`. */
export function importsResource(fn: CaseFunction): boolean {
  return fn.kind === 'import-resource' || (fn.kind === 'invalid-handle' && !usesProvider(fn));
}

/** Functions with a resource the composed provider component provides: their resource is `f` of interface `prov`. */
export function usesProvider(fn: CaseFunction): boolean {
  return fn.kind === 'composed-resource' || (fn.kind === 'invalid-handle' && misuseOf(fn) === 'composed-dropped');
}

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
