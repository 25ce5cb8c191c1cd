/**
 * A world as plain JSON data and back: how the tracer component learns the
 * app's types (the configuration the virtualizers hand it), without WIT text
 * or a WIT parser inside the component.
 */
import type { TypeDefinition } from '../../wit/types.js';
import type { PackageName, WitFunction, WitInterface, World, WorldItem } from '../../wit/world.js';

interface InterfaceJson {
  readonly id: string;
  readonly package?: PackageName;
  readonly name?: string;
  readonly types: [string, TypeDefinition][];
  readonly functions: [string, WitFunction][];
}

type ItemJson =
  | { readonly kind: 'interface'; readonly name: string; readonly interface: InterfaceJson }
  | { readonly kind: 'function'; readonly name: string; readonly function: WitFunction }
  | { readonly kind: 'type'; readonly name: string; readonly type: TypeDefinition };

export interface WorldJson {
  readonly package?: PackageName;
  readonly name: string;
  readonly imports: ItemJson[];
  readonly exports: ItemJson[];
}

export function worldToJson(world: World): WorldJson {
  const item = (value: WorldItem): ItemJson => {
    if (value.kind !== 'interface') return value;
    const iface = value.interface;
    return {
      kind: 'interface',
      name: value.name,
      interface: {
        id: iface.id,
        ...(iface.package === undefined ? {} : { package: iface.package }),
        ...(iface.name === undefined ? {} : { name: iface.name }),
        types: [...iface.types],
        functions: [...iface.functions],
      },
    };
  };
  return {
    ...(world.package === undefined ? {} : { package: world.package }),
    name: world.name,
    imports: [...world.imports.values()].map(item),
    exports: [...world.exports.values()].map(item),
  };
}

export function worldFromJson(json: WorldJson): World {
  const item = (value: ItemJson): [string, WorldItem] => {
    if (value.kind !== 'interface') return [value.name, value];
    const iface: WitInterface = {
      id: value.interface.id,
      ...(value.interface.package === undefined ? {} : { package: value.interface.package }),
      ...(value.interface.name === undefined ? {} : { name: value.interface.name }),
      types: new Map(value.interface.types),
      functions: new Map(value.interface.functions),
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
