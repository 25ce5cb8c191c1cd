/**
 * WIT and core WAT for an "echo" component: for each type Ti, an export
 * `echo-i: func(v: Ti) -> Ti` that forwards to the import
 * `host-echo-i: func(v: Ti) -> Ti`.
 *
 * The core module follows the canonical ABI (see echo-abi.ts): parameters
 * that flatten to more than 16 core values travel as one pointer, results of
 * more than one core value are returned through memory (the lifted export
 * returns a pointer, the lowered import takes an out-pointer). Strings and
 * lists are (ptr, len) pairs into the module's one memory, so forwarding the
 * core values unchanged echoes the value. Core names follow wit-component's
 * current scheme: imports of world functions come from module `cm32p2`
 * (an interface's from `cm32p2|ns:pkg/iface`), exports are named
 * `cm32p2||name` (`cm32p2|ns:pkg/iface|name` for an interface), plus
 * `cm32p2_memory` and `cm32p2_realloc`; post-return functions are `<export>_post`.
 */
import type { WitType } from '../../src/wit/types.js';
import { MAX_FLAT_PARAMS, MAX_FLAT_RESULTS, flatten, size, type CoreType } from './echo-abi.js';

/** Prints WIT types, declaring records, variants, enums and flags as `t0`, `t1`, ... */
export class WitPrinter {
  readonly declarations: string[] = [];

  type(type: WitType): string {
    switch (type.kind) {
      case 'list':
        return type.length === undefined ? `list<${this.type(type.element)}>` : `list<${this.type(type.element)}, ${type.length}>`;
      case 'tuple':
        return `tuple<${type.elements.map((t) => this.type(t)).join(', ')}>`;
      case 'option':
        return `option<${this.type(type.some)}>`;
      case 'result':
        if (type.ok === undefined && type.err === undefined) return 'result';
        if (type.err === undefined) return `result<${this.type(type.ok as WitType)}>`;
        return `result<${type.ok === undefined ? '_' : this.type(type.ok)}, ${this.type(type.err)}>`;
      case 'record':
        return this.declare(`record %N { ${type.fields.map((f) => `%${f.name}: ${this.type(f.type)}`).join(', ')} }`);
      case 'variant':
        return this.declare(`variant %N { ${type.cases.map((c) => (c.type === undefined ? `%${c.name}` : `%${c.name}(${this.type(c.type)})`)).join(', ')} }`);
      case 'enum':
        return this.declare(`enum %N { ${type.cases.map((c) => `%${c}`).join(', ')} }`);
      case 'flags':
        return this.declare(`flags %N { ${type.flags.map((f) => `%${f}`).join(', ')} }`);
      case 'own':
      case 'borrow':
        return `${type.kind}<%${type.resource.name.name}>`;
      case 'future':
      case 'stream':
      case 'error-context':
        throw new Error(`echo components do not support ${type.kind}`);
      default:
        return type.kind;
    }
  }

  private declare(template: string): string {
    const name = `t${this.declarations.length}`;
    this.declarations.push(template.replace('%N', `%${name}`));
    return `%${name}`;
  }
}

/** The WIT package text of the echo world `test:echo/echo`. */
export function echoWit(types: readonly WitType[]): string {
  const printer = new WitPrinter();
  const functions = types.flatMap((type, i) => {
    const text = printer.type(type);
    return [`  import host-echo-${i}: func(v: ${text}) -> ${text};`, `  export echo-${i}: func(v: ${text}) -> ${text};`];
  });
  return ['package test:echo;', '', 'world echo {', ...printer.declarations.map((d) => `  ${d}`), ...functions, '}', ''].join('\n');
}

/** The start of the bump heap; `cabi_realloc` never hands out address 0. */
const HEAP_BASE = 16;

/** Memory, a bump allocator that grows memory as needed, and nothing else. */
export function allocatorWat(): string {
  return `
  (memory (export "cm32p2_memory") 1)
  (global $heap (mut i32) (i32.const ${HEAP_BASE}))
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
  (func $reset_heap (global.set $heap (i32.const ${HEAP_BASE})))`;
}

function list(keyword: 'param' | 'result', types: readonly CoreType[]): string {
  return types.length === 0 ? '' : ` (${keyword} ${types.join(' ')})`;
}

/** One forwarding export and its import, following the canonical ABI's flattening limits. */
function echoFunctionWat(type: WitType, i: number): string {
  const flat = flatten(type);
  const params: CoreType[] = flat.length > MAX_FLAT_PARAMS ? ['i32'] : flat;
  const viaMemory = flat.length > MAX_FLAT_RESULTS;
  const results: CoreType[] = viaMemory ? ['i32'] : flat;
  const importParams = viaMemory ? [...params, 'i32' as const] : params;
  const forward = params.map((_, p) => `(local.get ${p})`).join(' ');
  const body = viaMemory
    ? `(local $ret i32)
    (local.set $ret (call $realloc (i32.const 0) (i32.const 0) (i32.const 8) (i32.const ${Math.max(1, size(type))})))
    (call $host_${i} ${forward} (local.get $ret))
    (local.get $ret)`
    : `(call $host_${i} ${forward})`;
  return `
  (import "cm32p2" "host-echo-${i}" (func $host_${i}${list('param', importParams)}${list('result', viaMemory ? [] : flat)}))
  (func (export "cm32p2||echo-${i}")${list('param', params)}${list('result', results)}
    ${body})
  (func (export "cm32p2||echo-${i}_post")${list('param', results)} (call $reset_heap))`;
}

/** The core module of the echo world; imports must come first in WAT, so they are hoisted. */
export function echoWat(types: readonly WitType[]): string {
  const functions = types.map(echoFunctionWat).join('\n');
  const imports = functions.split('\n').filter((line) => line.trimStart().startsWith('(import'));
  const rest = functions.split('\n').filter((line) => !line.trimStart().startsWith('(import'));
  return `(module\n${imports.join('\n')}\n${allocatorWat()}\n${rest.join('\n')}\n)\n`;
}
