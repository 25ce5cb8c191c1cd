/**
 * The names visible in one interface or world, and the translation of type
 * syntax into the WIT type model.
 *
 * Declarations may be referred to before they are written, so each is resolved
 * on first use and remembered; a declaration met again while it is being
 * resolved is a recursive type, which WIT forbids.
 */
import { ProxyComponentError, type SourceLocation } from '../../errors.js';
import { primitive, type Case, type Field, type ResourceType, type TypeDefinition, type TypeName, type WitType } from '../types.js';
import type { Identifier, TypeDefSyntax, TypeSyntax } from './ast.js';

/** Who declares the names of a scope: an interface or a world. */
export interface ScopeOwner {
  /** Owner of declared types (`TypeName.owner`) and prefix of resource ids. */
  readonly id: string;
  /** How messages name it: "interface `types`", "world `app`". */
  readonly label: string;
}

type Entry =
  | { kind: 'type'; name: Identifier; syntax: TypeDefSyntax; state: 'pending' | 'resolving' | 'done'; value?: TypeDefinition }
  | { kind: 'use'; name: Identifier; value: TypeDefinition }
  | { kind: 'function'; name: Identifier };

export function resolveError(detail: string, location: SourceLocation | undefined): ProxyComponentError {
  return location === undefined
    ? new ProxyComponentError('WIT_RESOLVE', detail)
    : new ProxyComponentError('WIT_RESOLVE', detail, { location });
}

/** `file:line:col`, or `line:col` without a file. */
export function formatLocation(location: SourceLocation): string {
  const where = `${location.line}:${location.column}`;
  return location.file === undefined ? where : `${location.file}:${where}`;
}

/**
 * Remembers names and reports clashes. Names are compared case-insensitively
 * where the component model does (fields, cases, parameters, imports, exports);
 * the items of a package only clash when equal, as in wit-parser.
 */
export class UniqueNames {
  private readonly seen = new Map<string, Identifier>();

  constructor(
    private readonly what: string,
    private readonly ignoreCase = true,
  ) {}

  add(name: Identifier, kind = 'name'): void {
    const key = this.ignoreCase ? name.name.toLowerCase() : name.name;
    const previous = this.seen.get(key);
    if (previous !== undefined) {
      const where = formatLocation(previous.location);
      const clash = previous.name === name.name ? `${kind} \`${name.name}\` is defined twice` : `${kind} \`${name.name}\` clashes with \`${previous.name}\` (names may not differ only in letter case)`;
      throw resolveError(`${clash} in ${this.what} (first at ${where})`, name.location);
    }
    this.seen.set(key, name);
  }
}

const MAX_CHAIN = 1000;

export class TypeScope {
  private readonly entries = new Map<string, Entry>();
  private depth = 0;
  private readonly names: UniqueNames;

  constructor(readonly owner: ScopeOwner) {
    this.names = new UniqueNames(owner.label);
  }

  declareType(syntax: TypeDefSyntax): void {
    this.add({ kind: 'type', name: syntax.name, syntax, state: 'pending' });
  }

  declareUse(name: Identifier, value: TypeDefinition): void {
    this.add({ kind: 'use', name, value });
  }

  declareFunction(name: Identifier): void {
    this.add({ kind: 'function', name });
  }

  private add(entry: Entry): void {
    this.names.add(entry.name);
    this.entries.set(entry.name.name, entry);
  }

  /** The declared or `use`d types, in declaration order. */
  definitions(): Map<string, TypeDefinition> {
    const types = new Map<string, TypeDefinition>();
    for (const [name, entry] of this.entries) {
      if (entry.kind === 'use') types.set(name, entry.value);
      else if (entry.kind === 'type') types.set(name, this.resolveEntry(entry, entry.name.location));
    }
    return types;
  }

  /** The type or resource that `name` denotes here. */
  lookup(name: Identifier): TypeDefinition {
    const entry = this.entries.get(name.name);
    if (entry === undefined) throw resolveError(`type \`${name.name}\` is not defined in ${this.owner.label}`, name.location);
    if (entry.kind === 'function') throw resolveError(`\`${name.name}\` is a function, not a type`, name.location);
    if (entry.kind === 'use') return entry.value;
    return this.resolveEntry(entry, name.location);
  }

  /** The resource `name` denotes here; anything else is an error naming `use` (as `borrow`). */
  resource(name: Identifier, use: string): ResourceType {
    const found = this.lookup(name);
    if (found.kind !== 'resource') {
      throw resolveError(`\`${use}<${name.name}>\` needs a resource, but \`${name.name}\` is ${describeKind(found)}`, name.location);
    }
    return found;
  }

