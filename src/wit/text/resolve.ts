/**
 * The WIT resolver: turns the syntax of one or more packages into the model of
 * world.ts and types.ts.
 *
 * Packages are resolved dependencies first (a package refers to another with
 * a path such as `wasi:io/streams@0.2.0`); a reference to an unknown package or
 * a cycle between packages is an error at the path that makes it. Within a
 * package, items are resolved on demand (see package-scope.ts).
 */
import type { SourceLocation } from '../../errors.js';
import { formatPackageName, type WitInterface, type WitPackage } from '../world.js';
import type { InterfaceItemSyntax, PackageUnitSyntax, UsePath } from './ast.js';
import { PackageScope, packageNameOf, type PackageSyntax, type ResolveContext } from './package-scope.js';
import { resolveError } from './type-scope.js';

export type { PackageSyntax } from './package-scope.js';

/**
 * Resolves `packages`, returned dependencies first and the package named
 * `mainKey` (`ns:pkg@1.0.0`) as late as its dependents allow. When two packages
 * have the same name (a dependency vendored twice), the first one is kept.
 */
export function resolvePackages(packages: readonly PackageSyntax[], mainKey?: string): WitPackage[] {
  const scopes = new Map<string, PackageScope>();
  const context: ResolveContext = { packages: scopes, dependencies: new WeakMap<WitInterface, readonly WitInterface[]>(), resolving: [] };
  for (const syntax of packages) {
    const key = formatPackageName(packageNameOf(syntax.name));
    if (!scopes.has(key)) scopes.set(key, new PackageScope(context, syntax));
  }
  return sortByDependencies(scopes, mainKey).map((scope) => scope.resolveAll());
}

interface Reference {
  readonly key: string;
  readonly location: SourceLocation;
}

/** Depth-first topological order; `scopes` order breaks ties, so the result is deterministic. */
function sortByDependencies(scopes: ReadonlyMap<string, PackageScope>, mainKey: string | undefined): PackageScope[] {
  const sorted: PackageScope[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (scope: PackageScope): void => {
    state.set(scope.key, 'visiting');
    stack.push(scope.key);
    for (const reference of packageReferences(scope.syntax.units)) {
      if (reference.key === scope.key) continue; // reported with a better message by the scope
      const target = scopes.get(reference.key);
      if (target === undefined) throw unknownPackage(reference, scopes);
      const targetState = state.get(target.key);
      if (targetState === 'visiting') {
        const cycle = [...stack.slice(stack.indexOf(target.key)), target.key].map((key) => `\`${key}\``).join(' -> ');
        throw resolveError(`packages depend on each other in a cycle: ${cycle}`, reference.location);
      }
      if (targetState === undefined) visit(target);
    }
    stack.pop();
    state.set(scope.key, 'done');
    sorted.push(scope);
  };
  // Visiting the main package last puts packages it does not need before it too.
  const order = [...scopes.values()].sort((a, b) => Number(a.key === mainKey) - Number(b.key === mainKey));
  for (const scope of order) if (!state.has(scope.key)) visit(scope);
  return sorted;
}

function unknownPackage(reference: Reference, scopes: ReadonlyMap<string, PackageScope>): Error {
  const base = reference.key.split('@')[0] as string;
  const versions = [...scopes.keys()].filter((key) => key.split('@')[0] === base);
  const hint =
    versions.length > 0
      ? ` (defined: ${versions.map((key) => `\`${key}\``).join(', ')}; versions must match exactly)`
      : ' (add it to the `deps/` folder, or define it in a nested `package ... { }` block)';
  return resolveError(`package \`${reference.key}\` is not defined${hint}`, reference.location);
}

/** Every package some units refer to, with where. */
export function packageReferences(units: readonly PackageUnitSyntax[]): Reference[] {
  const references: Reference[] = [];
  const add = (path: UsePath): void => {
    if (path.kind === 'package') references.push({ key: formatPackageName(packageNameOf(path.package)), location: path.location });
  };
  const addInterfaceItems = (items: readonly InterfaceItemSyntax[]): void => {
    for (const item of items) if (item.kind === 'use') add(item.path);
  };
  for (const unit of units) {
    for (const item of unit.items) {
      if (item.kind === 'use') add(item.path);
      else if (item.kind === 'interface') addInterfaceItems(item.items);
      else {
        for (const worldItem of item.items) {
          if (worldItem.kind === 'use' || worldItem.kind === 'include') add(worldItem.path);
          else if (worldItem.kind === 'import' || worldItem.kind === 'export') {
            const extern = worldItem.extern;
            if (extern.kind === 'path' || extern.kind === 'named-path') add(extern.path);
            else if (extern.kind === 'interface') addInterfaceItems(extern.items);
          }
        }
      }
    }
  }
  return references;
}
