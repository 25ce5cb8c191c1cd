/**
 * One component: its preamble, then its sections in order, each read into the
 * component's index spaces. A nested component is read the same way, in a
 * scope whose parent is the enclosing component (for `outer` aliases); what it
 * imports and exports becomes its component type.
 */
import { readAlias, readSortIndex } from './aliases.js';
import { readCanon } from './canon.js';
import { Scope } from './index-spaces.js';
import { instantiate } from './instantiate.js';
import { describeSort, type ComponentNode, type Extern, type TypeNode } from './nodes.js';
import { DecodeProblem, decodeError, hex, within, type ByteReader } from './reader.js';
import { addUnique, readExternType, readTypeDefinition, readValueType } from './types.js';

const SECTION_NAMES = [
  'custom', 'core module', 'core instance', 'core type', 'component', 'instance', 'alias', 'type', 'canon', 'start', 'import', 'export', 'value',
] as const;

const MAGIC = [0x00, 0x61, 0x73, 0x6d];
const NESTED = 'the component nested at byte';
const COMPONENT_VERSION = 0x0d;

/** Reads a whole component (preamble and sections) from `reader` into a new scope. */
export function readComponent(reader: ByteReader, parent: Scope | undefined): Scope {
  readPreamble(reader);
  const scope = new Scope('component', parent);
  while (!reader.done) {
    const headerAt = reader.pos;
    const id = reader.u8();
    const name = SECTION_NAMES[id];
    if (name === undefined) throw decodeError(`unknown section id ${id}`, headerAt);
    const context = `the ${name} section`;
    const size = within(context, () => reader.u32());
    if (size > reader.end - reader.pos) {
      const problem = decodeError(`unexpected end of ${reader.end === reader.inputLength ? 'component' : 'section'}`, reader.end);
      problem.context = `${context} (which claims ${size} bytes from byte ${hex(reader.pos)})`;
      throw problem;
    }
    const body = reader.slice(size);
    within(context, () => {
      readSection(id, body, scope);
      const left = body.end - body.pos;
      if (left > 0) throw decodeError(`${left} unexpected ${left === 1 ? 'byte' : 'bytes'} at the end of the section`, body.pos);
    });
  }
  return scope;
}

function readPreamble(reader: ByteReader): void {
  const start = reader.pos;
  if (reader.end - start < 8) {
    if (!MAGIC.every((byte, i) => start + i >= reader.end || reader.byteAt(start + i) === byte)) throw notWasm(start);
    const problem = decodeError('unexpected end of component', reader.end);
    problem.context = 'the preamble';
    throw problem;
  }
  for (const byte of MAGIC) if (reader.u8() !== byte) throw notWasm(start);
  const version = reader.u8() | (reader.u8() << 8);
  const layer = reader.u8() | (reader.u8() << 8);
  if (layer === 0) throw decodeError('expected a component, found a core WebAssembly module (layer 0)', start + 6);
  if (layer !== 1) throw decodeError(`unknown WebAssembly layer ${layer} (a component has layer 1)`, start + 6);
  if (version !== COMPONENT_VERSION) {
    throw decodeError(`unsupported component binary version ${hex(version)} (this reader knows version ${hex(COMPONENT_VERSION)})`, start + 4);
  }
}

function notWasm(at: number): DecodeProblem {
  return decodeError('not a WebAssembly binary (it does not start with the bytes 00 61 73 6d)', at);
}

function readSection(id: number, body: ByteReader, scope: Scope): void {
  switch (id) {
    case 0: // custom
    case 1: // core module
    case 2: // core instance
    case 3: // core type
      body.skip(body.end - body.pos);
      return;
    case 4: {
      const start = body.pos;
      try {
        scope.components.push(componentType(readComponent(body, scope)));
      } catch (error) {
        // Only the innermost nested component is named: the offset says the rest.
        if (error instanceof DecodeProblem && !error.context?.includes(NESTED)) {
          const nested = `${NESTED} ${hex(start)}`;
          error.context = error.context === undefined ? nested : `${error.context} of ${nested}`;
        }
        throw error;
      }
      return;
    }
    case 5:
      body.each((r) => void scope.instances.push(readInstance(r, scope)));
      return;
    case 6:
      body.each((r) => readAlias(r, scope));
      return;
    case 7:
      body.each((r) => void scope.types.push(readTypeDefinition(r, scope)));
      return;
    case 8:
      body.each((r) => readCanon(r, scope));
      return;
    case 9:
      readStart(body, scope);
      return;
    case 10:
      body.each((r) => readImport(r, scope));
      return;
    case 11:
      body.each((r) => readExport(r, scope));
      return;
    case 12:
      body.each((r) => readValue(r, scope));
      return;
  }
}

