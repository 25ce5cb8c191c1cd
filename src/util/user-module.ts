/**
 * The one loader of modules the user writes: `--host` modules (jco imports,
 * properties) of record, replay and fuzz, the Vitest plugin's and the Jest
 * preset's `hostModule`, and native modules standing in for a component.
 *
 * `.js`, `.mjs` and `.cjs` are imported as Node imports them. `.ts`, `.mts`
 * and `.cts` are bundled with rolldown (a dependency already; TypeScript is
 * not one, and Node 20 cannot strip types): types are stripped, relative
 * imports inlined (`./util.js` finds `util.ts`, as tsc resolves it),
 * packages left for Node to import. The bundle is written beside the user's
 * file, so that packages resolve from where it is, imported and deleted;
 * `import.meta.url`, `dirname` and `filename` still name the user's files.
 *
 * A module that does not parse or throws while loading is a `USER_MODULE`
 * error located at the file and line (through the bundle's source map for
 * TypeScript). A module is loaded once per modification time.
 */
import { randomBytes } from 'node:crypto';
import { stat, unlink, writeFile } from 'node:fs/promises';
import { SourceMap, type SourceMapPayload } from 'node:module';
import { basename, dirname, extname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ProxyComponentError, type SourceLocation } from '../errors.js';
import { describeIoError } from './io-error.js';

export type UserModule = Record<string, unknown>;

const TYPESCRIPT = new Set(['.ts', '.mts', '.cts']);
const JAVASCRIPT = new Set(['.js', '.mjs', '.cjs']);

const loaded = new Map<string, Promise<UserModule>>();
/** The modification time each JS module was first imported at: a changed one is imported again under a query. */
const importedAt = new Map<string, number>();

/**
 * The module at `path`, imported. `role` names it in errors: `host module`
 * gives "cannot load the host module host.ts: ...".
 */
export async function importUserModule(path: string, role: string): Promise<UserModule> {
  const file = resolve(path);
  const extension = extname(file);
  if (!TYPESCRIPT.has(extension) && !JAVASCRIPT.has(extension)) {
    throw new ProxyComponentError('USAGE', `cannot load the ${role} ${path}: expected a .js, .mjs, .cjs, .ts, .mts or .cts file`);
  }
  const modified = await stat(file).then(
    (stats) => stats.mtimeMs,
    (cause: unknown) => {
      throw new ProxyComponentError('IO', `cannot load the ${role} ${path}: ${describeIoError(cause)}`, { cause });
    },
  );
  const key = `${file}\0${modified}`;
  let module = loaded.get(key);
  if (module === undefined) {
    const failed = (detail: string, location: SourceLocation | undefined, cause: unknown) =>
      new ProxyComponentError('USER_MODULE', `cannot load the ${role} ${path}: ${detail}`, { ...(location === undefined ? {} : { location }), cause });
    module = TYPESCRIPT.has(extension) ? importTypeScript(file, `the ${role} ${path}`, failed) : importJavaScript(file, modified, failed);
    loaded.set(key, module);
    module.catch(() => loaded.delete(key));
  }
  return module;
}

type Failure = (detail: string, location: SourceLocation | undefined, cause: unknown) => ProxyComponentError;

async function importJavaScript(file: string, modified: number, failed: Failure): Promise<UserModule> {
  const first = importedAt.get(file);
  if (first === undefined) importedAt.set(file, modified);
  const url = pathToFileURL(file).href;
  try {
    return (await import(first === undefined || first === modified ? url : `${url}?modified=${modified}`)) as UserModule;
  } catch (cause) {
    // Node tells a syntax error's place only to the console: ask rolldown's parser where it is.
    const syntax = cause instanceof SyntaxError ? await syntaxErrorAt(file) : undefined;
    throw failed(messageOf(cause), syntax ?? thrownAt(cause, (location) => (isUserFile(location.file) ? location : undefined)), cause);
  }
}

/** `what` names the module in errors: `the host module host.ts`. */
async function importTypeScript(file: string, what: string, failed: Failure): Promise<UserModule> {
  let bundled: Bundled;
  try {
    bundled = await bundle(file);
  } catch (cause) {
    const located = describeBundleError(cause);
    throw failed(located?.detail ?? messageOf(cause), located?.location, cause);
  }
  const temporary = join(dirname(file), `.${basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.mjs`);
  try {
    await writeFile(temporary, `${bundled.code}\n//# sourceMappingURL=data:application/json;base64,${Buffer.from(JSON.stringify(bundled.map)).toString('base64')}\n`);
  } catch (cause) {
    throw new ProxyComponentError('IO', `cannot load ${what}: cannot write its JavaScript beside it (${temporary}): ${describeIoError(cause)}`, { cause });
  }
  try {
    return (await import(pathToFileURL(temporary).href)) as UserModule;
  } catch (cause) {
    const sourceMap = new SourceMap(bundled.map);
    const location = thrownAt(cause, (at) => (at.file === temporary ? original(sourceMap, at, dirname(temporary)) : isUserFile(at.file) ? at : undefined));
    // Node names the bundle where it names the module (`imported from .../.host.ts.123.mjs`): name the user's file.
    const message = messageOf(cause).replaceAll(pathToFileURL(temporary).href, pathToFileURL(file).href).replaceAll(temporary, file);
    throw failed(message, location, cause);
  } finally {
    await unlink(temporary).catch(() => undefined);
  }
}

