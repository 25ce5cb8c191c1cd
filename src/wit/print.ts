/**
 * Writing the WIT model back as WIT text that our parser (and wasm-tools) read.
 *
 * `printWorld` writes a complete document: the world, then the definition of
 * every interface it imports or exports, the world's own package at the top
 * level and every other package in a nested `package ns:pkg@1.0.0 { ... }`
 * block. For a world read from a component, whose interfaces come from several
 * packages, that is the whole picture in one text.
 */
import type { TypeDefinition, WitType } from './types.js';
import { escapeIdentifier } from './text/identifiers.js';
import { PrintScope, parseOwner } from './text/print-scope.js';
import { INDENT, TypePrinter } from './text/print-types.js';
import { formatPackageName, interfaceId, type PackageName, type WitFunction, type WitInterface, type World, type WorldItem } from './world.js';

/** A type as WIT writes it where it is used: `u32`, `list<entry>`, `result<_, error-code>`, `borrow<file>`. */
export function printWitType(type: WitType): string {
  return new TypePrinter().ref(type);
}

/** `get: func(key: string) -> option<string>`; resource functions keep their component-model name (`[method]file.read: func(self: borrow<file>, ...)`). */
export function printFunctionSignature(func: WitFunction): string {
  const printer = new TypePrinter();
  const name = func.name.startsWith('[') ? func.name : escapeIdentifier(func.name);
  return `${name}: ${printer.funcType(func, func.params)}`;
}

/** `interface name { ... }` with the `use`s its types need (same-package ones written short). */
export function printInterface(iface: WitInterface): string {
  const packageKey = iface.package === undefined ? undefined : formatPackageName(iface.package);
  return interfaceLines(iface, '', { packageKey, canUse: (owner) => parseOwner(owner) !== undefined }).join('\n');
}

/** Where a body is printed: its package (for short paths) and the interfaces it may `use` from. */
interface Context {
  readonly packageKey: string | undefined;
  readonly canUse: (owner: string) => boolean;
}

const DEFAULT_PACKAGE: PackageName = { namespace: 'root', name: 'component' };

/** The world followed by every interface it imports or exports, grouped by package: a complete WIT document. */
export function printWorld(world: World): string {
  const pkg = world.package ?? DEFAULT_PACKAGE;
  const mainKey = formatPackageName(pkg);
  const byPackage = new Map<string, PrintedInterface[]>();
  const printed = new Map<string, PrintedInterface>();
  for (const item of [...world.imports.values(), ...world.exports.values()]) {
    if (item.kind !== 'interface' || !isPackageInterface(item.interface)) continue;
    const seen = printed.get(item.interface.id);
    if (seen !== undefined) {
      // Imported and exported: one interface in WIT, decoded once per side, each side with the functions it uses.
      mergeInto(seen, item.interface);
      continue;
    }
    const entry: PrintedInterface = { iface: { ...item.interface, types: new Map(item.interface.types), functions: new Map(item.interface.functions) }, sameTypes: [] };
    printed.set(item.interface.id, entry);
    const key = formatPackageName(item.interface.package as PackageName);
    byPackage.set(key, [...(byPackage.get(key) ?? []), entry]);
  }
  const canUse = (owner: string): boolean => printed.has(owner);
  const lines = [`package ${packagePath(pkg)};`, '', ...worldLines(world, { packageKey: mainKey, canUse })];
  for (const entry of byPackage.get(mainKey) ?? []) lines.push('', ...interfaceLines(entry.iface, '', { packageKey: mainKey, canUse }, entry.sameTypes));
  for (const [key, interfaces] of byPackage) {
    if (key === mainKey) continue;
    lines.push('', `package ${packagePath(interfaces[0]?.iface.package as PackageName)} {`);
    interfaces.forEach((entry, i) => {
      if (i > 0) lines.push('');
      lines.push(...interfaceLines(entry.iface, INDENT, { packageKey: key, canUse }, entry.sameTypes));
    });
    lines.push('}');
  }
  return `${lines.join('\n')}\n`;
}

/**
 * An interface as `printWorld` prints it: for one a world both imports and
 * exports, the union of both decoded copies (a component's import lists only
 * the functions it calls, its export those it implements), the imported
 * copy's types declared and the exported copy's same-named types printed
 * under the same names (`sameTypes`).
 */
interface PrintedInterface {
  readonly iface: { readonly types: Map<string, TypeDefinition>; readonly functions: Map<string, WitFunction> } & WitInterface;
  readonly sameTypes: [string, TypeDefinition][];
}

function mergeInto(entry: PrintedInterface, other: WitInterface): void {
  for (const [name, type] of other.types) {
    const known = entry.iface.types.get(name);
    if (known === undefined) entry.iface.types.set(name, type);
    else if (known !== type) entry.sameTypes.push([name, type]);
  }
  for (const [name, func] of other.functions) if (!entry.iface.functions.has(name)) entry.iface.functions.set(name, func);
}

function isPackageInterface(iface: WitInterface): boolean {
  return iface.name !== undefined && iface.package !== undefined;
}

/** `ns:pkg@1.0.0` with keyword parts escaped. */
function packagePath(pkg: PackageName): string {
  const base = `${escapeIdentifier(pkg.namespace)}:${escapeIdentifier(pkg.name)}`;
  return pkg.version === undefined ? base : `${base}@${pkg.version}`;
}

/** How a body in package `packageKey` names an interface: short within the package, qualified outside. */
function interfacePath(owner: string, packageKey: string | undefined): string {
  const path = parseOwner(owner);
  if (path === undefined) return escapeIdentifier(owner);
  if (path.packageKey === packageKey) return escapeIdentifier(path.name);
  const base = `${escapeIdentifier(path.namespace)}:${escapeIdentifier(path.packageName)}/${escapeIdentifier(path.name)}`;
  return path.version === undefined ? base : `${base}@${path.version}`;
}

