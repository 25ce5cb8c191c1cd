/**
 * From parsed files to a resolved WitDocument: which files form the root
 * package, which packages are nested or vendored, and which one is the main.
 */
import { formatPackageName, type WitDocument } from '../world.js';
import type { PackageUnitSyntax, WitFileSyntax } from './ast.js';
import { packageNameOf, type PackageSyntax } from './package-scope.js';
import { packageReferences, resolvePackages } from './resolve.js';
import { resolveError } from './type-scope.js';

/** The packages some files define: the one their own items form (if any) and the nested ones. */
export interface FilePackages {
  readonly own?: PackageSyntax;
  readonly nested: readonly PackageSyntax[];
}

/**
 * Groups `files` that together form one package (the files of a folder, or one
 * file): their top-level items are one package, which needs a `package` header
 * in at least one file; all headers must agree.
 */
export function packagesOfFiles(files: readonly WitFileSyntax[]): FilePackages {
  const roots = files.map((file) => file.root);
  const nested = files.flatMap((file) => file.nested.map((unit): PackageSyntax => ({ name: unit.package as NonNullable<PackageUnitSyntax['package']>, units: [unit] })));
  const headers = roots.filter((unit) => unit.package !== undefined);
  const first = headers[0];
  if (first === undefined) {
    const withItems = roots.find((unit) => unit.items.length > 0);
    if (withItems !== undefined) {
      const firstItem = withItems.items[0];
      const location = firstItem?.kind === 'use' ? firstItem.location : firstItem?.name.location;
      throw resolveError('missing package declaration: WIT items need a `package ns:name;` first (for example `package my:app;`)', location);
    }
    return { nested };
  }
  const name = first.package as NonNullable<PackageUnitSyntax['package']>;
  const key = formatPackageName(packageNameOf(name));
  for (const unit of headers) {
    const other = unit.package as NonNullable<PackageUnitSyntax['package']>;
    const otherKey = formatPackageName(packageNameOf(other));
    if (otherKey !== key) {
      const firstFile = first.file === undefined ? '' : ` in ${first.file}`;
      throw resolveError(`package \`${otherKey}\` does not match \`${key}\` declared${firstFile}: the files of a folder form one package`, other.location);
    }
  }
  return { own: { name, units: roots }, nested };
}

function keyOf(pkg: PackageSyntax): string {
  return formatPackageName(packageNameOf(pkg.name));
}

/** The last nested package that no other nested package of the same files refers to. */
function mainOfNested(nested: readonly PackageSyntax[]): string | undefined {
  const referenced = new Set(nested.flatMap((pkg) => packageReferences(pkg.units).map((ref) => ref.key).filter((key) => key !== keyOf(pkg))));
  const keys = nested.map(keyOf);
  return keys.filter((key) => !referenced.has(key)).pop() ?? keys.pop();
}

/**
 * Resolves the root files' packages and the dependencies' packages into a
 * document. The main package is the root's own package or, when the root files
 * only hold nested packages, the last of those that no other one refers to.
 */
export function buildDocument(root: FilePackages, dependencies: readonly FilePackages[], description: string): WitDocument {
  const ordered: PackageSyntax[] = [];
  const add = (group: FilePackages): void => {
    if (group.own !== undefined) ordered.push(group.own);
    ordered.push(...group.nested);
  };
  add(root);
  dependencies.forEach(add);
  const mainKey = root.own === undefined ? mainOfNested(root.nested) : keyOf(root.own);
  if (mainKey === undefined) throw resolveError(`no WIT package found in ${description}`, undefined);
  const packages = resolvePackages(ordered, mainKey);
  const main = packages.find((pkg) => formatPackageName(pkg.name) === mainKey) as WitDocument['main'];
  return { packages, main };
}
