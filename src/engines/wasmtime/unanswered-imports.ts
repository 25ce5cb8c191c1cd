/**
 * The WASI imports that the replay component leaves to the host (those that
 * carry resources: streams, stdin, files…), kept from wasmtime's own WASI so
 * that wasmtime sees the same world as the other engines, which answer every
 * import from the plan.
 *
 * The app's imports of them are renamed (`wasi:cli/stdin@0.2.0` becomes
 * `pc-unanswered:wasi-cli/stdin@0.2.0`, rename-imports.ts) before it is
 * instrumented, and the instrumented component is composed with a stand-in
 * that exports the renamed interfaces, every function of which traps. The
 * stand-in's functions are named by index (`pc_unanswered!f3`), so that the
 * backtrace of such a trap names the import call, which the engine then
 * reads (replay-trace.ts): the call made an import the plan cannot answer on
 * wasmtime. The replay component keeps its own WASI streams (the trace in,
 * the report out) under the real names.
 *
 * (`wasmtime run -W unknown-imports-trap=y` would stub the renamed imports
 * without a stand-in, but its stubs shadow wasmtime's WASI as well.)
 */
import { componentEmbed, componentNew, parse } from '@bytecodealliance/jco-transpile/wasm-tools';
import { ProxyComponentError } from '../../errors.js';
import { flatten, sequenceFields, variantCases, join, MAX_FLAT_PARAMS, MAX_FLAT_RESULTS, type CoreType } from '../../instrument/abi.js';
import { OuterBuilder, interfaceOf, type Ref } from '../../instrument/compose/outer.js';
import { decodeComponentWorld } from '../../wit/binary/decode.js';
import { printWorld } from '../../wit/print.js';
import type { WitType } from '../../wit/types.js';
import type { WitFunction, World, WorldItem } from '../../wit/world.js';
import { renameImports } from './rename-imports.js';

const NAMESPACE = 'pc-unanswered';
/** The stand-in's core module name, as backtraces show it. */
const MODULE_NAME = 'pc_unanswered';
/** A frame of a stand-in function in a wasmtime backtrace: `pc_unanswered!f3`. */
export const UNANSWERED_FRAME = /\bpc_unanswered!f(\d+)\b/;

/** `wasi:cli/stdin@0.2.0` -> `pc-unanswered:wasi-cli/stdin@0.2.0`. */
export function unansweredName(importName: string): string {
  return `${NAMESPACE}:${importName.replace(':', '-')}`;
}

/** An import the stand-in answers by trapping: its interface (original name) and function. */
export interface UnansweredFunction {
  readonly itemName: string;
  readonly function: WitFunction;
}

export interface RenamedApp {
  readonly bytes: Uint8Array;
  /** The stand-in's functions by index (the `n` of `pc_unanswered!fn`). */
  readonly functions: readonly UnansweredFunction[];
}

/** The app with the named imports renamed, and the list of their functions. */
export function renameUnanswered(app: Uint8Array, world: World, itemNames: readonly string[]): RenamedApp {
  const bytes = renameImports(app, new Map(itemNames.map((name) => [name, unansweredName(name)])));
  const functions: UnansweredFunction[] = [];
  for (const itemName of itemNames) {
    const item = world.imports.get(itemName);
    if (item?.kind !== 'interface') continue;
    for (const fn of item.interface.functions.values()) functions.push({ itemName, function: fn });
  }
  return { bytes, functions };
}

/**
 * `instrumented` (made from the renamed app) with its renamed imports
 * supplied by the stand-in: what is left to import is the replay component's
 * own WASI, and whatever the stand-in's types need.
 */
