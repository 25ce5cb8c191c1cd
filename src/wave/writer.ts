/**
 * The output buffer of the printers: UTF-16 code units in one growing
 * Uint16Array, turned into a string once at the end. Appending many small
 * pieces to a JS string builds a rope that is slow to flatten, and UTF-8
 * would cost an encode per string and a decode at the end; copying code
 * units costs neither. One writer is reused across prints.
 */
import { astralNeedsEscape, bmpEscapeTable, escapeCharacter, NEEDS_ESCAPE_ASCII } from './string-escape.js';

let table: Uint8Array | undefined;

/** Whether a Uint16Array's bytes are little-endian, as the `ucs2` decoder reads them. */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

export class WaveWriter {
  buf = new Uint16Array(1 << 12);
  n = 0;

  reset(): void {
    this.n = 0;
    if (this.buf.length > 1 << 24) this.buf = new Uint16Array(1 << 12); // do not hold on to huge buffers
  }

  /** Makes room for `extra` more code units. */
  reserve(extra: number): void {
    if (this.n + extra > this.buf.length) this.grow(extra);
  }

  private grow(extra: number): void {
    let size = this.buf.length * 2;
    while (size < this.n + extra) size *= 2;
    const bigger = new Uint16Array(size);
    bigger.set(this.buf.subarray(0, this.n));
    this.buf = bigger;
  }

  byte(code: number): void {
    if (this.n >= this.buf.length) this.grow(1);
    this.buf[this.n++] = code;
  }

  /** Writes any text. */
  write(text: string): void {
    const length = text.length;
    if (this.n + length > this.buf.length) this.grow(length);
    const buf = this.buf;
    let n = this.n;
    for (let i = 0; i < length; i++) buf[n++] = text.charCodeAt(i);
    this.n = n;
  }

  /** Writes a non-negative integer below 2^53. */
  uint(value: number): void {
    if (value < 10) {
      this.byte(0x30 + value);
    } else if (value < 100) {
      this.reserve(2);
      const tens = (value / 10) | 0;
      this.buf[this.n++] = 0x30 + tens;
      this.buf[this.n++] = 0x30 + value - tens * 10;
    } else if (value < 1000) {
      this.reserve(3);
      const hundreds = (value / 100) | 0;
      const rest = value - hundreds * 100;
      const tens = (rest / 10) | 0;
      this.buf[this.n++] = 0x30 + hundreds;
      this.buf[this.n++] = 0x30 + tens;
      this.buf[this.n++] = 0x30 + rest - tens * 10;
    } else {
      this.write('' + value);
    }
  }

  /** Writes `digits` × 10^-`scale` in plain decimal (`digits` a non-negative integer below 2^53). */
  decimal(digits: number, scale: number): void {
    let length = 1;
    for (let t = digits; t >= 10; t = Math.floor(t / 10)) length++;
    const width = scale === 0 ? length : scale >= length ? scale + 2 : length + 1;
    this.reserve(width);
    const buf = this.buf;
    const start = this.n;
    let p = start + width - 1;
    let remaining = digits;
    for (let i = 0; i < Math.max(length, scale); i++) {
      if (i === scale && scale > 0) buf[p--] = 0x2e;
      const digit = remaining % 10;
      buf[p--] = 0x30 + digit;
      remaining = (remaining - digit) / 10;
    }
    if (scale >= length) {
      buf[p--] = 0x2e;
      buf[p--] = 0x30;
    }
    this.n = start + width;
  }

  /**
   * Writes `"text"` with the reference's escapes: a copy of the code units,
   * except those a table marks, which are escaped one by one.
   */
  quotedString(text: string): void {
    const length = text.length;
    this.reserve(length + 2);
    let buf = this.buf;
    let n = this.n;
    buf[n++] = 0x22;
    for (let i = 0; i < length; i++) {
      const c = text.charCodeAt(i);
      if (c < 0x80 ? NEEDS_ESCAPE_ASCII[c] === 1 : (table ?? bmpEscapeTable())[c] !== 0) {
        this.n = n;
        i = this.escapeAt(text, i);
        buf = this.buf; // may have grown
        n = this.n;
        continue;
      }
      buf[n++] = c;
    }
    buf[n++] = 0x22;
    this.n = n;
  }

  /**
   * Writes the character at `i` of `text` that may need escaping, and returns
   * the index of its last code unit. Makes its own room: an escape is longer
   * than the character.
   */
  private escapeAt(text: string, i: number): number {
    table ??= bmpEscapeTable();
    const c = text.charCodeAt(i);
    let last = i;
    if (table[c] === 2) {
      const low = text.charCodeAt(i + 1);
      if (!(c <= 0xdbff && low >= 0xdc00 && low <= 0xdfff)) escapeCharacter(text[i] as string); // throws: unpaired surrogate
      const pair = text.slice(i, i + 2);
      this.write(astralNeedsEscape(pair) ? escapeCharacter(pair) : pair);
      last = i + 1;
    } else {
      this.write(escapeCharacter(text[i] as string));
    }
    this.reserve(text.length - last + 1); // the rest of the text and the closing quote
    return last;
  }

  /** The text written so far. */
  finish(): string {
    const n = this.n;
    if (LITTLE_ENDIAN) return Buffer.from(this.buf.buffer, this.buf.byteOffset, n * 2).toString('ucs2');
    let text = '';
    for (let i = 0; i < n; i += 8192) text += String.fromCharCode(...this.buf.subarray(i, Math.min(n, i + 8192)));
    return text;
  }
}
