/**
 * Worlds: imports, exports, world-level types, `include`, and the implicit
 * imports the reference implementation (wit-parser) adds when it "elaborates"
 * a world: an imported or exported interface that `use`s types of another
 * interface needs that interface too, so it is imported before it.
 *
 * Items are ordered as wit-parser orders them, so that a world read from text
 * and the same world read back from a component agree: interfaces first, then
 * types, then functions (resource functions last); exported functions before
 * exported interfaces.
 */
import type { SourceLocation } from '../../errors.js';
import type { ResourceType, TypeDefinition } from '../types.js';
import { interfaceId, type WitInterface, type World, type WorldItem } from '../world.js';
import type { ExternSyntax, Identifier, IncludeSyntax, PackageUnitSyntax, WorldSyntax } from './ast.js';
import type { PackageScope } from './package-scope.js';
import { buildFunction, buildResourceFunctions } from './resolve-functions.js';
import { declareUse, resolveInterfaceBody, type InterfaceLookup } from './resolve-interface.js';
import { TypeScope, UniqueNames, resolveError } from './type-scope.js';

/** Sort order of import kinds during elaboration. */
const ORDER = { interface: 0, type: 1, function: 2, resourceFunction: 3 } as const;

type Dependencies = WeakMap<WitInterface, readonly WitInterface[]>;

interface Pending {
  readonly key: string;
  readonly item: WorldItem;
  readonly order: number;
  readonly location: SourceLocation;
  /** For a type brought in by `use`: the interface it comes from, imported with it. */
  readonly typeSource?: WitInterface;
}

/** Items of one direction before elaboration, with their names kept unique. */
class PendingItems {
  readonly items: Pending[] = [];
  private readonly keys = new Set<string>();
  private readonly names: UniqueNames;

  constructor(what: string) {
    this.names = new UniqueNames(what);
  }

  has(key: string): boolean {
    return this.keys.has(key);
  }

  add(key: Identifier, item: WorldItem, typeSource?: WitInterface): void {
    this.names.add(key, 'name');
    this.keys.add(key.name);
    const order = orderOf(item);
    this.items.push(typeSource === undefined ? { key: key.name, item, order, location: key.location } : { key: key.name, item, order, location: key.location, typeSource });
  }
}

function orderOf(item: WorldItem): number {
  if (item.kind === 'interface') return ORDER.interface;
  if (item.kind === 'type') return ORDER.type;
  return item.function.resource === undefined ? ORDER.function : ORDER.resourceFunction;
}

export function resolveWorld(pkg: PackageScope, syntax: WorldSyntax, unit: PackageUnitSyntax, dependencies: Dependencies): World {
  const name = syntax.name.name;
  const label = `world \`${name}\``;
  const scope = new TypeScope({ id: interfaceId(pkg.name, name), label });
  const lookup: InterfaceLookup = (path) => pkg.lookupInterface(unit, path);

  // Declare the world's own types first: functions may use them before they are written.
  const uses: { target: WitInterface; types: TypeDefinition[] }[] = [];
  for (const item of syntax.items) {
    if (item.kind === 'use') {
      const target = lookup(item.path);
      uses.push({ target, types: declareUse(scope, item, target) });
    } else if (item.kind === 'type') {
      scope.declareType(item.def);
    }
  }

  const imports = new PendingItems(`the imports of ${label}`);
  const exports = new PendingItems(`the exports of ${label}`);
  const includes: IncludeSyntax[] = [];
  let useIndex = 0;
  for (const item of syntax.items) {
    switch (item.kind) {
      case 'use': {
        const use = uses[useIndex++] as (typeof uses)[number];
        item.names.forEach((entry, i) => {
          const local = entry.as ?? entry.name;
          imports.add(local, { kind: 'type', name: local.name, type: use.types[i] as TypeDefinition }, use.target);
        });
        break;
      }
      case 'type': {
        const type = scope.lookup(item.def.name);
        imports.add(item.def.name, { kind: 'type', name: item.def.name.name, type });
        if (item.def.kind === 'resource') {
          for (const func of buildResourceFunctions(scope, type as ResourceType, item.def.functions)) {
            imports.add({ name: func.name, location: item.def.name.location }, { kind: 'function', name: func.name, function: func });
          }
        }
        break;
      }
      case 'import':
      case 'export': {
        const [key, worldItem] = externItem(item.extern, scope, lookup, dependencies);
        (item.kind === 'import' ? imports : exports).add(key, worldItem);
        break;
      }
      case 'include':
        includes.push(item);
        break;
    }
  }
  for (const include of includes) mergeInclude(pkg.lookupWorld(unit, include.path), include, imports, exports, label);

  const deps = (iface: WitInterface): readonly WitInterface[] => dependencies.get(iface) ?? [];
  const finalImports = elaborateImports(imports.items, deps);
  const finalExports = elaborateExports(exports.items, finalImports, deps, label);
  return { package: pkg.name, name, imports: finalImports, exports: finalExports };
}

