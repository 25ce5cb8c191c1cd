/**
 * Loads a component for the in-process engine: its world from the binary,
 * its JS from jco (cached on disk), and its core modules compiled once per
 * process, so that each new instance costs only instantiation.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ProxyComponentError } from '../../errors.js';
import { decodeComponentWorld } from '../../wit/binary/decode.js';
import type { World } from '../../wit/world.js';
import { transpileCached } from './transpile-cache.js';
import { enableWasmFeatures } from './wasm-features.js';

/** jco's imports object: `{ 'ns:pkg/iface': { fn, Class }, 'bare-func': { default: fn } }`. */
export type JcoImports = Record<string, Record<string, unknown>>;
/** jco's exports object: world functions by camelCase name, interfaces by id and by camelCase name. */
export type JcoExports = Record<string, unknown>;

export interface JcoComponent {
  readonly world: World;
  /** sha256 of the component bytes, hex. */
  readonly hash: string;
  /** The import specifiers jco's instantiate reads. */
  readonly importSpecifiers: readonly string[];
  instantiate(imports: JcoImports): Promise<JcoExports>;
}

interface GeneratedModule {
  instantiate(getCoreModule: (path: string) => Promise<unknown>, imports: JcoImports): Promise<JcoExports>;
}

// The lib settings leave out the WebAssembly namespace; only compile is needed.
const wasm = (globalThis as unknown as { WebAssembly: { compile(bytes: Uint8Array): Promise<unknown> } }).WebAssembly;

export async function loadJcoComponent(bytes: Uint8Array, cacheRoot?: string): Promise<JcoComponent> {
  enableWasmFeatures();
  const world = decodeComponentWorld(bytes);
  const transpiled = await transpileCached(bytes, cacheRoot);
  const generated = (await import(pathToFileURL(transpiled.entry).href)) as GeneratedModule;
  const compiled = new Map<string, Promise<unknown>>();
  const getCoreModule = (path: string): Promise<unknown> => {
    let module = compiled.get(path);
    if (module === undefined) {
      module = readFile(join(transpiled.directory, path)).then((core) => wasm.compile(core));
      compiled.set(path, module);
    }
    return module;
  };
  return {
    world,
    hash: transpiled.hash,
    importSpecifiers: transpiled.imports,
    async instantiate(imports) {
      try {
        return await generated.instantiate(getCoreModule, imports);
      } catch (cause) {
        throw new ProxyComponentError('COMPONENT_DECODE', `cannot instantiate the component: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
      }
    },
  };
}
