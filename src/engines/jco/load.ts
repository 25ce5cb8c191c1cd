/**
 * Loads a component for the in-process engine: its world from the binary,
 * its JS from jco (cached on disk), and its core modules compiled once per
 * process, so that each new instance costs only instantiation.
 *
 * Instantiation is synchronous once the core modules are compiled: jco's
 * instantiate runs its steps without a pause when each core module and each
 * core instance is there already. That lets it run where JSPI is missing
 * (Node 20 and 22) with a `WebAssembly.promising` that fails fast: jco calls
 * it once per export with a post-return or realloc and falls back when it
 * throws, and V8's own "is not a function" error re-parses jco's whole
 * instantiate function to word its message, most of the cost of a small
 * component's instance. The stand-in lives only for the synchronous call.
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
  instantiate(getCoreModule: (path: string) => unknown, imports: JcoImports, instantiateCore: (module: unknown, imports?: object) => unknown): JcoExports | Promise<JcoExports>;
}

// The lib settings leave out the WebAssembly namespace; these are the parts used here.
interface WasmNamespace {
  compile(bytes: Uint8Array): Promise<unknown>;
  Instance: new (module: unknown, imports?: object) => { exports: unknown };
  promising?: unknown;
}
const wasm = (globalThis as unknown as { WebAssembly: WasmNamespace }).WebAssembly;

// jco's glue hands it a module it has waited for (`instantiateCore(yield module0)`), never a promise.
const instantiateCore = (module: unknown, imports?: object): unknown => new wasm.Instance(module, imports);

const NO_JSPI = new TypeError('WebAssembly.promising is not a function');
function promisingUnavailable(): never {
  throw NO_JSPI;
}

/** Runs jco's instantiate with the fast-failing `WebAssembly.promising` where JSPI is missing, for its synchronous part. */
function withoutJspi<T>(run: () => T): T {
  if (wasm.promising !== undefined) return run();
  wasm.promising = promisingUnavailable;
  try {
    return run();
  } finally {
    delete wasm.promising;
  }
}

export async function loadJcoComponent(bytes: Uint8Array, cacheRoot?: string): Promise<JcoComponent> {
  enableWasmFeatures();
  const world = decodeComponentWorld(bytes);
  const transpiled = await transpileCached(bytes, cacheRoot);
  const generated = (await import(pathToFileURL(transpiled.entry).href)) as GeneratedModule;
  // A core module is a promise while it compiles, then the module itself, so later instances need no pause.
  const compiled = new Map<string, unknown>();
  const getCoreModule = (path: string): unknown => {
    let module = compiled.get(path);
    if (module === undefined) {
      const compiling = readFile(join(transpiled.directory, path)).then((core) => wasm.compile(core));
      compiling.then(
        (ready) => compiled.set(path, ready),
        () => undefined,
      );
      module = compiling;
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
        return await withoutJspi(() => generated.instantiate(getCoreModule, imports, instantiateCore));
      } catch (cause) {
        throw new ProxyComponentError('COMPONENT_DECODE', `cannot instantiate the component: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
      }
    },
  };
}
