/**
 * Bytes of a component binary: fixed-size integers, LEB128, names and vectors,
 * each read with a bounds check. Offsets are absolute in the whole input, also
 * inside nested components, so every error can say where it happened.
 */
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** `0x1f2`: how offsets appear in messages. */
export function hex(offset: number): string {
  return `0x${offset.toString(16)}`;
}

/**
 * A problem found while decoding, with the offset it is at. The section being
 * read adds itself as `context` on the way out; decode.ts turns the problem into
 * the public `ProxyComponentError`.
 */
export class DecodeProblem extends Error {
  context: string | undefined;

  constructor(
    readonly detail: string,
    readonly offset: number,
  ) {
    super(`${detail} at byte ${hex(offset)}`);
  }
}

export function decodeError(detail: string, offset: number): DecodeProblem {
  return new DecodeProblem(detail, offset);
}

/** Runs `read`, marking problems it throws that have no context yet as found while reading `context`. */
export function within<T>(context: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof DecodeProblem && error.context === undefined) error.context = context;
    throw error;
  }
}

export interface ExternName {
  readonly name: string;
  /** The interface (`ns:pkg/iface@version`) a plainly named import or export implements. */
  readonly implements?: string;
}

export class ByteReader {
  constructor(
    private readonly bytes: Uint8Array,
    public pos: number,
    /** One past the last byte this reader may read. */
    public readonly end: number,
  ) {}

  /** The length of the whole input. */
  get inputLength(): number {
    return this.bytes.length;
  }

  get done(): boolean {
    return this.pos >= this.end;
  }

  /** A reader of the next `length` bytes; this one skips past them. */
  slice(length: number): ByteReader {
    const start = this.pos;
    if (length > this.end - start) throw this.endError(this.end);
    this.pos += length;
    return new ByteReader(this.bytes, start, start + length);
  }

  skip(length: number): void {
    if (length > this.end - this.pos) throw this.endError(this.end);
    this.pos += length;
  }

  peek(): number {
    if (this.pos >= this.end) throw this.endError(this.pos);
    return this.bytes[this.pos] as number;
  }

  /** The byte at an offset already read (for messages). */
  byteAt(offset: number): number {
    return this.bytes[offset] ?? 0;
  }

  u8(): number {
    const byte = this.peek();
    this.pos += 1;
    return byte;
  }

  /** An unsigned LEB128 of at most 32 bits. */
  u32(): number {
    const start = this.pos;
    let result = 0;
    for (let shift = 0; shift < 35; shift += 7) {
      const byte = this.u8();
      if (shift === 28 && (byte & 0x70) !== 0) throw decodeError('integer is too large for 32 bits', start);
      result += (byte & 0x7f) * 2 ** shift;
      if ((byte & 0x80) === 0) return result;
    }
    throw decodeError('integer representation is too long', start);
  }

  /** An unsigned LEB128 of at most 64 bits, as a number (only skipped or compared, never used as an index). */
  u64(): number {
    const start = this.pos;
    let result = 0;
    for (let shift = 0; shift < 70; shift += 7) {
      const byte = this.u8();
      if (shift === 63 && (byte & 0x7e) !== 0) throw decodeError('integer is too large for 64 bits', start);
      result += (byte & 0x7f) * 2 ** shift;
      if ((byte & 0x80) === 0) return result;
    }
    throw decodeError('integer representation is too long', start);
  }

  /** A signed LEB128 of at most 33 bits (type indices and heap types). */
  s33(): number {
    const start = this.pos;
    let result = 0;
    for (let shift = 0; shift < 35; shift += 7) {
      const byte = this.u8();
      result += (byte & 0x7f) * 2 ** shift;
      if ((byte & 0x80) === 0) {
        const bits = shift + 7;
        if (shift === 28 && (byte & 0x70) !== 0 && (byte & 0x70) !== 0x70) throw decodeError('integer is too large for 33 bits', start);
        return (byte & 0x40) !== 0 ? result - 2 ** bits : result;
      }
    }
    throw decodeError('integer representation is too long', start);
  }

  /** Skips a length-prefixed string that is not needed (core names). */
  skipString(): void {
    this.skip(this.u32());
  }

  /** A length-prefixed UTF-8 string. */
  string(): string {
    const start = this.pos;
    const length = this.u32();
    if (length > this.end - this.pos) throw this.endError(this.end);
    const from = this.pos;
    this.pos += length;
    return this.utf8(from, start);
  }

  private utf8(from: number, start: number): string {
    try {
      return utf8.decode(this.bytes.subarray(from, this.pos));
    } catch {
      throw decodeError('name is not valid UTF-8', start);
    }
  }

  /**
   * An import or export name: 0x00 (or the older 0x01) and the name, or 0x02,
   * the name and options: the interface a plainly named item implements
   * (`import my-store: ns:pkg/store`), a version suffix, an external id.
   */
  externName(): ExternName {
    const start = this.pos;
    const kind = this.u8();
    if (kind === 0x00 || kind === 0x01) return { name: this.string() };
    if (kind !== 0x02) throw decodeError(`unknown name kind ${hex(kind)}`, start);
    let name = this.string();
    let implementsName: string | undefined;
    this.each((r) => {
      const optionAt = r.pos;
      const option = r.u8();
      const value = r.string();
      if (option === 0x00) implementsName = value;
      else if (option === 0x01) name += value;
      else if (option !== 0x02) throw r.unknown(option, 'name option', optionAt);
    });
    return implementsName === undefined ? { name } : { name, implements: implementsName };
  }

  /** A vector: a u32 count, then that many items. Never preallocates, so a bad count cannot exhaust memory. */
  vec<T>(item: (reader: this) => T): T[] {
    const count = this.u32();
    const items: T[] = [];
    for (let i = 0; i < count; i++) items.push(item(this));
    return items;
  }

  /** A vector read for its effects only: a u32 count, then that many items. */
  each(item: (reader: this) => void): void {
    const count = this.u32();
    for (let i = 0; i < count; i++) item(this);
  }

  /** `0x00` (absent) or `0x01 T` (present). */
  optional<T>(item: (reader: this) => T, what: string): T | undefined {
    const start = this.pos;
    const flag = this.u8();
    if (flag === 0x00) return undefined;
    if (flag === 0x01) return item(this);
    throw decodeError(`invalid ${what} marker ${hex(flag)}`, start);
  }

  /** A byte that has to be one of a few values; anything else is reported as an unknown `what`. */
  unknown(byte: number, what: string, at = this.pos - 1): DecodeProblem {
    return decodeError(`unknown ${what} ${hex(byte)}`, at);
  }

  private endError(at: number): DecodeProblem {
    const where = at >= this.bytes.length ? 'component' : 'section';
    return decodeError(`unexpected end of ${where}`, Math.min(at, this.bytes.length));
  }
}
