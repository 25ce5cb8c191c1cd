/**
 * Which of the app's imports the virtualizers answer, and the WIT worlds of
 * the pieces of an instrumented component:
 *
 * - the imports virtualizer exports a self-contained copy of each virtualized
 *   import (`pc-guest:<ns>-<pkg>/<iface>`, world-level functions such as
 *   `import log: func(...)` and resources the world declares in
 *   `pc-guest:root/funcs`), defining its own resource for each resource they
 *   declare (resources.ts), and every type the app's world declares
 *   (`pc-guest:root/types`); recording, it also imports the real ones, with
 *   the app's own world around them (world-level functions are typed by the
 *   world's types, which only the host has);
 * - the exports virtualizer imports a copy of each of the app's exports
 *   (`pc-app:...`, world functions as `pc-app-<name>`) and, recording,
 *   exports the originals with the app's own world around them (so the
 *   composed component's world is the app's), else exports `start`;
 * - the composed component imports what is left: the app's imports when
 *   recording, the pass-through ones when replaying or fuzzing, and the WASI
 *   streams the virtualizers write and read.
 *
 * An import is virtualized unless it is named in `--passthrough` or is async
 * (which the virtualizers cannot carry). Imports that share a resource (an
 * interface and those that `use` its resources) go to the same side, since
 * the app's view of them must agree on one resource type: one passed through
 * takes the others with it, each reported as a note naming the item and why.
 */
import { ProxyComponentError } from '../errors.js';
import { importedResources } from '../values/world-resources.js';
import type { ResourceType, TypeDefinition, WitType } from '../wit/types.js';
import { worldFunctions, type WitFunction, type WitInterface, type World, type WorldFunction, type WorldItem } from '../wit/world.js';
import { uncarriablePart } from './abi.js';
import { handleTypes, typeHasHandles } from '../values/walk.js';
import { declaringItem, HANDLES_INTERFACE, ResourceCopies, resourcesIn, type PlannedResource } from './resources.js';
import { TypeCopier, TypeNames } from './type-copier.js';
import type { InstrumentMode } from './tracer/config.js';
import { RECORDER_RECORD, RECORDER_REPLAY, TRACER_ID } from './tracer-wit.js';
import { parseWit } from '../wit/load.js';
import { RECORDER_PACKAGE, TRACER_INTERFACE } from './tracer-wit.js';
import type { WasiIo } from './wasi-io.js';
import { DIALOG_PACKAGE, DIALOG_PROMPT } from './dialog-wit.js';

export const ROOT_TYPES = 'pc-guest:root/types';
/** The interface through which the imports virtualizer exports the world-level import functions it answers, and the resources the world declares. */
export const ROOT_FUNCS = 'pc-guest:root/funcs';
const VIRTUALIZER_PACKAGE = { namespace: 'proxy-component', name: 'virtualizer' };

export interface VirtualizationPlan {
  readonly world: World;
  readonly mode: InstrumentMode;
  readonly hostRecorder: boolean;
  /** Import items the virtualizer answers (interface ids, world function names, world-level resource types). */
  readonly virtualized: ReadonlySet<string>;
  /** Why some interfaces pass through to the host although not asked to. */
  readonly notes: readonly string[];
  /** Import items (other than types) that go to the real host, asked or not: their calls are not in a recorded trace. */
  readonly passthrough: readonly string[];
  readonly importFunctions: readonly WorldFunction[];
  readonly exportFunctions: readonly WorldFunction[];
  /** Every non-resource type the app's world declares, and what its export functions reach, as `pc-guest:root/types` declares them. */
  readonly rootTypes: WitInterface;
  /** Self-contained copies of the virtualized world-level import functions and world-declared resources (`pc-guest:root/funcs`); absent when there are none. */
  readonly rootFuncs?: WitInterface;
  /** The names those types have in copies (shared by every copy that must agree). */
  readonly typeNames: TypeNames;
  /** The resources the virtualizers carry: those the virtualized imports declare, and those the exports declare. */
  readonly resources: readonly PlannedResource[];
}

