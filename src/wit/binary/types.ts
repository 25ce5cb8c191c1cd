/**
 * The type section and everything that shares its grammar: value types,
 * defined types, function types, resource types, and component and instance
 * types with their declarations (imports, exports, aliases, nested types).
 */
import { skipCoreType } from './core-types.js';
import { Scope } from './index-spaces.js';
import { freshInstance } from './instantiate.js';
import { MODULE, type ComponentNode, type Extern, type FuncNode, type InstanceNode, type PrimitiveNode, type TypeNode } from './nodes.js';
import { decodeError, type ByteReader, type ExternName } from './reader.js';
import { readAlias } from './aliases.js';

const PRIMITIVES = new Map<number, PrimitiveNode>(
  (
    [
      [0x7f, 'bool'], [0x7e, 's8'], [0x7d, 'u8'], [0x7c, 's16'], [0x7b, 'u16'], [0x7a, 's32'], [0x79, 'u32'],
      [0x78, 's64'], [0x77, 'u64'], [0x76, 'f32'], [0x75, 'f64'], [0x74, 'char'], [0x73, 'string'], [0x64, 'error-context'],
    ] as const
  ).map(([byte, kind]) => [byte, Object.freeze({ tag: 'primitive', kind })]),
);

/** `valtype`: a primitive, or the index of a defined value type. */
export function readValueType(reader: ByteReader, scope: Scope): TypeNode {
  const primitive = PRIMITIVES.get(reader.peek());
  if (primitive !== undefined) {
    reader.u8();
    return primitive;
  }
  const start = reader.pos;
  const index = reader.s33();
  if (index < 0) throw reader.unknown(reader.byteAt(start), 'value type', start);
  return scope.valueType(index, start);
}

/** `type`: one entry of a type section or a `(type ...)` declaration. */
export function readTypeDefinition(reader: ByteReader, scope: Scope): TypeNode {
  const start = reader.pos;
  const byte = reader.u8();
  switch (byte) {
    case 0x3f: {
      if (scope.kind !== 'component') throw decodeError(`resource types cannot be defined inside ${article(scope.kind)}`, start);
      const rep = reader.u8();
      if (rep !== 0x7f) throw reader.unknown(rep, 'resource representation (only i32 is allowed)');
      reader.optional((r) => r.u32(), 'destructor');
      const resource: TypeNode = { tag: 'resource' };
      scope.generated.push(resource);
      return resource;
    }
    case 0x40:
    case 0x43:
      return readFuncType(reader, scope, byte === 0x43);
    case 0x41:
      return readComponentType(reader, scope);
    case 0x42:
      return readInstanceType(reader, scope);
    default: {
      // A defined primitive type is a type of its own (it may be exported by
      // name), unlike the shared nodes of primitives written inline.
      const primitive = PRIMITIVES.get(byte);
      return primitive === undefined ? readDefinedValueType(reader, scope, byte, start) : { tag: 'primitive', kind: primitive.kind };
    }
  }
}

function readDefinedValueType(reader: ByteReader, scope: Scope, byte: number, start: number): TypeNode {
  const value = (): TypeNode => readValueType(reader, scope);
  const optionalValue = (what: string): TypeNode | undefined => reader.optional(() => readValueType(reader, scope), what);
  switch (byte) {
    case 0x72:
      return { tag: 'record', fields: nonEmpty(reader.vec((r) => ({ name: r.string(), type: readValueType(r, scope) })), 'record', 'fields', start) };
    case 0x71:
      return { tag: 'variant', cases: nonEmpty(reader.vec((r) => readCase(r, scope)), 'variant', 'cases', start) };
    case 0x70:
      return { tag: 'list', element: value() };
    case 0x67: {
      const element = value();
      const lengthAt = reader.pos;
      const length = reader.u32();
      if (length === 0) throw decodeError('a fixed-size list needs a length of at least 1', lengthAt);
      return { tag: 'list', element, length };
    }
    case 0x63: {
      const key = value();
      return { tag: 'map', key, value: value() };
    }
    case 0x6f:
      return { tag: 'tuple', elements: nonEmpty(reader.vec(() => value()), 'tuple', 'types', start) };
    case 0x6e:
      return { tag: 'flags', labels: nonEmpty(reader.vec((r) => r.string()), 'flags', 'flags', start) };
    case 0x6d:
      return { tag: 'enum', labels: nonEmpty(reader.vec((r) => r.string()), 'enum', 'cases', start) };
    case 0x6b:
      return { tag: 'option', some: value() };
    case 0x6a: {
      const ok = optionalValue('result ok type');
      const err = optionalValue('result error type');
      return { tag: 'result', ...(ok === undefined ? {} : { ok }), ...(err === undefined ? {} : { err }) };
    }
    case 0x69:
    case 0x68: {
      const at = reader.pos;
      return { tag: byte === 0x69 ? 'own' : 'borrow', resource: scope.resourceType(reader.u32(), at) };
    }
    case 0x66:
    case 0x65: {
      const element = optionalValue(`${byte === 0x66 ? 'stream' : 'future'} payload`);
      return element === undefined ? { tag: byte === 0x66 ? 'stream' : 'future' } : { tag: byte === 0x66 ? 'stream' : 'future', element };
    }
    default:
      throw reader.unknown(byte, 'type', start);
  }
}

