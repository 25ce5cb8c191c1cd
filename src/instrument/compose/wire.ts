/**
 * The wiring of an instrumented component (what `wac` would be told):
 *
 *   tracer    = new tracer { [proxy:recorder/* from the host] }
 *   imports   = new imports-virtualizer { tracer, WASI, [the real imports] }
 *   app       = new app { virtualized imports from `imports` (world-level
 *                         functions and resources from its pc-guest:root/funcs),
 *                         world types from `imports`' pc-guest:root/types (a
 *                         resource from the copy that declares it), the rest
 *                         from the host }
 *   exports   = new exports-virtualizer { tracer, WASI, the app's exports,
 *                                        [the imports virtualizer's resources
 *                                        and their helpers], [its world and
 *                                        types from the host] }
 *   export exports' exports (recording), or `start` (replaying, fuzzing)
 */
import { ProxyComponentError } from '../../errors.js';
import { HANDLES_INTERFACE, type PlannedResource } from '../resources.js';
import { TRACER_ID, RECORDER_START } from '../tracer-wit.js';
import { appFunctionName, copyId, guestResourceTypeName, plannedResource, ROOT_FUNCS, ROOT_TYPES, type VirtualizationPlan } from '../worlds.js';
import { OuterBuilder, interfaceOf, type Ref } from './outer.js';

export interface Pieces {
  readonly outerImports: Uint8Array;
  readonly app: Uint8Array;
  readonly tracer: Uint8Array;
  readonly importsVirtualizer: Uint8Array;
  readonly exportsVirtualizer: Uint8Array;
}

export function composeInstrumented(plan: VirtualizationPlan, pieces: Pieces): Uint8Array {
  const outer = new OuterBuilder(pieces.outerImports);
  const recording = plan.mode === 'record';

  /** An import of a nested component that the host supplies, by the same name. */
  const fromHost = (importName: string, owner: string): Ref => {
    const ref = outer.imports.get(importName);
    if (ref === undefined) throw new ProxyComponentError('USAGE', `cannot compose: nothing supplies \`${importName}\` to the ${owner}`);
    return ref;
  };

  const tracerInstance = instantiate(outer, pieces.tracer, 'tracer', (name) => fromHost(name, 'tracer'));
  const tracer = outer.alias(tracerInstance, TRACER_ID, 'instance');

  const imports = instantiate(outer, pieces.importsVirtualizer, 'imports virtualizer', (name) => (name === TRACER_ID ? tracer : fromHost(name, 'imports virtualizer')));
  let rootTypes: Ref | undefined;
  const rootType = (name: string): Ref => {
    rootTypes ??= outer.alias(imports, ROOT_TYPES, 'instance');
    return outer.alias(rootTypes.index, name, 'type');
  };

  let rootFuncs: Ref | undefined;
  const guestInstances = new Map<string, Ref>();
  /** The imports virtualizer's instance that declares a resource's copy (one alias each). */
  const guestInstance = (planned: PlannedResource): Ref => {
    const id = planned.itemName === undefined ? ROOT_FUNCS : copyId('pc-guest', planned.itemName);
    let ref = guestInstances.get(id);
    if (ref === undefined) guestInstances.set(id, (ref = id === ROOT_FUNCS ? (rootFuncs ??= outer.alias(imports, ROOT_FUNCS, 'instance')) : outer.alias(imports, id, 'instance')));
    return ref;
  };
  const guestResource = (planned: PlannedResource): Ref => outer.alias(guestInstance(planned).index, planned.name, 'type');
  const app = instantiate(outer, pieces.app, 'app', (name, sort) => {
    if (plan.virtualized.has(name) && sort === 'func') {
      // A world-level import function: the imports virtualizer exports it in `pc-guest:root/funcs`.
      rootFuncs ??= outer.alias(imports, ROOT_FUNCS, 'instance');
      return outer.alias(rootFuncs.index, name, 'func');
    }
    if (plan.virtualized.has(name) && sort === 'instance') return outer.alias(imports, copyId('pc-guest', name), 'instance');
    const item = plan.world.imports.get(name);
    if (sort === 'type' && item?.kind === 'type' && item.type.kind === 'resource' && plan.virtualized.has(name)) return guestResource(plannedResource(plan, item.type));
    if (sort === 'type' && plan.rootTypes.types.has(name)) return rootType(name);
    return fromHost(name, 'app');
  });

  const appExports = new Map<string, string>();
  for (const item of plan.world.exports.values()) {
    if (item.kind === 'interface') appExports.set(copyId('pc-app', item.name), item.name);
    else if (item.kind === 'function') appExports.set(appFunctionName(item.name), item.name);
  }
  const lent = new Map(plan.resources.filter((planned) => planned.inExports).map((planned) => [guestResourceTypeName(planned), planned]));
  const exports = instantiate(outer, pieces.exportsVirtualizer, 'exports virtualizer', (name, sort) => {
    if (name === TRACER_ID) return tracer;
    const original = appExports.get(name);
    if (original !== undefined) return outer.alias(app, original, sort);
    // The imports virtualizer's resources that the app's exports carry, and the helpers that lend them.
    if (sort === 'instance' && (name.startsWith('pc-guest:') || name === HANDLES_INTERFACE)) {
      if (name === ROOT_FUNCS) return (rootFuncs ??= outer.alias(imports, ROOT_FUNCS, 'instance'));
      return outer.alias(imports, name, 'instance');
    }
    const resource = sort === 'type' ? lent.get(name) : undefined;
    if (resource !== undefined) return guestResource(resource);
    if (sort === 'type' && !recording) return rootType(name);
    return fromHost(name, 'exports virtualizer');
  });

  if (recording) {
    for (const item of interfaceOf(pieces.exportsVirtualizer).exports) {
      if (item.sort === 'type') continue;
      outer.export(item.name, outer.alias(exports, item.name, item.sort));
    }
  } else {
    const start = outer.export('start', outer.alias(exports, 'start', 'func'));
    // The original tool's name for the same entry point.
    outer.export(RECORDER_START, { sort: 'instance', index: outer.inlineInstance(new Map([['start', start]])) });
  }
  return outer.finish();
}

function instantiate(outer: OuterBuilder, bytes: Uint8Array, what: string, supply: (name: string, sort: Ref['sort']) => Ref): number {
  const component = outer.component(bytes);
  const args = new Map<string, Ref>();
  for (const item of interfaceOf(bytes).imports) {
    try {
      args.set(item.name, supply(item.name, item.sort));
    } catch (error) {
      if (error instanceof ProxyComponentError) throw error;
      throw new ProxyComponentError('USAGE', `cannot compose the ${what}: ${(error as Error).message}`);
    }
  }
  return outer.instantiate(component, args);
}
