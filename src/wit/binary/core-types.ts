/**
 * Core WebAssembly types that can appear inside component and instance type
 * declarations (`core:type`: function types, GC types, module types). Nothing
 * in them matters for a WIT world, but they have no length prefix, so they are
 * parsed just far enough to be skipped.
 */
import type { ByteReader } from './reader.js';

/** `core:type`: a module type, or a (possibly recursive) group of core types. */
export function skipCoreType(reader: ByteReader): void {
  const byte = reader.peek();
  if (byte === 0x50) {
    reader.u8();
    reader.each(skipModuleDeclaration);
  } else if (byte === 0x00) {
    // A non-final GC sub type, prefixed with 0x00 to tell it from a module type.
    reader.u8();
    if (reader.peek() !== 0x50) throw reader.unknown(reader.peek(), 'core sub type', reader.pos);
    skipRecGroup(reader);
  } else {
    skipRecGroup(reader);
  }
}

function skipModuleDeclaration(reader: ByteReader): void {
  const start = reader.pos;
  const kind = reader.u8();
  switch (kind) {
    case 0x00: // import
      reader.skipString();
      reader.skipString();
      skipImportDescription(reader);
      return;
    case 0x01: // type
      skipRecGroup(reader);
      return;
    case 0x02: {
      // outer alias of a core type
      const sort = reader.u8();
      if (sort !== 0x10) throw reader.unknown(sort, 'core alias sort');
      const target = reader.u8();
      if (target !== 0x01) throw reader.unknown(target, 'core alias target');
      reader.u32();
      reader.u32();
      return;
    }
    case 0x03: // export
      reader.skipString();
      skipImportDescription(reader);
      return;
    default:
      throw reader.unknown(kind, 'module type declaration', start);
  }
}

function skipRecGroup(reader: ByteReader): void {
  if (reader.peek() === 0x4e) {
    reader.u8();
    reader.each(skipSubType);
  } else {
    skipSubType(reader);
  }
}

function skipSubType(reader: ByteReader): void {
  const byte = reader.peek();
  if (byte === 0x50 || byte === 0x4f) {
    reader.u8();
    reader.each((r) => r.u32());
  }
  skipCompositeType(reader);
}

function skipCompositeType(reader: ByteReader): void {
  const start = reader.pos;
  const byte = reader.u8();
  switch (byte) {
    case 0x65: // shared
      skipCompositeType(reader);
      return;
    case 0x60: // func
      reader.each(skipValueType);
      reader.each(skipValueType);
      return;
    case 0x5f: // struct
      reader.each(skipFieldType);
      return;
    case 0x5e: // array
      skipFieldType(reader);
      return;
    case 0x5d: // continuation
      reader.s33();
      return;
    default:
      throw reader.unknown(byte, 'core type', start);
  }
}

function skipFieldType(reader: ByteReader): void {
  const byte = reader.peek();
  if (byte === 0x78 || byte === 0x77) reader.u8(); // i8, i16
  else skipValueType(reader);
  skipMutability(reader);
}

function skipMutability(reader: ByteReader): void {
  const flag = reader.u8();
  if (flag > 0x01) throw reader.unknown(flag, 'mutability flag');
}

/** i32, i64, f32, f64, v128, and reference types (abbreviated, or `ref null? heaptype`). */
function skipValueType(reader: ByteReader): void {
  const start = reader.pos;
  const byte = reader.u8();
  if (byte >= 0x7b && byte <= 0x7f) return;
  if (byte === 0x63 || byte === 0x64) {
    skipHeapType(reader);
    return;
  }
  if (byte >= 0x69 && byte <= 0x75) return;
  throw reader.unknown(byte, 'core value type', start);
}

function skipHeapType(reader: ByteReader): void {
  if (reader.peek() === 0x65) {
    reader.u8();
    reader.u8();
    return;
  }
  reader.s33();
}

function skipReferenceType(reader: ByteReader): void {
  const start = reader.pos;
  const byte = reader.peek();
  if (byte === 0x63 || byte === 0x64 || (byte >= 0x69 && byte <= 0x75)) {
    skipValueType(reader);
    return;
  }
  throw reader.unknown(byte, 'core reference type', start);
}

function skipImportDescription(reader: ByteReader): void {
  const start = reader.pos;
  const kind = reader.u8();
  switch (kind) {
    case 0x00: // func
      reader.u32();
      return;
    case 0x01: // table
      skipReferenceType(reader);
      skipLimits(reader);
      return;
    case 0x02: // memory
      skipLimits(reader);
      return;
    case 0x03: // global
      skipValueType(reader);
      skipMutability(reader);
      return;
    case 0x04: {
      // tag
      const attribute = reader.u8();
      if (attribute !== 0x00) throw reader.unknown(attribute, 'tag attribute');
      reader.u32();
      return;
    }
    default:
      throw reader.unknown(kind, 'core import kind', start);
  }
}

/** Table and memory limits: flags (max, shared, 64-bit, custom page size), min, max?, page size?. */
function skipLimits(reader: ByteReader): void {
  const start = reader.pos;
  const flags = reader.u8();
  if (flags > 0x0f) throw reader.unknown(flags, 'limits flags', start);
  const wide = (flags & 0x04) !== 0;
  if (wide) reader.u64();
  else reader.u32();
  if ((flags & 0x01) !== 0) {
    if (wide) reader.u64();
    else reader.u32();
  }
  if ((flags & 0x08) !== 0) reader.u32();
}
