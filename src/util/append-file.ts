/**
 * A file written record by record, each record committed at once, so that
 * whenever the writer is stopped (even by SIGKILL) the file holds every
 * committed record whole, and nothing else passes for one.
 *
 * Appending costs the size of the record, never the size of the file (the
 * file is never rewritten), and no temporary file ever stands beside it. The
 * commit is cheap: a record's bytes after its first are written past the end
 * of the file, which leaves a hole where its first byte goes (the hole reads
 * as a NUL byte); writing that one byte commits the record. A one-byte write
 * cannot be torn, so a writer stopped in the middle of a record leaves a tail
 * that starts with a NUL, which no text format takes for a record: the
 * reader stops there with an error that names the line, rather than reading
 * the half of a record as a whole one.
 */
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { ProxyComponentError } from '../errors.js';
import { describeIoError } from './io-error.js';

export class AppendFile {
  private constructor(
    private readonly path: string,
    /** Written synchronously: two small writes per record, cheaper than two trips to the thread pool. */
    private readonly fd: number,
    /** Bytes committed so far. */
    private length: number,
  ) {}

  /**
   * Creates (or empties) the file at `path`, and its folder; `first`, when
   * given, is its first record. Synchronous, so that a server can hold its
   * file before the event loop hands it a request.
   */
  static create(path: string, first?: string): AppendFile {
    let fd: number;
    try {
      mkdirSync(dirname(path), { recursive: true });
      fd = openSync(path, 'w');
    } catch (cause) {
      throw ioError(path, cause);
    }
    const file = new AppendFile(path, fd, 0);
    if (first !== undefined) file.append(first);
    return file;
  }

  /** Appends one record and commits it. */
  append(text: string): void {
    const bytes = Buffer.from(text, 'utf8');
    if (bytes.length === 0) return;
    try {
      this.writeAll(bytes.subarray(1), this.length + 1);
      // The commit: the record's first byte, where the hole was.
      this.writeAll(bytes.subarray(0, 1), this.length);
    } catch (cause) {
      throw ioError(this.path, cause);
    }
    this.length += bytes.length;
  }

  close(): void {
    closeSync(this.fd);
  }

  private writeAll(bytes: Uint8Array, position: number): void {
    let written = 0;
    while (written < bytes.length) written += writeSync(this.fd, bytes, written, bytes.length - written, position + written);
  }
}

function ioError(path: string, cause: unknown): ProxyComponentError {
  return new ProxyComponentError('IO', `cannot write ${path}: ${describeIoError(cause)}`, { cause });
}
