/**
 * Type substitution: what instantiating a component, or importing an instance
 * of an instance type, does to types.
 *
 * Instantiating replaces each type the component imports by the type given as
 * argument (so a shim component that imports `import-type-entry` and exports
 * it as `entry` exports the very argument), and makes new copies of what the
 * component generates (its resources and export names), since every instance
 * has its own. Nodes are immutable: substitution rebuilds only what changes,
 * and builds each node at most once.
 */
import { decodeError } from './reader.js';
import { describeSort, unalias, type ComponentNode, type Extern, type InstanceNode, type TypeNode } from './nodes.js';

export interface Substitution {
  /** Nodes replaced by other nodes: a component's type imports by the arguments. */
  readonly replace: ReadonlyMap<TypeNode, TypeNode>;
  /** Nodes copied afresh: what a component or instance type generates. */
  readonly fresh: ReadonlySet<TypeNode>;
  /** Receives every fresh copy, so that the enclosing scope knows it generated them. */
  readonly made: TypeNode[];
}

export function substituter(substitution: Substitution): (node: TypeNode) => TypeNode {
  const memo = new Map<TypeNode, TypeNode>();
  const { replace, fresh, made } = substitution;
  if (replace.size === 0 && fresh.size === 0) return (node) => node;

  const sub = (node: TypeNode): TypeNode => {
    const replaced = replace.get(node) ?? memo.get(node);
    if (replaced !== undefined) return replaced;
    let result: TypeNode;
    if (fresh.has(node)) {
      result = node.tag === 'resource' ? { tag: 'resource' } : { ...rebuild(node, sub) };
      made.push(result);
    } else {
      result = rebuild(node, sub);
    }
    memo.set(node, result);
    return result;
  };
  return sub;
}

export function substituteExtern(extern: Extern, sub: (node: TypeNode) => TypeNode): Extern {
  if (extern.sort === 'module') return extern;
  const type = sub(extern.type);
  return type === extern.type ? extern : ({ sort: extern.sort, type } as Extern);
}

/** An instance of `type` for an import: its resources and export names are new for this import. */
export function freshInstance(type: InstanceNode, made: TypeNode[]): InstanceNode {
  if (type.created.length === 0) return type;
  const sub = substituter({ replace: new Map(), fresh: new Set(type.created), made });
  return sub(type) as InstanceNode;
}

/**
 * The instance that instantiating `component` with `args` makes. Every import
 * needs an argument of the same sort; for instance imports, the argument
 * instance needs every export the import names.
 */
export function instantiate(component: ComponentNode, args: ReadonlyMap<string, Extern>, made: TypeNode[], at: number): InstanceNode {
  const replace = new Map<TypeNode, TypeNode>();
  for (const [name, imported] of component.imports) {
    const arg = args.get(name);
    if (arg === undefined) throw decodeError(`instantiation is missing the argument \`${name}\` that the component imports`, at);
    bind(imported, arg, replace, `argument \`${name}\``, at);
  }
  const sub = substituter({ replace, fresh: new Set(component.generated), made });
  const exports = new Map<string, Extern>();
  for (const [name, extern] of component.exports) exports.set(name, substituteExtern(extern, sub));
  return { tag: 'instance', exports, created: [] };
}

function bind(imported: Extern, arg: Extern, replace: Map<TypeNode, TypeNode>, what: string, at: number): void {
  if (imported.sort !== arg.sort) {
    throw decodeError(`${what} is ${describeSort(arg.sort)}, but the component imports ${describeSort(imported.sort)}`, at);
  }
  if (imported.sort === 'type' && arg.sort === 'type') {
    const expected = typeCategory(imported.type);
    const given = typeCategory(arg.type);
    if (expected !== given) throw decodeError(`${what} is ${given}, but the component imports ${expected}`, at);
    replace.set(imported.type, arg.type);
  } else if (imported.sort === 'instance' && arg.sort === 'instance') {
    for (const [name, extern] of imported.type.exports) {
      const given = arg.type.exports.get(name);
      if (given === undefined) throw decodeError(`${what} has no export \`${name}\``, at);
      bind(extern, given, replace, `export \`${name}\` of ${what}`, at);
    }
  }
}

