/**
 * One package being resolved: the interfaces and worlds of all its files in one
 * namespace, each file's top-level `use` aliases, and the lookup of the paths
 * written in `use`, `import`, `export` and `include`.
 *
 * Interfaces and worlds are resolved on first use, so files and items may come
 * in any order; meeting one again while it is being resolved is a cycle.
 */
import type { SourceLocation } from '../../errors.js';
import { formatPackageName, interfaceId, type PackageName, type WitInterface, type WitPackage, type World } from '../world.js';
import type {
  Identifier,
  InterfaceSyntax,
  PackageNameSyntax,
  PackageUnitSyntax,
  TopLevelUseSyntax,
  UsePath,
  WorldSyntax,
} from './ast.js';
import { findVersionGate } from './gates.js';
import { resolveInterfaceBody } from './resolve-interface.js';
import { resolveWorld } from './resolve-world.js';
import { UniqueNames, resolveError } from './type-scope.js';

/** A package as written: its name and the files (or nested blocks) that define it. */
export interface PackageSyntax {
  readonly name: PackageNameSyntax;
  readonly units: readonly PackageUnitSyntax[];
}

/** What all packages of one resolution share. */
export interface ResolveContext {
  readonly packages: ReadonlyMap<string, PackageScope>;
  /** For each resolved interface, the interfaces it `use`s types from. */
  readonly dependencies: WeakMap<WitInterface, readonly WitInterface[]>;
  /** Interfaces and worlds being resolved, outermost first: the path a cycle message shows. */
  readonly resolving: string[];
}

type Item =
  | { readonly kind: 'interface'; readonly syntax: InterfaceSyntax; readonly unit: PackageUnitSyntax }
  | { readonly kind: 'world'; readonly syntax: WorldSyntax; readonly unit: PackageUnitSyntax };

type ItemKind = Item['kind'];

export function packageNameOf(syntax: PackageNameSyntax): PackageName {
  const name = { namespace: syntax.namespace.name, name: syntax.name.name };
  return syntax.version === undefined ? name : { ...name, version: syntax.version };
}

function article(kind: ItemKind): string {
  return kind === 'world' ? 'a world' : 'an interface';
}

export class PackageScope {
  readonly name: PackageName;
  readonly key: string;
  private readonly items = new Map<string, Item>();
  private readonly fileUses = new Map<PackageUnitSyntax, Map<string, TopLevelUseSyntax>>();
  private readonly interfaces = new Map<string, WitInterface | 'resolving'>();
  private readonly worlds = new Map<string, World | 'resolving'>();

  constructor(
    private readonly context: ResolveContext,
    readonly syntax: PackageSyntax,
  ) {
    this.name = packageNameOf(syntax.name);
    this.key = formatPackageName(this.name);
    const gate = this.name.version === undefined ? findVersionGate(syntax.units) : undefined;
    if (gate !== undefined) {
      throw resolveError(`package \`${this.key}\` uses \`@${gate.kind}\` gates, so it needs a version (\`package ${this.key}@1.0.0;\`)`, gate.location);
    }
    const names = new UniqueNames(`package \`${this.key}\``, false);
    for (const unit of syntax.units) {
      for (const item of unit.items) {
        if (item.kind === 'use') continue;
        names.add(item.name, item.kind);
        this.items.set(item.name.name, item.kind === 'interface' ? { kind: 'interface', syntax: item, unit } : { kind: 'world', syntax: item, unit });
      }
    }
    for (const unit of syntax.units) {
      const uses = new Map<string, TopLevelUseSyntax>();
      const useNames = new UniqueNames(unit.file === undefined ? 'this file' : `file ${unit.file}`, false);
      for (const item of unit.items) {
        if (item.kind !== 'use') continue;
        const local = item.as ?? item.path.name;
        useNames.add(local);
        const clash = this.items.get(local.name);
        if (clash !== undefined) {
          throw resolveError(`\`use\` defines the name \`${local.name}\`, which is already the name of ${article(clash.kind)} of package \`${this.key}\` (add \`as other-name\`)`, local.location);
        }
        uses.set(local.name, item);
      }
      this.fileUses.set(unit, uses);
    }
  }

  /** The interface `path` names, as seen from `unit`. */
  lookupInterface(unit: PackageUnitSyntax, path: UsePath): WitInterface {
    return this.lookup(unit, path, 'interface') as WitInterface;
  }