function matchesPassthrough(itemName: string, iface: WitInterface | undefined, passthrough: readonly string[]): boolean {
  const names = [itemName, itemName.replace(/@[^@/]*$/, '')];
  if (iface?.name !== undefined) names.push(iface.name);
  return names.some((name) => passthrough.includes(name));
}

/** The functions of an import or export item. */
function itemFunctions(item: WorldItem): WitFunction[] {
  if (item.kind === 'function') return [item.function];
  if (item.kind === 'interface') return [...item.interface.functions.values()];
  return [];
}

/** The resources an item declares or mentions. */
function itemResources(item: WorldItem): ResourceType[] {
  const found = new Set<ResourceType>();
  if (item.kind === 'type' && item.type.kind === 'resource') found.add(item.type);
  if (item.kind === 'interface') for (const type of item.interface.types.values()) if (type.kind === 'resource') found.add(type);
  for (const func of itemFunctions(item)) {
    if (func.resource !== undefined) found.add(func.resource);
    for (const resource of resourcesIn([...func.params.map((param) => param.type), ...(func.result === undefined ? [] : [func.result])])) found.add(resource);
  }
  return [...found];
}

/** The import items in groups that share resources (transitively), each group in world order. */
function resourceGroups(world: World): string[][] {
  const parent = new Map<string, string>();
  const find = (name: string): string => {
    const up = parent.get(name) ?? name;
    if (up === name) return name;
    const root = find(up);
    parent.set(name, root);
    return root;
  };
  const owners = new Map<ResourceType, string>();
  for (const item of world.imports.values()) {
    parent.set(item.name, item.name);
    for (const resource of itemResources(item)) {
      const other = owners.get(resource);
      if (other === undefined) owners.set(resource, item.name);
      else parent.set(find(item.name), find(other));
    }
  }
  const groups = new Map<string, string[]>();
  for (const name of world.imports.keys()) {
    const root = find(name);
    groups.set(root, [...(groups.get(root) ?? []), name]);
  }
  return [...groups.values()];
}

/** Why an import item cannot be virtualized (to follow "it"), or undefined when it can. */
function whyNotCarried(item: WorldItem): string | undefined {
  for (const func of itemFunctions(item)) {
    const why = uncarriableReason(func);
    if (why !== undefined) return item.kind === 'function' ? why : `has a function \`${func.name}\` that ${why}`;
  }
  return undefined;
}

