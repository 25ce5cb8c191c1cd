/**
 * Which component a trace belongs to: the path in its header (relative to the
 * trace), else the only `.wasm` file in its folder, else the one given.
 */
import { readdir, stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { ProxyComponentError } from '../errors.js';
import type { TraceHeader } from '../trace/model.js';

export async function findComponent(traceFile: string, header: TraceHeader | undefined, fallback?: string): Promise<string> {
  const folder = dirname(resolve(traceFile));
  if (header?.componentPath !== undefined) {
    const fromHeader = isAbsolute(header.componentPath) ? header.componentPath : join(folder, header.componentPath);
    if (await isFile(fromHeader)) return fromHeader;
    if (fallback === undefined) {
      throw new ProxyComponentError('IO', `the component ${header.componentPath} named in the header of ${traceFile} does not exist`);
    }
  }
  const wasm = (await readdir(folder).catch(() => [] as string[])).filter((name) => name.endsWith('.wasm'));
  if (wasm.length === 1) return join(folder, wasm[0] as string);
  if (fallback !== undefined) return resolve(fallback);
  const found = wasm.length === 0 ? 'has no .wasm file' : `has ${wasm.length} .wasm files (${wasm.join(', ')})`;
  throw new ProxyComponentError(
    'USAGE',
    `cannot tell which component ${basename(traceFile)} belongs to: its header names none and its folder ${found}; name the component explicitly`,
  );
}

async function isFile(path: string): Promise<boolean> {
  return stat(path).then(
    (info) => info.isFile(),
    () => false,
  );
}