export function componentType(scope: Scope): ComponentNode {
  return { tag: 'component', imports: scope.imports, exports: scope.exports, generated: scope.generated };
}

function readInstance(reader: ByteReader, scope: Scope): ReturnType<typeof instantiate> {
  const start = reader.pos;
  const kind = reader.u8();
  if (kind === 0x00) {
    const at = reader.pos;
    const component = scope.component(reader.u32(), at);
    const args = new Map<string, Extern>();
    reader.each((r) => {
      const argAt = r.pos;
      const name = r.string();
      addUnique(args, name, readSortIndex(r, scope, 'an instantiation argument'), argAt);
    });
    return instantiate(component, args, scope.generated, start);
  }
  if (kind === 0x01) {
    const exports = new Map<string, Extern>();
    reader.each((r) => {
      const exportAt = r.pos;
      const { name } = r.externName();
      addUnique(exports, name, readSortIndex(r, scope, 'an instance export'), exportAt);
    });
    return { tag: 'instance', exports, created: [] };
  }
  throw reader.unknown(kind, 'instance kind', start);
}

function readImport(reader: ByteReader, scope: Scope): void {
  const start = reader.pos;
  const name = reader.externName();
  const extern = readExternType(reader, scope);
  addUnique(scope.imports, name.name, extern, start);
  if (name.implements !== undefined) scope.importImplements.set(name.name, name.implements);
  scope.push(extern);
}

/**
 * An export adds a new item to its index space. An exported type is a new
 * name for the type (generated: new for every instance). A function's
 * ascription gives the type it is seen with from outside (wit-component's shims
 * use it to type exports with the exported type names); an instance or
 * component keeps its own type, whose resources are the real ones.
 */
function readExport(reader: ByteReader, scope: Scope): void {
  const start = reader.pos;
  const { name, implements: implementsName } = reader.externName();
  const item = readSortIndex(reader, scope, 'an export');
  const ascribedAt = reader.pos;
  const ascribed = reader.optional((r) => readExternType(r, scope), 'export type');
  if (ascribed !== undefined && ascribed.sort !== item.sort) {
    throw decodeError(`export \`${name}\` is ${describeSort(item.sort)} but is given the type of ${describeSort(ascribed.sort)}`, ascribedAt);
  }
  let extern: Extern = ascribed?.sort === 'func' ? ascribed : item;
  if (item.sort === 'type') {
    const eq = ascribed?.type.tag === 'alias' ? ascribed.type.target : item.type;
    const created: TypeNode = { tag: 'alias', target: eq };
    scope.generated.push(created);
    extern = { sort: 'type', type: created };
  }
  addUnique(scope.exports, name, extern, start);
  if (implementsName !== undefined) scope.exportImplements.set(name, implementsName);
  scope.push(extern);
}

function readStart(reader: ByteReader, scope: Scope): void {
  const at = reader.pos;
  const func = scope.func(reader.u32(), at);
  reader.each((r) => {
    const valueAt = r.pos;
    scope.value(r.u32(), valueAt);
  });
  const resultsAt = reader.pos;
  const results = reader.u32();
  if (results > (func.result === undefined ? 0 : 1)) throw decodeError(`start function returns fewer than ${results} values`, resultsAt);
  if (func.result !== undefined && results === 1) scope.values.push(func.result);
}

function readValue(reader: ByteReader, scope: Scope): void {
  const type = readValueType(reader, scope);
  reader.skip(reader.u32());
  scope.values.push(type);
}
