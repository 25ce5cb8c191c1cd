/**
 * Where each world function sits in jco's JS: the key of its import object
 * or export, its JS name, and the class of its resource.
 *
 * jco (checked against jco-transpile 0.15's generated code):
 * - imports: one object per imported interface, keyed by the import
 *   specifier (the interface id, without version unless jco kept it), holding
 *   functions by lowerCamelCase name and resource classes by UpperCamelCase
 *   name, in the interface that declares the resource; a bare function import
 *   is `{ default: fn }` under its own name;
 * - exports: world functions by lowerCamelCase name; interfaces by their id
 *   (`held:kv/store@0.1.0`), each holding functions and resource classes, or,
 *   for an interface written inline in the world, by its lowerCamelCase name;
 * - a resource declared in the world itself (`world w { resource r { ... } }`)
 *   is imported as `{ default: Class }` under the resource's own name, even
 *   when it has no functions of its own;
 * - two versions of one interface (`test:dep/test@0.1.0` and `@0.2.0`) share
 *   one import object (jco coalesces them): a function both have is one JS
 *   function, so a call to it cannot tell the versions apart; it is attributed
 *   to the newest version, and `sameImportFunction` lets replay match either;
 *   a resource both declare is one class too (both versions read `Thing`);
 * - an interface imported only for its types has nothing to call, so jco asks
 *   for no import object for it (wasi:clocks/wall-clock for its `datetime`);
 * - resource functions: `new Class(...)`, `object.method(...)`, `Class.static(...)`.
 */
import { ProxyComponentError } from '../../errors.js';
import { perObject } from '../../util/per-object.js';
import { jcoClassName, jcoPropertyName } from '../../values/jco-names.js';
import type { ResourceType, TypeDefinition } from '../../wit/types.js';
import type { WitFunction, WitInterface, World, WorldFunction } from '../../wit/world.js';

export interface ResourceLayout {
  readonly resource: ResourceType;
  readonly className: string;
  /** The property of the import or export object that holds the class: `className`, or `default` for a world-level resource. */
  readonly member: string;
  readonly construct?: WorldFunction;
  /** Methods and statics by JS name. */
  readonly methods: ReadonlyMap<string, WorldFunction>;
  readonly statics: ReadonlyMap<string, WorldFunction>;
}

export interface InterfaceLayout {
  /** The key in jco's imports or exports object. */
  readonly key: string;
  /** Freestanding functions by JS name. */
  readonly functions: ReadonlyMap<string, WorldFunction>;
  /** Resources this interface declares. */
  readonly resources: readonly ResourceLayout[];
  /** For a bare world function: jco wants `{ default: fn }`. */
  readonly bareFunction?: WorldFunction;
}

/** The JS name of a function: `get`, `getValue` for `[method]r.get-value`, `makeOne` for `[static]r.make-one`. */
export function jcoFunctionName(name: string): string {
  const member = name.startsWith('[') ? name.slice(name.lastIndexOf('.') + 1) : name;
  return jcoPropertyName(member);
}

/** A world import item name without its version: jco's import specifiers carry none. */
function versionless(itemName: string): string {
  return itemName.replace(/@[^@/]*$/, '');
}

/** The import specifier jco reads for a world import item name, if it reads one. */
function findSpecifier(itemName: string, specifiers: readonly string[]): string | undefined {
  if (specifiers.includes(itemName)) return itemName;
  const found = versionless(itemName);
  return specifiers.includes(found) ? found : undefined;
}

/** The import specifier jco reads for a world import item name. */
export function importSpecifier(itemName: string, specifiers: readonly string[]): string {
  const found = findSpecifier(itemName, specifiers);
  if (found !== undefined) return found;
  throw new ProxyComponentError('COMPONENT_DECODE', `jco's output has no import for \`${itemName}\` (it imports ${specifiers.join(', ')})`);
}

