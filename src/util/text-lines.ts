/**
 * A text file the user names, read a line at a time as it streams: memory
 * holds a chunk and a line, never the file, however long it is. The same
 * checks as for a whole file (input-file.ts): a folder, FIFO or device is
 * refused before reading, bytes that are not UTF-8 are an error at their line
 * and column, and a leading byte order mark is dropped. Lines are split at
 * `\n` bytes (which no multi-byte UTF-8 sequence holds), each decoded on its
 * own; a `\r` before the `\n` stays, for the reader to drop. The reads are
 * synchronous, a chunk at a time: for the small traces of a corpus the thread
 * pool's round trips cost more than the reads themselves.
 */
import { closeSync, readSync } from 'node:fs';
import { ProxyComponentError } from '../errors.js';
import { decodeUtf8, openInputFileSync, type InputFile } from './input-file.js';

const CHUNK = 1 << 16;

export async function* readTextLines(path: string, file: InputFile): AsyncGenerator<string> {
  const name = file.name ?? path;
  const fd = openInputFileSync(path, file);
  try {
    const chunk = Buffer.allocUnsafe(CHUNK);
    let pending: Buffer[] = [];
    let number = 0;
    const decode = (bytes: Buffer): string => {
      number++;
      const text = decodeLine(bytes, name, number, file);
      return number === 1 ? text.replace(/^\uFEFF/, '') : text;
    };
    for (;;) {
      const bytesRead = readSync(fd, chunk, 0, CHUNK, null);
      if (bytesRead === 0) break;
      let start = 0;
      for (let newline = chunk.indexOf(0x0a, 0); newline >= 0 && newline < bytesRead; newline = chunk.indexOf(0x0a, start)) {
        const piece = chunk.subarray(start, newline);
        yield decode(pending.length === 0 ? piece : Buffer.concat([...pending, piece]));
        pending = [];
        start = newline + 1;
      }
      if (start < bytesRead) pending.push(Buffer.from(chunk.subarray(start, bytesRead)));
    }
    // The last line, after the last newline (empty when the file ends with one, as `split` gives it).
    yield decode(Buffer.concat(pending));
  } finally {
    closeSync(fd);
  }
}

/** One line, strict UTF-8: an error names the line, and the column within it. */
function decodeLine(bytes: Buffer, name: string, number: number, file: InputFile): string {
  try {
    return decodeUtf8(bytes, name, file.contentCode, true);
  } catch (error) {
    if (error instanceof ProxyComponentError && error.location !== undefined) {
      throw new ProxyComponentError(error.code, error.detail, { location: { ...error.location, line: number } });
    }
    throw error;
  }
}
