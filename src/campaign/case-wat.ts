/**
 * The core module of a generated case: every function of the case
 * implemented in the canonical ABI's terms, behind one memory and bump
 * allocator (echo-wat.ts):
 * - `echo` and `import-echo` functions: echo-wat.ts;
 * - `checksum` functions: the flat arguments are stored in the layout of
 *   the tuple of the parameters (or, past 16 flat values, already are: the
 *   host passes a pointer to them), and that memory image is folded into
 *   the checksum (checksum-wat.ts), strings and lists read where the host
 *   lowered them;
 * - `resource` functions: the constructor keeps its arguments in that same
 *   layout for good (`$keep_heap`) and makes a handle whose rep is their
 *   address; `get` and `peek` (a `borrow`, which arrives as the rep) give
 *   them back from there, `take` (an `own`, which arrives as a handle)
 *   looks up its rep, drops the handle (the destructor counts drops) and
 *   gives them back; `dropped` answers the count;
 * - `import-resource` and `invalid-handle` functions: imported-resource-wat.ts.
 *
 * Core names follow wit-component's current scheme: `cm32p2||f` for a
 * world's export, `cm32p2|test:campaign/res|f` for the interface's, and the
 * resource intrinsics imported from `cm32p2|_ex_test:campaign/res`.
 */
import { alignment, flatten, MAX_FLAT_PARAMS, MAX_FLAT_RESULTS, size, type CoreType } from '../instrument/abi.js';
import type { WitType } from '../wit/types.js';
import { echoResultType, importsResource, usesProvider, type CaseFunction, type StringEncoding } from './bindings-case.js';
import { importedResourceFunctionWat, importedResourceImportsWat } from './imported-resource-wat.js';
import { ChecksumWalker } from './checksum-wat.js';
import { allocatorWat, echoFunctionWat, hostImportWat, signature } from './echo-wat.js';
import { loadSingleFlat, storeFlat, type FlatValue } from './store-wat.js';
import { CASE_PACKAGE, RESOURCE_INTERFACE, resourceFunctionNames } from './wit-text.js';

const INTERFACE = `${CASE_PACKAGE}/${RESOURCE_INTERFACE}`;

/** Instructions that leave in local `$base` the address of the arguments laid out as the tuple of the parameters. */
export function argumentsInMemory(fn: CaseFunction): { params: readonly CoreType[]; code: string[] } {
  const flat = fn.params.flatMap(flatten);
  if (flat.length > MAX_FLAT_PARAMS) return { params: ['i32'], code: ['(local.set $base (local.get 0))'] };
  const tuple: WitType = { kind: 'tuple', elements: fn.params };
  const values: FlatValue[] = flat.map((core, i) => ({ expr: `(local.get ${i})`, core }));
  return {
    params: flat,
    code: [
      `(local.set $base (call $realloc (i32.const 0) (i32.const 0) (i32.const ${alignment(tuple)}) (i32.const ${Math.max(1, size(tuple))})))`,
      ...storeFlat(tuple, values, '(local.get $base)', 0),
    ],
  };
}

function checksumFunctionWat(fn: CaseFunction, encoding: StringEncoding): string {
  const { params, code } = argumentsInMemory(fn);
  const walker = new ChecksumWalker(encoding);
  const walk = walker.walk({ kind: 'tuple', elements: fn.params }, '$base', 0);
  const name = `cm32p2||${fn.name}`;
  return `
  (func (export "${name}")${signature('param', params)} (result i64)
    (local $base i32) ${walker.declarations()}
    ${[...code, walker.start(), ...walk, walker.result()].join('\n    ')})
  (func (export "${name}_post") (param i64) (call $reset_heap))`;
}

function resourceImportsWat(fn: CaseFunction): string {
  const module = `cm32p2|_ex_${INTERFACE}`;
  return [
    `\n  (import "${module}" "${fn.name}_new" (func $${fn.name}_new (param i32) (result i32)))`,
    `\n  (import "${module}" "${fn.name}_rep" (func $${fn.name}_rep (param i32) (result i32)))`,
    `\n  (import "${module}" "${fn.name}_drop" (func $${fn.name}_drop (param i32)))`,
  ].join('');
}

