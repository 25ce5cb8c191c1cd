/**
 * Reading the component file a user names: one place that tells a missing
 * file, a folder, a FIFO or device, an empty file, a file that is not
 * WebAssembly and a core module from a component, each with a message that
 * names the path, before any decoder sees the bytes.
 */
import { open, stat } from 'node:fs/promises';
import { ProxyComponentError } from '../errors.js';
import { describeIoError } from './io-error.js';

const WASM_MAGIC = [0x00, 0x61, 0x73, 0x6d];

/** What the first 8 bytes say: a component, a core module, or neither. */
export function wasmKind(bytes: Uint8Array): 'component' | 'core' | 'not-wasm' {
  if (bytes.length < 8 || !WASM_MAGIC.every((byte, i) => bytes[i] === byte)) return 'not-wasm';
  // The preamble's version field: 1 0 for a core module; a component's layer (bytes 6-7) is 1 0.
  return bytes[6] === 1 && bytes[7] === 0 ? 'component' : 'core';
}

export async function readComponentFile(path: string): Promise<Uint8Array> {
  const fail = (detail: string, code: 'IO' | 'COMPONENT_DECODE' = 'IO', cause?: unknown) =>
    new ProxyComponentError(code, `${path}: ${detail}`, cause === undefined ? {} : { cause });
  const info = await stat(path).catch((cause: unknown) => {
    throw fail(`cannot read the component: ${describeIoError(cause)}`, 'IO', cause);
  });
  if (info.isDirectory()) throw fail('is a folder, not a component (.wasm) file');
  if (!info.isFile()) throw fail(`is not a regular file (${info.isFIFO() ? 'a FIFO' : info.isSocket() ? 'a socket' : 'a device'}): give the path of a component (.wasm) file`);
  const handle = await open(path, 'r').catch((cause: unknown) => {
    throw fail(`cannot read the component: ${describeIoError(cause)}`, 'IO', cause);
  });
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await handle.readFile());
  } catch (cause) {
    throw fail(`cannot read the component: ${describeIoError(cause)}`, 'IO', cause);
  } finally {
    await handle.close();
  }
  if (bytes.length === 0) throw fail('is empty, not a component', 'COMPONENT_DECODE');
  const kind = wasmKind(bytes);
  if (kind === 'not-wasm') throw fail('is not WebAssembly (it does not start with the `\\0asm` preamble)', 'COMPONENT_DECODE');
  if (kind === 'core') throw fail('is a core WebAssembly module, not a component (wrap it with `wasm-tools component new`)', 'COMPONENT_DECODE');
  return bytes;
}
