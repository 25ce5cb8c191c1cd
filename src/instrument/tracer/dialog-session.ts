/**
 * The `session` record of `proxy-component:dialog/prompt` (dialog-wit.ts) and
 * back: the functions a dialog-mode component exports and answers imports
 * for, with their types flattened into a table of nodes (WIT types cannot
 * nest themselves), each resource once in a table of its own (resources are
 * identities: an imported and an exported resource may share an id).
 *
 * Written by the tracer (`sessionOf`), read by the host (`functionsOf`),
 * which gets the same function and type objects the tracer has, so that the
 * dialog's prompts, printers and trace writer work on them unchanged.
 * JS shapes are the component model's in jco and componentize-qjs: variants
 * `{ tag, val }`, records with camelCase fields, options `null` or
 * `undefined` when none.
 */
import type { ResourceType, TypeName, WitType } from '../../wit/types.js';
import type { FunctionKind, WitFunction, WitInterface, WorldFunction } from '../../wit/world.js';

type Option<T> = T | null | undefined;

export interface TypeNameJs {
  readonly name: string;
  readonly owner: Option<string>;
}

export type TypeNode =
  | { readonly tag: 'bool' | 's8' | 's16' | 's32' | 's64' | 'u8' | 'u16' | 'u32' | 'u64' | 'f32' | 'f64' | 'char' | 'string' }
  | { readonly tag: 'list' | 'option' | 'own' | 'borrow'; readonly val: number }
  | { readonly tag: 'fixed-list'; readonly val: { readonly name: Option<TypeNameJs>; readonly element: number; readonly length: number } }
  | { readonly tag: 'tuple'; readonly val: readonly number[] }
  | { readonly tag: 'record'; readonly val: { readonly name: Option<TypeNameJs>; readonly fields: readonly { readonly name: string; readonly type: number }[] } }
  | { readonly tag: 'variant'; readonly val: { readonly name: Option<TypeNameJs>; readonly cases: readonly { readonly name: string; readonly type: Option<number> }[] } }
  | { readonly tag: 'enum' | 'flags'; readonly val: { readonly name: Option<TypeNameJs>; readonly cases: readonly string[] } }
  | { readonly tag: 'result'; readonly val: { readonly name: Option<TypeNameJs>; readonly ok: Option<number>; readonly err: Option<number> } };

export interface ResourceJs {
  readonly id: string;
  readonly name: TypeNameJs;
  readonly imported: boolean;
}

export interface FunctionJs {
  readonly interface: Option<string>;
  readonly name: string;
  readonly kind: FunctionKind;
  readonly resource: Option<number>;
  readonly params: readonly { readonly name: string; readonly type: number }[];
  readonly result: Option<number>;
}

export interface SessionJs {
  readonly types: readonly TypeNode[];
  readonly resources: readonly ResourceJs[];
  readonly exports: readonly FunctionJs[];
  readonly imports: readonly FunctionJs[];
  readonly component: string;
  readonly passthrough: readonly string[];
}

/** The session record for `exports` and `imports`; `imported` tells the host's resources from the component's. */
export function sessionOf(
  exports: readonly WorldFunction[],
  imports: readonly WorldFunction[],
  imported: ReadonlySet<ResourceType>,
  header: { readonly component: string; readonly passthrough: readonly string[] },
): SessionJs {
  const types: TypeNode[] = [];
  const typeIndex = new Map<WitType, number>();
  const resources: ResourceJs[] = [];
  const resourceIndex = new Map<ResourceType, number>();
  const nameOf = (name: TypeName | undefined): TypeNameJs | null => (name === undefined ? null : { name: name.name, owner: name.owner ?? null });
  const resource = (type: ResourceType): number => {
    let index = resourceIndex.get(type);
    if (index === undefined) {
      index = resources.length;
      resourceIndex.set(type, index);
      resources.push({ id: type.id, name: { name: type.name.name, owner: type.name.owner ?? null }, imported: imported.has(type) });
    }
    return index;
  };
  const node = (type: WitType): number => {
    const known = typeIndex.get(type);
    if (known !== undefined) return known;
    const index = types.length;
    typeIndex.set(type, index);
    types.push({ tag: 'bool' });
    types[index] = encode(type);
    return index;
  };
  const encode = (type: WitType): TypeNode => {
    switch (type.kind) {
      case 'list':
        return type.length === undefined ? { tag: 'list', val: node(type.element) } : { tag: 'fixed-list', val: { name: nameOf(type.name), element: node(type.element), length: type.length } };
      case 'option':
        return { tag: 'option', val: node(type.some) };
      case 'own':
      case 'borrow':
        return { tag: type.kind, val: resource(type.resource) };
      case 'tuple':
        return { tag: 'tuple', val: type.elements.map(node) };
      case 'record':
        return { tag: 'record', val: { name: nameOf(type.name), fields: type.fields.map((field) => ({ name: field.name, type: node(field.type) })) } };
      case 'variant':
        return { tag: 'variant', val: { name: nameOf(type.name), cases: type.cases.map((c) => ({ name: c.name, type: c.type === undefined ? null : node(c.type) })) } };
      case 'enum':
        return { tag: 'enum', val: { name: nameOf(type.name), cases: [...type.cases] } };
      case 'flags':
        return { tag: 'flags', val: { name: nameOf(type.name), cases: [...type.flags] } };
      case 'result':
        return { tag: 'result', val: { name: nameOf(type.name), ok: type.ok === undefined ? null : node(type.ok), err: type.err === undefined ? null : node(type.err) } };
      case 'future':
      case 'stream':
      case 'error-context':
        throw new Error(`a dialog cannot carry ${type.kind} values`);
      default:
        return { tag: type.kind };
    }
  };
  const fn = (wf: WorldFunction): FunctionJs => ({
    interface: wf.interface === undefined ? null : wf.itemName,
    name: wf.function.name,
    kind: wf.function.kind,
    resource: wf.function.resource === undefined ? null : resource(wf.function.resource),
    params: wf.function.params.map((param) => ({ name: param.name, type: node(param.type) })),
    result: wf.function.result === undefined ? null : node(wf.function.result),
  });
  const exportsJs = exports.map(fn);
  const importsJs = imports.map(fn);
  return { types, resources, exports: exportsJs, imports: importsJs, component: header.component, passthrough: [...header.passthrough] };
}

