/**
 * What jco's generated code needs and bare JS shells lack, as small
 * polyfills that install themselves only where the global is missing:
 *
 * - TextEncoder (`encode`, `encodeInto`) and TextDecoder (`utf-8`, `utf-16`
 *   little-endian; reads ArrayBuffers, typed arrays and DataViews): the JSC
 *   shell has neither;
 * - queueMicrotask: missing in the JSC shell and in gjs 1.74;
 * - console: missing in the JSC shell (jco logs through it on errors).
 */
export const POLYFILLS_JS = `
if (typeof queueMicrotask === 'undefined') {
  globalThis.queueMicrotask = (callback) => { Promise.resolve().then(callback); };
}
if (typeof console === 'undefined') {
  const __log = (...args) => print(args.map(String).join(' '));
  globalThis.console = { log: __log, info: __log, warn: __log, error: __log, debug: __log, trace: __log };
}
if (typeof TextEncoder === 'undefined') {
  globalThis.TextEncoder = class TextEncoder {
    get encoding() { return 'utf-8'; }
    encode(text = '') {
      const out = new Uint8Array(text.length * 3);
      return out.slice(0, this.encodeInto(text, out).written);
    }
    encodeInto(text, out) {
      let read = 0;
      let written = 0;
      while (read < text.length) {
        let code = text.codePointAt(read);
        const units = code > 0xffff ? 2 : 1;
        if (code >= 0xd800 && code <= 0xdfff) code = 0xfffd;
        const size = code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
        if (written + size > out.length) break;
        if (size === 1) out[written++] = code;
        else if (size === 2) { out[written++] = 0xc0 | (code >> 6); out[written++] = 0x80 | (code & 63); }
        else if (size === 3) { out[written++] = 0xe0 | (code >> 12); out[written++] = 0x80 | ((code >> 6) & 63); out[written++] = 0x80 | (code & 63); }
        else { out[written++] = 0xf0 | (code >> 18); out[written++] = 0x80 | ((code >> 12) & 63); out[written++] = 0x80 | ((code >> 6) & 63); out[written++] = 0x80 | (code & 63); }
        read += units;
      }
      return { read, written };
    }
  };
}
if (typeof TextDecoder === 'undefined') {
  globalThis.TextDecoder = class TextDecoder {
    constructor(label = 'utf-8') {
      const name = String(label).toLowerCase();
      this.encoding = name === 'utf-16' || name === 'utf-16le' ? 'utf-16le' : 'utf-8';
    }
    decode(input) {
      if (input === undefined) return '';
      const bytes = input instanceof ArrayBuffer ? new Uint8Array(input) : new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
      let text = '';
      const chunk = [];
      const flush = () => { text += String.fromCharCode.apply(null, chunk); chunk.length = 0; };
      const push = (unit) => { chunk.push(unit); if (chunk.length >= 4096) flush(); };
      if (this.encoding === 'utf-16le') {
        for (let i = 0; i + 1 < bytes.length; i += 2) push(bytes[i] | (bytes[i + 1] << 8));
        flush();
        return text;
      }
      for (let i = 0; i < bytes.length;) {
        const b = bytes[i];
        let code = 0xfffd;
        let size = 1;
        const cont = (k) => i + k < bytes.length && (bytes[i + k] & 0xc0) === 0x80;
        if (b < 0x80) code = b;
        else if (b >= 0xc2 && b < 0xe0 && cont(1)) { code = ((b & 31) << 6) | (bytes[i + 1] & 63); size = 2; }
        else if (b >= 0xe0 && b < 0xf0 && cont(1) && cont(2)) {
          const c = ((b & 15) << 12) | ((bytes[i + 1] & 63) << 6) | (bytes[i + 2] & 63);
          if (c >= 0x800 && (c < 0xd800 || c > 0xdfff)) { code = c; size = 3; }
        } else if (b >= 0xf0 && b < 0xf5 && cont(1) && cont(2) && cont(3)) {
          const c = ((b & 7) << 18) | ((bytes[i + 1] & 63) << 12) | ((bytes[i + 2] & 63) << 6) | (bytes[i + 3] & 63);
          if (c >= 0x10000 && c <= 0x10ffff) { code = c; size = 4; }
        }
        if (code > 0xffff) { push(0xd800 + ((code - 0x10000) >> 10)); push(0xdc00 + ((code - 0x10000) & 1023)); }
        else push(code);
        i += size;
      }
      flush();
      return text;
    }
  };
}
`;
