/**
 * Builds examples/two-builds/: the same JavaScript source (greeter.js) and
 * WIT world, once with componentize-js (SpiderMonkey) and once with
 * componentize-qjs (QuickJS), into examples/two-builds/build/ (not committed).
 *
 *   node dist/scripts/build-two-builds.js           build what changed
 *   node dist/scripts/build-two-builds.js --force   rebuild both
 *
 * Both are pure components (WASI left out or stubbed), so every engine,
 * wasmtime included, runs them as they are. Each output is skipped when a
 * hash of its sources and of its toolchain's version matches the one stored
 * next to it (`<output>.source-sha256`), so a second run costs milliseconds;
 * componentize-js takes about half a minute.
 *
 * componentize-js runs its WIT reader in a WASI sandbox without the file
 * system, so it is handed the WIT text, not the folder.
 *
 * componentize-js is a build tool of this one example, not a dependency of
 * the package: it is installed on first use into .tools/componentize-js
 * (pinned), because its own dependencies (jco 1.x, TypeScript 6 as an npm
 * alias with a `tsc` bin) would otherwise land in the project's node_modules
 * and take over its `tsc`.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { execa } from 'execa';
import { writeFileAtomic } from '../src/util/atomic-write.js';

const COMPONENTIZE_JS_VERSION = '0.23.0';

/** One build of the example: its output file and the toolchain that makes it. */
export interface TwoBuildsOutput {
  /** File name inside examples/two-builds/build/. */
  readonly file: string;
  /** npm package of the toolchain, whose version is part of the hash; with `pinned`, the package and its version. */
  readonly toolchain: string;
  /** Installed by this script at a pinned version (named in `toolchain`), not a dependency of the project. */
  readonly pinned?: boolean;
  build(exampleDir: string): Promise<Uint8Array>;
}

/** Sources of both builds, relative to the example folder. */
export const TWO_BUILDS_SOURCES = ['greeter.js', 'wit/greeter.wit'] as const;
const WORLD = 'greeter';

export const SPIDERMONKEY_BUILD: TwoBuildsOutput = {
  file: 'componentize-js.wasm',
  toolchain: `@bytecodealliance/componentize-js ${COMPONENTIZE_JS_VERSION}`,
  pinned: true,
  async build(dir) {
    const { componentize } = (await import(pathToFileURL(await componentizeJsEntry()).href)) as ComponentizeJs;
    // No console, clocks, randomness or HTTP: a component without imports.
    const disableFeatures = ['stdio', 'random', 'clocks', 'http', 'fetch-event'];
    const { component } = await componentize({ sourcePath: join(dir, 'greeter.js'), witWorld: await readFile(join(dir, 'wit/greeter.wit'), 'utf8'), worldName: WORLD, disableFeatures });
    return new Uint8Array(component);
  },
};

/** The part of componentize-js's API this example uses. */
interface ComponentizeJs {
  componentize(options: {
    sourcePath: string;
    witWorld: string;
    worldName: string;
    disableFeatures: readonly string[];
  }): Promise<{ component: Uint8Array }>;
}

/** The repository root: the folder above examples/two-builds. */
function repositoryRoot(): string {
  return dirname(dirname(twoBuildsDir()));
}

