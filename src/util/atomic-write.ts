/**
 * Atomic file writes: write a sibling temporary file, then rename it over the
 * target, so that a reader never sees half a file and a crash never leaves one.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { ProxyComponentError } from '../errors.js';
import { describeIoError } from './io-error.js';

function temporarySibling(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const temporary = temporarySibling(path);
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(temporary, data);
    await rename(temporary, path);
  } catch (cause) {
    // The cleanup must not hide the real error (rm fails too when the folder is a file).
    await rm(temporary, { force: true }).catch(() => undefined);
    throw new ProxyComponentError('IO', `cannot write ${path}: ${describeIoError(cause)}`, { cause });
  }
}

/** The synchronous form, for `exit` handlers that must flush before the process ends. */
export function writeFileAtomicSync(path: string, data: string | Uint8Array): void {
  const temporary = temporarySibling(path);
  try {
    writeFileSync(temporary, data);
    renameSync(temporary, path);
  } catch (cause) {
    try {
      rmSync(temporary, { force: true });
    } catch {
      // as above: keep the real error
    }
    throw new ProxyComponentError('IO', `cannot write ${path}: ${describeIoError(cause)}`, { cause });
  }
}
