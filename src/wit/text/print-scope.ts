/**
 * What a printed interface or world body must say so that every type it
 * mentions has a name there: the `use`s, the declarations, and the local name
 * of every type object.
 *
 * Models read from WIT text already list every type they mention. Models read
 * from a component may not: a function may refer to a record of another
 * interface, or to a record that was never named. Such types get a `use` from
 * their owner interface, or a declaration here (with a made-up name when they
 * have none), so that the printed WIT is always complete.
 */
import type { ResourceType, TypeDefinition, WitType } from '../types.js';
import type { WitFunction } from '../world.js';
import { isValidIdentifier } from './identifiers.js';

/** An owner id `ns:pkg/name@1.0.0`, split into its parts. */
export interface OwnerPath {
  readonly namespace: string;
  readonly packageName: string;
  readonly version?: string;
  readonly name: string;
  /** `ns:pkg` or `ns:pkg@1.0.0`. */
  readonly packageKey: string;
}

const OWNER = /^([^:/@]+):([^:/@]+)\/([^:/@]+)(?:@(.+))?$/;

/** The package and interface of an owner id, or undefined when it is not a package interface id. */
export function parseOwner(owner: string): OwnerPath | undefined {
  const match = OWNER.exec(owner);
  if (match === null) return undefined;
  const [, namespace, packageName, name, version] = match as unknown as [string, string, string, string, string | undefined];
  const base = `${namespace}:${packageName}`;
  return version === undefined
    ? { namespace, packageName, name, packageKey: base }
    : { namespace, packageName, version, name, packageKey: `${base}@${version}` };
}

/** Record, variant, enum and flags: the types WIT can only write by name. */
export function isNominal(type: TypeDefinition): boolean {
  return type.kind === 'record' || type.kind === 'variant' || type.kind === 'enum' || type.kind === 'flags';
}

/** The array that makes a nominal type's structure: shared by a type and its aliases. */
function structureOf(type: TypeDefinition): unknown {
  switch (type.kind) {
    case 'record':
      return type.fields;
    case 'variant':
      return type.cases;
    case 'enum':
      return type.cases;
    case 'flags':
      return type.flags;
    default:
      return undefined;
  }
}

export class PrintScope {
  /** `use` lines: owner id -> [name there, name here]. */
  readonly uses = new Map<string, [string, string][]>();
  /** Types declared in this body, in order: the listed ones, then those added for completeness. */
  readonly declarations: [string, TypeDefinition][] = [];
  private readonly names = new Map<object, string>();
  /** Local names of each resource id, the declaration (not an alias) first. */
  private readonly resourceNames = new Map<string, string[]>();
  /** The first local name under which a nominal structure was seen: later ones are aliases of it. */
  private readonly structures = new Map<unknown, string>();
  private readonly taken = new Set<string>();

  /**
   * @param ownerId the interface or world id that declares this body's own types
   * @param types the body's listed types (an interface's `types`, a world's type items)
   * @param functions the functions whose signatures must be printable here
   * @param canUse whether types of an owner can be `use`d here: true for the
   *   interfaces printed along; types of any other owner (a world, an interface
   *   that is not printed) are declared here instead
   * @param sameTypes other objects of listed types, by their listed name: an
   *   interface a world both imports and exports is decoded twice, and the
   *   functions of both copies print in one body, each copy's types under the
   *   one name, declared once
   */
  constructor(
    readonly ownerId: string | undefined,
    types: Iterable<readonly [string, TypeDefinition]>,
    functions: Iterable<WitFunction>,
    private readonly canUse: (owner: string) => boolean,
    sameTypes: Iterable<readonly [string, TypeDefinition]> = [],
  ) {
    const listed = [...types];
    for (const [name] of listed) this.taken.add(name);
    for (const [name, type] of listed) {
      if (this.isForeign(type)) this.addUse(type.name?.owner as string, type.name?.name ?? name, name);
      else this.declarations.push([name, type]);
      this.remember(type, name);
    }
    for (const [name, type] of sameTypes) {
      // A resource is known by its id, which both copies share.
      if (type.kind !== 'resource' && !this.names.has(type)) this.names.set(type, name);
    }
    for (const [name, type] of [...this.declarations]) this.visitDeclaration(name, type);
    for (const func of functions) {
      for (const param of func.params) this.visit(param.type);
      if (func.result !== undefined) this.visit(func.result);
      if (func.resource !== undefined) this.visitResource(func.resource);
    }
  }

  /** The local name of a type or resource object, if it has one here. */
  nameOf(type: TypeDefinition): string | undefined {
    const name = this.names.get(type);
    if (name !== undefined || type.kind !== 'resource') return name;
    return this.resourceNames.get(type.id)?.[0];
  }

