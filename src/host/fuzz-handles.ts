/**
 * The resource handles a fuzz run's host holds, so that generated calls pass
 * real handles: the arbitraries produce `HandlePick`s (which handle, or a
 * fresh one), resolved here when the call is made.
 *
 * The host holds the `own` handles the component hands it (export results,
 * import arguments) and, for resources the host itself implements (imported
 * resources), can make new ones at will. Passing an `own` handle to the
 * component gives it away; a `borrow` only lends it. A handle of a resource
 * the component implements that the run has not seen cannot be made up: the
 * call that needs it is skipped (export arguments) or the run discarded
 * (import results).
 */
import type { ResourceClass } from '../engines/jco/virtual-imports.js';
import type { ResourceTable } from '../values/resource-table.js';
import { ResourceHandle, type Value } from '../values/value.js';
import type { HandleType, ResourceType, WitType } from '../wit/types.js';
import { forEachPart, typeHasHandles } from '../values/walk.js';

/** A generated choice of handle: the `choice`-th held one (modulo), or a fresh one when the host can make it. */
export class HandlePick {
  constructor(
    readonly choice: number,
    readonly fresh: boolean,
  ) {}
}

export class HandlePool {
  private readonly held = new Map<string, ResourceHandle[]>();

  constructor(
    private readonly resources: ResourceTable,
    /** The host's stand-in classes of imported resources, by resource id. */
    private readonly hostClasses: ReadonlyMap<string, ResourceClass>,
  ) {}

  /** Takes note of the `own` handles inside a value the component handed to the host. */
  receive(value: Value, type: WitType): void {
    if (!typeHasHandles(type)) return;
    forEachPart(value, type, (part, partType) => {
      if (partType.kind === 'own' && part instanceof ResourceHandle) this.hold(part, partType.resource);
    });
  }

  /** A handle for `type`, or undefined when the host has none and cannot make one. */
  resolve(pick: Value, type: HandleType): ResourceHandle | undefined {
    if (!(pick instanceof HandlePick)) return pick instanceof ResourceHandle ? pick : undefined;
    const held = this.held.get(type.resource.id) ?? [];
    const canMake = this.hostClasses.has(type.resource.id);
    if (held.length === 0 || (pick.fresh && canMake)) {
      if (!canMake) return undefined;
      const made = this.make(type.resource);
      // Only lent: the host keeps it for later calls.
      if (type.kind === 'borrow') this.hold(made, type.resource);
      return made;
    }
    const index = pick.choice % held.length;
    const handle = held[index] as ResourceHandle;
    if (type.kind === 'own') held.splice(index, 1);
    return handle;
  }

  /** A new handle of an imported resource: a stand-in object of the host's class. */
  make(resource: ResourceType): ResourceHandle {
    const cls = this.hostClasses.get(resource.id);
    if (cls === undefined) throw new Error(`the host cannot make resources of ${resource.name.name}: the component implements it`);
    return this.resources.handleOf(Object.create(cls.prototype) as object, resource);
  }

  private hold(handle: ResourceHandle, resource: ResourceType): void {
    let held = this.held.get(resource.id);
    if (held === undefined) this.held.set(resource.id, (held = []));
    if (!held.some((h) => h.id === handle.id)) held.push(handle);
  }
}
