/**
 * Just enough of the component binary format to compose components: reading
 * the top level of a component (its sections, and the names and sorts of its
 * imports and exports, with the index each one takes), and encoding
 * unsigned LEB128 and names. The full decoder is src/wit/binary/; this reads
 * only what composition needs and leaves nested components as opaque bytes.
 */
import { ProxyComponentError } from '../../errors.js';

/** Component-level sorts, with their binary codes. */
export const SORT = { func: 0x01, value: 0x02, type: 0x03, component: 0x04, instance: 0x05 } as const;
export type Sort = keyof typeof SORT;
const SORT_BY_CODE = new Map<number, Sort>(Object.entries(SORT).map(([name, code]) => [code, name as Sort]));

export const SECTION = { custom: 0, coreModule: 1, coreInstance: 2, coreType: 3, component: 4, instance: 5, alias: 6, type: 7, canon: 8, start: 9, import: 10, export: 11, value: 12 } as const;

export interface Section {
  readonly id: number;
  /** The whole section: id, size and content. */
  readonly bytes: Uint8Array;
  readonly content: Uint8Array;
}

export interface Item {
  readonly name: string;
  readonly sort: Sort;
  /** The index the item takes in its sort's index space. */
  readonly index: number;
}

export interface TopLevel {
  readonly sections: readonly Section[];
  readonly imports: readonly Item[];
  readonly exports: readonly Item[];
  /**
   * How many items each sort's index space holds after the sections read, as
   * far as types, imports, aliases, instances and exports go (canon and other
   * definitions are not counted: use this for import prefixes).
   */
  readonly counts: Record<Sort, number>;
}

class Reader {
  pos: number;
  constructor(
    readonly bytes: Uint8Array,
    start = 0,
    readonly end = bytes.length,
  ) {
    this.pos = start;
  }
  u8(): number {
    if (this.pos >= this.end) throw malformed('unexpected end of section');
    return this.bytes[this.pos++] as number;
  }
  u32(): number {
    let result = 0;
    let shift = 0;
    for (;;) {
      const byte = this.u8();
      result += (byte & 0x7f) * 2 ** shift;
      if ((byte & 0x80) === 0) return result;
      shift += 7;
      if (shift > 35) throw malformed('integer too long');
    }
  }
  string(): string {
    const length = this.u32();
    const text = new TextDecoder().decode(this.bytes.subarray(this.pos, this.pos + length));
    this.pos += length;
    return text;
  }
  externName(): string {
    const kind = this.u8();
    const name = this.string();
    if (kind === 0x02) {
      const options = this.u32();
      for (let i = 0; i < options; i++) {
        this.u8();
        this.string();
      }
    }
    return name;
  }
  sort(): Sort | 'core' {
    const code = this.u8();
    if (code === 0x00) {
      this.u8();
      return 'core';
    }
    const sort = SORT_BY_CODE.get(code);
    if (sort === undefined) throw malformed(`unknown sort 0x${code.toString(16)}`);
    return sort;
  }
  /** An externdesc; returns its sort. */
  externDesc(): Sort | 'core' {
    const code = this.u8();
    switch (code) {
      case 0x00:
        this.u8();
        this.u32();
        return 'core';
      case 0x02:
        throw malformed('value imports are not supported');
      case 0x03:
        if (this.u8() === 0x00) this.u32();
        return 'type';
      default: {
        const sort = SORT_BY_CODE.get(code);
        if (sort === undefined) throw malformed(`unknown extern kind 0x${code.toString(16)}`);
        this.u32();
        return sort;
      }
    }
  }
}

function malformed(detail: string): ProxyComponentError {
  return new ProxyComponentError('COMPONENT_DECODE', `cannot compose: ${detail}`);
}

/** The top level of a component binary. */
export function readTopLevel(bytes: Uint8Array): TopLevel {
  if (bytes.length < 8 || bytes[0] !== 0x00 || bytes[1] !== 0x61 || bytes[2] !== 0x73 || bytes[3] !== 0x6d || bytes[6] !== 0x01) {
    throw malformed('not a component binary');
  }
  const sections: Section[] = [];
  const imports: Item[] = [];
  const exports: Item[] = [];
  const counts: Record<Sort, number> = { func: 0, value: 0, type: 0, component: 0, instance: 0 };
  const take = (sort: Sort | 'core'): number => (sort === 'core' ? -1 : counts[sort]++);
  const reader = new Reader(bytes, 8);
  while (reader.pos < bytes.length) {
    const start = reader.pos;
    const id = reader.u8();
    const size = reader.u32();
    const contentStart = reader.pos;
    const end = contentStart + size;
    sections.push({ id, bytes: bytes.subarray(start, end), content: bytes.subarray(contentStart, end) });
    const r = new Reader(bytes, contentStart, end);
    switch (id) {
      case SECTION.type:
        counts.type += r.u32();
        break;
      case SECTION.component:
        counts.component++;
        break;
      case SECTION.instance:
        counts.instance += r.u32();
        break;
      case SECTION.import: {
        const n = r.u32();
        for (let i = 0; i < n; i++) {
          const name = r.externName();
          const sort = r.externDesc();
          if (sort !== 'core') imports.push({ name, sort, index: take(sort) });
        }
        break;
      }
      case SECTION.alias: {
        const n = r.u32();
        for (let i = 0; i < n; i++) {
          const sort = r.sort();
          const target = r.u8();
          if (target === 0x00 || target === 0x01) {
            r.u32();
            r.string();
          } else {
            r.u32();
            r.u32();
          }
          take(sort);
        }
        break;
      }
      case SECTION.export: {
        const n = r.u32();
        for (let i = 0; i < n; i++) {
          const name = r.externName();
          const sort = r.sort();
          r.u32();
          if (r.u8() === 0x01) r.externDesc();
          if (sort !== 'core') exports.push({ name, sort, index: take(sort) });
        }
        break;
      }
      default:
        break;
    }
    reader.pos = end;
  }
  return { sections, imports, exports, counts };
}

// ---- encoding --------------------------------------------------------------

export function u32(value: number): number[] {
  const out: number[] = [];
  let v = value >>> 0;
  do {
    let byte = v & 0x7f;
    v >>>= 7;
    if (v !== 0) byte |= 0x80;
    out.push(byte);
  } while (v !== 0);
  return out;
}

export function name(text: string): number[] {
  const bytes = new TextEncoder().encode(text);
  return [...u32(bytes.length), ...bytes];
}

/** A section: id, size, content. */
export function section(id: number, content: readonly number[] | Uint8Array): Uint8Array {
  const size = u32(content.length);
  const out = new Uint8Array(1 + size.length + content.length);
  out[0] = id;
  out.set(size, 1);
  out.set(content, 1 + size.length);
  return out;
}
