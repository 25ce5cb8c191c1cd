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
 *   (`held:kv/store@0.1.0`), each holding functions and resource classes;
 * - resource functions: `new Class(...)`, `object.method(...)`, `Class.static(...)`.
 */
import { ProxyComponentError } from '../../errors.js';
import { jcoClassName, jcoPropertyName } from '../../values/jco-names.js';
import type { ResourceType } from '../../wit/types.js';
import type { WitInterface, World, WorldFunction } from '../../wit/world.js';

export interface ResourceLayout {
  readonly resource: ResourceType;
  readonly className: string;
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

/** The import specifier jco reads for a world import item name. */
export function importSpecifier(itemName: string, specifiers: readonly string[]): string {
  if (specifiers.includes(itemName)) return itemName;
  const versionless = itemName.replace(/@[^@/]*$/, '');
  if (specifiers.includes(versionless)) return versionless;
  throw new ProxyComponentError('COMPONENT_DECODE', `jco's output has no import for \`${itemName}\` (it imports ${specifiers.join(', ')})`);
}

export function importLayouts(world: World, specifiers: readonly string[]): InterfaceLayout[] {
  const layouts: InterfaceLayout[] = [];
  for (const item of world.imports.values()) {
    if (item.kind === 'function') {
      const fn: WorldFunction = { direction: 'import', itemName: item.name, function: item.function };
      layouts.push({ key: importSpecifier(item.name, specifiers), functions: new Map(), resources: [], bareFunction: fn });
    } else if (item.kind === 'interface') {
      layouts.push(interfaceLayout(importSpecifier(item.name, specifiers), item.name, item.interface, 'import'));
    }
  }
  return layouts;
}

export function exportLayouts(world: World): InterfaceLayout[] {
  const layouts: InterfaceLayout[] = [];
  for (const item of world.exports.values()) {
    if (item.kind === 'function') {
      const fn: WorldFunction = { direction: 'export', itemName: item.name, function: item.function };
      layouts.push({ key: jcoFunctionName(item.name), functions: new Map(), resources: [], bareFunction: fn });
    } else if (item.kind === 'interface') {
      layouts.push(interfaceLayout(item.name, item.name, item.interface, 'export'));
    }
  }
  return layouts;
}

function interfaceLayout(key: string, itemName: string, iface: WitInterface, direction: 'import' | 'export'): InterfaceLayout {
  const functions = new Map<string, WorldFunction>();
  const resources = new Map<string, { resource: ResourceType; construct?: WorldFunction; methods: Map<string, WorldFunction>; statics: Map<string, WorldFunction> }>();
  const resourceEntry = (resource: ResourceType) => {
    let entry = resources.get(resource.id);
    if (entry === undefined) {
      entry = { resource, methods: new Map(), statics: new Map() };
      resources.set(resource.id, entry);
    }
    return entry;
  };
  for (const type of iface.types.values()) {
    if (type.kind === 'resource' && type.name.owner === iface.id) resourceEntry(type);
  }
  for (const func of iface.functions.values()) {
    const worldFunction: WorldFunction = { direction, itemName, interface: iface, function: func };
    if (func.kind === 'freestanding' || func.resource === undefined) {
      functions.set(jcoFunctionName(func.name), worldFunction);
      continue;
    }
    const entry = resourceEntry(func.resource);
    if (func.kind === 'constructor') entry.construct = worldFunction;
    else if (func.kind === 'method') entry.methods.set(jcoFunctionName(func.name), worldFunction);
    else entry.statics.set(jcoFunctionName(func.name), worldFunction);
  }
  return {
    key,
    functions,
    resources: [...resources.values()].map((entry) => ({ ...entry, className: jcoClassName(entry.resource.name.name) })),
  };
}
