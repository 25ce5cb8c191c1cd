/**
 * The resources an instrumented component carries across its boundary, and
 * how the pieces' WIT names them.
 *
 * Every handle crosses as its number in the trace (`#N`, numbered as the
 * in-process recorder numbers them: values/resource-table.ts). The imports
 * virtualizer defines a resource of its own for each resource the app
 * imports (in the copy of the interface that declares it), whose
 * representation is that number: the app's handles are the virtualizer's.
 * The exports virtualizer keeps the app's handles of the resources it
 * exports in a table indexed by number. Recording, the imports virtualizer
 * keeps the real host's handles in such a table too, and the exports
 * virtualizer defines wrapping resources for the app's exported ones.
 *
 * Imported resources can also cross the app's exports (an export taking a
 * host's `request`): the exports virtualizer then needs handles of the
 * imports virtualizer's resources, which only it can make, so it exports a
 * few helpers per such resource (`proxy-component:handles/handles`).
 */
import { handleTypes } from '../values/walk.js';
import type { ResourceType, WitType } from '../wit/types.js';
import type { World } from '../wit/world.js';

/** The interface through which the imports virtualizer lends the exports virtualizer its resources. */
export const HANDLES_INTERFACE = 'proxy-component:handles/handles';

export interface PlannedResource {
  /** The app's resource object (see values/world-resources.ts: objects, not ids, tell imported from exported). */
  readonly resource: ResourceType;
  /** Who implements it: the host (`import`) or the app (`export`). */
  readonly side: 'import' | 'export';
  /** Its name where it is declared (an alias's original name). */
  readonly name: string;
  /** The world item that declares it (interface id, or the name of an interface written inline); undefined for a resource declared by the world itself. */
  readonly itemName?: string;
  /** Index among the plan's resources: names its helpers and generated functions. */
  readonly index: number;
  /** An imported resource that the app's exports carry: the imports virtualizer lends it through the helpers. */
  readonly inExports: boolean;
}

/** Where a resource is declared, from its id (`ns:pkg/iface@v#name`, `inline#name`, `root:component/root#name`). */
export function declaringItem(world: World, resource: ResourceType, side: 'import' | 'export'): { readonly itemName?: string; readonly name: string } {
  const hash = resource.id.lastIndexOf('#');
  const owner = hash < 0 ? resource.name.owner ?? '' : resource.id.slice(0, hash);
  const name = hash < 0 ? resource.name.name : resource.id.slice(hash + 1);
  const items = side === 'import' ? world.imports : world.exports;
  const item = items.get(owner);
  return item?.kind === 'interface' ? { itemName: owner, name } : { name };
}

/** The resources met in `types`, each once, in order of first appearance. */
export function resourcesIn(types: Iterable<WitType>): ResourceType[] {
  const found = new Set<ResourceType>();
  for (const type of types) for (const handle of handleTypes(type)) found.add(handle.resource);
  return [...found];
}

/**
 * Copies of resources, one object per original, declared by the copy of the
 * interface that declares the original (`ownerOf` names it) so that every
 * copied interface that uses it meets the same resource.
 */
export class ResourceCopies {
  private readonly copies = new Map<ResourceType, ResourceType>();

  constructor(private readonly ownerOf: (resource: ResourceType) => { readonly owner: string; readonly name: string }) {}

  copy(resource: ResourceType): ResourceType {
    let copied = this.copies.get(resource);
    if (copied === undefined) {
      const { owner, name } = this.ownerOf(resource);
      copied = { kind: 'resource', name: { name, owner }, id: `${owner}#${name}` };
      this.copies.set(resource, copied);
    }
    return copied;
  }
}
