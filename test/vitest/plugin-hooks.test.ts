/** The plugin's hooks one by one, as Vite and Vitest call them. */
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { proxy, runtimeModule, TRACE_GLOB } from '../../src/vitest/plugin.js';
import { appComponent } from '../support/app-component.js';

const DEFAULT_INCLUDE = '**/*.{test,spec}.?(c|m)[jt]s?(x)';

type Hook = (...args: unknown[]) => unknown;
function hook(plugin: ReturnType<typeof proxy>, name: 'config' | 'configureVitest' | 'configResolved' | 'load'): Hook {
  const value = plugin[name] as Hook | { handler: Hook };
  return typeof value === 'function' ? value : value.handler;
}

let root: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'pc-plugin-hooks-'));
  await writeFile(join(root, 'app.wasm'), await appComponent());
  await writeFile(join(root, 'a.trace'), 'export run(1)\n  import test:app/math.double@0.1.0(1) -> 2\nreturn 3\n');
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('config', () => {
  it("adds **/*.trace to Vitest's default include, or to the user's, once", () => {
    const plugin = proxy();
    const fresh: { test?: { include?: string[] } } = {};
    hook(plugin, 'config')(fresh, {});
    expect(fresh.test?.include).toEqual([DEFAULT_INCLUDE, TRACE_GLOB]);

    const custom = { test: { include: ['spec/**/*.ts'] } };
    hook(plugin, 'config')(custom, {});
    hook(plugin, 'config')(custom, {});
    expect(custom.test.include).toEqual(['spec/**/*.ts', TRACE_GLOB]);
  });
});

describe('configureVitest', () => {
  it('adds traces to a project that kept the default include, and provides the settings to its workers', () => {
    const provided = new Map<string, unknown>();
    const project = { config: { include: [DEFAULT_INCLUDE] }, provide: (key: string, value: unknown) => provided.set(key, value) };
    hook(proxy({ timeoutMs: 5 }), 'configureVitest')({ project });
    expect(project.config.include).toEqual([DEFAULT_INCLUDE, TRACE_GLOB]);
    expect(provided.get('proxyComponent')).toEqual({ timeoutMs: 5, plugin: true });
  });

  it('leaves a project with its own include alone', () => {
    const project = { config: { include: ['unit/**/*.test.ts'] }, provide: () => undefined };
    hook(proxy(), 'configureVitest')({ project });
    expect(project.config.include).toEqual(['unit/**/*.test.ts']);
  });
});

describe('load', () => {
  const watching = () => {
    const watched: string[] = [];
    return { watched, addWatchFile: (file: string) => watched.push(file) };
  };

  it('turns a .trace file into a test module with its source map, watching the trace and its component', async () => {
    const plugin = proxy({ component: 'app.wasm' });
    hook(plugin, 'configResolved')({ root });
    const context = watching();

    const result = (await hook(plugin, 'load').call(context, join(root, 'a.trace'))) as { code: string; map: { sources: string[] } };

    expect(result.code).toContain('test("run(1)"');
    expect(result.map.sources).toEqual([join(root, 'a.trace')]);
    expect(context.watched).toEqual([join(root, 'a.trace'), join(root, 'app.wasm')]);
  });

  it("keeps Vitest's own queries and leaves other files and other queries (?raw) to Vite", async () => {
    const plugin = proxy({ component: 'app.wasm' });
    hook(plugin, 'configResolved')({ root });
    const load = hook(plugin, 'load');
    const context = watching();

    expect(await load.call(context, join(root, 'a.trace?vitest=123'))).toMatchObject({ code: expect.stringContaining('test(') });
    expect(await load.call(context, join(root, 'a.trace?raw'))).toBeNull();
    expect(await load.call(context, join(root, 'a.test.ts'))).toBeNull();
  });
});

describe('runtimeModule', () => {
  it('finds the built runtime when the plugin runs from sources', () => {
    const path = runtimeModule();
    expect(path.endsWith(join('dist', 'src', 'vitest', 'runtime.js'))).toBe(true);
    expect(existsSync(path)).toBe(true);
  });
});
