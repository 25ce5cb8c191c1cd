/**
 * The core module of a generated case: each echo function gives back what it
 * was given, in the canonical ABI's terms (CanonicalABI.md, `canon lift`):
 * - one flat value: returned as it came;
 * - more than 16 flat parameters: they arrive as a pointer to the tuple of
 *   the parameters in memory, which is already the result's layout, so the
 *   pointer is returned;
 * - otherwise: the flat parameters are stored into a fresh area in the
 *   result's layout (store-wat.ts) and its address returned.
 * An `import-echo` function passes its core parameters unchanged to its
 * import, which has the same signature and so the same flattening (a
 * pointer when there are more than 16, plus an out-pointer for a result of
 * more than one flat value), and returns what the import gave.
 * Strings and lists are (pointer, length) pairs into the memory the host
 * lowered them into, so echoing the pair echoes the value, whatever the
 * string encoding. A bump allocator serves `cabi_realloc`; every post-return
 * function resets it. case-wat.ts puts the functions of a case together.
 *
 * Core names follow wit-component's current scheme: exports `cm32p2||name`,
 * `cm32p2||name_post`, `cm32p2_memory`, `cm32p2_realloc`.
 */
import { alignment, flatten, MAX_FLAT_PARAMS, MAX_FLAT_RESULTS, size, type CoreType } from '../instrument/abi.js';
import { echoResultType, hostImportName, type CaseFunction } from './bindings-case.js';
import { storeFlat, type FlatValue } from './store-wat.js';

/** The start of the bump heap; `cabi_realloc` never hands out address 0. */
const HEAP_BASE = 16;

const ALLOCATOR = `
  (memory (export "cm32p2_memory") 1)
  (global $heap (mut i32) (i32.const ${HEAP_BASE}))
  (global $floor (mut i32) (i32.const ${HEAP_BASE}))
  (func $realloc (export "cm32p2_realloc") (param $old i32) (param $old_size i32) (param $align i32) (param $new_size i32) (result i32)
    (local $ptr i32) (local $end i32)
    (local.set $ptr (i32.and (i32.add (global.get $heap) (i32.sub (local.get $align) (i32.const 1)))
                             (i32.sub (i32.const 0) (local.get $align))))
    (local.set $end (i32.add (local.get $ptr) (local.get $new_size)))
    (if (i32.gt_u (local.get $end) (i32.shl (memory.size) (i32.const 16)))
      (then
        (if (i32.eq (memory.grow (i32.shr_u (i32.add (i32.sub (local.get $end) (i32.shl (memory.size) (i32.const 16))) (i32.const 65535))
                                            (i32.const 16)))
                    (i32.const -1))
          (then unreachable))))
    (global.set $heap (local.get $end))
    (if (local.get $old)
      (then (memory.copy (local.get $ptr) (local.get $old)
                         (select (local.get $old_size) (local.get $new_size) (i32.lt_u (local.get $old_size) (local.get $new_size))))))
    (local.get $ptr))
  (func $reset_heap (global.set $heap (global.get $floor)))
  (func $keep_heap (global.set $floor (global.get $heap)))`;

/**
 * Memory, a bump allocator (`cm32p2_realloc`) that grows memory as needed,
 * `$reset_heap` for post-return functions and `$keep_heap`, which keeps
 * everything allocated so far from later resets (a resource's data): what
 * any hand-written core module of a component with strings or lists needs
 * (the test components use it too).
 */
export function allocatorWat(): string {
  return ALLOCATOR;
}

export function signature(keyword: 'param' | 'result', types: readonly CoreType[]): string {
  return types.length === 0 ? '' : ` (${keyword} ${types.join(' ')})`;
}

/** The core import of an `import-echo` function (WAT wants imports first), or ''. */
export function hostImportWat(fn: CaseFunction): string {
  if (fn.kind !== 'import-echo') return '';
  const flat = fn.params.flatMap(flatten);
  const params: CoreType[] = flat.length > MAX_FLAT_PARAMS ? ['i32'] : [...flat];
  const viaMemory = flat.length > MAX_FLAT_RESULTS;
  return `\n  (import "cm32p2" "${hostImportName(fn)}" (func $host_${fn.name}${signature('param', viaMemory ? [...params, 'i32'] : params)}${signature('result', viaMemory ? [] : flat)}))`;
}

function importEchoBody(fn: CaseFunction, params: readonly CoreType[]): string {
  const flat = fn.params.flatMap(flatten);
  const forward = params.map((_, i) => `(local.get ${i})`).join(' ');
  if (flat.length <= MAX_FLAT_RESULTS) return `(call $host_${fn.name} ${forward})`;
  const result = echoResultType(fn);
  const ret = params.length;
  return [
    `(local i32)`,
    `(local.set ${ret} (call $realloc (i32.const 0) (i32.const 0) (i32.const ${alignment(result)}) (i32.const ${Math.max(1, size(result))})))`,
    `(call $host_${fn.name} ${forward} (local.get ${ret}))`,
    `(local.get ${ret})`,
  ].join('\n    ');
}

export function echoFunctionWat(fn: CaseFunction): string {
  const result = echoResultType(fn);
  const flat = fn.params.flatMap(flatten);
  const name = `cm32p2||${fn.name}`;
  let params: readonly CoreType[];
  let results: readonly CoreType[];
  let body: string;
  if (fn.kind === 'import-echo') {
    params = flat.length > MAX_FLAT_PARAMS ? ['i32'] : flat;
    results = flat.length > MAX_FLAT_RESULTS ? ['i32'] : flat;
    body = importEchoBody(fn, params);
  } else if (flat.length > MAX_FLAT_PARAMS) {
    params = ['i32'];
    results = ['i32'];
    body = '(local.get 0)';
  } else if (flat.length <= MAX_FLAT_RESULTS) {
    params = flat;
    results = flat;
    body = '(local.get 0)';
  } else {
    params = flat;
    results = ['i32'];
    const ret = flat.length;
    const values: FlatValue[] = flat.map((core, i) => ({ expr: `(local.get ${i})`, core }));
    body = [
      `(local i32)`,
      `(local.set ${ret} (call $realloc (i32.const 0) (i32.const 0) (i32.const ${alignment(result)}) (i32.const ${Math.max(1, size(result))})))`,
      ...storeFlat(result, values, `(local.get ${ret})`, 0),
      `(local.get ${ret})`,
    ].join('\n    ');
  }
  return `
  (func (export "${name}")${signature('param', params)}${signature('result', results)}
    ${body})
  (func (export "${name}_post")${signature('param', results)} (call $reset_heap))`;
}
