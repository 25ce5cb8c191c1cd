/**
 * Which of the app's imports the virtualizers answer, and the WIT worlds of
 * the pieces of an instrumented component:
 *
 * - the imports virtualizer exports a self-contained copy of each virtualized
 *   import (`pc-guest:<ns>-<pkg>/<iface>`, world-level functions such as
 *   `import log: func(...)` in `pc-guest:root/funcs`) and every type the
 *   app's world declares (`pc-guest:root/types`); recording, it also imports
 *   the real ones, with the app's own world around them (world-level
 *   functions are typed by the world's types, which only the host has);
 * - the exports virtualizer imports a copy of each of the app's exports
 *   (`pc-app:...`, world functions as `pc-app-<name>`) and, recording, exports
 *   the originals with the app's own world around them (so the composed
 *   component's world is the app's), else exports `start`;
 * - the composed component imports what is left: the app's imports when
 *   recording, the pass-through ones when replaying or fuzzing, and the WASI
 *   streams the virtualizers write and read.
 *
 * An import interface or world-level import function is virtualized unless
 * it is named in `--passthrough` or uses a resource or async (which the
 * virtualizers cannot carry): those go to the real host, and are reported as
 * notes naming the item and saying why.
 */
import { ProxyComponentError } from '../errors.js';
import { worldFunctions, type WitFunction, type WitInterface, type World, type WorldFunction, type WorldItem } from '../wit/world.js';
import { isCarriable, uncarriablePart } from './abi.js';
import { TypeCopier, TypeNames } from './type-copier.js';
import type { InstrumentMode } from './tracer/config.js';
import { RECORDER_RECORD, RECORDER_REPLAY, TRACER_ID } from './tracer-wit.js';
import { parseWit } from '../wit/load.js';
import { RECORDER_PACKAGE, TRACER_INTERFACE } from './tracer-wit.js';
import type { WasiIo } from './wasi-io.js';

export const ROOT_TYPES = 'pc-guest:root/types';
/** The interface through which the imports virtualizer exports the world-level import functions it answers. */
export const ROOT_FUNCS = 'pc-guest:root/funcs';
const VIRTUALIZER_PACKAGE = { namespace: 'proxy-component', name: 'virtualizer' };

export interface VirtualizationPlan {
  readonly world: World;
  readonly mode: InstrumentMode;
  readonly hostRecorder: boolean;
  /** Import items the virtualizer answers (interface ids, world function names). */
  readonly virtualized: ReadonlySet<string>;
  /** Why some interfaces pass through to the host although not asked to. */
  readonly notes: readonly string[];
  /** Import items (other than types) that go to the real host, asked or not: their calls are not in a recorded trace. */
  readonly passthrough: readonly string[];
  readonly importFunctions: readonly WorldFunction[];
  readonly exportFunctions: readonly WorldFunction[];
  /** Every type the app's world declares, and what its export functions reach, as `pc-guest:root/types` declares them. */
  readonly rootTypes: WitInterface;
  /** Self-contained copies of the virtualized world-level import functions (`pc-guest:root/funcs`); absent when there are none. */
  readonly rootFuncs?: WitInterface;
  /** The names those types have in copies (shared by every copy that must agree). */
  readonly typeNames: TypeNames;
}

function matchesPassthrough(itemName: string, iface: WitInterface | undefined, passthrough: readonly string[]): boolean {
  const names = [itemName, itemName.replace(/@[^@/]*$/, '')];
  if (iface?.name !== undefined) names.push(iface.name);
  return names.some((name) => passthrough.includes(name));
}

function carriableFunction(func: WitFunction): boolean {
  return func.params.every((p) => isCarriable(p.type)) && (func.result === undefined || isCarriable(func.result)) && func.async !== true;
}

function carriableInterface(iface: WitInterface): boolean {
  for (const type of iface.types.values()) if (type.kind === 'resource' || !isCarriable(type)) return false;
  return [...iface.functions.values()].every(carriableFunction);
}