export async function composeWithStandIn(instrumented: Uint8Array, renamedApp: RenamedApp): Promise<Uint8Array> {
  const renamedWorld = decodeComponentWorld(renamedApp.bytes);
  const standInExports = new Map<string, WorldItem>([...renamedWorld.imports].filter(([name]) => name.startsWith(`${NAMESPACE}:`)));
  const standInWorld: World = { package: { namespace: NAMESPACE, name: 'stand-in' }, name: 'stand-in', imports: new Map(), exports: standInExports };
  const standIn = await buildComponent(standInWat(renamedApp.functions), printWorld(standInWorld), 'stand-in');
  const instrumentedWorld = decodeComponentWorld(instrumented);
  const outerImports = new Map([...instrumentedWorld.imports].filter(([name]) => !name.startsWith(`${NAMESPACE}:`)));
  for (const [name, item] of decodeComponentWorld(standIn).imports) outerImports.set(name, item);
  const importsWorld: World = { package: { namespace: NAMESPACE, name: 'outer' }, name: 'imports', imports: outerImports, exports: new Map() };
  const importsComponent = await buildComponent(undefined, printWorld(importsWorld), 'imports');

  const outer = new OuterBuilder(importsComponent);
  const fromHost = (name: string): Ref => {
    const ref = outer.imports.get(name);
    if (ref === undefined) throw new ProxyComponentError('WIT_UNSUPPORTED', `cannot compose the stand-in for unanswered WASI imports: nothing supplies \`${name}\``);
    return ref;
  };
  const standInIndex = outer.component(standIn);
  const standInInstance = outer.instantiate(standInIndex, new Map(interfaceOf(standIn).imports.map((item) => [item.name, fromHost(item.name)])));
  const appIndex = outer.component(instrumented);
  const args = new Map<string, Ref>();
  for (const item of interfaceOf(instrumented).imports) {
    args.set(item.name, item.name.startsWith(`${NAMESPACE}:`) ? outer.alias(standInInstance, item.name, item.sort) : fromHost(item.name));
  }
  const app = outer.instantiate(appIndex, args);
  for (const item of interfaceOf(instrumented).exports) {
    if (item.sort !== 'type') outer.export(item.name, outer.alias(app, item.name, item.sort));
  }
  return outer.finish();
}

/** The stand-in's core module: every function traps; memory and an allocator for the arguments the runtime hands it first. */
function standInWat(functions: readonly UnansweredFunction[]): string {
  const lines = functions.map(({ itemName, function: fn }, index) => {
    const exportName = `${unansweredName(itemName)}#${fn.name}`;
    return `  (func $f${index} (export ${JSON.stringify(exportName)})${liftSignature(fn)} unreachable)`;
  });
  return `(module $${MODULE_NAME}
  (memory (export "memory") 1)
  (global $heap (mut i32) (i32.const 16))
  (func $realloc (export "cabi_realloc") (param $old i32) (param $old_size i32) (param $align i32) (param $new_size i32) (result i32)
    (local $ptr i32) (local $end i32)
    (local.set $ptr (i32.and (i32.add (global.get $heap) (i32.sub (local.get $align) (i32.const 1))) (i32.sub (i32.const 0) (local.get $align))))
    (local.set $end (i32.add (local.get $ptr) (local.get $new_size)))
    (if (i32.gt_u (local.get $end) (i32.shl (memory.size) (i32.const 16)))
      (then (if (i32.eq (memory.grow (i32.shr_u (i32.add (i32.sub (local.get $end) (i32.shl (memory.size) (i32.const 16))) (i32.const 65535)) (i32.const 16))) (i32.const -1))
        (then unreachable))))
    (global.set $heap (local.get $end))
    (local.get $ptr))
${lines.join('\n')}
)`;
}

/** The core signature of a function as lifted (called by the runtime), handles as i32. */
function liftSignature(fn: WitFunction): string {
  const flatParams = fn.params.flatMap((param) => flat(param.type));
  const params = flatParams.length <= MAX_FLAT_PARAMS ? flatParams : ['i32'];
  const flatResults = fn.result === undefined ? [] : flat(fn.result);
  const results = flatResults.length <= MAX_FLAT_RESULTS ? flatResults : ['i32'];
  return `${params.length === 0 ? '' : ` (param ${params.join(' ')})`}${results.length === 0 ? '' : ` (result ${results.join(' ')})`}`;
}

/** The canonical ABI's flattening, with resource handles (an i32 each), which abi.ts refuses. */
function flat(type: WitType): CoreType[] {
  if (type.kind === 'own' || type.kind === 'borrow') return ['i32'];
  const fields = sequenceFields(type);
  if (fields !== undefined) return fields.flatMap(flat);
  const cases = variantCases(type);
  if (cases === undefined) return flatten(type);
  const joined: CoreType[] = [];
  for (const c of cases) {
    if (c.type === undefined) continue;
    flat(c.type).forEach((core, i) => {
      const current = joined[i];
      joined[i] = current === undefined ? core : join(current, core);
    });
  }
  return ['i32', ...joined];
}

/** A component from a core module's WAT and its world (a `dummy` module when `wat` is undefined). */
async function buildComponent(wat: string | undefined, witSource: string, what: string): Promise<Uint8Array> {
  const world = /^world ([a-z0-9-]+) \{$/m.exec(witSource)?.[1] ?? '';
  try {
    const embedded = wat === undefined ? await componentEmbed({ dummy: true, witSource, world }) : await componentEmbed({ binary: await parse(wat), witSource, world });
    return await componentNew(embedded);
  } catch (cause) {
    throw new ProxyComponentError('WIT_UNSUPPORTED', `cannot build the ${what} component for unanswered WASI imports: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}
