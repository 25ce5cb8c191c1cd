/**
 * The byte encoding of values between the generated core virtualizers and the
 * tracer component: exact for every carriable type (64-bit integers, float
 * bit patterns, any string), simple to write and read from core Wasm.
 *
 * | type                          | bytes                                        |
 * |-------------------------------|----------------------------------------------|
 * | bool, s8, u8                  | 1                                            |
 * | s16, u16                      | 2, little-endian                             |
 * | s32, u32, char (code point)   | 4, little-endian                             |
 * | s64, u64                      | 8, little-endian                             |
 * | f32, f64                      | 4 / 8: the IEEE bits, little-endian          |
 * | string                        | u32 byte length, then UTF-8                  |
 * | list<T>                       | u32 count, then the elements                 |
 * | record, tuple, list<T, N>     | the fields in order                          |
 * | variant, enum, option, result | u32 case index, then the payload if any      |
 * | flags                         | u32 bit set (bit i = flag i)                 |
 * | own<r>, borrow<r>             | u32: the handle's number in the trace (`#N`) |
 *
 * The same layout as the canonical ABI's memory form, without padding and
 * with strings and lists inline. Handles travel as trace numbers: the
 * virtualizers translate them to and from the handles of each side.
 */
import { ProxyComponentError } from '../errors.js';
import type { WitType } from '../wit/types.js';
import { ResourceHandle, type CaseValue, type RecordValue, type Value } from '../values/value.js';
import { sequenceFields, variantCases } from './abi.js';

export class ByteWriter {
  private buffer = new Uint8Array(256);
  private view = new DataView(this.buffer.buffer);
  length = 0;

  /** Room for n more bytes; returns where they go. Callers take the offset before touching `view`, which growing replaces. */
  private reserve(n: number): number {
    const at = this.length;
    if (at + n > this.buffer.length) {
      const bigger = new Uint8Array(Math.max(this.buffer.length * 2, at + n));
      bigger.set(this.buffer.subarray(0, at));
      this.buffer = bigger;
      this.view = new DataView(bigger.buffer);
    }
    this.length += n;
    return at;
  }

  u8(v: number): void {
    const at = this.reserve(1);
    this.view.setUint8(at, v);
  }
  u16(v: number): void {
    const at = this.reserve(2);
    this.view.setUint16(at, v, true);
  }
  u32(v: number): void {
    const at = this.reserve(4);
    this.view.setUint32(at, v >>> 0, true);
  }
  u64(v: bigint): void {
    const at = this.reserve(8);
    this.view.setBigUint64(at, BigInt.asUintN(64, v), true);
  }
  f32(v: number): void {
    const at = this.reserve(4);
    this.view.setFloat32(at, v, true);
  }
  f64(v: number): void {
    const at = this.reserve(8);
    this.view.setFloat64(at, v, true);
  }
  bytes(data: Uint8Array): void {
    const at = this.reserve(data.length);
    this.buffer.set(data, at);
  }
  finish(): Uint8Array {
    return this.buffer.slice(0, this.length);
  }
}

export class ByteReader {
  private readonly view: DataView;
  offset = 0;

  constructor(private readonly data: Uint8Array) {
    this.view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  }

  private take(n: number): number {
    const at = this.offset;
    if (at + n > this.data.length) throw new ProxyComponentError('VALUE_TYPE', 'the virtualizer sent fewer bytes than the value needs');
    this.offset += n;
    return at;
  }

  u8(): number {
    return this.view.getUint8(this.take(1));
  }
  u16(): number {
    return this.view.getUint16(this.take(2), true);
  }
  u32(): number {
    return this.view.getUint32(this.take(4), true);
  }
  u64(): bigint {
    return this.view.getBigUint64(this.take(8), true);
  }
  f32(): number {
    return this.view.getFloat32(this.take(4), true);
  }
  f64(): number {
    return this.view.getFloat64(this.take(8), true);
  }
  bytes(n: number): Uint8Array {
    const at = this.take(n);
    return this.data.subarray(at, at + n);
  }
  get done(): boolean {
    return this.offset === this.data.length;
  }
}

export function encodeValues(types: readonly WitType[], values: readonly Value[]): Uint8Array {
  const writer = new ByteWriter();
  types.forEach((type, i) => writeValue(writer, type, values[i] as Value));
  return writer.finish();
}

export function decodeValues(types: readonly WitType[], data: Uint8Array): Value[] {
  const reader = new ByteReader(data);
  const values = types.map((type) => readValue(reader, type));
  if (!reader.done) throw new ProxyComponentError('VALUE_TYPE', `the virtualizer sent ${data.length - reader.offset} byte(s) more than the values need`);
  return values;
}