  private resolveEntry(entry: Extract<Entry, { kind: 'type' }>, from: SourceLocation): TypeDefinition {
    if (entry.state === 'done') return entry.value as TypeDefinition;
    if (entry.state === 'resolving') throw resolveError(`type \`${entry.name.name}\` refers to itself: WIT types cannot be recursive`, from);
    // Declarations resolve each other recursively; a chain this long would overflow the stack.
    if (++this.depth > MAX_CHAIN) throw resolveError(`type \`${entry.name.name}\` depends on a chain of more than ${MAX_CHAIN} other types`, from);
    entry.state = 'resolving';
    entry.value = this.define(entry.syntax);
    entry.state = 'done';
    this.depth--;
    return entry.value;
  }

  private define(syntax: TypeDefSyntax): TypeDefinition {
    const name: TypeName = { name: syntax.name.name, owner: this.owner.id };
    const what = `${syntax.kind} \`${syntax.name.name}\``;
    switch (syntax.kind) {
      case 'resource':
        return { kind: 'resource', name, id: `${this.owner.id}#${syntax.name.name}` };
      case 'alias': {
        const target = syntax.type;
        if (target.kind === 'name') {
          const found = this.lookup(target.name);
          // An alias of a resource is the same resource under another name.
          if (found.kind === 'resource') return { kind: 'resource', name, id: found.id };
          return { ...found, name };
        }
        return { ...this.valueType(target), name };
      }
      case 'record': {
        requireSome(syntax.fields, `${what} needs at least one field`, syntax.name);
        const names = new UniqueNames(what);
        const fields = syntax.fields.map((field): Field => {
          names.add(field.name, 'field');
          return { name: field.name.name, type: this.valueType(field.type) };
        });
        return { kind: 'record', name, fields };
      }
      case 'variant': {
        requireSome(syntax.cases, `${what} needs at least one case`, syntax.name);
        const names = new UniqueNames(what);
        const cases = syntax.cases.map((c): Case => {
          names.add(c.name, 'case');
          return c.type === undefined ? { name: c.name.name } : { name: c.name.name, type: this.valueType(c.type) };
        });
        return { kind: 'variant', name, cases };
      }
      case 'enum': {
        requireSome(syntax.cases, `${what} needs at least one case`, syntax.name);
        return { kind: 'enum', name, cases: uniqueNames(syntax.cases.map((c) => c.name), what, 'case') };
      }
      case 'flags': {
        requireSome(syntax.flags, `${what} needs at least one flag`, syntax.name);
        return { kind: 'flags', name, flags: uniqueNames(syntax.flags.map((f) => f.name), what, 'flag') };
      }
    }
  }

  /** The value type a type expression denotes; a bare resource name is an owned handle. */
  valueType(syntax: TypeSyntax): WitType {
    switch (syntax.kind) {
      case 'name': {
        const found = this.lookup(syntax.name);
        return found.kind === 'resource' ? { kind: 'own', resource: found } : found;
      }
      case 'list': {
        const element = this.valueType(syntax.element);
        return syntax.length === undefined ? { kind: 'list', element } : { kind: 'list', element, length: syntax.length };
      }
      case 'map':
        throw new ProxyComponentError('WIT_UNSUPPORTED', '`map<K, V>` types are not supported yet', { location: syntax.location });
      case 'tuple':
        requireSome(syntax.elements, '`tuple<...>` needs at least one type', { location: syntax.location });
        return { kind: 'tuple', elements: syntax.elements.map((element) => this.valueType(element)) };
      case 'option':
        return { kind: 'option', some: this.valueType(syntax.some) };
      case 'result': {
        const result: { kind: 'result'; ok?: WitType; err?: WitType } = { kind: 'result' };
        if (syntax.ok !== undefined) result.ok = this.valueType(syntax.ok);
        if (syntax.err !== undefined) result.err = this.valueType(syntax.err);
        return result;
      }
      case 'own':
      case 'borrow':
        return { kind: syntax.kind, resource: this.resource(syntax.resource, syntax.kind) };
      case 'future':
      case 'stream':
        return syntax.element === undefined ? { kind: syntax.kind } : { kind: syntax.kind, element: this.valueType(syntax.element) };
      case 'error-context':
        return { kind: 'error-context' };
      default:
        return primitive[syntax.kind];
    }
  }
}

function requireSome(items: readonly unknown[], detail: string, at: { location: SourceLocation }): void {
  if (items.length === 0) throw resolveError(detail, at.location);
}

function uniqueNames(names: readonly Identifier[], what: string, kind: string): string[] {
  const unique = new UniqueNames(what);
  return names.map((name) => {
    unique.add(name, kind);
    return name.name;
  });
}

/** "a record", "an enum", "the type `u32`": how a non-resource is named in messages. */
export function describeKind(type: TypeDefinition): string {
  switch (type.kind) {
    case 'record':
    case 'variant':
    case 'flags':
    case 'list':
    case 'tuple':
    case 'result':
    case 'future':
    case 'stream':
      return `a ${type.kind}`;
    case 'enum':
    case 'option':
    case 'own':
    case 'error-context':
      return `an ${type.kind === 'own' ? 'owned handle' : type.kind}`;
    case 'borrow':
      return 'a borrowed handle';
    case 'resource':
      return 'a resource';
    default:
      return `the type \`${type.kind}\``;
  }
}