/** What the host reads from a session record: its functions, typed, and the resources it makes handles of. */
export interface DialogFunctions {
  readonly exports: WorldFunction[];
  readonly imports: WorldFunction[];
  /** The resources the host implements: it makes new handles of them. */
  readonly imported: ReadonlySet<ResourceType>;
}

/** The functions of a session record, with their type objects rebuilt (one per node, shared as in the table). */
export function functionsOf(session: SessionJs): DialogFunctions {
  const some = <T>(value: Option<T>): T | undefined => (value === null || value === undefined ? undefined : value);
  const name = (value: Option<TypeNameJs>): { name?: TypeName } => {
    const found = some(value);
    if (found === undefined) return {};
    const owner = some(found.owner);
    return { name: { name: found.name, ...(owner === undefined ? {} : { owner }) } };
  };
  const resources = session.resources.map((resource): ResourceType => {
    const owner = some(resource.name.owner);
    return { kind: 'resource', id: resource.id, name: { name: resource.name.name, ...(owner === undefined ? {} : { owner }) } };
  });
  const imported = new Set(resources.filter((_, i) => session.resources[i]?.imported === true));
  const resourceAt = (index: number): ResourceType => {
    const found = resources[index];
    if (found === undefined) throw new Error(`the dialog session refers to resource #${index}, which it does not list`);
    return found;
  };
  const built = new Map<number, WitType>();
  const building = new Set<number>();
  const typeAt = (index: number): WitType => {
    const done = built.get(index);
    if (done !== undefined) return done;
    const found = session.types[index];
    if (found === undefined) throw new Error(`the dialog session refers to type #${index}, which it does not list`);
    if (building.has(index)) throw new Error(`the dialog session's type #${index} contains itself`);
    building.add(index);
    const type = decode(found);
    building.delete(index);
    built.set(index, type);
    return type;
  };
  const optionalType = (index: Option<number>): WitType | undefined => {
    const found = some(index);
    return found === undefined ? undefined : typeAt(found);
  };
  const decode = (found: TypeNode): WitType => {
    switch (found.tag) {
      case 'list':
        return { kind: 'list', element: typeAt(found.val) };
      case 'fixed-list':
        return { kind: 'list', ...name(found.val.name), element: typeAt(found.val.element), length: found.val.length };
      case 'option':
        return { kind: 'option', some: typeAt(found.val) };
      case 'own':
      case 'borrow':
        return { kind: found.tag, resource: resourceAt(found.val) };
      case 'tuple':
        // jco hands a list<u32> over as a Uint32Array, whose map would make numbers of the types.
        return { kind: 'tuple', elements: Array.from(found.val, (index) => typeAt(index)) };
      case 'record':
        return { kind: 'record', ...name(found.val.name), fields: found.val.fields.map((field) => ({ name: field.name, type: typeAt(field.type) })) };
      case 'variant':
        return {
          kind: 'variant',
          ...name(found.val.name),
          cases: found.val.cases.map((c) => {
            const payload = optionalType(c.type);
            return payload === undefined ? { name: c.name } : { name: c.name, type: payload };
          }),
        };
      case 'enum':
        return { kind: 'enum', ...name(found.val.name), cases: [...found.val.cases] };
      case 'flags':
        return { kind: 'flags', ...name(found.val.name), flags: [...found.val.cases] };
      case 'result': {
        const ok = optionalType(found.val.ok);
        const err = optionalType(found.val.err);
        return { kind: 'result', ...name(found.val.name), ...(ok === undefined ? {} : { ok }), ...(err === undefined ? {} : { err }) };
      }
      default:
        return { kind: found.tag };
    }
  };
  const interfaces = new Map<string, WitInterface>();
  const interfaceOf = (direction: 'import' | 'export', id: string): WitInterface => {
    let iface = interfaces.get(`${direction} ${id}`);
    if (iface === undefined) {
      const match = /^([^:]+):([^/]+)\/([^@]+)(?:@(.*))?$/.exec(id);
      const parts =
        match === null
          ? {}
          : { package: { namespace: match[1] as string, name: match[2] as string, ...(match[4] === undefined ? {} : { version: match[4] }) }, name: match[3] as string };
      iface = { id, ...parts, types: new Map(), functions: new Map() };
      interfaces.set(`${direction} ${id}`, iface);
    }
    return iface;
  };
  const fn = (direction: 'import' | 'export') => (found: FunctionJs): WorldFunction => {
    const resource = some(found.resource);
    const result = optionalType(found.result);
    const func: WitFunction = {
      name: found.name,
      kind: found.kind,
      ...(resource === undefined ? {} : { resource: resourceAt(resource) }),
      params: found.params.map((param) => ({ name: param.name, type: typeAt(param.type) })),
      ...(result === undefined ? {} : { result }),
    };
    const id = some(found.interface);
    if (id === undefined) return { direction, itemName: found.name, function: func };
    const iface = interfaceOf(direction, id);
    (iface.functions as Map<string, WitFunction>).set(func.name, func);
    return { direction, itemName: id, interface: iface, function: func };
  };
  return { exports: session.exports.map(fn('export')), imports: session.imports.map(fn('import')), imported };
}
