/**
 * Throwaway Jest projects, laid out as a user's: a temp folder with
 * node_modules holding this repository's packages (Jest 30 among them) and
 * proxy-component installed as a package (its built dist copied, the Jest
 * preset beside it, with the package.json exports the product needs), a
 * component, traces, and a package.json. Jest runs in a child process, from
 * that folder, with the project's installed jest (node_modules/jest/bin/jest.js).
 */
import { cp, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa, type ResultPromise } from 'execa';
import { VITEST_EXPORTS } from '../../vitest/support/trace-project.js';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** The `exports` proxy-component's package.json needs for its Jest integration (also asked of the lead). */
export const JEST_EXPORTS = {
  './jest-preset': './jest-preset.cjs',
  './jest/transform': { types: './dist/jest/transform.d.ts', default: './dist/jest/transform.js' },
  './jest/runner': { types: './dist/jest/runner.d.ts', default: './dist/jest/runner.js' },
  './jest/reporter': { types: './dist/jest/reporter.d.ts', default: './dist/jest/reporter.js' },
  './jest/matchers': { types: './dist/jest/sandbox/matchers.d.cts', default: './dist/jest/sandbox/matchers.cjs' },
  './jest/matchers/setup': { types: './dist/jest/sandbox/setup.d.cts', default: './dist/jest/sandbox/setup.cjs' },
} as const;

/** Files of the package beside dist (also asked of the lead: package.json `files`). */
const PACKAGE_ROOT_FILES = ['jest-preset.cjs'];

export interface JestProject {
  readonly dir: string;
  write(path: string, text: string | Uint8Array): Promise<void>;
  read(path: string): Promise<string>;
  /** Deletes a file of the project. */
  delete(path: string): Promise<void>;
  /** Runs `jest <args>` in the project; never rejects on a failing exit code. */
  /** Runs `jest --ci` unless `ci: false` (a developer's plain run, where new recordings are written). */
  jest(args?: readonly string[], options?: { readonly env?: Record<string, string>; readonly cwd?: string; readonly ci?: boolean }): Promise<JestRun>;
  /** Starts `jest <args>` (watch mode): output in `all`, stop it with `kill()`. */
  spawnJest(args: readonly string[]): ResultPromise<{ all: true; reject: false }>;
  /** Runs a binary of node_modules/.bin-less packages, e.g. TypeScript: `node <script> <args>`. */
  node(script: string, args: readonly string[]): Promise<JestRun>;
  remove(): Promise<void>;
}

export interface JestRun {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
  /** stdout and stderr together, as a person sees them. */
  readonly output: string;
}

export interface JestProjectOptions {
  /** The project's package.json (default: the preset and nothing else). */
  readonly manifest?: object;
}

export const PRESET_MANIFEST = { name: 'traces-under-jest', private: true, jest: { preset: 'proxy-component' } };

export async function createJestProject(options: JestProjectOptions = {}): Promise<JestProject> {
  const dir = await mkdtemp(join(tmpdir(), 'pc-jest-project-'));
  await installPackages(dir);
  await writeFile(join(dir, 'package.json'), JSON.stringify(options.manifest ?? PRESET_MANIFEST, null, 2));
  const run = async (args: readonly string[], env: Record<string, string> = {}, cwd = '.'): Promise<JestRun> => {
    const result = await execa(process.execPath, args, {
      cwd: join(dir, cwd),
      reject: false,
      all: true,
      env: { ...cleanEnv(), NO_COLOR: '1', ...env },
      extendEnv: false,
      timeout: 180_000,
    });
    return { exitCode: result.exitCode ?? -1, stdout: result.stdout, stderr: result.stderr, output: result.all ?? '' };
  };
  return {
    dir,
    async write(path, text) {
      await mkdir(dirname(join(dir, path)), { recursive: true });
      await writeFile(join(dir, path), text);
    },
    read: (path) => readFile(join(dir, path), 'utf8'),
    delete: (path) => rm(join(dir, path), { force: true }),
    // No cache between runs of a test: each run sees the project as it is now.
    jest: (args = [], jestOptions = {}) => run([join(dir, 'node_modules/jest/bin/jest.js'), ...(jestOptions.ci === false ? [] : ['--ci']), '--no-cache', ...args], jestOptions.env, jestOptions.cwd),
    spawnJest: (args) =>
      execa(process.execPath, ['node_modules/jest/bin/jest.js', ...args], { cwd: dir, reject: false, all: true, env: { ...cleanEnv(), NO_COLOR: '1' }, extendEnv: false }),
    node: (script, args) => run([script, ...args]),
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}

/** The environment without the outer Vitest's variables, so the inner run is a plain one. */
function cleanEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined || key.startsWith('VITEST') || key.startsWith('JEST') || key === 'TEST' || key === 'NODE_ENV' || key === 'FORCE_COLOR' || key === 'NODE_OPTIONS' || key === 'CI') continue;
    env[key] = value;
  }
  return env;
}

async function installPackages(dir: string): Promise<void> {
  const modules = join(dir, 'node_modules');
  await mkdir(modules, { recursive: true });
  await linkEntries(join(REPO, 'node_modules'), modules);
  const pkg = join(modules, 'proxy-component');
  await mkdir(pkg, { recursive: true });
  const exports = { '.': { types: './dist/src/index.d.ts', default: './dist/src/index.js' }, ...VITEST_EXPORTS, ...JEST_EXPORTS };
  await writeFile(join(pkg, 'package.json'), JSON.stringify({ name: 'proxy-component', version: '0.0.0-test', type: 'module', exports }, null, 2));
  for (const folder of ['src', 'runner', 'matchers', 'reporter', 'jest']) {
    const built = join(REPO, 'dist', folder);
    if (!existsSync(built)) throw new Error(`${built} is missing: run \`npx tsc -p tsconfig.build.json\` (with jest/ included) first`);
    await cp(built, join(pkg, 'dist', folder), { recursive: true });
  }
  for (const file of PACKAGE_ROOT_FILES) await cp(join(REPO, file), join(pkg, file));
}

/** Links every package of `from` into `to` (scopes entry by entry). */
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
