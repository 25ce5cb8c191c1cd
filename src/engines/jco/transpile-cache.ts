/**
 * Transpiles a component with jco once per (component bytes, jco version,
 * options) and keeps the output on disk, so that a second run, another test
 * worker or another process does not transpile again.
 *
 * Each entry is a folder written under a temporary name and renamed into
 * place, so concurrent writers never see or leave a partial entry. jco runs
 * in a worker thread (transpile-worker.ts), so that a component it panics
 * on does not make it fail every later one.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { ProxyComponentError } from '../../errors.js';
import { cacheDirectory } from '../../util/cache-dir.js';
import { patchGlue } from './glue-patch.js';
import { transpileInWorker } from './transpile-worker.js';
import { transpiler } from './transpiler.js';


/** The transpile options every engine run uses: imports passed at instantiation, errors wrapped. */
export const TRANSPILE_OPTIONS = {
  name: 'component',
  instantiation: 'async',
  // A ComponentError with `payload` for an export's err, so that an err is never mistaken for a trap.
  noComponentErrorWrapping: false,
  emitTypescriptDeclarations: false,
} as const;

export interface TranspiledComponent {
  /** sha256 of the component bytes, hex. */
  readonly hash: string;
  /** The folder holding the generated ES module and its core wasm files. */
  readonly directory: string;
  /** The generated ES module. */
  readonly entry: string;
  /** The import specifiers jco's `instantiate` expects keys for (`held:kv/store`, `log-line`). */
  readonly imports: readonly string[];
  /** Whether this call transpiled (false: read from the cache). */
  readonly transpiled: boolean;
}

const METADATA_FILE = 'proxy-component.json';

/** Bumped whenever what this module writes changes, so that old cache entries are not reused. */
const CACHE_LAYOUT = 3;

export function componentHash(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export async function transpileCached(bytes: Uint8Array, cacheRoot: string = cacheDirectory()): Promise<TranspiledComponent> {
  const hash = componentHash(bytes);
  const directory = join(cacheRoot, `jco-transpile-${transpiler().version}-v${CACHE_LAYOUT}`, hash);
  const entry = join(directory, `${TRANSPILE_OPTIONS.name}.js`);
  const cached = await readMetadata(directory);
  if (cached !== undefined) return { hash, directory, entry, imports: cached.imports, transpiled: false };

  let files: Record<string, Uint8Array>;
  let imports: string[];
  try {
    ({ files, imports } = await transpileInWorker(bytes, { ...TRANSPILE_OPTIONS }));
    const entryName = `${TRANSPILE_OPTIONS.name}.js`;
    const glue = files[entryName];
    if (glue !== undefined) files[entryName] = new TextEncoder().encode(patchGlue(new TextDecoder().decode(glue)).source);
  } catch (cause) {
    throw new ProxyComponentError('COMPONENT_DECODE', `jco cannot transpile this component: ${messageOf(cause)}`, { cause });
  }
  const staging = `${directory}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await mkdir(staging, { recursive: true });
    // The generated code is ESM with .js extensions.
    await writeFile(join(staging, 'package.json'), '{ "type": "module" }\n');
    for (const [path, content] of Object.entries(files)) {
      await mkdir(dirname(join(staging, path)), { recursive: true });
      await writeFile(join(staging, path), content);
    }
    // Written last: its presence marks a complete entry.
    await writeFile(join(staging, METADATA_FILE), JSON.stringify({ imports }));
    await rename(staging, directory);
  } catch (cause) {
    await rm(staging, { recursive: true, force: true });
    // Another process finished the same entry first: use theirs.
    if ((await readMetadata(directory)) !== undefined) return { hash, directory, entry, imports, transpiled: true };
    throw new ProxyComponentError('IO', `cannot write the transpile cache in ${cacheRoot}: ${messageOf(cause)}`, { cause });
  }
  return { hash, directory, entry, imports, transpiled: true };
}

async function readMetadata(directory: string): Promise<{ imports: string[] } | undefined> {
  try {
    const metadata = JSON.parse(await readFile(join(directory, METADATA_FILE), 'utf8')) as { imports?: unknown };
    return Array.isArray(metadata.imports) ? { imports: metadata.imports.map(String) } : undefined;
  } catch {
    return undefined;
  }
}

function messageOf(cause: unknown): string {
  if (cause instanceof Error) return cause.message;
  if (typeof cause === 'object' && cause !== null && 'payload' in cause) return String((cause as { payload: unknown }).payload);
  return String(cause);
}
