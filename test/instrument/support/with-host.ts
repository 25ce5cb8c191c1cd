/**
 * A component and a host for it, composed into one component that imports
 * only WASI (and the world-level types the component names), so that
 * `wasmtime run` can run a component whose imports only a host can answer:
 * the composed record component of such an app records under wasmtime.
 *
 * The host is a component exporting the app's import interfaces under their
 * own names and the app's world-level import functions in one interface
 * (`funcs`), since a world-level export would drag in type imports of its own.
 */
import { componentEmbed, componentNew } from '@bytecodealliance/jco-transpile/wasm-tools';
import { interfaceOf, OuterBuilder, type Ref } from '../../../src/instrument/compose/outer.js';
import { TypeCopier } from '../../../src/instrument/type-copier.js';
import { decodeComponentWorld } from '../../../src/wit/binary/decode.js';
import { printWorld } from '../../../src/wit/print.js';
import type { World, WorldItem } from '../../../src/wit/world.js';

/** `component` with every non-WASI import taken from `host`; world-level functions from its `funcsInstance` export. */
export async function withHost(component: Uint8Array, host: Uint8Array, funcsInstance: string): Promise<Uint8Array> {
  const outer = new OuterBuilder(await outerImports(decodeComponentWorld(component)));
  const hostInstance = outer.instantiate(outer.component(host), new Map());
  const hostExports = new Set(interfaceOf(host).exports.map((item) => item.name));
  let funcs: Ref | undefined;
  const args = new Map<string, Ref>();
  for (const item of interfaceOf(component).imports) {
    const fromOuter = outer.imports.get(item.name);
    if (item.sort === 'instance' && hostExports.has(item.name)) {
      args.set(item.name, outer.alias(hostInstance, item.name, 'instance'));
    } else if (item.sort === 'func') {
      funcs ??= outer.alias(hostInstance, funcsInstance, 'instance');
      args.set(item.name, outer.alias(funcs.index, item.name, 'func'));
    } else if (fromOuter !== undefined) {
      args.set(item.name, fromOuter);
    } else {
      throw new Error(`nothing supplies \`${item.name}\``);
    }
  }
  const instance = outer.instantiate(outer.component(component), args);
  for (const item of interfaceOf(component).exports) {
    if (item.sort !== 'type') outer.export(item.name, outer.alias(instance, item.name, item.sort));
  }
  return outer.finish();
}

/** What the composition imports: the component's WASI interfaces, and world-level copies of its world-level types. */
async function outerImports(world: World): Promise<Uint8Array> {
  const worldId = 'test:with-host/imports';
  const copier = new TypeCopier(worldId);
  const imports = new Map<string, WorldItem>();
  for (const item of world.imports.values()) {
    if (item.kind === 'interface' && item.name.startsWith('wasi:')) imports.set(item.name, item);
    if (item.kind === 'type' && item.type.kind !== 'resource') imports.set(item.name, { kind: 'type', name: item.name, type: copier.declare(item.type, item.name) });
  }
  // The named types those reach, declared beside them.
  for (const [name, type] of copier.types) if (!imports.has(name)) imports.set(name, { kind: 'type', name, type });
  const witSource = printWorld({ package: { namespace: 'test', name: 'with-host' }, name: 'imports', imports, exports: new Map() });
  return componentNew(await componentEmbed({ dummy: true, witSource, world: 'imports' }));
}