/** The getters' result from the arguments kept at `rep`: the address itself, or the one flat value loaded from it. */
export function resultFrom(fn: CaseFunction, rep: string): { results: readonly CoreType[]; expr: string } {
  const result = echoResultType(fn);
  if (flatten(result).length > MAX_FLAT_RESULTS) return { results: ['i32'], expr: rep };
  const single = loadSingleFlat(result, rep, 0);
  return { results: [single.core], expr: single.expr };
}

function resourceFunctionWat(fn: CaseFunction): string {
  const names = resourceFunctionNames(fn);
  const exported = (name: string): string => `cm32p2|${INTERFACE}|${name}`;
  const { results, expr } = resultFrom(fn, '(local.get 0)');
  const taken = resultFrom(fn, '(local.get $rep)');
  const post = (name: string, types: readonly CoreType[]): string => `\n  (func (export "${exported(name)}_post")${signature('param', types)} (call $reset_heap))`;
  const lifecycle = resourceLifecycleWat(fn, exported, names);
  return `${lifecycle.made}
  (func (export "${exported(names.get)}") (param i32)${signature('result', results)} ${expr})${post(names.get, results)}
  (func (export "${exported(names.peek)}") (param i32)${signature('result', results)} ${expr})${post(names.peek, results)}
  (func (export "${exported(names.take)}") (param i32)${signature('result', taken.results)}
    (local $rep i32)
    (local.set $rep (call $${fn.name}_rep (local.get 0)))
    (call $${fn.name}_drop (local.get 0))
    ${taken.expr})${post(names.take, taken.results)}${lifecycle.dropped}`;
}

/**
 * The part of a core module every exported resource of a case has, the
 * component's own and a composed provider's alike: a drops counter, the
 * constructor (its arguments kept in memory, their address the rep), the
 * `dropped` getter and the destructor that counts.
 */
export function resourceLifecycleWat(fn: CaseFunction, exported: (name: string) => string, names: { readonly constructor: string; readonly dropped: string }): { readonly made: string; readonly dropped: string } {
  const { params, code } = argumentsInMemory(fn);
  return {
    made: `
  (global $dropped_${fn.name} (mut i32) (i32.const 0))
  (func (export "${exported(names.constructor)}")${signature('param', params)} (result i32)
    (local $base i32)
    ${code.join('\n    ')}
    (call $keep_heap)
    (call $${fn.name}_new (local.get $base)))`,
    dropped: `
  (func (export "${exported(names.dropped)}") (result i32) (global.get $dropped_${fn.name}))
  (func (export "${exported(`${fn.name}_dtor`)}") (param i32)
    (global.set $dropped_${fn.name} (i32.add (global.get $dropped_${fn.name}) (i32.const 1))))`,
  };
}

function functionWat(fn: CaseFunction, encoding: StringEncoding): string {
  switch (fn.kind) {
    case 'echo':
    case 'import-echo':
      return echoFunctionWat(fn);
    case 'checksum':
      return checksumFunctionWat(fn, encoding);
    case 'resource':
      return resourceFunctionWat(fn);
    case 'import-resource':
    case 'composed-resource':
    case 'invalid-handle':
      return importedResourceFunctionWat(fn);
  }
}

function importsWat(fn: CaseFunction): string {
  if (fn.kind === 'resource') return resourceImportsWat(fn);
  if (importsResource(fn) || usesProvider(fn)) return importedResourceImportsWat(fn);
  return hostImportWat(fn);
}

/** The core module implementing every function of a case; WAT wants imports first. */
export function caseModuleWat(functions: readonly CaseFunction[], encoding: StringEncoding): string {
  const imports = functions.map(importsWat).join('');
  return `(module${imports}${allocatorWat()}\n${functions.map((fn) => functionWat(fn, encoding)).join('\n')}\n)\n`;
}
