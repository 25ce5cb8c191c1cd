/**
 * Decoder nodes to WIT types, with the names WIT would give them.
 *
 * A node gets a name when an interface (or the world) exports it by name:
 * `declare` is called for every type an interface exports, in order, and
 * decides, as wit-component's decoder does, what the name stands for:
 *
 * - a new definition, when nothing along the node's alias chain is named yet:
 *   `record entry {...}` named `entry`, owned by the interface;
 * - a `use` of another interface's type, when the chain reaches a type named by
 *   another owner: the very same WIT object (`use types.{entry}`), as the WIT
 *   text reader gives it;
 * - a local alias (`type x = entry`), when the chain reaches a type named by the
 *   same owner: a copy of that type under the new name.
 *
 * Resources are nominal, so the resource node itself is named along with the
 * export: any other path to the same resource finds the same `ResourceType`.
 */
import { ProxyComponentError } from '../../errors.js';
import { primitive, type ResourceType, type TypeDefinition, type TypeName, type WitType } from '../types.js';
import type { Param, WitFunction } from '../world.js';
import { parseFunctionName } from './names.js';
import { describeNode } from './index-spaces.js';
import { isValueNode, type FuncNode, type TypeNode, type ValueNode } from './nodes.js';

interface NamedType {
  /** The interface id or world that exports the name. */
  readonly owner: string;
  readonly compute: () => TypeDefinition;
  value?: TypeDefinition;
}

export class WitTypes {
  private readonly named = new Map<TypeNode, NamedType>();
  private readonly unnamed = new Map<TypeNode, TypeDefinition>();
  private anonymousResources = 0;

  /** Gives `node` the name `name` in `owner`; returns how to get its definition (once all names are declared). */
  declare(node: TypeNode, name: string, owner: string): () => TypeDefinition {
    let current = node;
    let found = this.named.get(current);
    while (found === undefined && current.tag === 'alias') {
      current = current.target;
      found = this.named.get(current);
    }
    let entry: NamedType;
    if (found === undefined) {
      entry = { owner, compute: () => this.define(current, { name, owner }) };
      if (current.tag === 'resource') this.named.set(current, entry);
    } else {
      const target = found;
      entry = target.owner === owner ? { owner, compute: () => renamed(this.valueOf(target), { name, owner }) } : { owner, compute: () => this.valueOf(target) };
    }
    if (!this.named.has(node)) this.named.set(node, entry);
    return () => this.valueOf(entry);
  }

  /** The WIT type or resource a node stands for. */
  definition(node: TypeNode): TypeDefinition {
    const entry = this.named.get(node);
    if (entry !== undefined) return this.valueOf(entry);
    if (node.tag === 'alias') return this.definition(node.target);
    let found = this.unnamed.get(node);
    if (found === undefined) {
      found = node.tag === 'resource' ? this.anonymousResource() : this.structure(node);
      this.unnamed.set(node, found);
    }
    return found;
  }

  valueType(node: TypeNode): WitType {
    const found = this.definition(node);
    if (found.kind === 'resource') throw invalid(`resource \`${found.name.name}\` is used as a value type; values of resources are handles`);
    return found;
  }

  /** A function named `name` (its kind comes from the name); `resources` finds the resources its owner declares. */
  func(name: string, node: FuncNode, resources: (name: string) => TypeDefinition | undefined, where: string): WitFunction {
    const parsed = parseFunctionName(name);
    if (parsed === undefined) throw invalid(`function \`${name}\` of ${where} has an unknown \`[...]\` annotation`);
    const params: Param[] = node.params.map((param) => ({ name: param.name, type: this.valueType(param.type) }));
    const func: { -readonly [K in keyof WitFunction]: WitFunction[K] } = { name, kind: parsed.kind, params };
    if (parsed.resource !== undefined) {
      const resource = resources(parsed.resource);
      if (resource?.kind !== 'resource') throw invalid(`function \`${name}\` of ${where} belongs to resource \`${parsed.resource}\`, which ${where} does not declare`);
      func.resource = resource;
    }
    if (node.result !== undefined) func.result = this.valueType(node.result);
    if (node.async || parsed.async) func.async = true;
    return func;
  }

  private valueOf(entry: NamedType): TypeDefinition {
    entry.value ??= entry.compute();
    return entry.value;
  }

  private define(base: TypeNode, name: TypeName): TypeDefinition {
    // As the WIT text reader does: `owner#name`. A world that imports and exports one
    // interface has two resources with one id; the direction tells them apart.
    if (base.tag === 'resource') return { kind: 'resource', name, id: `${name.owner}#${name.name}` };
    return renamed(this.definition(base), name);
  }

  private anonymousResource(): ResourceType {
    this.anonymousResources += 1;
    const name = `resource-${this.anonymousResources}`;
    return { kind: 'resource', name: { name }, id: `#${name}` };
  }

  private resource(node: TypeNode): ResourceType {
    const found = this.definition(node);
    if (found.kind !== 'resource') throw invalid(`a handle refers to ${describeNode(node)}, which is not a resource`);
    return found;
  }

  private structure(node: TypeNode): WitType {
    if (!isValueNode(node)) throw unsupported(`${describeNode(node)} cannot be used as a WIT type`);
    return this.valueStructure(node);
  }

  private valueStructure(node: ValueNode): WitType {
    switch (node.tag) {
      case 'primitive':
        return node.kind === 'error-context' ? { kind: 'error-context' } : primitive[node.kind];
      case 'record':
        return { kind: 'record', fields: node.fields.map((field) => ({ name: field.name, type: this.valueType(field.type) })) };
      case 'variant':
        return { kind: 'variant', cases: node.cases.map((c) => (c.type === undefined ? { name: c.name } : { name: c.name, type: this.valueType(c.type) })) };
      case 'list': {
        const element = this.valueType(node.element);
        return node.length === undefined ? { kind: 'list', element } : { kind: 'list', element, length: node.length };
      }
      case 'map':
        throw unsupported('`map<K, V>` types are not supported yet');
      case 'tuple':
        return { kind: 'tuple', elements: node.elements.map((element) => this.valueType(element)) };
      case 'flags':
        return { kind: 'flags', flags: node.labels };
      case 'enum':
        return { kind: 'enum', cases: node.labels };
      case 'option':
        return { kind: 'option', some: this.valueType(node.some) };
      case 'result': {
        const result: { kind: 'result'; ok?: WitType; err?: WitType } = { kind: 'result' };
        if (node.ok !== undefined) result.ok = this.valueType(node.ok);
        if (node.err !== undefined) result.err = this.valueType(node.err);
        return result;
      }
      case 'own':
      case 'borrow':
        return { kind: node.tag, resource: this.resource(node.resource) };
      case 'future':
      case 'stream':
        return node.element === undefined ? { kind: node.tag } : { kind: node.tag, element: this.valueType(node.element) };
    }
  }
}

/** `type` under another name: a resource alias keeps the resource's id. */
function renamed(type: TypeDefinition, name: TypeName): TypeDefinition {
  if (type.kind === 'resource') return { kind: 'resource', name, id: type.id };
  return { ...type, name };
}

function invalid(detail: string): ProxyComponentError {
  return new ProxyComponentError('COMPONENT_DECODE', detail);
}

function unsupported(detail: string): ProxyComponentError {
  return new ProxyComponentError('WIT_UNSUPPORTED', detail);
}
