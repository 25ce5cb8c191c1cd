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
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Plugin } from 'vite';
import type {} from 'vitest/config';
import { generateTestModule } from '../trace-tests/generate.js';
import { traceTestSettings, type TraceTestOptions, type TraceTestSettings } from '../trace-tests/options.js';
import { planTraceSync } from '../trace-tests/plan.js';
import { configureFuzzShards } from './property-shard.js';
import { RecordingsReporter } from './recordings-reporter.js';
import { vitestDialect } from './test-module.js';

export interface ProxyPluginOptions extends TraceTestOptions {
  /**
   * Run trace files isolated, each in a fresh module graph like other test files (default: false).
   * Each trace already gets a fresh component instance, so traces need no isolation of their own:
   * without it they run in a test project of their own (`traces`) with `isolate: false`, in
   * worker threads (`pool: 'threads'`: a module reaches the test worker without the forks pool's
   * temporary copy on disk and process message), at a fraction of the cost per file, while the
   * project's other tests keep their isolation and pool.
   */
  readonly isolate?: boolean;
}

export const TRACE_GLOB = '**/*.trace';

/** Recordings of `toMatchRecording` (`__traces__/<test file>/<name>.trace`) belong to their tests: never test files of their own. */
export const RECORDINGS_GLOB = '**/__traces__/**';

/** Vitest's `defaultInclude` (the same in 4.1 and 5), written out so the plugin imports no Vitest copy of its own. */
const VITEST_DEFAULT_INCLUDE: readonly string[] = ['**/*.{test,spec}.?(c|m)[jt]s?(x)'];

/** Marks the plugin instance of an injected trace project (see `configureVitest`). */
const TRACE_PROJECT = Symbol('proxy-component trace project');

export function proxy(options: ProxyPluginOptions = {}): Plugin {
  const { isolate, ...traceOptions } = options;
  const inTraceProject = (options as { [TRACE_PROJECT]?: true })[TRACE_PROJECT] === true;
  // Checked now, so that a misspelt option or engine fails the configuration rather than every trace test.
  let settings: TraceTestSettings = traceTestSettings(traceOptions, { root: process.cwd(), where: 'proxy()' });
  const runtime = runtimeModule();
  const runtimeUrl = pathToFileURL(runtime).href;
  const dialect = vitestDialect(runtimeUrl);
  return {
    name: 'proxy-component',
    enforce: 'pre',
    // Per project: the root project, and projects that inherit this plugin or list it.
    async configureVitest({ project, vitest, injectTestProjects }) {
      const include = project.config.include;
      // The user's include is the user's choice: its .trace globs are the traces (none: no traces). Vitest's
      // default include gets every .trace file, recordings of toMatchRecording aside.
      const isDefault = include.length === VITEST_DEFAULT_INCLUDE.length && include.every((glob, i) => glob === VITEST_DEFAULT_INCLUDE[i]);
      const traces = isDefault ? [TRACE_GLOB] : include.filter(isTraceGlob);
      if (isDefault && !project.config.exclude.includes(RECORDINGS_GLOB)) project.config.exclude.push(RECORDINGS_GLOB);
      project.provide('proxyComponent', { ...providedOptions(settings), plugin: true });
      if (!inTraceProject) addMatchers(project.config.setupFiles);
      addRecordingsReporter(vitest);
      // Sharded runs: the shard reaches fuzz campaigns (a seed per shard), and *.fuzz.test.* files run on every shard.
      configureFuzzShards({ vitest, project });
      if (traces.length === 0) return;
      if (inTraceProject || isolate === true || project.config.isolate === false) {
        if (isDefault) include.push(TRACE_GLOB);
        return;
      }
      // Traces leave this project for one of their own, not isolated.
      const others = include.filter((glob) => !isTraceGlob(glob));
      include.splice(0, include.length, ...others);
      const taken = new Set(vitest.projects.map((known) => known.name));
      const name = project.name === '' ? 'traces' : `${project.name}:traces`;
      const [injected] = await injectTestProjects({
        plugins: [proxy({ ...options, [TRACE_PROJECT]: true } as ProxyPluginOptions)],
        test: {
          name: taken.has(name) ? `proxy-component ${name}` : name,
          root: project.config.root,
          include: traces,
          exclude: [...project.config.exclude],
          env: { ...project.config.env },
          environment: 'node',
          isolate: false,
          pool: 'threads',
          // The runtime is built JavaScript: imported as it is, as from an installed package, not transformed by Vite
          // (as it would be from outside node_modules, a workspace or a link), which also cost its source maps.
          server: { deps: { external: [new RegExp(`^${escapeRegExp(runtime)}$`)] } },
        },
      });
      injected?.provide('proxyComponent', { ...providedOptions(settings), plugin: true });
    },
    configResolved(config) {
      settings = traceTestSettings(traceOptions, { root: config.root, where: 'proxy()' });
    },
    // Every trace module imports the runtime by this URL: answered at once rather than by Vite's resolvers, per file.
    resolveId(source) {
      return source === runtimeUrl ? runtime : null;
    },
    // `load`, not `transform`: the first plugin whose load answers wins, so a plugin registered twice
    // (a Vitest 5 project inheriting the root's plugins and listing proxy() again) cannot re-process its own output.
    // Read synchronously: a small trace and its component's stat cost far less than the trips through libuv's
    // thread pool that reading them asynchronously takes, on the path of every trace file to its test worker.
    load(id) {
      const [file = '', query = ''] = id.split('?', 2);
      if (!file.endsWith('.trace') || !isTestImport(query)) return null;
      const plan = planTraceSync(file, { root: settings.root, ...(settings.component === undefined ? {} : { component: settings.component }) });
      this.addWatchFile(file);
      if (plan.component !== undefined) this.addWatchFile(plan.component);
      const generated = generateTestModule(plan, settings, dialect);
      return { code: generated.code, map: { ...generated.map, sources: [...generated.map.sources], sourcesContent: [...generated.map.sourcesContent], names: [] } };
    },
  };
}

/** The matchers (toMatchRecording among them) in every project of the plugin: their setup file loads nothing until a matcher runs. */
function addMatchers(setupFiles: string[]): void {
  const setup = matchersSetupModule();
  if (!setupFiles.includes(setup)) setupFiles.push(setup);
}

/** One per run, whatever the number of projects: the reporter of obsolete recordings. */
const REPORTER_ADDED = Symbol.for('proxy-component.recordings-reporter');

function addRecordingsReporter(vitest: { readonly config: { readonly reporters: unknown[] } }): void {
  const marked = vitest as unknown as Record<symbol, boolean>;
  if (marked[REPORTER_ADDED] === true) return;
  marked[REPORTER_ADDED] = true;
  vitest.config.reporters.push(new RecordingsReporter());
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function isTraceGlob(glob: string): boolean {
  return glob.endsWith('.trace') || glob.endsWith('.trace}');
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
  return builtModule('runtime.js', 'src/vitest/runtime.js', 'the Vitest runtime module');
}

/** proxy-component/matchers/setup, built. */
function matchersSetupModule(): string {
  return builtModule('../../matchers/setup.js', 'matchers/setup.js', 'the matchers setup file');
}

function builtModule(besideThis: string, inDist: string, what: string): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const sibling = resolve(here, besideThis);
  if (existsSync(sibling) && !sibling.endsWith('.ts')) return sibling;
  const built = resolve(here, '../../dist', inDist);
  if (existsSync(built)) return built;
  throw new Error(`proxy-component: ${what} is missing (looked for ${sibling} and ${built}): run \`npm run build\``);
}