export function planVirtualization(world: World, mode: InstrumentMode, passthrough: readonly string[], hostRecorder: boolean): VirtualizationPlan {
  const virtualized = new Set<string>();
  const notes: string[] = [];
  for (const group of resourceGroups(world)) {
    const items = group.map((name) => world.imports.get(name) as WorldItem);
    const asked = items.filter((item) => item.kind !== 'type' && matchesPassthrough(item.name, item.kind === 'interface' ? item.interface : undefined, passthrough));
    const refused = items.flatMap((item) => {
      const why = asked.includes(item) ? undefined : whyNotCarried(item);
      return why === undefined ? [] : [{ item, why }];
    });
    for (const { item, why } of refused) notes.push(`${item.name} passes through to the host: it ${why}`);
    const leaders = [...asked, ...refused.map((found) => found.item)];
    if (leaders.length === 0) {
      for (const item of items) virtualized.add(item.name);
      continue;
    }
    const leader = leaders[0] as WorldItem;
    for (const item of items) {
      if (leaders.includes(item) || item.kind === 'type') continue;
      notes.push(`${item.name} passes through to the host with ${leader.name}: they share a resource`);
    }
  }
  const passthroughItems = [...world.imports.values()].filter((item) => item.kind !== 'type' && !virtualized.has(item.name)).map((item) => item.name);
  const exportFunctions = worldFunctions(world, 'export');
  const imported = importedResources(world);
  const hostResources = new Set([...world.imports.values()].filter((item) => !virtualized.has(item.name)).flatMap(itemResources));
  for (const fn of exportFunctions) {
    const what = fn.interface === undefined ? `the world-level export function \`${fn.function.name}\`: it` : `the export \`${fn.itemName}\`: its function \`${fn.function.name}\``;
    const why = uncarriableReason(fn.function);
    if (why !== undefined) throw new ProxyComponentError('WIT_UNSUPPORTED', `cannot instrument ${what} ${why}`);
    const types = [...fn.function.params.map((param) => param.type), ...(fn.function.result === undefined ? [] : [fn.function.result])];
    const hostOnly = resourcesIn(types).find((resource) => hostResources.has(resource));
    if (hostOnly !== undefined) {
      throw new ProxyComponentError('WIT_UNSUPPORTED', `cannot instrument ${what} carries handles of \`${hostOnly.name.name}\`, whose interface goes to the real host (--passthrough), so the virtualizers cannot make them`);
    }
    if (mode === 'record' && fn.function.params.some((param) => handleTypes(param.type).some((handle) => handle.kind === 'borrow' && imported.has(handle.resource)))) {
      throw new ProxyComponentError('WIT_UNSUPPORTED', `cannot record ${what} borrows a handle of a resource the host implements, which the recording cannot lend on to the component (replay and fuzz can)`);
    }
  }
  const importFunctions = worldFunctions(world, 'import').filter((fn) => virtualized.has(fn.itemName));
  const resources = planResources(world, virtualized, imported, exportFunctions);
  const typeNames = new TypeNames();
  const rootCopier = new TypeCopier(ROOT_TYPES, typeNames);
  for (const item of world.imports.values()) {
    if (item.kind === 'type' && item.type.kind !== 'resource') rootCopier.declare(item.type, item.name);
  }
  for (const fn of exportFunctions) if (fn.interface === undefined) rootCopier.copyFunction(fn.function);
  const rootTypes: WitInterface = { id: ROOT_TYPES, package: { namespace: 'pc-guest', name: 'root' }, name: 'types', types: rootCopier.types, functions: new Map() };
  const worldResources = resources.filter((planned) => planned.side === 'import' && planned.itemName === undefined);
  const rootFuncs = rootFunctionsInterface(importFunctions.filter((fn) => fn.interface === undefined), worldResources, guestCopies(world));
  return { world, mode, hostRecorder, virtualized, notes, passthrough: passthroughItems, importFunctions, exportFunctions, rootTypes, typeNames, resources, ...(rootFuncs === undefined ? {} : { rootFuncs }) };
}

/** The resources the virtualizers carry, numbered: every one the virtualized imports declare, then those the exports declare. */
function planResources(world: World, virtualized: ReadonlySet<string>, imported: ReadonlySet<ResourceType>, exportFunctions: readonly WorldFunction[]): PlannedResource[] {
  const inExports = new Set(exportFunctions.flatMap((fn) => resourcesIn([...fn.function.params.map((param) => param.type), ...(fn.function.result === undefined ? [] : [fn.function.result])])));
  const found = new Set<ResourceType>();
  for (const item of world.imports.values()) if (virtualized.has(item.name)) for (const resource of itemResources(item)) found.add(resource);
  for (const item of world.exports.values()) for (const resource of itemResources(item)) if (!imported.has(resource)) found.add(resource);
  for (const resource of inExports) found.add(resource);
  // An alias and its original are one resource where the world reads them as two objects with one id: the first stands for both.
  const seen = new Map<string, PlannedResource>();
  const planned: PlannedResource[] = [];
  for (const resource of found) {
    const side = imported.has(resource) ? 'import' : 'export';
    if (seen.has(`${side} ${resource.id}`)) continue;
    const where = declaringItem(world, resource, side);
    const entry: PlannedResource = { resource, side, name: where.name, ...(where.itemName === undefined ? {} : { itemName: where.itemName }), index: planned.length, inExports: side === 'import' && inExports.has(resource) };
    seen.set(`${side} ${resource.id}`, entry);
    planned.push(entry);
  }
  return planned;
}

