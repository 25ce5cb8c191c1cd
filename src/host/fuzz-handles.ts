/**
 * The resource handles a fuzz run's host holds, so that generated calls pass
 * only handles that exist: the arbitraries produce `HandlePick`s (which held
 * handle, or a new one), resolved here when the call is made, against the
 * handles live at that moment. This is the model of a model-based test
 * (fast-check's `commands`): a call whose handles cannot all be given is not
 * made, and since picks are resolved when the run is executed, a shrunk run
 * (calls dropped, picks simplified) is as valid as the run it came from.
 *
 * Where handles come from:
 * - resources the component implements (exported ones): only from the
 *   component, in the `own` handles it hands the host (export results:
 *   constructors, functions returning `own<r>` or records and lists holding
 *   handles; arguments of its import calls);
 * - resources the host implements (imported ones): the host makes new ones at
 *   will (stand-in objects of its synthesized classes), and holds those the
 *   component hands back.
 * Passing an `own` handle to the component gives it away: it is never passed
 * again. A `borrow` only lends it. Within one call a handle given away is not
 * also lent (the component model forbids moving a handle with a live borrow).
 *
 * Resources are told apart by their `ResourceType` objects, not their ids: a
 * component that imports and exports one interface has two resources with
 * one id (see wit/binary/to-wit.ts), and handing the host's stand-in for the
 * imported one to a function that takes the exported one is not a valid call.
 */
import type { ResourceClass } from '../engines/jco/virtual-imports.js';
import type { ResourceTable } from '../values/resource-table.js';
import { ResourceHandle, type Value } from '../values/value.js';
import { forEachPart, mapHandles, typeHasHandles } from '../values/walk.js';
import type { HandleType, ResourceType, WitType } from '../wit/types.js';

/** A generated choice of handle: the `choice`-th held one (modulo), or a new one when `fresh` and the host can make it. */
export class HandlePick {
  constructor(
    readonly choice: number,
    readonly fresh: boolean,
  ) {}

  toString(): string {
    return this.fresh ? `new-or-held(${this.choice})` : `held(${this.choice})`;
  }
}

/** Values with their handles resolved, or the first handle type no handle could be given for. */
export type Resolution = { readonly values: Value[]; readonly missing?: undefined } | { readonly values?: undefined; readonly missing: HandleType };

/** How one handle of a resolution is given. */
type Decision = { readonly held: ResourceHandle } | { readonly make: ResourceType; readonly keep: boolean } | { readonly given: Value };

export class HandlePool {
  private readonly held = new Map<ResourceType, ResourceHandle[]>();

  constructor(
    private readonly resources: ResourceTable,
    /** The resources the host implements, with the classes of their stand-in objects. */
    private readonly hostClasses: ReadonlyMap<ResourceType, ResourceClass>,
    /** Imported resources known by another name (`type headers = fields`), each with the one it stands for. */
    private readonly aliases: ReadonlyMap<ResourceType, ResourceType> = new Map(),
  ) {}

  /** The resource a handle type names, an alias read as its original. */
  private original(resource: ResourceType): ResourceType {
    return this.aliases.get(resource) ?? resource;
  }

  /** True when the host implements `resource` and can make handles of it. */
  canMake(resource: ResourceType): boolean {
    return this.hostClasses.has(this.original(resource));
  }

  /** The handles of `resource` the host holds now, oldest first. */
  holding(resource: ResourceType): readonly ResourceHandle[] {
    return this.held.get(this.original(resource)) ?? [];
  }

  /** Takes note of the `own` handles inside a value the component handed to the host. */
  receive(value: Value, type: WitType): void {
    if (!typeHasHandles(type)) return;
    forEachPart(value, type, (part, partType) => {
      if (partType.kind === 'own' && part instanceof ResourceHandle) this.hold(part, partType.resource);
    });
  }

