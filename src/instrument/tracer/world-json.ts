/**
 * A world as plain JSON data and back: how the tracer component learns the
 * app's types (the configuration the virtualizers hand it), without WIT text
 * or a WIT parser inside the component.
 *
 * Resources are identities, not structures: an imported and an exported
 * resource of one interface share an id and a name, and are told apart only
 * by their objects (see wit/resources.ts). So each resource object is written
 * once, in `resources`, and referred to by its index wherever it appears;
 * reading makes one object per index again.
 */
import type { ResourceType, TypeDefinition } from '../../wit/types.js';
import type { PackageName, WitFunction, WitInterface, World, WorldItem } from '../../wit/world.js';

interface InterfaceJson {
  readonly id: string;
  readonly package?: PackageName;
  readonly name?: string;
  readonly types: [string, unknown][];
  readonly functions: [string, unknown][];
}

type ItemJson =
  | { readonly kind: 'interface'; readonly name: string; readonly interface: InterfaceJson }
  | { readonly kind: 'function'; readonly name: string; readonly function: unknown }
  | { readonly kind: 'type'; readonly name: string; readonly type: unknown };

export interface WorldJson {
  readonly package?: PackageName;
  readonly name: string;
  readonly imports: ItemJson[];
  readonly exports: ItemJson[];
  /** Every resource object of the world, once; `{ "$resource": i }` elsewhere. */
  readonly resources?: ResourceType[];
}

/** A reference to `resources[i]`. */
interface ResourceRef {
  readonly $resource: number;
}

function isResource(value: unknown): value is ResourceType {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'resource' && typeof (value as { id?: unknown }).id === 'string';
}

function isResourceRef(value: unknown): value is ResourceRef {
  return typeof value === 'object' && value !== null && typeof (value as { $resource?: unknown }).$resource === 'number';
}

/** `value` with every resource object replaced by a reference into `resources`. */
function encode(value: unknown, resources: Map<ResourceType, number>): unknown {
  if (isResource(value)) {
    let index = resources.get(value);
    if (index === undefined) resources.set(value, (index = resources.size));
    return { $resource: index };
  }
  if (Array.isArray(value)) return value.map((element) => encode(element, resources));
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) out[key] = encode(field, resources);
  return out;
}

/** `value` with every reference replaced by its resource object, one object per index. */
function decode(value: unknown, resources: readonly ResourceType[]): unknown {
  if (isResourceRef(value)) {
    const resource = resources[value.$resource];
    if (resource === undefined) throw new Error(`the world refers to resource #${value.$resource}, which it does not list`);
    return resource;
  }
  if (Array.isArray(value)) return value.map((element) => decode(element, resources));
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) out[key] = decode(field, resources);
  return out;
}

export function worldToJson(world: World): WorldJson {
  const resources = new Map<ResourceType, number>();
  const item = (value: WorldItem): ItemJson => {
    if (value.kind === 'function') return { kind: 'function', name: value.name, function: encode(value.function, resources) };
    if (value.kind === 'type') return { kind: 'type', name: value.name, type: encode(value.type, resources) };
    const iface = value.interface;
    return {
      kind: 'interface',
      name: value.name,
      interface: {
        id: iface.id,
        ...(iface.package === undefined ? {} : { package: iface.package }),
        ...(iface.name === undefined ? {} : { name: iface.name }),
        types: [...iface.types].map(([name, type]) => [name, encode(type, resources)]),
        functions: [...iface.functions].map(([name, func]) => [name, encode(func, resources)]),
      },
    };
  };
  const imports = [...world.imports.values()].map(item);
  const exports = [...world.exports.values()].map(item);
  return {
    ...(world.package === undefined ? {} : { package: world.package }),
    name: world.name,
    imports,
    exports,
    resources: [...resources.keys()].map((resource) => ({ ...resource })),
  };
}

export function worldFromJson(json: WorldJson): World {
  const resources = (json.resources ?? []).map((resource) => ({ ...resource }));
  const item = (value: ItemJson): [string, WorldItem] => {
    if (value.kind === 'function') return [value.name, { kind: 'function', name: value.name, function: decode(value.function, resources) as WitFunction }];
    if (value.kind === 'type') return [value.name, { kind: 'type', name: value.name, type: decode(value.type, resources) as TypeDefinition }];
    const iface: WitInterface = {
      id: value.interface.id,
      ...(value.interface.package === undefined ? {} : { package: value.interface.package }),
      ...(value.interface.name === undefined ? {} : { name: value.interface.name }),
      types: new Map(value.interface.types.map(([name, type]) => [name, decode(type, resources) as TypeDefinition])),
      functions: new Map(value.interface.functions.map(([name, func]) => [name, decode(func, resources) as WitFunction])),
    };
    return [value.name, { kind: 'interface', name: value.name, interface: iface }];
  };
  return {
    ...(json.package === undefined ? {} : { package: json.package }),
    name: json.name,
    imports: new Map(json.imports.map(item)),
    exports: new Map(json.exports.map(item)),
  };
}
