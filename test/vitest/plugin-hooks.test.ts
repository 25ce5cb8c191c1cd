/** The plugin's hooks one by one, as Vite and Vitest call them. */
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { proxy, RECORDINGS_GLOB, runtimeModule, TRACE_GLOB } from '../../src/vitest/plugin.js';
import { appComponent } from '../support/app-component.js';

const DEFAULT_INCLUDE = '**/*.{test,spec}.?(c|m)[jt]s?(x)';

type Hook = (...args: unknown[]) => unknown;
function hook(plugin: ReturnType<typeof proxy>, name: 'configureVitest' | 'configResolved' | 'load'): Hook {
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

/** A project and a Vitest instance as configureVitest sees them, recording what the plugin does to them. */
function fakeVitest(include: string[], options: { readonly isolate?: boolean; readonly name?: string } = {}) {
  const provided = new Map<string, unknown>();
  const injected: { plugins: unknown[]; test: Record<string, unknown> }[] = [];
  const injectedProvided = new Map<string, unknown>();
  const project = {
    name: options.name ?? '',
    config: { include, exclude: ['**/node_modules/**'], isolate: options.isolate ?? true, setupFiles: [] as string[], env: {}, root },
    provide: (key: string, value: unknown) => provided.set(key, value),
  };
  const vitest = { projects: [project], config: { reporters: [] as unknown[] } };
  const injectTestProjects = async (config: (typeof injected)[number]) => {
    injected.push(config);
    return [{ provide: (key: string, value: unknown) => injectedProvided.set(key, value) }];
  };
  return { project, vitest, injected, provided, injectedProvided, context: { project, vitest, injectTestProjects } };
}

describe('configureVitest', () => {
  it('moves traces to a project of their own without isolation, keeps recordings out, and gives both the settings', async () => {
    const fake = fakeVitest([DEFAULT_INCLUDE]);
    await hook(proxy({ timeoutMs: 5 }), 'configureVitest')(fake.context);

    expect(fake.project.config.include).toEqual([DEFAULT_INCLUDE]);
    expect(fake.project.config.exclude).toEqual(['**/node_modules/**', RECORDINGS_GLOB]);
    expect(fake.injected.map((config) => config.test)).toEqual([
      { name: 'traces', root, include: [TRACE_GLOB], exclude: ['**/node_modules/**', RECORDINGS_GLOB], env: {}, environment: 'node', isolate: false, pool: 'threads', server: { deps: { external: [expect.any(RegExp)] } } },
    ]);
    // The runtime is imported as built, not transformed by Vite: the pattern names it and nothing else.
    const [external] = (fake.injected[0]?.test as { server: { deps: { external: RegExp[] } } }).server.deps.external;
    expect(external?.test(runtimeModule())).toBe(true);
    expect(external?.test(`${runtimeModule()}.map`)).toBe(false);
    expect(external?.test(runtimeModule().replace('runtime.js', 'runtime-js'))).toBe(false);
    expect(fake.injected[0]?.plugins).toHaveLength(1);
    const settings = { timeoutMs: 5, passthrough: [], redact: [], plugin: true };
    expect(fake.provided.get('proxyComponent')).toEqual(settings);
    expect(fake.injectedProvided.get('proxyComponent')).toEqual(settings);
  });

  it("takes the user's .trace globs as the traces, and nothing more", async () => {
    const fake = fakeVitest(['unit/**/*.test.ts', 'scale/**/*.trace']);
    await hook(proxy(), 'configureVitest')(fake.context);

    expect(fake.project.config.include).toEqual(['unit/**/*.test.ts']);
    expect(fake.injected.map((config) => config.test['include'])).toEqual([['scale/**/*.trace']]);
  });

  it('leaves a project with an include of its own without traces alone', async () => {
    const fake = fakeVitest(['unit/**/*.test.ts']);
    await hook(proxy(), 'configureVitest')(fake.context);

    expect(fake.project.config.include).toEqual(['unit/**/*.test.ts']);
    expect(fake.injected).toEqual([]);
  });

  it('keeps traces in the project when they are to be isolated, or when nothing is', async () => {
    const asked = fakeVitest([DEFAULT_INCLUDE]);
    await hook(proxy({ isolate: true }), 'configureVitest')(asked.context);
    expect(asked.project.config.include).toEqual([DEFAULT_INCLUDE, TRACE_GLOB]);
    expect(asked.injected).toEqual([]);

    const unisolated = fakeVitest([DEFAULT_INCLUDE], { isolate: false });
    await hook(proxy(), 'configureVitest')(unisolated.context);
    expect(unisolated.project.config.include).toEqual([DEFAULT_INCLUDE, TRACE_GLOB]);
    expect(unisolated.injected).toEqual([]);
  });

  it('registers the matchers in the project, and its reporter of obsolete recordings once per run', async () => {
    const fake = fakeVitest([DEFAULT_INCLUDE], { name: 'unit' });
    await hook(proxy(), 'configureVitest')(fake.context);
    await hook(proxy(), 'configureVitest')(fake.context);

    expect(fake.project.config.setupFiles).toEqual([expect.stringMatching(/dist\/matchers\/setup\.js$/)]);
    expect(fake.vitest.config.reporters).toHaveLength(1);
    expect(fake.injected.map((config) => config.test['name'])).toEqual(['unit:traces', 'unit:traces']);
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
