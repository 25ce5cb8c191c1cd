/**
 * Renames some top-level imports of a component binary, leaving every other
 * byte as it is: imports are used by index inside a component, never by
 * name, so a renamed import is the same component asking its host for an
 * item by another name. The wasmtime engine renames the WASI imports that the
 * replay component leaves to the host, so that wasmtime's own WASI does not
 * answer them (see unanswered-imports.ts).
 */
import { ProxyComponentError } from '../../errors.js';
import { name, section, u32 } from '../../instrument/compose/sections.js';
import { ByteReader, DecodeProblem } from '../../wit/binary/reader.js';

const IMPORT_SECTION = 10;
const HEADER_LENGTH = 8;

/** The component with each import named in `renames` renamed; every name in `renames` must be imported. */
export function renameImports(bytes: Uint8Array, renames: ReadonlyMap<string, string>): Uint8Array {
  if (renames.size === 0) return bytes;
  const parts: Uint8Array[] = [bytes.subarray(0, HEADER_LENGTH)];
  const renamed = new Set<string>();
  try {
    const reader = new ByteReader(bytes, HEADER_LENGTH, bytes.length);
    while (!reader.done) {
      const start = reader.pos;
      const id = reader.u8();
      const size = reader.u32();
      const content = reader.slice(size);
      if (id !== IMPORT_SECTION) {
        parts.push(bytes.subarray(start, content.end));
        continue;
      }
      parts.push(section(IMPORT_SECTION, importSection(bytes, content, renames, renamed)));
    }
  } catch (error) {
    if (error instanceof DecodeProblem) throw new ProxyComponentError('COMPONENT_DECODE', `cannot rename the component's imports: ${error.message}`);
    throw error;
  }
  const missing = [...renames.keys()].filter((original) => !renamed.has(original));
  if (missing.length > 0) throw new ProxyComponentError('COMPONENT_DECODE', `cannot rename the component's imports: it does not import ${missing.join(', ')}`);
  return concat(parts);
}

function importSection(bytes: Uint8Array, reader: ByteReader, renames: ReadonlyMap<string, string>, renamed: Set<string>): number[] {
  const count = reader.u32();
  const out = [...u32(count)];
  for (let i = 0; i < count; i++) {
    const kind = reader.u8();
    const original = reader.string();
    const afterName = reader.pos;
    if (kind === 0x02) reader.each((r) => (r.u8(), r.skipString()));
    skipExternDesc(reader);
    const replacement = renames.get(original);
    if (replacement !== undefined) renamed.add(original);
    out.push(kind, ...name(replacement ?? original), ...bytes.subarray(afterName, reader.pos));
  }
  return out;
}

/** Skips an externdesc: what is imported, by sort and type index. */
function skipExternDesc(reader: ByteReader): void {
  const start = reader.pos;
  const sort = reader.u8();
  switch (sort) {
    case 0x00:
      reader.u8();
      reader.u32();
      return;
    case 0x03:
      if (reader.u8() === 0x00) reader.u32();
      return;
    case 0x01:
    case 0x04:
    case 0x05:
      reader.u32();
      return;
    default:
      throw new DecodeProblem(`an import of kind 0x${sort.toString(16)} (value imports are not supported)`, start);
  }
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