/** The planned resource a handle of `resource` is (an alias finds its original). */
export function plannedResource(plan: VirtualizationPlan, resource: ResourceType): PlannedResource {
  const direct = plan.resources.find((planned) => planned.resource === resource);
  if (direct !== undefined) return direct;
  const side = importedResources(plan.world).has(resource) ? 'import' : 'export';
  const byId = plan.resources.find((planned) => planned.side === side && planned.resource.id === resource.id);
  if (byId === undefined) throw new Error(`resource ${resource.id} is not planned`);
  return byId;
}

/** The imports virtualizer's copies of the resources the app imports: declared by the copy of their interface, or by pc-guest:root/funcs. */
export function guestCopies(world: World): ResourceCopies {
  return new ResourceCopies((resource) => {
    const where = declaringItem(world, resource, 'import');
    return { owner: where.itemName === undefined ? ROOT_FUNCS : copyId('pc-guest', where.itemName), name: where.name };
  });
}

/** The exports virtualizer's copies: the app's exported resources in the pc-app copies, its imported ones as the imports virtualizer made them. */
function appCopies(plan: VirtualizationPlan): ResourceCopies {
  const guest = guestCopies(plan.world);
  const imported = importedResources(plan.world);
  return new ResourceCopies((resource) => {
    if (imported.has(resource)) return guest.copy(resource).name as { owner: string; name: string };
    const where = declaringItem(plan.world, resource, 'export');
    return { owner: copyId('pc-app', where.itemName ?? 'root'), name: where.name };
  });
}

/** Why a function cannot go through the virtualizers, to follow "it"; undefined when it can. */
function uncarriableReason(func: WitFunction): string | undefined {
  if (func.async === true) return 'is async, which the virtualizer cannot carry';
  const types = [...func.params.map((param) => param.type), ...(func.result === undefined ? [] : [func.result])];
  const part = types.map(uncarriablePart).find((found) => found !== undefined);
  return part === undefined ? undefined : `uses ${part}, which the virtualizer cannot carry`;
}

/**
 * `pc-guest:root/funcs`: the world-level import functions, with copies of the
 * types they reach. Value types are structural, so the copies meet the app's
 * world-level types; type names are kept clear of the function names, which
 * share the interface's namespace.
 */
function rootFunctionsInterface(functions: readonly WorldFunction[], resources: readonly PlannedResource[], copies: ResourceCopies): WitInterface | undefined {
  if (functions.length === 0 && resources.length === 0) return undefined;
  const names = new TypeNames();
  for (const fn of functions) names.reserve(fn.function.name);
  const copier = new TypeCopier(ROOT_FUNCS, names, copies);
  for (const planned of resources) copier.declare(planned.resource, planned.name);
  const copied = new Map(functions.map((fn) => [fn.function.name, copier.copyFunction(fn.function)]));
  return { ...packageParts(ROOT_FUNCS), id: ROOT_FUNCS, types: copier.types, functions: copied };
}

/** `ns:pkg/iface@1.0.0` -> `<prefix>:ns-pkg/iface@1.0.0`; an inline interface `foo` -> `<prefix>:inline/foo`. */
export function copyId(prefix: 'pc-guest' | 'pc-app', itemName: string): string {
  const match = /^([^:]+):([^/]+)\/([^@]+)(@.*)?$/.exec(itemName);
  if (match === null) return `${prefix}:inline/${itemName}`;
  return `${prefix}:${match[1]}-${match[2]}/${match[3]}${match[4] ?? ''}`;
}

/** The world function through which the exports virtualizer calls the app's world export `name`. */
export function appFunctionName(name: string): string {
  return `pc-app-${name}`;
}

/** A self-contained copy of `source` as interface `id`; its handles refer to the resources `copies` makes (the originals without). */
function copyInterface(id: string, source: WitInterface, copies?: ResourceCopies): WitInterface {
  const copier = new TypeCopier(id, new TypeNames(), copies);
  for (const [name, type] of source.types) copier.declare(type, name);
  const functions = new Map([...source.functions].map(([name, func]) => [name, copier.copyFunction(func)]));
  return { ...packageParts(id), id, types: copier.types, functions };
}

