/**
 * Builds real components from WIT + core WAT with jco's bundled wasm-tools,
 * transpiles them with jco-transpile, and loads the generated JS, so that the
 * value bridge is tested against jco itself.
 */
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { transpileBytes } from '@bytecodealliance/jco-transpile';
import { componentEmbed, componentNew, parse } from '@bytecodealliance/jco-transpile/wasm-tools';
import type { CaseFunction } from '../../src/campaign/bindings-case.js';
import { buildCase } from '../../src/campaign/build-case.js';
import type { WitType } from '../../src/wit/types.js';

export type TranspilationOptions = NonNullable<Parameters<typeof transpileBytes>[1]>;

/** The lib settings leave out the WebAssembly namespace; only compile is needed. */
const wasm = (globalThis as unknown as { WebAssembly: { compile(bytes: Uint8Array): Promise<unknown> } }).WebAssembly;

export interface ComponentSource {
  readonly witSource: string;
  readonly world: string;
  readonly wat: string;
}

/** The imports object of jco's `instantiate`: `{ 'host-echo-0': { default: fn }, 'ns:pkg/iface': { ... } }`. */
export type JcoImports = Record<string, Record<string, unknown>>;
export type JcoExports = Record<string, unknown>;

export interface LoadedComponent {
  /** Instantiates a fresh instance with these host imports. */
  instantiate(imports: JcoImports): Promise<JcoExports>;
}

const temporaryDirectories: string[] = [];

/** Removes every directory the loaders made; call from afterAll. */
export async function cleanUpComponents(): Promise<void> {
  await Promise.all(temporaryDirectories.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
}

export async function buildComponent(source: ComponentSource): Promise<Uint8Array> {
  const core = await parse(source.wat);
  const embedded = await componentEmbed({ binary: core, witSource: source.witSource, world: source.world });
  return componentNew(embedded);
}

/** Transpiles a component in 'async' instantiation mode and imports its entry module. */
export async function loadComponent(component: Uint8Array, options: TranspilationOptions = {}): Promise<LoadedComponent> {
  const name = 'component';
  const { files } = await transpileBytes(component, { name, instantiation: 'async', emitTypescriptDeclarations: false, ...options });
  const dir = await mkdtemp(join(tmpdir(), 'proxy-component-jco-'));
  temporaryDirectories.push(dir);
  await writeFile(join(dir, 'package.json'), '{ "type": "module" }');
  for (const [path, bytes] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), bytes);
  }
  const entry = (await import(pathToFileURL(join(dir, `${name}.js`)).href)) as {
    instantiate(getCoreModule: (path: string) => Promise<unknown>, imports: JcoImports): Promise<JcoExports>;
  };
  const getCoreModule = async (path: string): Promise<unknown> => wasm.compile(await readFile(join(dir, path)));
  return { instantiate: (imports) => entry.instantiate(getCoreModule, imports) };
}

export interface EchoComponent extends LoadedComponent {
  readonly witSource: string;
}

/**
 * The echo world of `types`, built by the bindings campaign's generator
 * (src/campaign/): for each type Ti, an `import-echo` function
 * `echo-i: func(p0: Ti) -> Ti` that forwards to its import `host-echo-i` and
 * returns what that returns, strings in utf8.
 */
export async function buildEchoBytes(types: readonly WitType[]): Promise<{ readonly witSource: string; readonly bytes: Uint8Array }> {
  const functions = types.map((type, i): CaseFunction => ({ name: `echo-${i}`, kind: 'import-echo', params: [type] }));
  const built = await buildCase({ functions, encoding: 'utf8' });
  return { witSource: built.wit, bytes: built.bytes };
}

/** An echo component for `types`: export `echo-i` (JS `echoI`) forwards to import `host-echo-i`. */
export async function buildEchoComponent(types: readonly WitType[], options: TranspilationOptions = {}): Promise<EchoComponent> {
  const { witSource, bytes } = await buildEchoBytes(types);
  return { witSource, ...(await loadComponent(bytes, options)) };
}

/** Host imports for an echo component: `implementation(i, arg)` answers `host-echo-i`. */
export function echoImports(count: number, implementation: (index: number, arg: unknown) => unknown): JcoImports {
  const imports: JcoImports = {};
  for (let i = 0; i < count; i++) imports[`host-echo-${i}`] = { default: (arg: unknown) => implementation(i, arg) };
  return imports;
}

/** The jco export function of `echo-i`. */
export function echoExport(exports: JcoExports, index: number): (arg: unknown) => unknown {
  const fn = exports[`echo${index}`];
  if (typeof fn !== 'function') throw new Error(`component has no export echo${index}`);
  return fn as (arg: unknown) => unknown;
}