export function writeValue(w: ByteWriter, type: WitType, value: Value): void {
  switch (type.kind) {
    case 'bool':
      return w.u8(value === true ? 1 : 0);
    case 's8':
    case 'u8':
      return w.u8((value as number) & 0xff);
    case 's16':
    case 'u16':
      return w.u16((value as number) & 0xffff);
    case 's32':
    case 'u32':
      return w.u32(value as number);
    case 's64':
    case 'u64':
      return w.u64(value as bigint);
    case 'f32':
      return w.f32(value as number);
    case 'f64':
      return w.f64(value as number);
    case 'char':
      return w.u32((value as string).codePointAt(0) as number);
    case 'string': {
      const bytes = utf8Encode(value as string);
      w.u32(bytes.length);
      return w.bytes(bytes);
    }
    case 'flags': {
      const set = new Set(value as readonly string[]);
      let bits = 0;
      type.flags.forEach((flag, i) => {
        if (set.has(flag)) bits |= 1 << i;
      });
      return w.u32(bits >>> 0);
    }
    case 'list':
      if (type.length === undefined) {
        const items = value as readonly Value[];
        w.u32(items.length);
        for (const item of items) writeValue(w, type.element, item);
        return;
      }
      for (const item of value as readonly Value[]) writeValue(w, type.element, item);
      return;
    case 'tuple':
      type.elements.forEach((element, i) => writeValue(w, element, (value as readonly Value[])[i] as Value));
      return;
    case 'record':
      for (const field of type.fields) writeValue(w, field.type, (value as RecordValue)[field.name] ?? { tag: 'none' });
      return;
    case 'own':
    case 'borrow':
      if (!(value instanceof ResourceHandle)) throw new ProxyComponentError('VALUE_TYPE', `expected a resource handle, found ${String(value)}`);
      return w.u32(value.id);
    case 'enum': {
      const index = type.cases.indexOf(value as string);
      if (index < 0) throw new ProxyComponentError('VALUE_TYPE', `\`${String(value)}\` is not a case of the enum`);
      return w.u32(index);
    }
    default: {
      const cases = variantCases(type);
      if (cases === undefined) throw new ProxyComponentError('WIT_UNSUPPORTED', `the virtualizer cannot carry values of type ${type.kind}`);
      const caseValue = value as CaseValue;
      const index = cases.findIndex((c) => c.name === caseValue.tag);
      if (index < 0) throw new ProxyComponentError('VALUE_TYPE', `\`${caseValue.tag}\` is not a case of the type`);
      w.u32(index);
      const payload = cases[index]?.type;
      if (payload !== undefined) writeValue(w, payload, caseValue.value as Value);
    }
  }
}

export function readValue(r: ByteReader, type: WitType): Value {
  switch (type.kind) {
    case 'bool':
      return r.u8() !== 0;
    case 's8':
      return (r.u8() << 24) >> 24;
    case 'u8':
      return r.u8();
    case 's16':
      return (r.u16() << 16) >> 16;
    case 'u16':
      return r.u16();
    case 's32':
      return r.u32() | 0;
    case 'u32':
      return r.u32();
    case 's64':
      return BigInt.asIntN(64, r.u64());
    case 'u64':
      return r.u64();
    case 'f32':
      return r.f32();
    case 'f64':
      return r.f64();
    case 'char':
      return String.fromCodePoint(r.u32());
    case 'string':
      return utf8Decode(r.bytes(r.u32()));
    case 'flags': {
      const bits = r.u32();
      return type.flags.filter((_, i) => (bits & (1 << i)) !== 0);
    }
    case 'list': {
      const count = type.length ?? r.u32();
      const items: Value[] = [];
      for (let i = 0; i < count; i++) items.push(readValue(r, type.element));
      return items;
    }
    case 'tuple':
      return type.elements.map((element) => readValue(r, element));
    case 'record': {
      const record: Record<string, Value> = {};
      for (const field of type.fields) record[field.name] = readValue(r, field.type);
      return record;
    }
    case 'own':
    case 'borrow':
      return new ResourceHandle(r.u32());
    case 'enum': {
      const name = type.cases[r.u32()];
      if (name === undefined) throw new ProxyComponentError('VALUE_TYPE', 'enum case index out of range');
      return name;
    }
    default: {
      const cases = variantCases(type);
      if (cases === undefined || sequenceFields(type) !== undefined) throw new ProxyComponentError('WIT_UNSUPPORTED', `the virtualizer cannot carry values of type ${type.kind}`);
      const chosen = cases[r.u32()];
      if (chosen === undefined) throw new ProxyComponentError('VALUE_TYPE', 'case index out of range');
      return chosen.type === undefined ? { tag: chosen.name } : { tag: chosen.name, value: readValue(r, chosen.type) };
    }
  }
}

/** UTF-8 without TextEncoder, which QuickJS does not have. */
export function utf8Encode(text: string): Uint8Array {
  const out: number[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0) as number;
    if (cp < 0x80) out.push(cp);
    else if (cp < 0x800) out.push(0xc0 | (cp >> 6), 0x80 | (cp & 0x3f));
    else if (cp < 0x10000) out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
    else out.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 0x3f), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
  }
  return Uint8Array.from(out);
}

/** UTF-8 decoding of well-formed input (the canonical ABI has validated it); malformed bytes become U+FFFD. */
export function utf8Decode(bytes: Uint8Array): string {
  let text = '';
  let chunk: number[] = [];
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i] as number;
    let cp: number;
    let n: number;
    if (b < 0x80) [cp, n] = [b, 1];
    else if (b >= 0xf0) [cp, n] = [((b & 0x07) << 18) | ((at(bytes, i + 1) & 0x3f) << 12) | ((at(bytes, i + 2) & 0x3f) << 6) | (at(bytes, i + 3) & 0x3f), 4];
    else if (b >= 0xe0) [cp, n] = [((b & 0x0f) << 12) | ((at(bytes, i + 1) & 0x3f) << 6) | (at(bytes, i + 2) & 0x3f), 3];
    else if (b >= 0xc0) [cp, n] = [((b & 0x1f) << 6) | (at(bytes, i + 1) & 0x3f), 2];
    else [cp, n] = [0xfffd, 1];
    chunk.push(cp);
    i += n;
    if (chunk.length >= 4096) {
      text += String.fromCodePoint(...chunk);
      chunk = [];
    }
  }
  return text + String.fromCodePoint(...chunk);
}

function at(bytes: Uint8Array, i: number): number {
  return bytes[i] ?? 0;
}