/**
 * The import specifiers jco's instantiate reads for `world`, known without
 * transpiling (for host stubs, and for native modules that stand in for a
 * component): interfaces with functions or resources of their own, without
 * version; bare functions; world-level resources under their own name.
 */
export function jcoImportSpecifiers(world: World): string[] {
  const specifiers = new Set<string>();
  const interfaces = importedInterfaceIds(world);
  for (const item of world.imports.values()) {
    if (item.kind === 'interface') {
      const iface = item.interface;
      const declaresResource = [...iface.types.values()].some((type) => type.kind === 'resource' && type.name.owner === iface.id);
      if (iface.functions.size > 0 || declaresResource) specifiers.add(versionless(item.name));
    } else if (item.kind === 'function') {
      specifiers.add(item.function.resource === undefined ? item.name : item.function.resource.name.name);
    } else if (isWorldResource(item.type, interfaces)) {
      specifiers.add(item.type.name.name);
    }
  }
  return [...specifiers];
}

function importedInterfaceIds(world: World): Set<string> {
  return new Set([...world.imports.values()].flatMap((item) => (item.kind === 'interface' ? [item.interface.id] : [])));
}

/** A resource declared in the world itself rather than `use`d from one of its interfaces. */
function isWorldResource(type: TypeDefinition, interfaces: ReadonlySet<string>): type is ResourceType {
  return type.kind === 'resource' && !interfaces.has(type.name.owner ?? '');
}

/** Layouts made once per world (and import specifiers): a replay of a corpus asks for every trace. */
const importLayoutsOf = perObject((world: World) => perObject((specifiers: readonly string[]): readonly InterfaceLayout[] => makeImportLayouts(world, specifiers)));

export function importLayouts(world: World, specifiers: readonly string[]): readonly InterfaceLayout[] {
  return importLayoutsOf(world)(specifiers);
}

function makeImportLayouts(world: World, specifiers: readonly string[]): InterfaceLayout[] {
  const layouts: InterfaceLayout[] = [];
  const worldResources = new Map<string, ResourceEntry>();
  const interfaces = importedInterfaceIds(world);
  for (const item of world.imports.values()) {
    if (item.kind === 'type') {
      // A world-level resource jco asks for even when nothing calls its own functions (a host function makes or takes it).
      if (isWorldResource(item.type, interfaces)) resourceEntry(worldResources, item.type);
    } else if (item.kind === 'function' && item.function.resource !== undefined) {
      // A function of a resource declared in the world: grouped under the resource's import.
      const fn: WorldFunction = { direction: 'import', itemName: item.name, function: item.function };
      addResourceFunction(resourceEntry(worldResources, item.function.resource), fn);
    } else if (item.kind === 'function') {
      const fn: WorldFunction = { direction: 'import', itemName: item.name, function: item.function };
      layouts.push({ key: importSpecifier(item.name, specifiers), functions: new Map(), resources: [], bareFunction: fn });
    } else if (item.kind === 'interface') {
      const key = findSpecifier(item.name, specifiers);
      // Imported only for its types: nothing to call, and jco asks for nothing.
      if (key === undefined && item.interface.functions.size === 0) continue;
      layouts.push(interfaceLayout(key ?? importSpecifier(item.name, specifiers), item.name, item.interface, 'import'));
    }
  }
  for (const entry of worldResources.values()) {
    const name = entry.resource.name.name;
    const hasFunctions = entry.construct !== undefined || entry.methods.size > 0 || entry.statics.size > 0;
    // Declared but used by nothing jco binds: jco asks for nothing.
    if (!hasFunctions && findSpecifier(name, specifiers) === undefined) continue;
    layouts.push({
      key: importSpecifier(name, specifiers),
      functions: new Map(),
      resources: [{ ...entry, className: jcoClassName(name), member: 'default' }],
    });
  }
  return coalesceVersions(layouts);
}

/** Functions jco cannot tell apart (the same name in two versions of one interface), by the one calls are attributed to. */
const coalesced = new WeakMap<WitFunction, WorldFunction[]>();

