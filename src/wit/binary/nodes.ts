/**
 * The decoder's own view of component-model types, before they become WIT.
 *
 * A node is one type as the binary defines it. Identity matters: two nodes are
 * the same type exactly when they are the same object, which is how resources
 * (generative: every definition is a new resource) and names (an `(eq T)`
 * export creates a new name for `T`) are told apart. Instantiating a component
 * substitutes nodes (see instantiate.ts), so nodes are never mutated.
 */
import type { PrimitiveKind } from '../types.js';

export interface PrimitiveNode {
  readonly tag: 'primitive';
  readonly kind: PrimitiveKind | 'error-context';
}

export interface RecordNode {
  readonly tag: 'record';
  readonly fields: readonly { readonly name: string; readonly type: TypeNode }[];
}

export interface VariantNode {
  readonly tag: 'variant';
  readonly cases: readonly { readonly name: string; readonly type?: TypeNode }[];
}

export interface ListNode {
  readonly tag: 'list';
  readonly element: TypeNode;
  /** Set for the fixed-size `list<T, N>`. */
  readonly length?: number;
}

export interface MapNode {
  readonly tag: 'map';
  readonly key: TypeNode;
  readonly value: TypeNode;
}

export interface TupleNode {
  readonly tag: 'tuple';
  readonly elements: readonly TypeNode[];
}

export interface LabelsNode {
  readonly tag: 'flags' | 'enum';
  readonly labels: readonly string[];
}

export interface OptionNode {
  readonly tag: 'option';
  readonly some: TypeNode;
}

export interface ResultNode {
  readonly tag: 'result';
  readonly ok?: TypeNode;
  readonly err?: TypeNode;
}

export interface HandleNode {
  readonly tag: 'own' | 'borrow';
  /** A node that resolves (through aliases) to a resource. */
  readonly resource: TypeNode;
}

export interface AsyncValueNode {
  readonly tag: 'future' | 'stream';
  readonly element?: TypeNode;
}

/** A resource: a new, distinct type each time one is defined or declared `(sub resource)`. */
export interface ResourceNode {
  readonly tag: 'resource';
}

/** A new name for `target`, made by an `(eq T)` import or export or by exporting a type. */
export interface AliasNode {
  readonly tag: 'alias';
  readonly target: TypeNode;
}

export interface FuncNode {
  readonly tag: 'func';
  readonly params: readonly { readonly name: string; readonly type: TypeNode }[];
  readonly result?: TypeNode;
  readonly async: boolean;
}

/** The type of an instance: what it exports. */
export interface InstanceNode {
  readonly tag: 'instance';
  readonly exports: ReadonlyMap<string, Extern>;
  /** Nodes the type itself introduces (resources, export names): fresh for each instance of it. */
  readonly created: readonly TypeNode[];
}

/** The type of a component: what it imports and exports. */
export interface ComponentNode {
  readonly tag: 'component';
  readonly imports: ReadonlyMap<string, Extern>;
  readonly exports: ReadonlyMap<string, Extern>;
  /** Nodes made afresh each time the component is instantiated (its resources, export names). */
  readonly generated: readonly TypeNode[];
}

/** A core module, counted but not looked into. */
export interface ModuleNode {
  readonly tag: 'module';
}

export type ValueNode =
  | PrimitiveNode
  | RecordNode
  | VariantNode
  | ListNode
  | MapNode
  | TupleNode
  | LabelsNode
  | OptionNode
  | ResultNode
  | HandleNode
  | AsyncValueNode;

export type TypeNode = ValueNode | ResourceNode | AliasNode | FuncNode | InstanceNode | ComponentNode;

/** What an import, an export or an instance's export is. */
export type Extern =
  | { readonly sort: 'func'; readonly type: FuncNode }
  | { readonly sort: 'type'; readonly type: TypeNode }
  | { readonly sort: 'instance'; readonly type: InstanceNode }
  | { readonly sort: 'component'; readonly type: ComponentNode }
  | { readonly sort: 'value'; readonly type: TypeNode }
  | { readonly sort: 'module'; readonly type: ModuleNode };

export type Sort = Extern['sort'];

export const MODULE: ModuleNode = Object.freeze({ tag: 'module' });

/** The node an alias chain ends at. */
export function unalias(node: TypeNode): Exclude<TypeNode, AliasNode> {
  let current = node;
  while (current.tag === 'alias') current = current.target;
  return current;
}

const VALUE_TAGS: ReadonlySet<string> = new Set([
  'primitive', 'record', 'variant', 'list', 'map', 'tuple', 'flags', 'enum', 'option', 'result', 'own', 'borrow', 'future', 'stream',
]);

export function isValueNode(node: TypeNode): node is ValueNode {
  return VALUE_TAGS.has(node.tag);
}

/** How messages name a sort: "a function", "an instance". */
export function describeSort(sort: Sort): string {
  switch (sort) {
    case 'func':
      return 'a function';
    case 'instance':
      return 'an instance';
    case 'module':
      return 'a core module';
    default:
      return `a ${sort}`;
  }
}