/** componentize-js's entry point in .tools/componentize-js, installed there (pinned) when missing. */
async function componentizeJsEntry(): Promise<string> {
  const prefix = join(repositoryRoot(), '.tools', 'componentize-js');
  const packageDir = join(prefix, 'node_modules', '@bytecodealliance', 'componentize-js');
  const manifest = join(packageDir, 'package.json');
  const installed = existsSync(manifest) ? (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version : undefined;
  if (installed !== COMPONENTIZE_JS_VERSION) {
    await execa('npm', ['install', '--prefix', prefix, '--no-save', '--no-audit', '--no-fund', '--loglevel=error', `@bytecodealliance/componentize-js@${COMPONENTIZE_JS_VERSION}`], { stdio: 'inherit' });
  }
  // Its `exports` is a bare conditions object: `{ types, import }`.
  const { exports } = JSON.parse(readFileSync(manifest, 'utf8')) as { exports: { import: string } };
  return join(packageDir, exports.import);
}

export const QUICKJS_BUILD: TwoBuildsOutput = {
  file: 'componentize-qjs.wasm',
  toolchain: 'componentize-qjs',
  async build(dir) {
    const { componentize } = await import('componentize-qjs');
    const { component } = await componentize({
      witPath: join(dir, 'wit'),
      world: WORLD,
      jsSource: await readFile(join(dir, 'greeter.js'), 'utf8'),
      jsPath: join(dir, 'greeter.js'),
      // The non-async runtime (jco runs it without JSPI); WASI stubbed out, so no imports.
      sync: true,
      stubWasi: true,
    });
    return new Uint8Array(component);
  },
};

export const TWO_BUILDS: readonly TwoBuildsOutput[] = [SPIDERMONKEY_BUILD, QUICKJS_BUILD];

/** A package's version, from the package.json above its entry point (neither lists it in `exports`; componentize-js has only an `import` entry). */
function packageVersion(name: string): string {
  let folder = dirname(fileURLToPath(import.meta.resolve(name)));
  while (!existsSync(join(folder, 'package.json'))) folder = dirname(folder);
  return (JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as { version: string }).version;
}

/** examples/two-builds, found from src or from dist. */
export function twoBuildsDir(): string {
  let folder = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(folder, 'examples', 'two-builds');
    if (existsSync(join(candidate, 'wit', 'greeter.wit'))) return candidate;
    const parent = dirname(folder);
    if (parent === folder) throw new Error('cannot find examples/two-builds above this script');
    folder = parent;
  }
}

/** sha256 of the recipe, the toolchain and its version, and each source (path, NUL, bytes). */
export function twoBuildsHash(dir: string, output: TwoBuildsOutput): string {
  const hash = createHash('sha256').update(`two-builds recipe 1\n${output.toolchain}${output.pinned === true ? '' : ` ${packageVersion(output.toolchain)}`}\n`);
  for (const source of TWO_BUILDS_SOURCES) {
    hash.update(`${source}\0`);
    hash.update(readFileSync(join(dir, source)));
  }
  return hash.digest('hex');
}

export interface TwoBuildsOptions {
  readonly force?: boolean;
  readonly log?: (line: string) => void;
  /** The example folder; default: the repository's examples/two-builds. */
  readonly dir?: string;
}

/** Builds what is out of date; returns the absolute paths, componentize-js first. */
export async function buildTwoBuilds(options: TwoBuildsOptions = {}): Promise<string[]> {
  const dir = options.dir ?? twoBuildsDir();
  const paths: string[] = [];
  // One after the other: each toolchain takes a CPU or more.
  for (const output of TWO_BUILDS) {
    const path = join(dir, 'build', output.file);
    const stamp = `${path}.source-sha256`;
    const hash = twoBuildsHash(dir, output);
    if (options.force !== true && existsSync(path) && existsSync(stamp) && readFileSync(stamp, 'utf8') === hash) {
      options.log?.(`up to date  examples/two-builds/build/${output.file}`);
    } else {
      const started = performance.now();
      const bytes = await output.build(dir);
      await writeFileAtomic(path, bytes);
      await writeFileAtomic(stamp, hash);
      options.log?.(`built       examples/two-builds/build/${output.file} (${(bytes.length / 1e6).toFixed(1)} MB, ${Math.round(performance.now() - started)} ms)`);
    }
    paths.push(path);
  }
  return paths;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  const unknown = args.filter((arg) => arg !== '--force');
  if (unknown.length > 0) {
    console.error(`unknown option ${unknown.join(' ')} (options: --force)`);
    process.exitCode = 2;
  } else {
    buildTwoBuilds({ force: args.includes('--force'), log: (line) => console.log(line) }).catch((error: unknown) => {
      console.error(error instanceof Error ? error.message : String(error));
      process.exitCode = 1;
    });
  }
}
