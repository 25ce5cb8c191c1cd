/**
 * The component-level index spaces of one component, component type or
 * instance type: types, functions, instances, components and values, each
 * built up as definitions are read. Core index spaces are not kept: nothing a
 * WIT world says depends on them.
 *
 * Scopes nest (a component inside a component, an instance type inside a
 * component), and `outer` aliases reach enclosing scopes by counting outward.
 */
import { decodeError } from './reader.js';
import { describeSort, isValueNode, unalias, type ComponentNode, type Extern, type FuncNode, type InstanceNode, type TypeNode } from './nodes.js';

export type ScopeKind = 'component' | 'component type' | 'instance type';

export class Scope {
  readonly types: TypeNode[] = [];
  readonly funcs: FuncNode[] = [];
  readonly instances: InstanceNode[] = [];
  readonly components: ComponentNode[] = [];
  readonly values: TypeNode[] = [];
  readonly imports = new Map<string, Extern>();
  readonly exports = new Map<string, Extern>();
  /** For imports and exports with a plain name: the interface they implement (`import my-store: ns:pkg/store`). */
  readonly importImplements = new Map<string, string>();
  readonly exportImplements = new Map<string, string>();
  /** Nodes this scope makes that must be new for every instance of it (see ComponentNode.generated). */
  readonly generated: TypeNode[] = [];

  constructor(
    readonly kind: ScopeKind,
    readonly parent: Scope | undefined,
  ) {}

  /** The scope `count` levels out (0 is this one). */
  outer(count: number, at: number): Scope {
    let scope: Scope = this;
    for (let i = 0; i < count; i++) {
      if (scope.parent === undefined) throw decodeError(`outer alias count ${count} reaches past the outermost component`, at);
      scope = scope.parent;
    }
    return scope;
  }

  type(index: number, at: number): TypeNode {
    return pick(this.types, index, 'type', at);
  }

  /** A type that values can have (a `valtype` index). */
  valueType(index: number, at: number): TypeNode {
    const node = this.type(index, at);
    const target = unalias(node);
    if (!isValueNode(target)) throw decodeError(`type ${index} is ${describeNode(target)}, not a value type`, at);
    return node;
  }

  funcType(index: number, at: number): FuncNode {
    const node = unalias(this.type(index, at));
    if (node.tag !== 'func') throw decodeError(`type ${index} is ${describeNode(node)}, not a function type`, at);
    return node;
  }

  instanceType(index: number, at: number): InstanceNode {
    const node = unalias(this.type(index, at));
    if (node.tag !== 'instance') throw decodeError(`type ${index} is ${describeNode(node)}, not an instance type`, at);
    return node;
  }

  componentType(index: number, at: number): ComponentNode {
    const node = unalias(this.type(index, at));
    if (node.tag !== 'component') throw decodeError(`type ${index} is ${describeNode(node)}, not a component type`, at);
    return node;
  }

  /** A node that resolves to a resource (for `own`, `borrow` and the resource built-ins). */
  resourceType(index: number, at: number): TypeNode {
    const node = this.type(index, at);
    const target = unalias(node);
    if (target.tag !== 'resource') throw decodeError(`type ${index} is ${describeNode(target)}, not a resource`, at);
    return node;
  }

  func(index: number, at: number): FuncNode {
    return pick(this.funcs, index, 'function', at);
  }

  instance(index: number, at: number): InstanceNode {
    return pick(this.instances, index, 'instance', at);
  }

  component(index: number, at: number): ComponentNode {
    return pick(this.components, index, 'component', at);
  }

  value(index: number, at: number): TypeNode {
    return pick(this.values, index, 'value', at);
  }

  /** The item `index` of `sort`, as an extern (for instantiation arguments and inline exports). */
  item(sort: Extern['sort'], index: number, at: number): Extern {
    switch (sort) {
      case 'func':
        return { sort, type: this.func(index, at) };
      case 'type':
        return { sort, type: this.type(index, at) };
      case 'instance':
        return { sort, type: this.instance(index, at) };
      case 'component':
        return { sort, type: this.component(index, at) };
      case 'value':
        return { sort, type: this.value(index, at) };
      case 'module':
        throw decodeError(`${describeSort(sort)} cannot be used here`, at);
    }
  }

  /** Adds an item to the index space of its sort (core modules are not kept). */
  push(item: Extern): void {
    switch (item.sort) {
      case 'func':
        this.funcs.push(item.type);
        break;
      case 'type':
        this.types.push(item.type);
        break;
      case 'instance':
        this.instances.push(item.type);
        break;
      case 'component':
        this.components.push(item.type);
        break;
      case 'value':
        this.values.push(item.type);
        break;
      case 'module':
        break;
    }
  }
}

function pick<T>(space: readonly T[], index: number, what: string, at: number): T {
  const item = space[index];
  if (item === undefined) {
    const defined = space.length === 0 ? `no ${what}s are defined` : `${space.length} ${what}${space.length === 1 ? ' is' : 's are'} defined`;
    throw decodeError(`${what} index ${index} is out of range (${defined})`, at);
  }
  return item;
}

/** "a function type", "a record", "a resource": how messages name a node. */
export function describeNode(node: TypeNode): string {
  switch (node.tag) {
    case 'func':
      return 'a function type';
    case 'instance':
      return 'an instance type';
    case 'component':
      return 'a component type';
    case 'primitive':
      return `the type ${node.kind}`;
    case 'alias':
      return describeNode(unalias(node));
    case 'enum':
    case 'own':
    case 'option':
      return `an ${node.tag === 'own' ? 'owned handle' : node.tag}`;
    case 'borrow':
      return 'a borrowed handle';
    default:
      return `a ${node.tag}`;
  }
}
