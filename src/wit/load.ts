/**
 * Reading WIT text: from a string, a `.wit` file, or a folder laid out as the
 * WIT tooling expects:
 *
 *     wit/
 *       world.wit, types.wit, ...   the root package (all `*.wit` files together)
 *       deps/
 *         wasi-io/                  a dependency: one package, possibly several files
 *         wasi-clocks.wit           a dependency as a single file (may nest more packages)
 *
 * Dependencies are matched by package name, not by file name, and resolved in
 * dependency order.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { ProxyComponentError } from '../errors.js';
import type { WitFileSyntax } from './text/ast.js';
import { buildDocument, packagesOfFiles, type FilePackages } from './text/document.js';
import { parseWitFile } from './text/parser.js';
import { formatPackageName, interfaceId, type WitDocument, type WitPackage, type World } from './world.js';

/**
 * Parses and resolves WIT source text. The text may hold a `package ns:name;`
 * with its items and any number of nested `package ns:dep { ... }` blocks.
 * Throws WIT_SYNTAX, WIT_RESOLVE or WIT_UNSUPPORTED with the location in `fileName`.
 */
export function parseWit(source: string, fileName?: string): WitDocument {
  return withinStack(() => {
    const file = parseWitFile(source, fileName);
    return buildDocument(packagesOfFiles([file]), [], fileName ?? 'the WIT text');
  });
}

/** Reads a `.wit` file, or a folder of `.wit` files with an optional `deps/` folder. */
export async function loadWit(path: string): Promise<WitDocument> {
  const info = await statOrThrow(path);
  if (!info.isDirectory()) return parseWit(await readText(path), path);
  const rootFiles = await witFilesIn(path);
  if (rootFiles.length === 0) throw new ProxyComponentError('WIT_RESOLVE', `no .wit files in folder ${path}`);
  const root = packagesOfFiles(await parseFiles(rootFiles));
  const dependencies = await loadDependencies(join(path, 'deps'));
  return withinStack(() => buildDocument(root, dependencies, path));
}

/**
 * Runs `read`, turning a stack overflow into an error about the input: the
 * parser and resolver bound the nesting they recurse on, but chains of
 * thousands of interfaces could still be too deep.
 */
function withinStack<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof RangeError && /call stack/i.test(error.message)) {
      throw new ProxyComponentError('WIT_RESOLVE', 'the WIT is nested too deeply to be read (thousands of levels of types, `use`s or `include`s)', { cause: error });
    }
    throw error;
  }
}

async function loadDependencies(depsPath: string): Promise<FilePackages[]> {
  const info = await stat(depsPath).catch(() => undefined);
  if (info === undefined || !info.isDirectory()) return [];
  const groups: FilePackages[] = [];
  for (const name of await listFolder(depsPath)) {
    const entryPath = join(depsPath, name);
    const entry = await statOrThrow(entryPath);
    if (entry.isDirectory()) {
      const files = await witFilesIn(entryPath);
      if (files.length > 0) groups.push(packagesOfFiles(await parseFiles(files)));
    } else if (name.endsWith('.wit')) {
      groups.push(packagesOfFiles(await parseFiles([entryPath])));
    }
  }
  return groups;
}

/** The `.wit` files directly in `folder`, sorted by name so that results do not depend on the file system. */
async function witFilesIn(folder: string): Promise<string[]> {
  const files: string[] = [];
  for (const name of await listFolder(folder)) {
    if (!name.endsWith('.wit')) continue;
    const path = join(folder, name);
    if ((await statOrThrow(path)).isFile()) files.push(path);
  }
  return files;
}

async function parseFiles(paths: readonly string[]): Promise<WitFileSyntax[]> {
  const texts = await Promise.all(paths.map(readText));
  return withinStack(() => texts.map((text, i) => parseWitFile(text, paths[i])));
}

async function listFolder(path: string): Promise<string[]> {
  try {
    return (await readdir(path)).sort();
  } catch (cause) {
    throw ioError(path, cause);
  }
}

async function readText(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (cause) {
    throw ioError(path, cause);
  }
}

async function statOrThrow(path: string): Promise<Awaited<ReturnType<typeof stat>>> {
  try {
    return await stat(path);
  } catch (cause) {
    throw ioError(path, cause);
  }
}

function ioError(path: string, cause: unknown): ProxyComponentError {
  const code = (cause as { code?: unknown } | null)?.code;
  const reason =
    code === 'ENOENT' ? 'no such file or directory' : code === 'EACCES' ? 'permission denied' : cause instanceof Error ? cause.message : String(cause);
  return new ProxyComponentError('IO', `cannot read ${path}: ${reason}`, { cause });
}

/**
 * The world to use from a document: `name` may be a world of the main package
 * (`app`) or a fully qualified one (`ns:pkg/app@1.0.0`, version optional when
 * only one version is loaded). Without a name, the main package must have
 * exactly one world. Errors list the worlds to choose from.
 */
export function selectWorld(document: WitDocument, name?: string): World {
  const { main } = document;
  const mainKey = formatPackageName(main.name);
  if (name === undefined) {
    const worlds = [...main.worlds.values()];
    if (worlds.length === 1) return worlds[0] as World;
    if (worlds.length === 0) throw new ProxyComponentError('WIT_RESOLVE', `package \`${mainKey}\` defines no world`);
    throw new ProxyComponentError('USAGE', `package \`${mainKey}\` has several worlds; choose one of ${listWorlds(document)}`);
  }
  if (!name.includes(':')) {
    const world = main.worlds.get(name);
    if (world !== undefined) return world;
    throw new ProxyComponentError('USAGE', `world \`${name}\` is not defined in package \`${mainKey}\`; choose one of ${listWorlds(document)}`);
  }
  const world = findQualifiedWorld(document.packages, name);
  if (world !== undefined) return world;
  throw new ProxyComponentError('USAGE', `world \`${name}\` is not defined; choose one of ${listWorlds(document)}`);
}

function findQualifiedWorld(packages: readonly WitPackage[], name: string): World | undefined {
  const match = /^([^:/@]+):([^:/@]+)\/([^:/@]+)(?:@(.+))?$/.exec(name);
  if (match === null) return undefined;
  const [, namespace, pkgName, worldName, version] = match;
  const candidates = packages.filter(
    (pkg) => pkg.name.namespace === namespace && pkg.name.name === pkgName && (version === undefined || pkg.name.version === version),
  );
  return candidates.length === 1 ? candidates[0]?.worlds.get(worldName as string) : undefined;
}

/** Every world of the document: plain names for the main package, qualified ones for the others. */
function listWorlds(document: WitDocument): string {
  const names: string[] = [];
  for (const pkg of [document.main, ...document.packages.filter((p) => p !== document.main)]) {
    for (const world of pkg.worlds.keys()) names.push(pkg === document.main ? world : interfaceId(pkg.name, world));
  }
  return names.length === 0 ? '(no worlds are defined)' : names.map((n) => `\`${n}\``).join(', ');
}