  /**
   * Resolves the picks inside `values` (typed by `types`) all at once: either
   * every handle can be given, and the pool is updated (handles passed as
   * `own` given away, new ones made, lent new ones kept), or none is, and the
   * pool is left as it was (no handle made, none numbered).
   */
  resolveAll(values: readonly Value[], types: readonly WitType[]): Resolution {
    if (!types.some(typeHasHandles)) return { values: [...values] };
    const decisions: Decision[] = [];
    const given = new Set<ResourceHandle>();
    const lent = new Set<ResourceHandle>();
    let missing: HandleType | undefined;
    values.forEach((value, i) => {
      const type = types[i] as WitType;
      if (missing !== undefined || !typeHasHandles(type)) return;
      mapHandles(value, type, (pick, handleType) => {
        if (missing !== undefined) return pick;
        const decision = this.decide(pick, handleType, given, lent);
        if (decision === undefined) missing = handleType;
        else decisions.push(decision);
        return pick;
      });
    });
    if (missing !== undefined) return { missing };
    let next = 0;
    const resolved = values.map((value, i) =>
      mapHandles(value, types[i] as WitType, (_pick, handleType) => this.give(decisions[next++] as Decision, handleType)),
    );
    for (const handle of given) this.release(handle);
    return { values: resolved };
  }

  /** A new handle of a resource the host implements: a stand-in object of its class. */
  make(resource: ResourceType): ResourceHandle {
    const cls = this.hostClasses.get(this.original(resource));
    if (cls === undefined) throw new Error(`the host cannot make handles of ${resource.name.name}: the component implements it`);
    return this.resources.handleOf(Object.create(cls.prototype) as object, this.original(resource));
  }

  private decide(pick: Value, type: HandleType, given: Set<ResourceHandle>, lent: Set<ResourceHandle>): Decision | undefined {
    // A handle written out (a test's own argument) is passed as it is.
    if (!(pick instanceof HandlePick)) return { given: pick };
    const own = type.kind === 'own';
    const usable = this.holding(type.resource).filter((handle) => !given.has(handle) && !(own && lent.has(handle)));
    const canMake = this.canMake(type.resource);
    if (usable.length === 0 || (pick.fresh && canMake)) return canMake ? { make: type.resource, keep: !own } : undefined;
    const handle = usable[pick.choice % usable.length] as ResourceHandle;
    (own ? given : lent).add(handle);
    return { held: handle };
  }

  private give(decision: Decision, type: HandleType): Value {
    if ('given' in decision) return decision.given;
    if ('held' in decision) return decision.held;
    const made = this.make(type.resource);
    // Only lent: the host keeps it for later calls.
    if (decision.keep) this.hold(made, type.resource);
    return made;
  }

  private hold(handle: ResourceHandle, resource: ResourceType): void {
    const original = this.original(resource);
    let held = this.held.get(original);
    if (held === undefined) this.held.set(original, (held = []));
    if (!held.some((h) => h.id === handle.id)) held.push(handle);
  }

  private release(handle: ResourceHandle): void {
    for (const held of this.held.values()) {
      const index = held.indexOf(handle);
      if (index >= 0) held.splice(index, 1);
    }
  }
}

/**
 * The imported resources that are aliases (`type headers = fields`: another
 * object with the original's id), each with the original among `originals`.
 */
export function resourceAliases(imported: Iterable<ResourceType>, originals: Iterable<ResourceType>): Map<ResourceType, ResourceType> {
  const byId = new Map<string, ResourceType>();
  for (const resource of originals) byId.set(resource.id, resource);
  const aliases = new Map<ResourceType, ResourceType>();
  for (const resource of imported) {
    const original = byId.get(resource.id);
    if (original !== undefined && original !== resource) aliases.set(resource, original);
  }
  return aliases;
}

/**
 * The resources the host implements, with their classes: the resources of
 * the import layouts, matched to the classes `virtualImports` made for them.
 */
export function hostResourceClasses(
  layouts: readonly { readonly resources: readonly { readonly resource: ResourceType }[] }[],
  classes: ReadonlyMap<string, ResourceClass>,
): Map<ResourceType, ResourceClass> {
  const found = new Map<ResourceType, ResourceClass>();
  for (const layout of layouts) {
    for (const { resource } of layout.resources) {
      const cls = classes.get(resource.id);
      if (cls !== undefined) found.set(resource, cls);
    }
  }
  return found;
}
