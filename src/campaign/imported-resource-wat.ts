/**
 * The core functions of `import-resource`, `composed-resource` and
 * `invalid-handle` functions (bindings-case.ts) in the consuming component:
 * they use a resource the host provides, through the core imports of
 * interface `imp` (constructor, `get`, `consume-f` and the handle's drop),
 * or one the composed provider does, through interface `prov` (constructor,
 * `get`, `dropped-f` and the drop), and keep the handles they make in a slot table of their
 * own (1024 slots, allocated once and kept from the allocator's resets).
 *
 * A result of more than one flat value comes back from an import through a
 * return area the caller allocates and passes last (CanonicalABI.md,
 * `lower_flat_signature`); the export returns that area's address, and its
 * post-return function resets the allocator.
 */
import { alignment, flatten, MAX_FLAT_PARAMS, MAX_FLAT_RESULTS, size, type CoreType } from '../instrument/abi.js';
import { echoResultType, misuseOf, usesProvider, type CaseFunction } from './bindings-case.js';
import { signature } from './echo-wat.js';
import { CASE_PACKAGE, IMPORT_INTERFACE, importedResourceNames, PROVIDER_INTERFACE } from './wit-text.js';

/** The core module name of the interface the function's resource comes from: the host's `imp`, or the composed provider's `prov`. */
function moduleOf(fn: CaseFunction): string {
  return `cm32p2|${CASE_PACKAGE}/${usesProvider(fn) ? PROVIDER_INTERFACE : IMPORT_INTERFACE}`;
}

/** Slots of one function's table: more `keep-f` calls trap. */
export const SLOTS = 1024;

/** An index no handle table of a generated component reaches (`never-made`). */
export const NEVER_MADE_HANDLE = 100_000;

/** The core parameters of the constructor and of `keep-f`/`bad-f` (a pointer past 16 flat values), and the flat result. */
function coreShape(fn: CaseFunction): { params: readonly CoreType[]; result: readonly CoreType[]; viaMemory: boolean } {
  const flat = fn.params.flatMap(flatten);
  const result = flatten(echoResultType(fn));
  return { params: flat.length > MAX_FLAT_PARAMS ? ['i32'] : flat, result, viaMemory: result.length > MAX_FLAT_RESULTS };
}

export function importedResourceImportsWat(fn: CaseFunction): string {
  const names = importedResourceNames(fn);
  const { params, result, viaMemory } = coreShape(fn);
  const method = viaMemory ? `(param i32 i32)` : `(param i32)${signature('result', result)}`;
  const module = moduleOf(fn);
  // The host's resource has `consume-f` (an own moved out); the provider's, `dropped-f` (its destructor's count).
  const other = usesProvider(fn) ? `(import "${module}" "dropped-${fn.name}" (func $${fn.name}_dropped (result i32)))` : `(import "${module}" "${names.consume}" (func $${fn.name}_consume ${method}))`;
  return [
    `\n  (import "${module}" "${names.constructor}" (func $${fn.name}_new${signature('param', params)} (result i32)))`,
    `\n  (import "${module}" "${names.get}" (func $${fn.name}_get ${method}))`,
    `\n  ${other}`,
    `\n  (import "${module}" "${fn.name}_drop" (func $${fn.name}_drop (param i32)))`,
  ].join('');
}

/** Code that calls `$<fn>_<which>` on `handle` and leaves its result as the export returns it (the value, or the return area's address). */
function callInto(fn: CaseFunction, which: 'get' | 'consume', handle: string): string {
  const result = echoResultType(fn);
  if (!coreShape(fn).viaMemory) return `(call $${fn.name}_${which} ${handle})`;
  return `(call $${fn.name}_${which} ${handle} (local.tee $area (call $realloc (i32.const 0) (i32.const 0) (i32.const ${alignment(result)}) (i32.const ${Math.max(1, size(result))})))) (local.get $area)`;
}

/** The same call, its result dropped. */
function callDiscarding(fn: CaseFunction, which: 'get' | 'consume', handle: string): string {
  const { result, viaMemory } = coreShape(fn);
  if (viaMemory) return `${callInto(fn, which, handle)} (drop)`;
  return `(call $${fn.name}_${which} ${handle})${' (drop)'.repeat(result.length)}`;
}

/** Locals every function here may use: the return area, a handle, a kept result. */
function locals(fn: CaseFunction): string {
  const { result, viaMemory } = coreShape(fn);
  const kept = viaMemory ? 'i32' : (result[0] ?? 'i32');
  return `(local $area i32) (local $h i32) (local $v ${kept})`;
}

function exported(fn: CaseFunction, name: string, params: readonly CoreType[], results: readonly CoreType[], body: string[], post: boolean): string {
  const func = `
  (func (export "cm32p2||${name}")${signature('param', params)}${signature('result', results)} ${locals(fn)}
    ${body.join('\n    ')})`;
  return post ? `${func}\n  (func (export "cm32p2||${name}_post")${signature('param', results)} (call $reset_heap))` : func;
}

function slot(fn: CaseFunction, index: string): string {
  return `(i32.add (global.get $${fn.name}_slots) (i32.shl ${index} (i32.const 2)))`;
}