  /** The world `path` names, as seen from `unit`. */
  lookupWorld(unit: PackageUnitSyntax, path: UsePath): World {
    return this.lookup(unit, path, 'world') as World;
  }

  private lookup(unit: PackageUnitSyntax, path: UsePath, kind: ItemKind): WitInterface | World {
    if (path.kind === 'package') return this.foreign(path, kind);
    const alias = this.fileUses.get(unit)?.get(path.name.name);
    if (alias === undefined) return this.item(path.name, kind);
    if (kind === 'world') {
      throw resolveError(`\`${path.name.name}\` is an interface named by a top-level \`use\`, not a world (a top-level \`use\` only names interfaces)`, path.location);
    }
    return alias.path.kind === 'package' ? this.foreign(alias.path, kind) : this.item(alias.path.name, kind);
  }

  private foreign(path: Extract<UsePath, { kind: 'package' }>, kind: ItemKind): WitInterface | World {
    const key = formatPackageName(packageNameOf(path.package));
    if (key === this.key) {
      throw resolveError(`package \`${key}\` refers to its own ${kind} by its full name: write \`${path.name.name}\` instead`, path.location);
    }
    const target = this.context.packages.get(key);
    if (target === undefined) throw resolveError(`package \`${key}\` is not defined`, path.location);
    return target.item(path.name, kind, `package \`${key}\``);
  }

  /** The interface or world `name` of this package, resolved. */
  item(name: Identifier, kind: ItemKind, where = `package \`${this.key}\``): WitInterface | World {
    const item = this.items.get(name.name);
    if (item === undefined) throw resolveError(`${kind} \`${name.name}\` is not defined in ${where}`, name.location);
    if (item.kind !== kind) throw resolveError(`\`${name.name}\` is ${article(item.kind)}, not ${article(kind)}`, name.location);
    return item.kind === 'interface' ? this.resolveInterface(item, name.location) : this.resolveWorld(item, name.location);
  }

  private resolveInterface(item: Extract<Item, { kind: 'interface' }>, from: SourceLocation): WitInterface {
    const name = item.syntax.name.name;
    const id = interfaceId(this.name, name);
    const state = this.interfaces.get(name);
    if (state === 'resolving') throw this.cycle(id, from, 'interfaces `use` each other');
    if (state !== undefined) return state;
    this.interfaces.set(name, 'resolving');
    this.context.resolving.push(id);
    const owner = { id, label: `interface \`${name}\`` };
    const body = resolveInterfaceBody(owner, item.syntax.items, (path) => this.lookupInterface(item.unit, path));
    this.context.resolving.pop();
    const resolved: WitInterface = { id, package: this.name, name, types: body.types, functions: body.functions };
    this.context.dependencies.set(resolved, body.dependencies);
    this.interfaces.set(name, resolved);
    return resolved;
  }

  private resolveWorld(item: Extract<Item, { kind: 'world' }>, from: SourceLocation): World {
    const name = item.syntax.name.name;
    const state = this.worlds.get(name);
    if (state === 'resolving') throw this.cycle(interfaceId(this.name, name), from, 'worlds include each other');
    if (state !== undefined) return state;
    this.worlds.set(name, 'resolving');
    this.context.resolving.push(interfaceId(this.name, name));
    const resolved = resolveWorld(this, item.syntax, item.unit, this.context.dependencies);
    this.context.resolving.pop();
    this.worlds.set(name, resolved);
    return resolved;
  }

  private cycle(id: string, from: SourceLocation, what: string): Error {
    const stack = this.context.resolving;
    const start = stack.indexOf(id);
    const path = [...stack.slice(start < 0 ? 0 : start), id].map((entry) => `\`${entry}\``).join(' -> ');
    return resolveError(`${what} in a cycle: ${path}`, from);
  }

  /** Resolves every interface and world, in declaration order. */
  resolveAll(): WitPackage {
    const interfaces = new Map<string, WitInterface>();
    const worlds = new Map<string, World>();
    for (const [name, item] of this.items) {
      if (item.kind === 'interface') interfaces.set(name, this.resolveInterface(item, item.syntax.name.location));
      else worlds.set(name, this.resolveWorld(item, item.syntax.name.location));
    }
    return { name: this.name, interfaces, worlds };
  }
}