/** Whether a call jco attributes to `actual` may be the call a trace records for `expected`. */
export function sameImportFunction(expected: WitFunction, actual: WitFunction): boolean {
  return expected === actual || (coalesced.get(actual)?.some((other) => other.function === expected) ?? false);
}

/** The functions of other versions of its interface that jco answers with the JS function of `fn` (none for most). */
export function coalescedWith(fn: WitFunction): readonly WorldFunction[] {
  return coalesced.get(fn) ?? [];
}

/** Layouts that share a key (versions of one interface) merged into one, as jco merges them. */
function coalesceVersions(layouts: InterfaceLayout[]): InterfaceLayout[] {
  const byKey = new Map<string, InterfaceLayout>();
  for (const layout of layouts) {
    const earlier = byKey.get(layout.key);
    if (earlier === undefined) {
      byKey.set(layout.key, layout);
      continue;
    }
    const functions = new Map(earlier.functions);
    for (const [name, fn] of layout.functions) {
      const other = functions.get(name);
      if (other !== undefined) coalesced.set(fn.function, [...(coalesced.get(other.function) ?? []), other]);
      functions.set(name, fn);
    }
    byKey.set(layout.key, { key: layout.key, functions, resources: [...earlier.resources, ...layout.resources] });
  }
  return [...byKey.values()];
}

export const exportLayouts: (world: World) => readonly InterfaceLayout[] = perObject(makeExportLayouts);

function makeExportLayouts(world: World): InterfaceLayout[] {
  const layouts: InterfaceLayout[] = [];
  for (const item of world.exports.values()) {
    if (item.kind === 'function') {
      const fn: WorldFunction = { direction: 'export', itemName: item.name, function: item.function };
      layouts.push({ key: jcoFunctionName(item.name), functions: new Map(), resources: [], bareFunction: fn });
    } else if (item.kind === 'interface') {
      // An interface of a package is exported under its id; one written inline in the world under its camelCase name.
      const key = item.interface.package === undefined ? jcoPropertyName(item.name) : item.name;
      layouts.push(interfaceLayout(key, item.name, item.interface, 'export'));
    }
  }
  return layouts;
}

interface ResourceEntry {
  resource: ResourceType;
  construct?: WorldFunction;
  methods: Map<string, WorldFunction>;
  statics: Map<string, WorldFunction>;
}

function resourceEntry(entries: Map<string, ResourceEntry>, resource: ResourceType): ResourceEntry {
  let entry = entries.get(resource.id);
  if (entry === undefined) {
    entry = { resource, methods: new Map(), statics: new Map() };
    entries.set(resource.id, entry);
  }
  return entry;
}

function addResourceFunction(entry: ResourceEntry, fn: WorldFunction): void {
  if (fn.function.kind === 'constructor') entry.construct = fn;
  else if (fn.function.kind === 'method') entry.methods.set(jcoFunctionName(fn.function.name), fn);
  else entry.statics.set(jcoFunctionName(fn.function.name), fn);
}

function interfaceLayout(key: string, itemName: string, iface: WitInterface, direction: 'import' | 'export'): InterfaceLayout {
  const functions = new Map<string, WorldFunction>();
  const resources = new Map<string, ResourceEntry>();
  for (const type of iface.types.values()) {
    if (type.kind === 'resource' && type.name.owner === iface.id) resourceEntry(resources, type);
  }
  for (const func of iface.functions.values()) {
    const worldFunction: WorldFunction = { direction, itemName, interface: iface, function: func };
    if (func.kind === 'freestanding' || func.resource === undefined) functions.set(jcoFunctionName(func.name), worldFunction);
    else addResourceFunction(resourceEntry(resources, func.resource), worldFunction);
  }
  return {
    key,
    functions,
    resources: [...resources.values()].map((entry) => {
      const className = jcoClassName(entry.resource.name.name);
      return { ...entry, className, member: className };
    }),
  };
}