/** What kind of type a node is, to check that a type argument fits the import it is given for. */
function typeCategory(node: TypeNode): string {
  const target = unalias(node);
  switch (target.tag) {
    case 'resource':
      return 'a resource';
    case 'func':
      return 'a function type';
    case 'instance':
      return 'an instance type';
    case 'component':
      return 'a component type';
    default:
      return 'a value type';
  }
}

/** `node` with `sub` applied to what it refers to; the same object when nothing changes. */
function rebuild(node: TypeNode, sub: (node: TypeNode) => TypeNode): TypeNode {
  switch (node.tag) {
    case 'primitive':
    case 'resource':
    case 'flags':
    case 'enum':
      return node;
    case 'alias': {
      const target = sub(node.target);
      return target === node.target ? node : { tag: 'alias', target };
    }
    case 'list':
    case 'option': {
      const key = node.tag === 'list' ? 'element' : 'some';
      const inner = node.tag === 'list' ? node.element : node.some;
      const replaced = sub(inner);
      return replaced === inner ? node : { ...node, [key]: replaced };
    }
    case 'own':
    case 'borrow': {
      const resource = sub(node.resource);
      return resource === node.resource ? node : { tag: node.tag, resource };
    }
    case 'future':
    case 'stream': {
      if (node.element === undefined) return node;
      const element = sub(node.element);
      return element === node.element ? node : { tag: node.tag, element };
    }
    case 'map': {
      const key = sub(node.key);
      const value = sub(node.value);
      return key === node.key && value === node.value ? node : { tag: 'map', key, value };
    }
    case 'result': {
      const ok = node.ok === undefined ? undefined : sub(node.ok);
      const err = node.err === undefined ? undefined : sub(node.err);
      if (ok === node.ok && err === node.err) return node;
      return { tag: 'result', ...(ok === undefined ? {} : { ok }), ...(err === undefined ? {} : { err }) };
    }
    case 'tuple': {
      const elements = mapAll(node.elements, sub);
      return elements === node.elements ? node : { tag: 'tuple', elements };
    }
    case 'record': {
      const fields = mapAll(node.fields, (field) => withType(field, sub));
      return fields === node.fields ? node : { tag: 'record', fields };
    }
    case 'variant': {
      const cases = mapAll(node.cases, (c) => (c.type === undefined ? c : withType(c as { name: string; type: TypeNode }, sub)));
      return cases === node.cases ? node : { tag: 'variant', cases };
    }
    case 'func': {
      const params = mapAll(node.params, (param) => withType(param, sub));
      const result = node.result === undefined ? undefined : sub(node.result);
      if (params === node.params && result === node.result) return node;
      return result === undefined ? { tag: 'func', params, async: node.async } : { tag: 'func', params, result, async: node.async };
    }
    case 'instance': {
      const exports = mapExterns(node.exports, sub);
      const created = mapAll(node.created, sub);
      return exports === node.exports && created === node.created ? node : { tag: 'instance', exports, created };
    }
    case 'component': {
      const imports = mapExterns(node.imports, sub);
      const exports = mapExterns(node.exports, sub);
      const generated = mapAll(node.generated, sub);
      if (imports === node.imports && exports === node.exports && generated === node.generated) return node;
      return { tag: 'component', imports, exports, generated };
    }
  }
}

function withType<T extends { readonly name: string; readonly type: TypeNode }>(item: T, sub: (node: TypeNode) => TypeNode): T {
  const type = sub(item.type);
  return type === item.type ? item : { ...item, type };
}

/** `items` mapped by `f`; the same array when `f` changes nothing. */
function mapAll<T>(items: readonly T[], f: (item: T) => T): readonly T[] {
  let changed: T[] | undefined;
  items.forEach((item, i) => {
    const mapped = f(item);
    if (mapped !== item && changed === undefined) changed = items.slice(0, i);
    if (changed !== undefined) changed.push(mapped);
  });
  return changed ?? items;
}

function mapExterns(externs: ReadonlyMap<string, Extern>, sub: (node: TypeNode) => TypeNode): ReadonlyMap<string, Extern> {
  let changed = false;
  const mapped = new Map<string, Extern>();
  for (const [name, extern] of externs) {
    const replaced = substituteExtern(extern, sub);
    if (replaced !== extern) changed = true;
    mapped.set(name, replaced);
  }
  return changed ? mapped : externs;
}
