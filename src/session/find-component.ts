/**
 * Which component a trace belongs to: the path in its header (relative to the
 * trace), else the only `.wasm` file in its folder, else the one given.
 *
 * Async for the CLI and Vitest; sync for Jest, whose transformers must answer
 * synchronously. Both make the same choice (`chooseComponent`).
 */
import { existsSync, readdirSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { ProxyComponentError } from '../errors.js';
import type { TraceHeader } from '../trace/model.js';

export async function findComponent(traceFile: string, header: TraceHeader | undefined, fallback?: string): Promise<string> {
  const fromHeader = headerComponent(traceFile, header);
  // Anything at that path is the component the trace names: a folder or a FIFO gets its own error when read.
  if (fromHeader !== undefined && (await exists(fromHeader))) return fromHeader;
  const folder = dirname(resolve(traceFile));
  const names = await readdir(folder).catch(() => [] as string[]);
  return chooseComponent(traceFile, header, fallback, names);
}

export function findComponentSync(traceFile: string, header: TraceHeader | undefined, fallback?: string): string {
  const fromHeader = headerComponent(traceFile, header);
  if (fromHeader !== undefined && existsSync(fromHeader)) return fromHeader;
  let names: string[] = [];
  try {
    names = readdirSync(dirname(resolve(traceFile)));
  } catch {
    // An unreadable folder holds no candidates.
  }
  return chooseComponent(traceFile, header, fallback, names);
}

function headerComponent(traceFile: string, header: TraceHeader | undefined): string | undefined {
  if (header?.componentPath === undefined) return undefined;
  return isAbsolute(header.componentPath) ? header.componentPath : join(dirname(resolve(traceFile)), header.componentPath);
}

/** The choice once the header's component (if any) is known not to exist and the folder's entries are listed. */
function chooseComponent(traceFile: string, header: TraceHeader | undefined, fallback: string | undefined, folderEntries: readonly string[]): string {
  if (header?.componentPath !== undefined && fallback === undefined) {
    throw new ProxyComponentError('IO', `the component ${header.componentPath} named in the header of ${traceFile} does not exist`);
  }
  const wasm = folderEntries.filter((name) => name.endsWith('.wasm'));
  if (wasm.length === 1) return join(dirname(resolve(traceFile)), wasm[0] as string);
  if (fallback !== undefined) return resolve(fallback);
  const found = wasm.length === 0 ? 'has no .wasm file' : `has ${wasm.length} .wasm files (${wasm.join(', ')})`;
  throw new ProxyComponentError(
    'USAGE',
    `cannot tell which component ${basename(traceFile)} belongs to: its header names none and its folder ${found}; name the component explicitly`,
  );
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}
