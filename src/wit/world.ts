/**
 * Packages, interfaces, functions and worlds: what a component imports and exports.
 *
 * Both readers produce these: the WIT text reader for `.wit` files and folders,
 * and the binary reader for a component's own type information. A world's
 * import and export items are keyed by the name the component model uses for
 * them: `held:kv/store@0.1.0` for a package interface, a plain kebab name for a
 * function or an inline interface.
 *
 * @example
 * // world app { import held:kv/store@0.1.0; export run: func(x: u32) -> u32; }
 * world.imports.get('held:kv/store@0.1.0') // { kind: 'interface', interface: {...} }
 * world.exports.get('run')                 // { kind: 'function', function: {...} }
 */
import type { ResourceType, TypeDefinition, WitType } from './types.js';

/** `ns:pkg` with an optional semver version. */
export interface PackageName {
  readonly namespace: string;
  readonly name: string;
  readonly version?: string;
}

export interface Param {
  readonly name: string;
  readonly type: WitType;
}

export type FunctionKind = 'freestanding' | 'method' | 'static' | 'constructor';

/** A function of an interface or world. */
export interface WitFunction {
  /**
   * The component-model name: `get` for a freestanding function, and for
   * resource functions `[constructor]r`, `[method]r.m`, `[static]r.s`.
   */
  readonly name: string;
  readonly kind: FunctionKind;
  /** The resource a constructor, method or static function belongs to. */
  readonly resource?: ResourceType;
  /** Parameters in order; a method's first is `self: borrow<r>`. */
  readonly params: readonly Param[];
  /** The result type; absent when the function returns nothing. A constructor returns `own<r>`. */
  readonly result?: WitType;
  /** True for `async func`, recognised and refused where it would be called. */
  readonly async?: boolean;
}

/** An interface: named types and functions. */
export interface WitInterface {
  /**
   * Its identity: `ns:pkg/name@version` for an interface of a package, or the
   * item name for an interface written inline in a world.
   */
  readonly id: string;
  readonly package?: PackageName;
  /** The interface name, absent for an inline world interface. */
  readonly name?: string;
  /** Declared and `use`d types, in declaration order. */
  readonly types: ReadonlyMap<string, TypeDefinition>;
  /** Functions in declaration order, keyed by their component-model name. */
  readonly functions: ReadonlyMap<string, WitFunction>;
}

export type WorldItem =
  | { readonly kind: 'interface'; readonly name: string; readonly interface: WitInterface }
  | { readonly kind: 'function'; readonly name: string; readonly function: WitFunction }
  | { readonly kind: 'type'; readonly name: string; readonly type: TypeDefinition };

export interface World {
  readonly package?: PackageName;
  readonly name: string;
  /** In declaration order, keyed by the component-model import name. */
  readonly imports: ReadonlyMap<string, WorldItem>;
  /** In declaration order, keyed by the component-model export name. */
  readonly exports: ReadonlyMap<string, WorldItem>;
}

/** One package of a WIT text: its interfaces and worlds. */
export interface WitPackage {
  readonly name: PackageName;
  readonly interfaces: ReadonlyMap<string, WitInterface>;
  readonly worlds: ReadonlyMap<string, World>;
}

/** Everything read from WIT text: the main package last, its dependencies before it. */
export interface WitDocument {
  readonly packages: readonly WitPackage[];
  /** The package the user pointed at (the root of a folder, or the file's own package). */
  readonly main: WitPackage;
}

/** `ns:pkg` or `ns:pkg@1.2.3`. */
export function formatPackageName(pkg: PackageName): string {
  const base = `${pkg.namespace}:${pkg.name}`;
  return pkg.version === undefined ? base : `${base}@${pkg.version}`;
}

/** `ns:pkg/iface` or `ns:pkg/iface@1.2.3`: the import or export name of a package interface. */
export function interfaceId(pkg: PackageName, name: string): string {
  const base = `${pkg.namespace}:${pkg.name}/${name}`;
  return pkg.version === undefined ? base : `${base}@${pkg.version}`;
}

/** A function with the world item it was reached through. */
export interface WorldFunction {
  readonly direction: 'import' | 'export';
  /** The world item name: an interface id, or the function name for a bare function. */
  readonly itemName: string;
  /** The interface, when the function belongs to one. */
  readonly interface?: WitInterface;
  readonly function: WitFunction;
}

/** Every function a world imports or exports, in declaration order. */
export function worldFunctions(world: World, direction: 'import' | 'export'): WorldFunction[] {
  const items = direction === 'import' ? world.imports : world.exports;
  const found: WorldFunction[] = [];
  for (const item of items.values()) {
    if (item.kind === 'function') {
      found.push({ direction, itemName: item.name, function: item.function });
    } else if (item.kind === 'interface') {
      for (const func of item.interface.functions.values()) {
        found.push({ direction, itemName: item.name, interface: item.interface, function: func });
      }
    }
  }
  return found;
}
