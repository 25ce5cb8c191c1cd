/**
 * Throwaway Vitest projects, laid out as a user's: a temp folder with
 * node_modules holding Vitest and proxy-component installed as a package (its
 * built dist copied, with the package.json exports the product ships), a
 * component, traces recorded from it, and a vitest.config.ts. Vitest runs in a
 * child process, from that folder.
 */
import { cp, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa, type ResultPromise } from 'execa';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** The `exports` proxy-component's package.json needs for its Vitest integration (also asked of the lead). */
export const VITEST_EXPORTS = {
  './vitest': { types: './dist/src/vitest/index.d.ts', default: './dist/src/vitest/index.js' },
  './vitest/property': { types: './dist/src/vitest/property.d.ts', default: './dist/src/vitest/property.js' },
  './runner': { types: './dist/runner/index.d.ts', default: './dist/runner/index.js' },
  './matchers': { types: './dist/matchers/index.d.ts', default: './dist/matchers/index.js' },
  './matchers/setup': { types: './dist/matchers/setup.d.ts', default: './dist/matchers/setup.js' },
  './reporter': { types: './dist/reporter/index.d.ts', default: './dist/reporter/index.js' },
} as const;

/** Where Vitest and its dependencies come from: this repository (4.1), or the cache scripts/setup-vitest5.sh fills. */
export interface VitestInstall {
  readonly nodeModules: string;
  /** The node binary to run it with. */
  readonly node: string;
}

export const PROJECT_VITEST: VitestInstall = { nodeModules: join(REPO, 'node_modules'), node: process.execPath };

export interface TraceProject {
  readonly dir: string;
  /** Writes a file of the project (relative path). */
  write(path: string, text: string | Uint8Array): Promise<void>;
  read(path: string): Promise<string>;
  /** Runs `vitest <args>` in the project; never rejects on a failing exit code. */
  vitest(args: readonly string[], options?: { readonly env?: Record<string, string> }): Promise<VitestRun>;
  /** Starts `vitest <args>` (e.g. in watch mode): output in `all`, stop it with `kill()`. */
  spawnVitest(args: readonly string[], options?: { readonly env?: Record<string, string> }): ResultPromise<{ all: true; reject: false }>;
  remove(): Promise<void>;
}

export interface VitestRun {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
  /** stdout and stderr together, as a person sees them. */
  readonly output: string;
}

export async function createTraceProject(install: VitestInstall = PROJECT_VITEST): Promise<TraceProject> {
  const dir = await mkdtemp(join(tmpdir(), 'pc-vitest-project-'));
  await installPackages(dir, install);
  await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'traces-under-test', private: true, type: 'module' }));
  const project: TraceProject = {
    dir,
    async write(path, text) {
      await mkdir(dirname(join(dir, path)), { recursive: true });
      await writeFile(join(dir, path), text);
    },
    read: (path) => readFile(join(dir, path), 'utf8'),
    async vitest(args, options = {}) {
      const result = await execa(install.node, [join(install.nodeModules, 'vitest/vitest.mjs'), ...args], {
        cwd: dir,
        reject: false,
        all: true,
        env: { ...cleanEnv(), NO_COLOR: '1', ...options.env },
        extendEnv: false,
        timeout: 120_000,
      });
      return { exitCode: result.exitCode ?? -1, stdout: result.stdout, stderr: result.stderr, output: result.all ?? '' };
    },
    spawnVitest(args, options = {}) {
      return execa(install.node, [join(install.nodeModules, 'vitest/vitest.mjs'), ...args], {
        cwd: dir,
        reject: false,
        all: true,
        env: { ...cleanEnv(), NO_COLOR: '1', ...options.env },
        extendEnv: false,
      });
    },
    remove: () => rm(dir, { recursive: true, force: true }),
  };
  return project;
}

/**
 * The environment without the outer Vitest's variables, so the inner run is a plain one; `CI` too,
 * since a CI machine sets it and recording refuses to record there (tests that mean CI pass it).
 */
function cleanEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined || key.startsWith('VITEST') || key === 'TEST' || key === 'NODE_ENV' || key === 'FORCE_COLOR' || key === 'NODE_OPTIONS' || key === 'CI') continue;
    env[key] = value;
  }
  return env;
}

async function installPackages(dir: string, install: VitestInstall): Promise<void> {
  const modules = join(dir, 'node_modules');
  await mkdir(modules, { recursive: true });
  await linkEntries(install.nodeModules, modules);
  // proxy-component's own dependencies, where the Vitest install lacks them.
  const manifest = JSON.parse(await readFile(join(REPO, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
  for (const name of Object.keys(manifest.dependencies ?? {})) {
    const target = join(modules, name);
    if (existsSync(target)) continue;
    await mkdir(dirname(target), { recursive: true });
    await symlink(join(REPO, 'node_modules', name), target, 'dir');
  }
  const pkg = join(modules, 'proxy-component');
  await mkdir(pkg, { recursive: true });
  await writeFile(
    join(pkg, 'package.json'),
    JSON.stringify({ name: 'proxy-component', type: 'module', exports: { '.': { types: './dist/src/index.d.ts', default: './dist/src/index.js' }, ...VITEST_EXPORTS } }, null, 2),
  );
  for (const folder of ['src', 'runner', 'matchers', 'reporter']) {
    const built = join(REPO, 'dist', folder);
    if (!existsSync(built)) throw new Error(`${built} is missing: run \`npx tsc -p tsconfig.build.json\` first`);
    await cp(built, join(pkg, 'dist', folder), { recursive: true });
  }
}

/** Links every package of `from` into `to` (scopes entry by entry, so more can be added beside them). */
async function linkEntries(from: string, to: string): Promise<void> {
  for (const entry of await readdir(from, { withFileTypes: true })) {
    if (entry.name.startsWith('.') || entry.name === 'proxy-component') continue;
    if (entry.name.startsWith('@')) {
      await mkdir(join(to, entry.name), { recursive: true });
      await linkEntries(join(from, entry.name), join(to, entry.name));
      continue;
    }
    await symlink(join(from, entry.name), join(to, entry.name), 'dir');
  }
}
