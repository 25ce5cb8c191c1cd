/**
 * Reading a file the user names (a component, a trace): one place that tells
 * a missing file, a folder, and a FIFO or device from a regular file, with a
 * message that names the path, before anything reads it. Reading a FIFO or
 * `/dev/zero` would otherwise wait or grow for ever; a folder would fail with
 * a bare `EISDIR`. A sync twin serves Jest, whose transformers answer
 * synchronously.
 */
import { closeSync, fstatSync, openSync, readFileSync, statSync, type Stats } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { ProxyComponentError, type ErrorCode } from '../errors.js';
import { describeIoError } from './io-error.js';

export interface InputFile {
  /** How messages name the file (default: the path as given). */
  readonly name?: string;
  /** What the file should be, for messages: `component (.wasm)`, `trace`. */
  readonly what: string;
  /** The code of an error in the text itself (bytes that are not UTF-8); default IO. */
  readonly contentCode?: ErrorCode;
}

export async function readInputFile(path: string, file: InputFile): Promise<Buffer> {
  const fail = failures(path, file);
  checkKind(await stat(path).catch((cause: unknown) => Promise.reject(fail.unreadable(cause))), fail);
  const handle = await open(path, 'r').catch((cause: unknown) => Promise.reject(fail.unreadable(cause)));
  try {
    // Checked again on the open file: the path may have been replaced in between.
    checkKind(await handle.stat(), fail);
    return await handle.readFile();
  } catch (cause) {
    throw fail.wrap(cause);
  } finally {
    await handle.close();
  }
}

/**
 * The file opened for reading (a descriptor the caller closes), once it is known to be a regular
 * file. Synchronous: a stat and an open cost far less than two trips through libuv's thread pool,
 * which is most of the time of reading a small trace.
 */
export function openInputFileSync(path: string, file: InputFile): number {
  const fail = failures(path, file);
  let fd: number;
  try {
    checkKind(statSync(path), fail);
    fd = openSync(path, 'r');
  } catch (cause) {
    throw fail.wrap(cause);
  }
  try {
    // Checked again on the open file: the path may have been replaced in between.
    checkKind(fstatSync(fd), fail);
  } catch (cause) {
    closeSync(fd);
    throw fail.wrap(cause);
  }
  return fd;
}

export function readInputFileSync(path: string, file: InputFile): Buffer {
  const fd = openInputFileSync(path, file);
  try {
    return readFileSync(fd);
  } catch (cause) {
    throw failures(path, file).wrap(cause);
  } finally {
    closeSync(fd);
  }
}

/** The error for a file that is there but is not what it should be (`is empty, not a component`). */
export function inputFileError(path: string, file: InputFile, detail: string, code: ErrorCode = 'IO'): ProxyComponentError {
  return new ProxyComponentError(code, `${file.name ?? path}: ${detail}`);
}

interface Failures {
  readonly what: string;
  kind(detail: string): ProxyComponentError;
  unreadable(cause: unknown): ProxyComponentError;
  /** Our own errors pass; an I/O error becomes one naming the path. */
  wrap(cause: unknown): ProxyComponentError;
}

function failures(path: string, file: InputFile): Failures {
  const name = file.name ?? path;
  const unreadable = (cause: unknown) => new ProxyComponentError('IO', `${name}: cannot read the ${file.what.replace(/ \(.*\)$/, '')}: ${describeIoError(cause)}`, { cause });
  return {
    what: file.what,
    kind: (detail) => new ProxyComponentError('IO', `${name}: ${detail}`),
    unreadable,
    wrap: (cause) => (cause instanceof ProxyComponentError ? cause : unreadable(cause)),
  };
}

function checkKind(info: Stats, fail: Failures): void {
  if (info.isDirectory()) throw fail.kind(`is a folder, not a ${fail.what} file`);
  if (!info.isFile()) throw fail.kind(`is not a regular file (${info.isFIFO() ? 'a FIFO' : info.isSocket() ? 'a socket' : 'a device'}): give the path of a ${fail.what} file`);
}

/** A text file the user names, as UTF-8 (a leading byte order mark dropped); bytes that are not UTF-8 are an error at their line and column. */
export async function readTextInputFile(path: string, file: InputFile): Promise<string> {
  return decodeUtf8(await readInputFile(path, file), file.name ?? path, file.contentCode);
}

export function readTextInputFileSync(path: string, file: InputFile): string {
  return decodeUtf8(readInputFileSync(path, file), file.name ?? path, file.contentCode);
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const strictUtf8KeepingBom = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Strict UTF-8: a malformed sequence is an error naming the line and column
 * (in code points) where it starts. A leading byte order mark is dropped,
 * unless `keepBom` (for a piece that does not start the file).
 */
export function decodeUtf8(bytes: Uint8Array, name: string, code: ErrorCode = 'IO', keepBom = false): string {
  try {
    return (keepBom ? strictUtf8KeepingBom : strictUtf8).decode(bytes);
  } catch {
    const at = firstInvalidUtf8(bytes);
    const before = strictUtf8.decode(bytes.subarray(0, at));
    const lineStart = before.lastIndexOf('\n') + 1;
    const line = before.slice(0, lineStart).split('\n').length;
    const column = [...before.slice(lineStart)].length + 1;
    throw new ProxyComponentError(code, `bytes that are not UTF-8 (0x${(bytes[at] ?? 0).toString(16).padStart(2, '0')})`, { location: { file: name, line, column } });
  }
}

/** The offset of the first byte that does not start or continue a well-formed UTF-8 sequence. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i] as number;
    if (lead < 0x80) {
      i++;
      continue;
    }
    // The sequence length, and the range its second byte must fall in (no overlongs, surrogates or code points past U+10FFFF).
    let length: number;
    let low = 0x80;
    let high = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) length = 2;
    else if (lead >= 0xe0 && lead <= 0xef) {
      length = 3;
      if (lead === 0xe0) low = 0xa0;
      if (lead === 0xed) high = 0x9f;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      length = 4;
      if (lead === 0xf0) low = 0x90;
      if (lead === 0xf4) high = 0x8f;
    } else return i;
    if (i + length > bytes.length) return i;
    const second = bytes[i + 1] as number;
    if (second < low || second > high) return i;
    for (let k = 2; k < length; k++) {
      const next = bytes[i + k] as number;
      if (next < 0x80 || next > 0xbf) return i;
    }
    i += length;
  }
  return bytes.length;
}
