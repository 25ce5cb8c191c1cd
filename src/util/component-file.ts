/**
 * Reading the component file a user names: one place that tells a missing
 * file, a folder, a FIFO or device, an empty file, a file that is not
 * WebAssembly and a core module from a component, each with a message that
 * names the path, before any decoder sees the bytes. Every command, worker and
 * test integration that reads a user's component reads it here (the sync twin
 * serves Jest, whose transformers answer synchronously).
 */
import { inputFileError, readInputFile, readInputFileSync, type InputFile } from './input-file.js';

const WASM_MAGIC = [0x00, 0x61, 0x73, 0x6d];

/** What the first 8 bytes say: a component, a core module, or neither. */
export function wasmKind(bytes: Uint8Array): 'component' | 'core' | 'not-wasm' {
  if (bytes.length < 8 || !WASM_MAGIC.every((byte, i) => bytes[i] === byte)) return 'not-wasm';
  // The preamble's version field: 1 0 for a core module; a component's layer (bytes 6-7) is 1 0.
  return bytes[6] === 1 && bytes[7] === 0 ? 'component' : 'core';
}

export interface ComponentFileOptions {
  /** How messages name the file (default: the path as given). */
  readonly name?: string;
}

export async function readComponentFile(path: string, options: ComponentFileOptions = {}): Promise<Uint8Array> {
  const file = componentFile(options);
  return checkBytes(new Uint8Array(await readInputFile(path, file)), path, file);
}

/** The synchronous form, for Jest's transformers. */
export function readComponentFileSync(path: string, options: ComponentFileOptions = {}): Uint8Array {
  const file = componentFile(options);
  return checkBytes(new Uint8Array(readInputFileSync(path, file)), path, file);
}

function componentFile(options: ComponentFileOptions): InputFile {
  return { what: 'component (.wasm)', ...(options.name === undefined ? {} : { name: options.name }) };
}

function checkBytes(bytes: Uint8Array, path: string, file: InputFile): Uint8Array {
  const fail = (detail: string) => inputFileError(path, file, detail, 'COMPONENT_DECODE');
  if (bytes.length === 0) throw fail('is empty, not a component');
  const kind = wasmKind(bytes);
  if (kind === 'not-wasm') throw fail('is not WebAssembly (it does not start with the `\\0asm` preamble)');
  if (kind === 'core') throw fail('is a core WebAssembly module, not a component (wrap it with `wasm-tools component new`)');
  return bytes;
}
