/**
 * Self-contained copies of WIT types: every named type a set of functions
 * reaches is re-declared under one new owner, so that a copied interface
 * needs no `use`. Value types are structural in the component model, so a
 * copy and its original are interchangeable wherever they meet.
 *
 * Resources are not structural: a copier given `ResourceCopies` makes every
 * handle refer to the resource's copy (declared by the copy of the interface
 * that declares the original, and `use`d by the others); without, handles
 * keep referring to the original resource.
 */
import type { ResourceType, TypeDefinition, WitType } from '../wit/types.js';
import type { WitFunction } from '../wit/world.js';
import type { ResourceCopies } from './resources.js';

/** Names given to the original named types, shared by copies that must agree on them. */
export class TypeNames {
  private readonly byOrigin = new Map<string, string>();
  private readonly taken = new Set<string>();

  /** Keeps `name` from being given to any type (a function's name in the same interface, say). */
  reserve(name: string): void {
    this.taken.add(name);
  }

  /** The name of a named type in copies; `preferred` is used when it is free. */
  nameOf(type: WitType, preferred?: string): string {
    const origin = originKey(type);
    const known = this.byOrigin.get(origin);
    if (known !== undefined) return known;
    const base = preferred ?? type.name?.name ?? 'type';
    let candidate = base;
    for (let n = 2; this.taken.has(candidate); n++) candidate = `${base}-${n}`;
    this.byOrigin.set(origin, candidate);
    this.taken.add(candidate);
    return candidate;
  }
}

function originKey(type: WitType): string {
  return `${type.name?.owner ?? ''}#${type.name?.name ?? ''}`;
}

export class TypeCopier {
  /** The copied named types, by their new name, in first-use order. */
  readonly types = new Map<string, TypeDefinition>();

  constructor(
    private readonly owner: string,
    private readonly names: TypeNames = new TypeNames(),
    private readonly resources?: ResourceCopies,
  ) {}

  /** Declares a named type under `name` (a world's `use ... as` name, say) before anything else uses it. */
  declare(type: WitType, name: string): WitType;
  declare(type: TypeDefinition, name: string): TypeDefinition;
  declare(type: TypeDefinition, name: string): TypeDefinition {
    if (type.kind === 'resource') {
      const copied = this.resource(type);
      this.types.set(name, copied);
      return copied;
    }
    this.names.nameOf(type, name);
    return this.copy(type);
  }

  /** The resource handles of copies refer to; declared here when this copier's owner declares it. */
  resource(resource: ResourceType): ResourceType {
    const copied = this.resources?.copy(resource) ?? resource;
    if (copied.name.owner === this.owner && ![...this.types.values()].includes(copied)) this.types.set(copied.name.name, copied);
    return copied;
  }

  copy(type: WitType): WitType {
    if (type.name === undefined) return this.copyStructure(type);
    const name = this.names.nameOf(type);
    // One object per copied type: printers tell types apart by identity.
    const known = this.types.get(name);
    if (known !== undefined && known.kind !== 'resource') return known;
    const named = { ...this.copyStructure(type), name: { name, owner: this.owner } } as WitType;
    this.types.set(name, named);
    return named;
  }

  copyFunction(func: WitFunction, newName: string = func.name): WitFunction {
    const params = func.params.map((param) => ({ name: param.name, type: this.copy(param.type) }));
    const copied: WitFunction = { ...func, name: newName, params, ...(func.resource === undefined ? {} : { resource: this.resource(func.resource) }) };
    if (func.result === undefined) return copied;
    return { ...copied, result: this.copy(func.result) };
  }

  private copyStructure(type: WitType): WitType {
    switch (type.kind) {
      case 'list':
        return { ...type, element: this.copy(type.element) };
      case 'option':
        return { ...type, some: this.copy(type.some) };
      case 'tuple':
        return { ...type, elements: type.elements.map((element) => this.copy(element)) };
      case 'record':
        return { ...type, fields: type.fields.map((field) => ({ name: field.name, type: this.copy(field.type) })) };
      case 'variant':
        return { ...type, cases: type.cases.map((c) => (c.type === undefined ? { name: c.name } : { name: c.name, type: this.copy(c.type) })) };
      case 'result': {
        const { ok, err, ...rest } = type;
        return { ...rest, ...(ok === undefined ? {} : { ok: this.copy(ok) }), ...(err === undefined ? {} : { err: this.copy(err) }) } as WitType;
      }
      case 'own':
      case 'borrow':
        return { ...type, resource: this.resource(type.resource) };
      default:
        return type;
    }
  }
}
