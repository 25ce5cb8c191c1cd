/**
 * `jest --runner proxy` as written, from packed tarballs: proxy-component and
 * the workspace package jest-runner-proxy (packages/jest-runner-proxy) are
 * packed with `npm pack`, unpacked into a fresh Jest 30 project's
 * node_modules as npm would install them (their dependencies linked from this
 * repository), and Jest resolves `--runner proxy` to jest-runner-proxy. The
 * packed proxy-component is also held to what it promises: every file its
 * `exports` name, and every file the README links to.
 */
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordComponent } from '../../src/session/record-component.js';
import { appComponent, appHost } from '../support/app-component.js';
import { REPO } from './support/jest-project.js';
import { replaceLine } from './support/traces.js';

let dir: string;
let packed: string;

async function pack(folder: string): Promise<string> {
  const result = await execa('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', packed], { cwd: folder });
  const [info] = JSON.parse(result.stdout) as { filename: string }[];
  return join(packed, (info as { filename: string }).filename);
}

async function unpack(tarball: string, into: string): Promise<void> {
  await mkdir(into, { recursive: true });
  await execa('tar', ['-xzf', tarball, '-C', into, '--strip-components=1']);
}

function jest(args: readonly string[]) {
  return execa(process.execPath, [join(dir, 'node_modules/jest/bin/jest.js'), '--ci', '--no-cache', ...args], { cwd: dir, reject: false, all: true, env: { NO_COLOR: '1', PATH: process.env['PATH'] ?? '' }, extendEnv: false });
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pc-jest-runner-package-'));
  packed = join(dir, '.packed');
  await mkdir(packed);
  const modules = join(dir, 'node_modules');
  await mkdir(modules);
  for (const entry of await readdir(join(REPO, 'node_modules'), { withFileTypes: true })) {
    if (entry.name.startsWith('.') || entry.name === 'proxy-component' || entry.name === 'jest-runner-proxy') continue;
    await symlink(join(REPO, 'node_modules', entry.name), join(modules, entry.name), 'dir');
  }
  await unpack(await pack(REPO), join(modules, 'proxy-component'));
  await unpack(await pack(join(REPO, 'packages/jest-runner-proxy')), join(modules, 'jest-runner-proxy'));
  await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'runner-proxy', private: true, jest: { testMatch: ['**/*.trace'], moduleFileExtensions: ['js', 'trace', 'wasm'] } }));
  await writeFile(join(dir, 'app.wasm'), await appComponent());
  await recordComponent(join(dir, 'app.wasm'), { host: appHost(), invocations: ['run(1)', 'greet("ada")', 'run(2)'], output: join(dir, 'traces/app.trace') });
  // Line 10 is `return 5`, the outcome of run(2).
  await mkdir(join(dir, 'altered'));
  await writeFile(join(dir, 'altered/app.trace'), replaceLine(await readFile(join(dir, 'traces/app.trace'), 'utf8'), 10, 'return 6'));
}, 180_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('jest --runner proxy, from packed tarballs', () => {
  it('finds jest-runner-proxy and runs each trace as one result per export call', async () => {
    const run = await jest(['--runner', 'proxy', 'traces', '--verbose']);

    expect(run.exitCode, run.all).toBe(0);
    expect(run.all).toMatch(/Tests:\s+3 passed, 3 total/);
    expect(run.all).toContain("✓ greet('ada')");
  });

  it('fails a diverging trace with its divergence', async () => {
    const run = await jest(['--runner', 'proxy', 'altered']);

    expect(run.exitCode, run.all).toBe(1);
    expect(run.all).toContain('TraceDivergence: ✗ altered/app.trace:10 export call #3: wrong export result');
  });
});

describe('the packed proxy-component', () => {
  const installed = () => join(dir, 'node_modules/proxy-component');

  it('holds every file its exports name', async () => {
    const manifest = JSON.parse(await readFile(join(installed(), 'package.json'), 'utf8')) as { exports: Record<string, string | Record<string, string>>; bin: Record<string, string> };
    const targets = Object.values(manifest.exports).flatMap((target) => (typeof target === 'string' ? [target] : Object.values(target)));
    for (const target of [...targets, ...Object.values(manifest.bin)]) expect(existsSync(join(installed(), target)), target).toBe(true);
  });

  it('holds every file its README links to, the examples among them, without their builds', async () => {
    const readme = await readFile(join(installed(), 'README.md'), 'utf8');
    const links = [...readme.matchAll(/\]\(([^)#]+?)\)/g)].map((match) => match[1] as string).filter((link) => !/^[a-z]+:/.test(link));
    expect(links.length).toBeGreaterThan(0);
    for (const link of links) expect(existsSync(join(installed(), link)), link).toBe(true);
    expect(existsSync(join(installed(), 'examples/calculator-wat/build'))).toBe(false);
    expect(existsSync(join(installed(), dirname('dist/bench/vitest-corpus.js')))).toBe(false);
  });
});
