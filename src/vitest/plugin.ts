/**
 * The Vitest plugin: `plugins: [proxy()]` makes every `**\/*.trace` file a test
 * module, one test per export call.
 *
 * Vitest has no `--runner` flag (4.1 and 5 answer "Unknown option"), so this
 * plugin is how traces become tests; `proxy-component/runner` is the
 * alternative for a project that sets `test.runner`.
 *
 * Nothing from Vitest is imported as a value: the plugin runs in the Vitest
 * process of whatever Vitest version the project uses.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Plugin } from 'vite';
import type {} from 'vitest/config';
import { generateTestModule } from '../trace-tests/generate.js';
import { traceTestSettings, type TraceTestOptions, type TraceTestSettings } from '../trace-tests/options.js';
import { planTrace } from '../trace-tests/plan.js';
import { configureFuzzShards } from './property-shard.js';
import { vitestDialect } from './test-module.js';

export type ProxyPluginOptions = TraceTestOptions;

export const TRACE_GLOB = '**/*.trace';

/** Vitest's `defaultInclude` (the same in 4.1 and 5), written out so the plugin imports no Vitest copy of its own. */
const VITEST_DEFAULT_INCLUDE: readonly string[] = ['**/*.{test,spec}.?(c|m)[jt]s?(x)'];

export function proxy(options: ProxyPluginOptions = {}): Plugin {
  // Checked now, so that a misspelt option or engine fails the configuration rather than every trace test.
  let settings: TraceTestSettings = traceTestSettings(options, { root: process.cwd(), where: 'proxy()' });
  const dialect = vitestDialect(pathToFileURL(runtimeModule()).href);
  return {
    name: 'proxy-component',
    enforce: 'pre',
    // Mutated rather than returned, so that Vite's config merge does not add the user's globs twice.
    config(config) {
      const test = (config.test ??= {});
      const include = test.include ?? [...VITEST_DEFAULT_INCLUDE];
      if (!include.includes(TRACE_GLOB)) test.include = [...include, TRACE_GLOB];
    },
    // Per project: also reaches projects that inherit this plugin but not the root's include.
    configureVitest({ project, vitest }) {
      const include = project.config.include;
      const isDefault = include.length === VITEST_DEFAULT_INCLUDE.length && include.every((glob, i) => glob === VITEST_DEFAULT_INCLUDE[i]);
      // A project with its own include chose its files: it lists **/*.trace itself if it wants traces.
      if (isDefault) include.push(TRACE_GLOB);
      project.provide('proxyComponent', { ...providedOptions(settings), plugin: true });
      // Sharded runs: the shard reaches fuzz campaigns (a seed per shard), and *.fuzz.test.* files run on every shard.
      configureFuzzShards({ vitest, project });
    },
    configResolved(config) {
      settings = traceTestSettings(options, { root: config.root, where: 'proxy()' });
    },
    // `load`, not `transform`: the first plugin whose load answers wins, so a plugin registered twice
    // (a Vitest 5 project inheriting the root's plugins and listing proxy() again) cannot re-process its own output.
    async load(id) {
      const [file = '', query = ''] = id.split('?', 2);
      if (!file.endsWith('.trace') || !isTestImport(query)) return null;
      const plan = await planTrace(file, { root: settings.root, ...(settings.component === undefined ? {} : { component: settings.component }) });
      this.addWatchFile(file);
      if (plan.component !== undefined) this.addWatchFile(plan.component);
      const generated = generateTestModule(plan, settings, dialect);
      return { code: generated.code, map: { ...generated.map, sources: [...generated.map.sources], sourcesContent: [...generated.map.sourcesContent], names: [] } };
    },
  };
}

/** The settings as options again (absolute paths), for workers to normalise as any options. */
function providedOptions(settings: TraceTestSettings): TraceTestOptions {
  const { root: _root, ...options } = settings;
  return options;
}

/** Vitest's own queries (cache busting, HMR timestamps) keep a test import; `?raw`, `?url` and the like ask for something else. */
function isTestImport(query: string): boolean {
  return [...new URLSearchParams(query).keys()].every((key) => key === 'vitest' || key === 't' || key === 'v');
}

/** The runtime next to this module (the installed package), or in dist when this runs from sources (tests). */
export function runtimeModule(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const sibling = join(here, 'runtime.js');
  if (existsSync(sibling)) return sibling;
  const built = resolve(here, '../../dist/src/vitest/runtime.js');
  if (existsSync(built)) return built;
  throw new Error(`proxy-component: the Vitest runtime module is missing (looked for ${sibling} and ${built}): run \`npm run build\``);
}
