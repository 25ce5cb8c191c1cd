/**
 * Reading WIT from whatever the user points at: a component binary (its own
 * type information), a `.wit` file, or a folder of `.wit` files with `deps/`.
 */
import { open, stat } from 'node:fs/promises';
import { ProxyComponentError } from '../errors.js';
import { decodeComponentWorld } from './binary/decode.js';
import { loadWit } from './load.js';
import { readComponentFile } from '../util/component-file.js';
import { describeIoError } from '../util/io-error.js';
import type { WitDocument, World } from './world.js';

export type WitSource =
  | { readonly kind: 'component'; readonly world: World }
  | { readonly kind: 'wit'; readonly document: WitDocument };

const WASM_MAGIC = [0x00, 0x61, 0x73, 0x6d];

/** Reads a component (a `.wasm` file, or any file with the `\0asm` magic) or WIT text from `path`. */
export async function readWitSource(path: string): Promise<WitSource> {
  const info = await stat(path).catch((cause: unknown) => {
    throw new ProxyComponentError('IO', `cannot read ${path}: ${describeIoError(cause)}`, { cause });
  });
  if (!info.isFile() && !info.isDirectory()) {
    throw new ProxyComponentError('IO', `${path}: is not a regular file or folder: give a component (.wasm), a .wit file or a folder of them`);
  }
  if (path.endsWith('.wasm') || (info.isFile() && (await startsWithWasmMagic(path)))) {
    return { kind: 'component', world: decodeComponentWorld(await readComponentFile(path)) };
  }
  return { kind: 'wit', document: await loadWit(path) };
}

async function startsWithWasmMagic(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const head = new Uint8Array(4);
    const { bytesRead } = await handle.read(head, 0, 4, 0);
    return bytesRead === 4 && WASM_MAGIC.every((byte, i) => head[i] === byte);
  } finally {
    await handle.close();
  }
}