/**
 * `proxy-component:handles/handles`, through which the imports virtualizer
 * lends the exports virtualizer its resources (those the app's exports
 * carry): `make-N` a handle for a number, `take-N` the number of a handle
 * (which it drops); recording, `wrap-N` numbers a real host handle, which it
 * keeps, and `unwrap-N` gives it back.
 */
function handlesInterface(plan: VirtualizationPlan): WitInterface | undefined {
  const lent = plan.resources.filter((planned) => planned.inExports);
  if (lent.length === 0) return undefined;
  const guest = guestCopies(plan.world);
  const types = new Map<string, TypeDefinition>();
  const functions = new Map<string, WitFunction>();
  const u32 = { kind: 'u32' } as const;
  for (const planned of lent) {
    const k = planned.index;
    const local = guest.copy(planned.resource);
    types.set(`r${k}`, local);
    functions.set(`make-${k}`, { name: `make-${k}`, kind: 'freestanding', params: [{ name: 'n', type: u32 }], result: { kind: 'own', resource: local } });
    functions.set(`take-${k}`, { name: `take-${k}`, kind: 'freestanding', params: [{ name: 'h', type: { kind: 'own', resource: local } }], result: u32 });
    if (plan.mode === 'record') {
      types.set(`host-r${k}`, planned.resource);
      functions.set(`wrap-${k}`, { name: `wrap-${k}`, kind: 'freestanding', params: [{ name: 'h', type: { kind: 'own', resource: planned.resource } }], result: u32 });
      functions.set(`unwrap-${k}`, { name: `unwrap-${k}`, kind: 'freestanding', params: [{ name: 'n', type: u32 }], result: { kind: 'own', resource: planned.resource } });
    }
  }
  return { ...packageParts(HANDLES_INTERFACE), id: HANDLES_INTERFACE, types, functions };
}

/** The package and name of an interface id; none for an interface written inline in a world (its id is the item name). */
function packageParts(id: string): Pick<WitInterface, 'package' | 'name'> {
  const match = /^([^:]+):([^/]+)\/([^@]+)(?:@(.*))?$/.exec(id);
  if (match === null) return {};
  const version = match[4];
  return { package: { namespace: match[1] as string, name: match[2] as string, ...(version === undefined ? {} : { version }) }, name: match[3] as string };
}

function interfaceItem(iface: WitInterface): WorldItem {
  return { kind: 'interface', name: iface.id, interface: iface };
}

let support: { tracer: WitInterface; record: WitInterface; replay: WitInterface; start: WitInterface; prompt: WitInterface } | undefined;

/** The tracer and recorder interfaces as WIT model objects. */
export function supportInterfaces() {
  if (support === undefined) {
    const document = parseWit(`package proxy-component:tracer@0.1.0;\n\n${TRACER_INTERFACE}\n\n${RECORDER_PACKAGE}\n\n${DIALOG_PACKAGE}\n`, 'tracer.wit');
    const find = (id: string): WitInterface => {
      for (const pkg of document.packages) for (const iface of pkg.interfaces.values()) if (iface.id === id) return iface;
      throw new Error(`missing ${id}`);
    };
    support = { tracer: find(TRACER_ID), record: find(RECORDER_RECORD), replay: find(RECORDER_REPLAY), start: find('proxy:recorder/start-replay@0.1.0'), prompt: find(DIALOG_PROMPT) };
  }
  return support;
}

function addWasi(imports: Map<string, WorldItem>, wasi: WasiIo | undefined, withStdin: boolean): void {
  if (wasi === undefined) return;
  for (const iface of wasi.interfaces) {
    if (!withStdin && iface.name === 'stdin') continue;
    const existing = imports.get(iface.id);
    imports.set(iface.id, interfaceItem(existing?.kind === 'interface' ? mergeInterfaces(existing.interface, iface) : iface));
  }
}