function interfaceLines(iface: WitInterface, indent: string, context: Context, sameTypes: readonly [string, TypeDefinition][] = []): string[] {
  const title = iface.name === undefined ? 'interface' : `interface ${escapeIdentifier(iface.name)}`;
  return [`${indent}${title} {`, ...interfaceBody(iface, indent + INDENT, context, sameTypes), `${indent}}`];
}

function interfaceBody(iface: WitInterface, indent: string, context: Context, sameTypes: readonly [string, TypeDefinition][] = []): string[] {
  const scope = new PrintScope(iface.id, iface.types, iface.functions.values(), context.canUse, sameTypes);
  const printer = new TypePrinter(scope);
  const functions = [...iface.functions.values()];
  return joinGroups([
    useLines(scope, indent, context.packageKey),
    joinSections(declarationSections(scope, printer, functions, indent)),
    functionLines(scope, printer, functions, indent, ''),
  ]);
}

/** Groups of lines separated by one blank line. */
function joinGroups(groups: readonly string[][]): string[] {
  return groups.filter((group) => group.length > 0).flatMap((group, i) => (i === 0 ? group : ['', ...group]));
}

function useLines(scope: PrintScope, indent: string, packageKey: string | undefined): string[] {
  return [...scope.uses].map(([owner, names]) => {
    const list = names.map(([there, here]) => (there === here ? escapeIdentifier(there) : `${escapeIdentifier(there)} as ${escapeIdentifier(here)}`));
    return `${indent}use ${interfacePath(owner, packageKey)}.{${list.join(', ')}};`;
  });
}

/** One section per declaration, resources with their functions inside. */
function declarationSections(scope: PrintScope, printer: TypePrinter, functions: readonly WitFunction[], indent: string): string[][] {
  return scope.declarations.map(([name, type]) => printer.declaration(name, type, resourceFunctions(scope, name, type, functions), indent));
}

function resourceFunctions(scope: PrintScope, name: string, type: TypeDefinition, functions: readonly WitFunction[]): WitFunction[] {
  if (type.kind !== 'resource' || !scope.isResourceDeclaration(name, type)) return [];
  return functions.filter((func) => func.resource !== undefined && func.kind !== 'freestanding' && func.resource.id === type.id);
}

/**
 * The functions printed on their own: freestanding ones. A resource function
 * belongs in its resource's block; one whose resource is declared elsewhere
 * cannot be written in WIT, and is kept as a comment rather than dropped.
 */
function functionLines(scope: PrintScope, printer: TypePrinter, functions: readonly WitFunction[], indent: string, prefix: string): string[] {
  return functions.flatMap((func) => {
    if (func.resource === undefined || func.kind === 'freestanding') return [`${indent}${prefix}${printer.function(func.name, func)}`];
    const name = scope.nameOf(func.resource);
    if (name !== undefined && scope.isResourceDeclaration(name, func.resource)) return [];
    return [`${indent}// ${func.name}: ${printer.funcType(func, func.params)} (its resource is declared in another interface)`];
  });
}

/** Sections separated by blank lines; multi-line sections always stand apart, one-liners stay together. */
function joinSections(sections: readonly string[][]): string[] {
  const lines: string[] = [];
  let previousWasBlock = false;
  for (const section of sections) {
    if (section.length === 0) continue;
    const isBlock = section.length > 1;
    if (lines.length > 0 && (isBlock || previousWasBlock)) lines.push('');
    lines.push(...section);
    previousWasBlock = isBlock;
  }
  return lines;
}

function worldLines(world: World, context: Context): string[] {
  const ownerId = world.package === undefined ? undefined : interfaceId(world.package, world.name);
  const types = [...world.imports.values()].flatMap((item): [string, TypeDefinition][] => (item.kind === 'type' ? [[item.name, item.type]] : []));
  const functions = [...world.imports.values(), ...world.exports.values()].flatMap((item) => (item.kind === 'function' ? [item.function] : []));
  const scope = new PrintScope(ownerId, types, functions, context.canUse);
  const printer = new TypePrinter(scope);
  const inner = INDENT;
  const importFunctions = [...world.imports.values()].flatMap((item) => (item.kind === 'function' ? [item.function] : []));
  const interfaces = [...world.imports.values()].flatMap((item) => (item.kind === 'interface' ? [interfaceItemLines('import', item, inner, context)] : []));
  const exports = [...world.exports.values()].flatMap((item) => {
    if (item.kind === 'function') return [[`${inner}export ${printer.function(item.name, item.function)}`]];
    return item.kind === 'interface' ? [interfaceItemLines('export', item, inner, context)] : [];
  });
  const body = joinGroups([
    joinSections(interfaces),
    useLines(scope, inner, context.packageKey),
    joinSections(declarationSections(scope, printer, importFunctions, inner)),
    functionLines(scope, printer, importFunctions, inner, 'import '),
    joinSections(exports),
  ]);
  return [`world ${escapeIdentifier(world.name)} {`, ...body, '}'];
}

function interfaceItemLines(direction: 'import' | 'export', item: Extract<WorldItem, { kind: 'interface' }>, indent: string, context: Context): string[] {
  const iface = item.interface;
  if (isPackageInterface(iface)) {
    const path = interfacePath(interfaceId(iface.package as PackageName, iface.name as string), context.packageKey);
    return [item.name === iface.id ? `${indent}${direction} ${path};` : `${indent}${direction} ${escapeIdentifier(item.name)}: ${path};`];
  }
  return [`${indent}${direction} ${escapeIdentifier(item.name)}: interface {`, ...interfaceBody(iface, indent + INDENT, context), `${indent}}`];
}