function forward(params: readonly CoreType[]): string {
  return params.map((_, i) => `(local.get ${i})`).join(' ');
}

function importResourceWat(fn: CaseFunction): string {
  const names = importedResourceNames(fn);
  const { params, result, viaMemory } = coreShape(fn);
  const results: readonly CoreType[] = viaMemory ? ['i32'] : result;
  const keepResult = (body: string): string[] => (results.length === 0 ? [body] : [`(local.set $v ${body})`]);
  const giveBack = results.length === 0 ? [] : ['(local.get $v)'];
  return [
    `
  (global $${fn.name}_slots (mut i32) (i32.const 0))
  (global $${fn.name}_count (mut i32) (i32.const 0))
  (global $${fn.name}_dropped (mut i32) (i32.const 0))`,
    exported(fn, names.keep, params, results, keepBody(fn, params), true),
    // A borrow received by an export is a handle the export must drop before it returns.
    exported(fn, names.peek, ['i32'], results, [...keepResult(callInto(fn, 'get', '(local.get 0)')), `(call $${fn.name}_drop (local.get 0))`, ...giveBack], true),
    exported(fn, names.read, ['i32'], results, [callInto(fn, 'get', `(i32.load ${slot(fn, '(local.get 0)')})`)], true),
    exported(fn, names.pass, ['i32'], results, [callDiscarding(fn, 'get', '(local.get 0)'), callInto(fn, 'consume', '(local.get 0)')], true),
    exported(fn, names.drop, ['i32'], ['i32'], [
      `(call $${fn.name}_drop (i32.load ${slot(fn, '(local.get 0)')}))`,
      `(global.set $${fn.name}_dropped (i32.add (global.get $${fn.name}_dropped) (i32.const 1)))`,
      `(global.get $${fn.name}_dropped)`,
    ], false),
  ].join('');
}

/** Slots, `keep-f` and `get-f` as for the host's resource; `drop-f` answers the provider's count of destructor calls. */
function composedResourceWat(fn: CaseFunction): string {
  const names = importedResourceNames(fn);
  const { params, result, viaMemory } = coreShape(fn);
  const results: readonly CoreType[] = viaMemory ? ['i32'] : result;
  return [
    `
  (global $${fn.name}_slots (mut i32) (i32.const 0))
  (global $${fn.name}_count (mut i32) (i32.const 0))`,
    exported(fn, names.keep, params, results, keepBody(fn, params), true),
    exported(fn, names.read, ['i32'], results, [callInto(fn, 'get', `(i32.load ${slot(fn, '(local.get 0)')})`)], true),
    exported(fn, names.drop, ['i32'], ['i32'], [`(call $${fn.name}_drop (i32.load ${slot(fn, '(local.get 0)')}))`, `(call $${fn.name}_dropped)`], false),
  ].join('');
}

/** `keep-f`: the constructor's handle kept in the next slot, then `get` on it. */
function keepBody(fn: CaseFunction, params: readonly CoreType[]): string[] {
  return [
    `(if (i32.eqz (global.get $${fn.name}_slots)) (then (global.set $${fn.name}_slots (call $realloc (i32.const 0) (i32.const 0) (i32.const 4) (i32.const ${SLOTS * 4}))) (call $keep_heap)))`,
    `(if (i32.ge_u (global.get $${fn.name}_count) (i32.const ${SLOTS})) (then unreachable))`,
    `(local.set $h (call $${fn.name}_new ${forward(params)}))`,
    `(i32.store ${slot(fn, `(global.get $${fn.name}_count)`)} (local.get $h))`,
    `(global.set $${fn.name}_count (i32.add (global.get $${fn.name}_count) (i32.const 1)))`,
    callInto(fn, 'get', '(local.get $h)'),
  ];
}

function invalidHandleWat(fn: CaseFunction): string {
  const names = importedResourceNames(fn);
  const { params, result, viaMemory } = coreShape(fn);
  const results: readonly CoreType[] = viaMemory ? ['i32'] : result;
  const make = `(local.set $h (call $${fn.name}_new ${forward(params)}))`;
  switch (misuseOf(fn)) {
    case 'dropped':
    case 'composed-dropped':
      return exported(fn, names.bad, params, results, [make, `(call $${fn.name}_drop (local.get $h))`, callInto(fn, 'get', '(local.get $h)')], true);
    case 'moved':
      return exported(fn, names.bad, params, results, [make, callDiscarding(fn, 'consume', '(local.get $h)'), callInto(fn, 'get', '(local.get $h)')], true);
    case 'never-made':
      return exported(fn, names.bad, params, results, [callInto(fn, 'get', `(i32.const ${NEVER_MADE_HANDLE})`)], true);
    case 'borrow-kept':
      return exported(fn, names.bad, ['i32'], results, [callInto(fn, 'get', '(local.get 0)')], true);
  }
}

export function importedResourceFunctionWat(fn: CaseFunction): string {
  if (fn.kind === 'invalid-handle') return invalidHandleWat(fn);
  return fn.kind === 'composed-resource' ? composedResourceWat(fn) : importResourceWat(fn);
}
