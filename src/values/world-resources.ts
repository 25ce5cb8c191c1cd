/**
 * Which side implements a resource: the host (the world imports it) or the
 * component (it exports it). Handles of imported resources are made by the
 * host whenever it likes; handles of exported ones only ever come from the
 * component. Fuzzing (which handles a run can pass), trace matching (which
 * handles a trace may pass) and the instrumenting virtualizers (which table a
 * handle is kept in) all ask this.
 *
 * Resources are told apart by their objects, not their ids: a component that
 * imports and exports one interface has two resources with one id (see
 * wit/binary/to-wit.ts).
 */
import type { ResourceType } from '../wit/types.js';
import type { WitFunction, World } from '../wit/world.js';
import { perObject } from '../util/per-object.js';
import { handleTypes } from './walk.js';

/**
 * Every resource that the world imports (the host implements them): declared by imported interfaces or the world,
 * or in an import's signature. Worked out once per world (a replay asks for every trace).
 */
export const importedResources: (world: World) => ReadonlySet<ResourceType> = perObject(findImportedResources);

function findImportedResources(world: World): Set<ResourceType> {
  const found = new Set<ResourceType>();
  const ofFunction = (fn: WitFunction) => {
    if (fn.resource !== undefined) found.add(fn.resource);
    for (const type of [...fn.params.map((param) => param.type), ...(fn.result === undefined ? [] : [fn.result])]) for (const handle of handleTypes(type)) found.add(handle.resource);
  };
  for (const item of world.imports.values()) {
    if (item.kind === 'function') ofFunction(item.function);
    else if (item.kind === 'type' && item.type.kind === 'resource') found.add(item.type);
    else if (item.kind === 'interface') {
      for (const type of item.interface.types.values()) if (type.kind === 'resource') found.add(type);
      for (const fn of item.interface.functions.values()) ofFunction(fn);
    }
  }
  return found;
}