interface Bundled {
  readonly code: string;
  readonly map: SourceMapPayload;
}

/** `file` and the relative imports it reaches, as one ES module with its source map (sources relative to `file`'s folder). */
async function bundle(file: string): Promise<Bundled> {
  const { rolldown } = await import('rolldown');
  const build = await rolldown({
    input: file,
    platform: 'node',
    logLevel: 'silent',
    treeshake: false,
    // Packages and Node's modules: imported by Node from beside the user's file.
    external: (id) => !id.startsWith('.') && !isAbsolute(id) && !id.startsWith('file:') && !id.startsWith('\0'),
    resolve: { extensionAlias: { '.js': ['.ts', '.tsx', '.js'], '.mjs': ['.mts', '.mjs'], '.cjs': ['.cts', '.cjs'] } },
    plugins: [
      {
        name: 'proxy-component-import-meta',
        transform(code: string, id: string) {
          if (!code.includes('import.meta') || !isAbsolute(id)) return null;
          return code
            .replace(/\bimport\.meta\.url\b/g, JSON.stringify(pathToFileURL(id).href))
            .replace(/\bimport\.meta\.filename\b/g, JSON.stringify(id))
            .replace(/\bimport\.meta\.dirname\b/g, JSON.stringify(dirname(id)));
        },
      },
    ],
  });
  try {
    const { output } = await build.generate({ format: 'esm', sourcemap: true, codeSplitting: false, dir: dirname(file) });
    const chunk = output[0];
    if (chunk === undefined || chunk.type !== 'chunk' || chunk.map === null) throw new Error('rolldown made no bundle');
    return { code: chunk.code, map: JSON.parse(chunk.map.toString()) as SourceMapPayload };
  } finally {
    await build.close();
  }
}

/** Where rolldown's parser finds `file` (or a module it imports) wrong, if it does. */
async function syntaxErrorAt(file: string): Promise<SourceLocation | undefined> {
  try {
    await bundle(file);
    return undefined;
  } catch (cause) {
    return describeBundleError(cause)?.location;
  }
}

/** rolldown's first error, without colours or its code frame: `Unexpected token` at `bad.ts:2:18`. */
function describeBundleError(cause: unknown): { detail: string; location?: SourceLocation } | undefined {
  const errors = (cause as { errors?: unknown } | null)?.errors;
  if (!Array.isArray(errors) || errors.length === 0) return undefined;
  const first = errors[0] as { message?: unknown; loc?: { file?: unknown; line?: unknown; column?: unknown }; id?: unknown };
  // eslint-disable-next-line no-control-regex
  const text = String(first.message ?? '').replace(/\u001b\[[0-9;]*m/g, '');
  const detail = (text.split('\n')[0] ?? '').replace(/^\[[A-Z_]+\]\s*/, '').replace(/^Error:\s*/, '').trim() || 'rolldown cannot read it';
  const { loc } = first;
  const file = typeof loc?.file === 'string' ? loc.file : typeof first.id === 'string' ? first.id : undefined;
  if (typeof loc?.line !== 'number' || typeof loc.column !== 'number') return { detail };
  return { detail, location: { ...(file === undefined ? {} : { file }), line: loc.line, column: loc.column + 1 } };
}

/**
 * The first stack frame `locate` accepts, above Node's module loader: where a
 * module threw while it loaded (none when the loader itself failed, as for a
 * package that is not installed).
 */
function thrownAt(cause: unknown, locate: (at: Required<SourceLocation>) => SourceLocation | undefined): SourceLocation | undefined {
  const stack = cause instanceof Error ? cause.stack : undefined;
  for (const line of stack?.split('\n') ?? []) {
    if (line.includes('node:internal/modules/')) break;
    const frame = /\(?(file:\/\/[^\s)]+?):(\d+):(\d+)\)?\s*$/.exec(line.trim());
    if (frame === null) continue;
    let file: string;
    try {
      file = fileURLToPath((frame[1] as string).replace(/\?.*$/, ''));
    } catch {
      continue;
    }
    const found = locate({ file, line: Number(frame[2]), column: Number(frame[3]) });
    if (found !== undefined) return found;
  }
  return undefined;
}

/** A place in the bundle, in the user's TypeScript. */
function original(sourceMap: SourceMap, at: Required<SourceLocation>, folder: string): SourceLocation | undefined {
  const entry = sourceMap.findEntry(at.line - 1, at.column - 1) as { originalSource?: string; originalLine?: number; originalColumn?: number };
  if (entry.originalSource === undefined || entry.originalLine === undefined || entry.originalColumn === undefined) return undefined;
  const source = entry.originalSource.startsWith('file:') ? fileURLToPath(entry.originalSource) : resolve(folder, entry.originalSource);
  return { file: source, line: entry.originalLine + 1, column: entry.originalColumn + 1 };
}

/** A file of the user's, not one of a package's (where a module's call into a package threw). */
function isUserFile(file: string): boolean {
  return !file.split(/[\\/]/).includes('node_modules');
}

function messageOf(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}