function readCase(reader: ByteReader, scope: Scope): { name: string; type?: TypeNode } {
  const name = reader.string();
  const type = reader.optional((r) => readValueType(r, scope), 'case payload');
  // The obsolete `refines` clause: 0x00, or 0x01 and a case index.
  reader.optional((r) => r.u32(), 'case refinement');
  return type === undefined ? { name } : { name, type };
}

function nonEmpty<T>(items: T[], what: string, parts: string, at: number): T[] {
  if (items.length === 0) throw decodeError(`a ${what} type needs at least one of its ${parts}`, at);
  return items;
}

function readFuncType(reader: ByteReader, scope: Scope, isAsync: boolean): FuncNode {
  const params = reader.vec((r) => ({ name: r.string(), type: readValueType(r, scope) }));
  const start = reader.pos;
  const kind = reader.u8();
  if (kind === 0x00) return { tag: 'func', params, result: readValueType(reader, scope), async: isAsync };
  if (kind !== 0x01) throw reader.unknown(kind, 'function result kind', start);
  const count = reader.u32();
  if (count !== 0) throw decodeError('functions with named results are not supported (the component model has dropped them)', start);
  return { tag: 'func', params, async: isAsync };
}

function readInstanceType(reader: ByteReader, parent: Scope): InstanceNode {
  const scope = new Scope('instance type', parent);
  reader.each((r) => readDeclaration(r, scope));
  return { tag: 'instance', exports: scope.exports, created: scope.generated };
}

function readComponentType(reader: ByteReader, parent: Scope): ComponentNode {
  const scope = new Scope('component type', parent);
  reader.each((r) => readDeclaration(r, scope));
  return { tag: 'component', imports: scope.imports, exports: scope.exports, generated: scope.generated };
}

/** One `componentdecl` or `instancedecl`. */
function readDeclaration(reader: ByteReader, scope: Scope): void {
  const start = reader.pos;
  const kind = reader.u8();
  switch (kind) {
    case 0x00:
      skipCoreType(reader);
      return;
    case 0x01:
      scope.types.push(readTypeDefinition(reader, scope));
      return;
    case 0x02:
      readAlias(reader, scope);
      return;
    case 0x03:
      if (scope.kind !== 'component type') throw decodeError('an instance type cannot declare imports', start);
      declare(scope, scope.imports, reader.externName(), reader, start);
      return;
    case 0x04:
      declare(scope, scope.exports, reader.externName(), reader, start);
      return;
    default:
      throw reader.unknown(kind, `${scope.kind} declaration`, start);
  }
}

function declare(scope: Scope, into: Map<string, Extern>, name: ExternName, reader: ByteReader, at: number): void {
  const extern = readExternType(reader, scope);
  addUnique(into, name.name, extern, at);
  scope.push(extern);
}

/** Adds `name` to an import or export list, refusing duplicates. */
export function addUnique(into: Map<string, Extern>, name: string, extern: Extern, at: number): void {
  if (into.has(name)) throw decodeError(`\`${name}\` is declared twice`, at);
  into.set(name, extern);
}

/**
 * `externdesc`: the type of an import or export. A type import or export is a
 * new node: a new name for an `(eq T)` type, a new resource for `(sub resource)`.
 */
export function readExternType(reader: ByteReader, scope: Scope): Extern {
  const start = reader.pos;
  const kind = reader.u8();
  const at = reader.pos;
  switch (kind) {
    case 0x00: {
      const sort = reader.u8();
      if (sort !== 0x11) throw reader.unknown(sort, 'core extern kind (only core modules can be imported or exported)');
      reader.u32();
      return { sort: 'module', type: MODULE };
    }
    case 0x01:
      return { sort: 'func', type: scope.funcType(reader.u32(), at) };
    case 0x02: {
      const bound = reader.u8();
      if (bound === 0x00) return { sort: 'value', type: scope.value(reader.u32(), at + 1) };
      if (bound === 0x01) return { sort: 'value', type: readValueType(reader, scope) };
      throw reader.unknown(bound, 'value bound');
    }
    case 0x03: {
      const bound = reader.u8();
      let created: TypeNode;
      if (bound === 0x00) created = { tag: 'alias', target: scope.type(reader.u32(), at + 1) };
      else if (bound === 0x01) created = { tag: 'resource' };
      else throw reader.unknown(bound, 'type bound');
      scope.generated.push(created);
      return { sort: 'type', type: created };
    }
    case 0x04:
      return { sort: 'component', type: scope.componentType(reader.u32(), at) };
    case 0x05:
      return { sort: 'instance', type: freshInstance(scope.instanceType(reader.u32(), at), scope.generated) };
    default:
      throw reader.unknown(kind, 'extern kind', start);
  }
}

function article(kind: string): string {
  return kind.startsWith('instance') ? `an ${kind}` : `a ${kind}`;
}