function externItem(extern: ExternSyntax, scope: TypeScope, lookup: InterfaceLookup, dependencies: Dependencies): [Identifier, WorldItem] {
  switch (extern.kind) {
    case 'path': {
      const iface = lookup(extern.path);
      return [{ name: iface.id, location: extern.path.location }, { kind: 'interface', name: iface.id, interface: iface }];
    }
    case 'named-path': {
      const iface = lookup(extern.path);
      return [extern.name, { kind: 'interface', name: extern.name.name, interface: iface }];
    }
    case 'func': {
      const func = buildFunction(scope, extern.name, extern.func);
      return [extern.name, { kind: 'function', name: extern.name.name, function: func }];
    }
    case 'interface': {
      const id = extern.name.name;
      const body = resolveInterfaceBody({ id, label: `interface \`${id}\`` }, extern.items, lookup);
      const iface: WitInterface = { id, types: body.types, functions: body.functions };
      dependencies.set(iface, body.dependencies);
      return [extern.name, { kind: 'interface', name: id, interface: iface }];
    }
  }
}

/** An interface imported or exported under its own interface name (deduplicated by `include`, never renamed). */
function isInterfaceName(key: string, item: WorldItem): boolean {
  return item.kind === 'interface' && item.interface.name !== undefined && key === item.interface.id;
}

function mergeInclude(included: World, include: IncludeSyntax, imports: PendingItems, exports: PendingItems, label: string): void {
  const includedName = included.name;
  const renames = new Map<string, Identifier>();
  for (const { name, as } of include.with) {
    const item = included.imports.get(name.name) ?? included.exports.get(name.name);
    if (item === undefined) throw resolveError(`world \`${includedName}\` has no import or export named \`${name.name}\``, name.location);
    if (isInterfaceName(name.name, item)) {
      throw resolveError(`\`with\` cannot rename interface \`${name.name}\`: only plain names (functions, types, named interfaces) can be renamed`, name.location);
    }
    renames.set(name.name, as);
  }
  for (const [items, target, direction] of [[included.imports, imports, 'import'], [included.exports, exports, 'export']] as const) {
    for (const [key, item] of items) {
      if (isInterfaceName(key, item)) {
        if (!target.has(key)) target.add({ name: key, location: include.location }, item);
        continue;
      }
      const newName = renames.get(key) ?? { name: key, location: include.location };
      if (target.has(newName.name)) {
        throw resolveError(
          `${direction} \`${newName.name}\` of the included world \`${includedName}\` clashes with an ${direction} of ${label}; rename it with \`include ${includedName} with { ${key} as other-name }\``,
          include.location,
        );
      }
      target.add(newName, renameItem(item, newName.name));
    }
  }
}

function renameItem(item: WorldItem, name: string): WorldItem {
  if (item.name === name) return item;
  switch (item.kind) {
    case 'function':
      return { kind: 'function', name, function: { ...item.function, name } };
    case 'type':
      return { kind: 'type', name, type: item.type };
    case 'interface':
      // An inline interface is identified by its item name.
      return { kind: 'interface', name, interface: item.interface.name === undefined ? { ...item.interface, id: name } : item.interface };
  }
}

function elaborateImports(pending: readonly Pending[], deps: (iface: WitInterface) => readonly WitInterface[]): Map<string, WorldItem> {
  const imports = new Map<string, WorldItem>();
  const addInterface = (key: string, iface: WitInterface, item?: WorldItem): void => {
    if (imports.has(key)) return;
    for (const dep of deps(iface)) addInterface(dep.id, dep);
    imports.set(key, item ?? { kind: 'interface', name: key, interface: iface });
  };
  const sorted = [...pending].sort((a, b) => a.order - b.order);
  for (const entry of sorted) {
    if (entry.item.kind === 'interface') {
      addInterface(entry.key, entry.item.interface, entry.item);
    } else {
      if (entry.typeSource !== undefined) addInterface(entry.typeSource.id, entry.typeSource);
      imports.set(entry.key, entry.item);
    }
  }
  return imports;
}

/**
 * Exported functions, then exported interfaces with what they depend on: a
 * dependency that is itself exported is taken from the export, any other is
 * imported. An import cannot depend on an export, which makes some worlds invalid.
 */
function elaborateExports(pending: readonly Pending[], imports: Map<string, WorldItem>, deps: (iface: WitInterface) => readonly WitInterface[], label: string): Map<string, WorldItem> {
  const exports = new Map<string, WorldItem>();
  const exported = new Set<WitInterface>();
  for (const entry of pending) {
    if (entry.item.kind === 'interface') exported.add(entry.item.interface);
    else exports.set(entry.key, entry.item);
  }
  const requiredImports = new Set<WitInterface>();
  const add = (iface: WitInterface, key: string, asExport: boolean, item?: WorldItem): boolean => {
    if (exports.has(key)) return asExport;
    if (!asExport && requiredImports.has(iface)) return true;
    for (const dep of deps(iface)) {
      if (!add(dep, dep.id, asExport && exported.has(dep))) return false;
    }
    if (asExport) {
      if (requiredImports.has(iface)) return false;
      exports.set(key, item ?? { kind: 'interface', name: key, interface: iface });
    } else {
      if (!imports.has(key)) imports.set(key, { kind: 'interface', name: key, interface: iface });
      requiredImports.add(iface);
    }
    return true;
  };
  for (const entry of pending) {
    if (entry.item.kind !== 'interface') continue;
    if (!add(entry.item.interface, entry.key, true, entry.item)) {
      throw resolveError(
        `${label} cannot export \`${entry.key}\`: it depends (through \`use\`) on an imported interface that itself depends on an exported one`,
        entry.location,
      );
    }
  }
  return exports;
}