/**
 * The app's view of a WASI interface and ours, in one: a component imports
 * only the functions it uses, and the composed component must import what
 * both use.
 */
function mergeInterfaces(app: WitInterface, ours: WitInterface): WitInterface {
  const types = new Map(app.types);
  for (const [name, type] of ours.types) if (!types.has(name)) types.set(name, type);
  const functions = new Map(app.functions);
  for (const [name, func] of ours.functions) if (!functions.has(name)) functions.set(name, func);
  return { ...app, types, functions };
}

/** The world of the imports virtualizer. */
export function importsWorld(plan: VirtualizationPlan, wasi: WasiIo | undefined): World {
  const imports = new Map<string, WorldItem>();
  const exports = new Map<string, WorldItem>();
  imports.set(TRACER_ID, interfaceItem(supportInterfaces().tracer));
  for (const copy of guestInterfaces(plan)) exports.set(copy.interface.id, interfaceItem(copy.interface));
  if (plan.mode === 'record') {
    // The real imports, to forward to, exactly as the host supplies them: an interface's types may be
    // `use`d from others (wasi:sockets/udp's addresses are wasi:sockets/network's), and world-level
    // functions are typed by the world's own types. So the app's whole world is imported;
    // wit-component keeps only what the core module and those types need.
    for (const item of plan.world.imports.values()) if (!imports.has(item.name)) imports.set(item.name, item);
  }
  exports.set(ROOT_TYPES, interfaceItem(plan.rootTypes));
  if (plan.rootFuncs !== undefined) exports.set(ROOT_FUNCS, interfaceItem(plan.rootFuncs));
  const handles = handlesInterface(plan);
  if (handles !== undefined) exports.set(HANDLES_INTERFACE, interfaceItem(handles));
  addWasi(imports, wasi, false);
  return { package: VIRTUALIZER_PACKAGE, name: 'imports', imports, exports };
}

/** The imports virtualizer's copies of the virtualized import interfaces (`pc-guest:...`), with the item each copies. */
function guestInterfaces(plan: VirtualizationPlan): { readonly original: string; readonly interface: WitInterface }[] {
  const copies = guestCopies(plan.world);
  const found: { original: string; interface: WitInterface }[] = [];
  for (const item of plan.world.imports.values()) {
    if (!plan.virtualized.has(item.name) || item.kind !== 'interface') continue;
    found.push({ original: item.name, interface: copyInterface(copyId('pc-guest', item.name), item.interface, copies) });
  }
  return found;
}

/** The world-level name under which the exports virtualizer sees the imports virtualizer's copy of a resource. */
export function guestResourceTypeName(planned: PlannedResource): string {
  return `guest-r${planned.index}`;
}

