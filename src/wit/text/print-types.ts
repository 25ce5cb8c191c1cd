/**
 * Writing types, type declarations and functions as WIT text, with the local
 * names a PrintScope gives them (or, without a scope, their own names).
 */
import type { ResourceType, TypeDefinition, WitType } from '../types.js';
import type { WitFunction } from '../world.js';
import { escapeIdentifier } from './identifiers.js';
import type { PrintScope } from './print-scope.js';

export const INDENT = '  ';

export class TypePrinter {
  constructor(private readonly scope?: PrintScope) {}

  /** A type where it is used: by name when it has one, spelled out otherwise. */
  ref(type: WitType): string {
    const local = this.scope?.nameOf(type);
    if (local !== undefined) return escapeIdentifier(local);
    if (this.scope === undefined && type.name !== undefined) return escapeIdentifier(type.name.name);
    return this.spell(type, false);
  }

  /** The right-hand side of `type name = ...`: the structure, with `own<r>` explicit (a bare `r` would alias the resource). */
  structure(type: WitType): string {
    return this.spell(type, true);
  }

  private spell(type: WitType, explicitOwn: boolean): string {
    switch (type.kind) {
      case 'list':
        return type.length === undefined ? `list<${this.ref(type.element)}>` : `list<${this.ref(type.element)}, ${type.length}>`;
      case 'tuple':
        return `tuple<${type.elements.map((element) => this.ref(element)).join(', ')}>`;
      case 'option':
        return `option<${this.ref(type.some)}>`;
      case 'result':
        if (type.ok === undefined && type.err === undefined) return 'result';
        if (type.err === undefined) return `result<${this.ref(type.ok as WitType)}>`;
        return `result<${type.ok === undefined ? '_' : this.ref(type.ok)}, ${this.ref(type.err)}>`;
      case 'own':
        return explicitOwn ? `own<${this.resourceRef(type.resource)}>` : this.resourceRef(type.resource);
      case 'borrow':
        return `borrow<${this.resourceRef(type.resource)}>`;
      case 'future':
      case 'stream':
        return type.element === undefined ? type.kind : `${type.kind}<${this.ref(type.element)}>`;
      // Nominal types without a name (only when printing a lone type): a readable, non-WIT spelling.
      case 'record':
        return `record { ${type.fields.map((field) => `${escapeIdentifier(field.name)}: ${this.ref(field.type)}`).join(', ')} }`;
      case 'variant':
        return `variant { ${type.cases.map((c) => (c.type === undefined ? escapeIdentifier(c.name) : `${escapeIdentifier(c.name)}(${this.ref(c.type)})`)).join(', ')} }`;
      case 'enum':
        return `enum { ${type.cases.map(escapeIdentifier).join(', ')} }`;
      case 'flags':
        return `flags { ${type.flags.map(escapeIdentifier).join(', ')} }`;
      default:
        return type.kind;
    }
  }

  private resourceRef(resource: ResourceType): string {
    return escapeIdentifier(this.scope?.nameOf(resource) ?? resource.name.name);
  }

  /** The lines declaring `name` (a resource with `functions` in its block), indented by `indent`. */
  declaration(name: string, type: TypeDefinition, functions: readonly WitFunction[], indent: string): string[] {
    const local = escapeIdentifier(name);
    const alias = this.scope?.aliasTarget(name, type);
    if (alias !== undefined) return [`${indent}type ${local} = ${escapeIdentifier(alias)};`];
    const inner = indent + INDENT;
    switch (type.kind) {
      case 'resource':
        if (functions.length === 0) return [`${indent}resource ${local};`];
        return [`${indent}resource ${local} {`, ...functions.map((func) => inner + this.resourceFunction(func)), `${indent}}`];
      case 'record':
        return [`${indent}record ${local} {`, ...type.fields.map((field) => `${inner}${escapeIdentifier(field.name)}: ${this.ref(field.type)},`), `${indent}}`];
      case 'variant':
        return [
          `${indent}variant ${local} {`,
          ...type.cases.map((c) => `${inner}${escapeIdentifier(c.name)}${c.type === undefined ? '' : `(${this.ref(c.type)})`},`),
          `${indent}}`,
        ];
      case 'enum':
        return [`${indent}enum ${local} {`, ...type.cases.map((c) => `${inner}${escapeIdentifier(c)},`), `${indent}}`];
      case 'flags':
        return [`${indent}flags ${local} {`, ...type.flags.map((f) => `${inner}${escapeIdentifier(f)},`), `${indent}}`];
      default:
        return [`${indent}type ${local} = ${this.structure(type)};`];
    }
  }

  /** `name: func(...) -> T;` for a freestanding function. */
  function(name: string, func: WitFunction): string {
    return `${escapeIdentifier(name)}: ${this.funcType(func, func.params)};`;
  }

  /** A function inside `resource r { ... }`: `constructor(...)`, `m: func(...)`, `s: static func(...)`. */
  resourceFunction(func: WitFunction): string {
    const member = func.name.slice(func.name.indexOf('.') + 1);
    switch (func.kind) {
      case 'constructor': {
        const params = this.params(func.params);
        const result = func.result;
        const implicit = result === undefined || (result.kind === 'own' && result.name === undefined && result.resource.id === func.resource?.id);
        return implicit ? `constructor(${params});` : `constructor(${params}) -> ${this.ref(result)};`;
      }
      case 'method':
        return `${escapeIdentifier(member)}: ${this.funcType(func, func.params.slice(1))};`;
      case 'static':
        return `${escapeIdentifier(member)}: static ${this.funcType(func, func.params)};`;
      default:
        return this.function(func.name, func);
    }
  }

  /** `async func(a: T) -> R` */
  funcType(func: WitFunction, params: WitFunction['params']): string {
    const result = func.result === undefined ? '' : ` -> ${this.ref(func.result)}`;
    return `${func.async === true ? 'async ' : ''}func(${this.params(params)})${result}`;
  }

  private params(params: WitFunction['params']): string {
    return params.map((param) => `${escapeIdentifier(param.name)}: ${this.ref(param.type)}`).join(', ');
  }
}