export function planVirtualization(world: World, mode: InstrumentMode, passthrough: readonly string[], hostRecorder: boolean): VirtualizationPlan {
  const virtualized = new Set<string>();
  const notes: string[] = [];
  for (const item of world.imports.values()) {
    if (item.kind === 'type') continue;
    const iface = item.kind === 'interface' ? item.interface : undefined;
    if (matchesPassthrough(item.name, iface, passthrough)) continue;
    if (item.kind === 'function') {
      if (carriableFunction(item.function)) virtualized.add(item.name);
      else notes.push(`${item.name} passes through to the host: it ${uncarriableReason(item.function)}`);
    } else if (carriableInterface(item.interface)) {
      virtualized.add(item.name);
    } else if (item.interface.functions.size > 0) {
      notes.push(`${item.name} passes through to the host: it uses resources, which the virtualizer cannot carry`);
    }
  }
  const passthroughItems = [...world.imports.values()].filter((item) => item.kind !== 'type' && !virtualized.has(item.name)).map((item) => item.name);
  const exportFunctions = worldFunctions(world, 'export');
  for (const fn of exportFunctions) {
    if (!carriableFunction(fn.function)) {
      const what = fn.interface === undefined ? `the world-level export function \`${fn.function.name}\`: it` : `the export \`${fn.itemName}\`: its function \`${fn.function.name}\``;
      throw new ProxyComponentError('WIT_UNSUPPORTED', `cannot instrument ${what} ${uncarriableReason(fn.function)}`);
    }
  }
  const importFunctions = worldFunctions(world, 'import').filter((fn) => virtualized.has(fn.itemName));
  const typeNames = new TypeNames();
  const rootCopier = new TypeCopier(ROOT_TYPES, typeNames);
  for (const item of world.imports.values()) {
    if (item.kind === 'type' && item.type.kind !== 'resource') rootCopier.declare(item.type, item.name);
  }
  for (const fn of exportFunctions) if (fn.interface === undefined) rootCopier.copyFunction(fn.function);
  const rootTypes: WitInterface = { id: ROOT_TYPES, package: { namespace: 'pc-guest', name: 'root' }, name: 'types', types: rootCopier.types, functions: new Map() };
  const rootFuncs = rootFunctionsInterface(importFunctions.filter((fn) => fn.interface === undefined));
  return { world, mode, hostRecorder, virtualized, notes, passthrough: passthroughItems, importFunctions, exportFunctions, rootTypes, typeNames, ...(rootFuncs === undefined ? {} : { rootFuncs }) };
}

/** Why a function cannot go through the virtualizers (it is not carriable), to follow "it". */
function uncarriableReason(func: WitFunction): string {
  if (func.async === true) return 'is async, which the virtualizer cannot carry';
  const types = [...func.params.map((param) => param.type), ...(func.result === undefined ? [] : [func.result])];
  const part = types.map(uncarriablePart).find((found) => found !== undefined);
  return `uses ${part ?? 'a type'}, which the virtualizer cannot carry`;
}

/**
 * `pc-guest:root/funcs`: the world-level import functions, with copies of the
 * types they reach. Value types are structural, so the copies meet the app's
 * world-level types; type names are kept clear of the function names, which
 * share the interface's namespace.
 */