/** The world of the exports virtualizer. */
export function exportsWorld(plan: VirtualizationPlan, wasi: WasiIo | undefined): World {
  const recording = plan.mode === 'record';
  const imports = new Map<string, WorldItem>(recording ? plan.world.imports : []);
  const exports = new Map<string, WorldItem>(recording ? plan.world.exports : []);
  const worldId = 'proxy-component:virtualizer/exports';
  const copies = appCopies(plan);
  // Replaying, world functions are typed by world-level copies named as in `pc-guest:root/types`.
  const worldTypes = new TypeCopier(worldId, plan.typeNames, copies);
  if (!recording) {
    for (const item of plan.world.imports.values()) if (item.kind === 'type' && item.type.kind !== 'resource') worldTypes.declare(item.type, item.name);
  }
  const appImports: [string, WorldItem][] = [];
  for (const item of plan.world.exports.values()) {
    if (item.kind === 'interface') {
      const copy = copyInterface(copyId('pc-app', item.name), item.interface, copies);
      appImports.push([copy.id, interfaceItem(copy)]);
    } else if (item.kind === 'function') {
      const name = appFunctionName(item.name);
      // Recording, the world's types are the host's (imported as they are); the app's handles are still the imports virtualizer's.
      const func = recording ? { ...withResources(item.function, copies), name } : worldTypes.copyFunction(item.function, name);
      appImports.push([name, { kind: 'function', name, function: func }]);
    }
  }
  if (!recording) for (const [name, type] of worldTypes.types) if (type.kind !== 'resource') imports.set(name, { kind: 'type', name, type });
  // The imports virtualizer's resources that the app's exports carry: their interfaces, and the helpers that lend them.
  const lent = plan.resources.filter((planned) => planned.inExports);
  if (lent.length > 0) {
    for (const copy of guestInterfaces(plan)) imports.set(copy.interface.id, interfaceItem(copy.interface));
    if (plan.rootFuncs !== undefined) imports.set(ROOT_FUNCS, interfaceItem(plan.rootFuncs));
    imports.set(HANDLES_INTERFACE, interfaceItem(handlesInterface(plan) as WitInterface));
    for (const planned of lent) imports.set(guestResourceTypeName(planned), { kind: 'type', name: guestResourceTypeName(planned), type: copies.copy(planned.resource) });
  }
  for (const [name, item] of appImports) imports.set(name, item);
  imports.set(TRACER_ID, interfaceItem(supportInterfaces().tracer));
  addWasi(imports, wasi, plan.mode === 'replay' && !plan.hostRecorder);
  if (!recording) exports.set('start', { kind: 'function', name: 'start', function: { name: 'start', kind: 'freestanding', params: [] } });
  return { package: VIRTUALIZER_PACKAGE, name: 'exports', imports, exports };
}

/** `func` with its handles referring to the resources `copies` makes, every type without handles the same object (printers name types by identity). */
function withResources(func: WitFunction, copies: ResourceCopies): WitFunction {
  const map = (type: WitType): WitType => {
    if (!typeHasHandles(type)) return type;
    switch (type.kind) {
      case 'own':
      case 'borrow':
        return { ...type, resource: copies.copy(type.resource) };
      case 'list':
        return { ...type, element: map(type.element) };
      case 'option':
        return { ...type, some: map(type.some) };
      case 'tuple':
        return { ...type, elements: type.elements.map(map) };
      case 'record':
        return { ...type, fields: type.fields.map((field) => ({ name: field.name, type: map(field.type) })) };
      case 'variant':
        return { ...type, cases: type.cases.map((c) => (c.type === undefined ? c : { name: c.name, type: map(c.type) })) };
      case 'result': {
        const { ok, err, ...rest } = type;
        return { ...rest, ...(ok === undefined ? {} : { ok: map(ok) }), ...(err === undefined ? {} : { err: map(err) }) } as WitType;
      }
      default:
        return type;
    }
  };
  const params = func.params.map((param) => ({ name: param.name, type: map(param.type) }));
  return { ...func, params, ...(func.result === undefined ? {} : { result: map(func.result) }) };
}

/** The world whose imports the composed component declares. */
export function outerImportsWorld(plan: VirtualizationPlan, wasi: WasiIo | undefined): World {
  const imports = new Map<string, WorldItem>();
  for (const item of plan.world.imports.values()) {
    // The app's world-level types come from pc-guest:root/types, its virtualized resources from the imports virtualizer.
    const hostType = item.kind === 'type' && item.type.kind === 'resource' && !plan.virtualized.has(item.name);
    if (plan.mode === 'record' || hostType || (item.kind !== 'type' && !plan.virtualized.has(item.name))) imports.set(item.name, item);
  }
  addWasi(imports, wasi, plan.mode === 'replay' && !plan.hostRecorder);
  if (plan.mode === 'dialog') imports.set(DIALOG_PROMPT, interfaceItem(supportInterfaces().prompt));
  if (plan.hostRecorder) {
    const recorder = plan.mode === 'record' ? supportInterfaces().record : supportInterfaces().replay;
    imports.set(recorder.id, interfaceItem(recorder));
  }
  return { package: { namespace: 'proxy-component', name: 'composed' }, name: 'imports', imports, exports: new Map() };
}
