/**
 * The root component's imports and exports as a WIT world: instances become
 * interfaces, functions become world functions, types become world types.
 * Imports are named before exports (an exported interface may use an imported
 * one's types, never the reverse), each list in binary order.
 */
import { ProxyComponentError } from '../../errors.js';
import type { TypeDefinition } from '../types.js';
import type { PackageName, WitFunction, WitInterface, World, WorldItem } from '../world.js';
import type { Scope } from './index-spaces.js';
import { parseInterfaceName } from './names.js';
import { describeSort, type Extern, type InstanceNode } from './nodes.js';
import { WitTypes } from './to-wit.js';

export const ROOT_PACKAGE: PackageName = { namespace: 'root', name: 'component' };
export const ROOT_WORLD = 'root';
/** Owner of world-level types, as the WIT text reader names a world's owner: `ns:pkg/world`. */
const WORLD_ID = `${ROOT_PACKAGE.namespace}:${ROOT_PACKAGE.name}/${ROOT_WORLD}`;

export function buildWorld(root: Scope): World {
  const types = new WitTypes();
  const worldTypes = new Map<string, TypeDefinition>();
  const imports = buildItems(root.imports, root.importImplements, 'import', types, worldTypes);
  const exports = buildItems(root.exports, root.exportImplements, 'export', types, worldTypes);
  return { package: ROOT_PACKAGE, name: ROOT_WORLD, imports, exports };
}

function buildItems(
  externs: ReadonlyMap<string, Extern>,
  implementations: ReadonlyMap<string, string>,
  direction: 'import' | 'export',
  types: WitTypes,
  worldTypes: Map<string, TypeDefinition>,
): Map<string, WorldItem> {
  // Names are declared in binary order (a world type may `use` an interface imported before it);
  // world functions come last, once every world type they may refer to is declared.
  const interfaces = new Map<string, WitInterface>();
  const definitions = new Map<string, () => TypeDefinition>();
  for (const [name, extern] of externs) {
    if (extern.sort === 'instance') interfaces.set(name, buildInterface(implementations.get(name) ?? name, extern.type, types));
    else if (extern.sort === 'type') definitions.set(name, types.declare(extern.type, name, WORLD_ID));
  }
  for (const [name, define] of definitions) worldTypes.set(name, define());

  const items = new Map<string, WorldItem>();
  for (const [name, extern] of externs) {
    switch (extern.sort) {
      case 'instance':
        items.set(name, { kind: 'interface', name, interface: interfaces.get(name) as WitInterface });
        break;
      case 'func':
        items.set(name, { kind: 'function', name, function: types.func(name, extern.type, (r) => worldTypes.get(r), 'the world') });
        break;
      case 'type':
        items.set(name, { kind: 'type', name, type: worldTypes.get(name) as TypeDefinition });
        break;
      default:
        throw new ProxyComponentError('WIT_UNSUPPORTED', `${direction} \`${name}\` is ${describeSort(extern.sort)}, which a WIT world cannot ${direction}`);
    }
  }
  return items;
}

/**
 * An interface: the types the instance exports by name, then its functions, in
 * binary order. `id` is the item name, or for `import my-store: ns:pkg/store`
 * the interface it implements. Exports WIT has no words for (nested instances,
 * components, values) are left out.
 */
function buildInterface(id: string, instance: InstanceNode, types: WitTypes): WitInterface {
  const definitions = new Map<string, () => TypeDefinition>();
  for (const [name, extern] of instance.exports) {
    if (extern.sort === 'type') definitions.set(name, types.declare(extern.type, name, id));
  }
  const declared = new Map<string, TypeDefinition>();
  for (const [name, define] of definitions) declared.set(name, define());

  const where = `interface \`${id}\``;
  const functions = new Map<string, WitFunction>();
  for (const [name, extern] of instance.exports) {
    if (extern.sort === 'func') functions.set(name, types.func(name, extern.type, (r) => declared.get(r), where));
  }
  const parsed = parseInterfaceName(id);
  if (parsed === undefined) return { id, types: declared, functions };
  return { id, package: parsed.package, name: parsed.name, types: declared, functions };
}