  /** For a declaration: another local name with the same structure or resource, making it an alias. */
  aliasTarget(name: string, type: TypeDefinition): string | undefined {
    const first = type.kind === 'resource' ? this.resourceNames.get(type.id)?.[0] : this.structures.get(structureOf(type));
    return first !== undefined && first !== name ? first : undefined;
  }

  /** True when `name` is the resource's own declaration here, not an alias of it. */
  isResourceDeclaration(name: string, resource: ResourceType): boolean {
    return this.resourceNames.get(resource.id)?.[0] === name;
  }

  private remember(type: TypeDefinition, name: string): void {
    // Unnamed non-nominal types (a shared `u32`) must not make every `u32` print as `name`.
    if (type.name !== undefined || isNominal(type) || type.kind === 'resource') {
      if (!this.names.has(type)) this.names.set(type, name);
    }
    if (type.kind === 'resource') {
      const names = this.resourceNames.get(type.id) ?? [];
      const isOriginal = type.id.endsWith(`#${type.name.name}`) && type.name.name === name;
      if (isOriginal) names.unshift(name);
      else names.push(name);
      this.resourceNames.set(type.id, names);
    }
    const structure = structureOf(type);
    if (structure !== undefined && !this.structures.has(structure)) this.structures.set(structure, name);
  }

  /** True when `type` is declared by another interface that can be `use`d here. */
  private isForeign(type: TypeDefinition): boolean {
    const owner = type.name?.owner;
    return owner !== undefined && owner !== this.ownerId && this.canUse(owner);
  }

  private addUse(owner: string, there: string, here: string): void {
    const list = this.uses.get(owner) ?? [];
    list.push([there, here]);
    this.uses.set(owner, list);
  }

  private freshName(preferred: string): string {
    const base = isValidIdentifier(preferred) ? preferred : 'anonymous';
    let name = base;
    for (let n = 2; this.taken.has(name); n++) name = `${base}-v${n}`;
    this.taken.add(name);
    return name;
  }

  private visitDeclaration(name: string, type: TypeDefinition): void {
    if (type.kind === 'resource') {
      if (this.aliasTarget(name, type) === undefined && !type.id.endsWith(`#${name}`)) this.visitResourceOrigin(type);
      return;
    }
    this.visitChildren(type);
  }

  /** A resource alias whose original is nowhere here: `use` the original from its owner. */
  private visitResourceOrigin(resource: ResourceType): void {
    const hash = resource.id.lastIndexOf('#');
    const owner = resource.id.slice(0, hash);
    const original = resource.id.slice(hash + 1);
    if (hash < 0 || owner === this.ownerId || !this.canUse(owner)) return;
    const local = this.freshName(original);
    this.addUse(owner, original, local);
    const names = this.resourceNames.get(resource.id) ?? [];
    names.unshift(local);
    this.resourceNames.set(resource.id, names);
  }

  private visit(type: WitType): void {
    if (this.names.has(type)) return;
    if (type.kind === 'own' || type.kind === 'borrow') {
      this.visitResource(type.resource);
      return;
    }
    if (type.name === undefined && !isNominal(type)) {
      this.visitChildren(type);
      return;
    }
    this.adopt(type);
  }

  private visitResource(resource: ResourceType): void {
    if (this.nameOf(resource) === undefined) this.adopt(resource);
  }

  /** Gives a type met in a signature a name here: a `use` from its owner, or a declaration. */
  private adopt(type: TypeDefinition): void {
    if (this.isForeign(type)) {
      const there = type.name?.name as string;
      const local = this.freshName(there);
      this.addUse(type.name?.owner as string, there, local);
      this.remember(type, local);
      return;
    }
    const local = this.freshName(type.name?.name ?? `anonymous-${type.kind}`);
    this.declarations.push([local, type]);
    this.remember(type, local);
    if (type.kind !== 'resource') this.visitChildren(type);
  }

  private visitChildren(type: WitType): void {
    switch (type.kind) {
      case 'list':
        return this.visit(type.element);
      case 'option':
        return this.visit(type.some);
      case 'tuple':
        return type.elements.forEach((element) => this.visit(element));
      case 'record':
        return type.fields.forEach((field) => this.visit(field.type));
      case 'variant':
        return type.cases.forEach((c) => (c.type === undefined ? undefined : this.visit(c.type)));
      case 'result':
        if (type.ok !== undefined) this.visit(type.ok);
        if (type.err !== undefined) this.visit(type.err);
        return;
      case 'own':
      case 'borrow':
        return this.visitResource(type.resource);
      case 'future':
      case 'stream':
        if (type.element !== undefined) this.visit(type.element);
        return;
      default:
        return;
    }
  }
}