function rootFunctionsInterface(functions: readonly WorldFunction[]): WitInterface | undefined {
  if (functions.length === 0) return undefined;
  const names = new TypeNames();
  for (const fn of functions) names.reserve(fn.function.name);
  const copier = new TypeCopier(ROOT_FUNCS, names);
  const copies = new Map(functions.map((fn) => [fn.function.name, copier.copyFunction(fn.function)]));
  return { ...packageParts(ROOT_FUNCS), id: ROOT_FUNCS, types: copier.types, functions: copies };
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

function copyInterface(id: string, source: WitInterface): WitInterface {
  const copier = new TypeCopier(id);
  for (const [name, type] of source.types) if (type.kind !== 'resource') copier.declare(type, name);
  const functions = new Map([...source.functions].map(([name, func]) => [name, copier.copyFunction(func)]));
  return { ...packageParts(id), id, types: copier.types, functions };
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

let support: { tracer: WitInterface; record: WitInterface; replay: WitInterface; start: WitInterface } | undefined;

/** The tracer and recorder interfaces as WIT model objects. */
export function supportInterfaces() {
  if (support === undefined) {
    const document = parseWit(`package proxy-component:tracer@0.1.0;\n\n${TRACER_INTERFACE}\n\n${RECORDER_PACKAGE}\n`, 'tracer.wit');
    const find = (id: string): WitInterface => {
      for (const pkg of document.packages) for (const iface of pkg.interfaces.values()) if (iface.id === id) return iface;
      throw new Error(`missing ${id}`);
    };
    support = { tracer: find(TRACER_ID), record: find(RECORDER_RECORD), replay: find(RECORDER_REPLAY), start: find('proxy:recorder/start-replay@0.1.0') };
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
  for (const item of plan.world.imports.values()) {
    if (!plan.virtualized.has(item.name) || item.kind !== 'interface') continue;
    if (plan.mode === 'record') imports.set(item.name, interfaceItem(copyInterface(item.name, item.interface)));
    const copy = copyInterface(copyId('pc-guest', item.name), item.interface);
    exports.set(copy.id, interfaceItem(copy));
  }
  if (plan.mode === 'record' && plan.rootFuncs !== undefined) {
    // The real world-level functions, to forward to, are typed by the world's own types (which may be
    // `use`d from its interfaces): so the app's whole world is imported, as the host supplies it when
    // recording; wit-component keeps only what the core module and those types need.
    for (const item of plan.world.imports.values()) if (!imports.has(item.name)) imports.set(item.name, item);
  }
  exports.set(ROOT_TYPES, interfaceItem(plan.rootTypes));
  if (plan.rootFuncs !== undefined) exports.set(ROOT_FUNCS, interfaceItem(plan.rootFuncs));
  addWasi(imports, wasi, false);
  return { package: VIRTUALIZER_PACKAGE, name: 'imports', imports, exports };
}

/** The world of the exports virtualizer. */
export function exportsWorld(plan: VirtualizationPlan, wasi: WasiIo | undefined): World {
  const recording = plan.mode === 'record';
  const imports = new Map<string, WorldItem>(recording ? plan.world.imports : []);
  const exports = new Map<string, WorldItem>(recording ? plan.world.exports : []);
  const worldId = 'proxy-component:virtualizer/exports';
  // Replaying, world functions are typed by world-level copies named as in `pc-guest:root/types`.
  const worldTypes = new TypeCopier(worldId, plan.typeNames);
  if (!recording) {
    for (const item of plan.world.imports.values()) if (item.kind === 'type' && item.type.kind !== 'resource') worldTypes.declare(item.type, item.name);
  }
  const appImports: [string, WorldItem][] = [];
  for (const item of plan.world.exports.values()) {
    if (item.kind === 'interface') {
      const copy = copyInterface(copyId('pc-app', item.name), item.interface);
      appImports.push([copy.id, interfaceItem(copy)]);
    } else if (item.kind === 'function') {
      const name = appFunctionName(item.name);
      const func = recording ? { ...item.function, name } : worldTypes.copyFunction(item.function, name);
      appImports.push([name, { kind: 'function', name, function: func }]);
    }
  }
  if (!recording) for (const [name, type] of worldTypes.types) imports.set(name, { kind: 'type', name, type });
  for (const [name, item] of appImports) imports.set(name, item);
  imports.set(TRACER_ID, interfaceItem(supportInterfaces().tracer));
  addWasi(imports, wasi, plan.mode === 'replay' && !plan.hostRecorder);
  if (!recording) exports.set('start', { kind: 'function', name: 'start', function: { name: 'start', kind: 'freestanding', params: [] } });
  return { package: VIRTUALIZER_PACKAGE, name: 'exports', imports, exports };
}

/** The world whose imports the composed component declares. */
export function outerImportsWorld(plan: VirtualizationPlan, wasi: WasiIo | undefined): World {
  const imports = new Map<string, WorldItem>();
  for (const item of plan.world.imports.values()) {
    // Resources are not copied into pc-guest:root/types: the app's resource type imports come from the host.
    const hostType = item.kind === 'type' && item.type.kind === 'resource';
    if (plan.mode === 'record' || hostType || (item.kind !== 'type' && !plan.virtualized.has(item.name))) imports.set(item.name, item);
  }
  addWasi(imports, wasi, plan.mode === 'replay' && !plan.hostRecorder);
  if (plan.hostRecorder) {
    const recorder = plan.mode === 'record' ? supportInterfaces().record : supportInterfaces().replay;
    imports.set(recorder.id, interfaceItem(recorder));
  }
  return { package: { namespace: 'proxy-component', name: 'composed' }, name: 'imports', imports, exports: new Map() };
}
