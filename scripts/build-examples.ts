/**
 * Builds the example components under examples/ and records their traces.
 *
 *   node dist/scripts/build-examples.js            build what changed, record missing traces
 *   node dist/scripts/build-examples.js --record   also re-record every committed trace
 *   node dist/scripts/build-examples.js --force    rebuild even when up to date
 *
 * Builds land in examples/<name>/build/ (not committed). Each build is skipped
 * when a hash of its sources and of the tools that build it matches the one
 * stored next to the output, so running this again costs milliseconds.
 * Traces are committed: they are recorded with the example's own host
 * (`createHost()` from its host.mjs, fresh for each trace).
 *
 * examples/http-handler is not among EXAMPLES (whose exports are driven by
 * WAVE calls): it is a wasi:http handler, built with componentize-py, and
 * its trace is recorded by serving it live and sending it real requests
 * (scripts/http-requests.ts).
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { componentEmbed, componentNew, parse } from '@bytecodealliance/jco-transpile/wasm-tools';
import type { JcoImports } from '../src/engines/jco/load.js';
import { recordComponent } from '../src/session/record-component.js';
import { writeFileAtomic } from '../src/util/atomic-write.js';
import { buildPythonComponent } from './componentize-py.js';
import { recordRequests, type HttpRequestSpec } from './http-requests.js';

/** One component an example builds. */
export interface ExampleBuild {
  /** Path of the output, relative to the example folder. */
  readonly output: string;
  /** Files it is built from, relative to the example folder (folders are read recursively). */
  readonly sources: readonly string[];
  /** Its toolchain, when not a dependency of the package (whose versions are hashed anyway): part of the hash. */
  readonly toolchain?: string;
  build(exampleDir: string): Promise<Uint8Array>;
}

/** A committed trace and the calls that record it. */
export interface ExampleTrace {
  /** Relative to the example folder. */
  readonly file: string;
  /** WAVE calls of the component's exports, in order. */
  readonly invocations: readonly string[];
}

export interface Example {
  readonly name: string;
  /** The build whose traces are committed (the others exist for demos). */
  readonly main: ExampleBuild;
  readonly builds: readonly ExampleBuild[];
  readonly traces: readonly ExampleTrace[];
  /** Exports the toolchain adds that are not the example's API: tests do not call them. */
  readonly toolchainExports: readonly string[];
}

const require = createRequire(import.meta.url);

function packageVersion(name: string): string {
  // Neither package lists its package.json in `exports`: find it next to the entry point.
  let folder = dirname(require.resolve(name));
  while (!existsSync(join(folder, 'package.json'))) folder = dirname(folder);
  return (JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as { version: string }).version;
}

/** The repository: the folder of the package.json named proxy-component, from src or from dist. */
export function repositoryRoot(): string {
  let folder = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(folder, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'proxy-component') return folder;
    const parent = dirname(folder);
    if (parent === folder) throw new Error('cannot find the proxy-component repository above this script');
    folder = parent;
  }
}

export function exampleDir(example: Pick<Example, 'name'>): string {
  return join(repositoryRoot(), 'examples', example.name);
}

/** A JavaScript component: componentize-qjs embeds QuickJS and the source, with the non-async runtime jco runs without JSPI. */
function javascriptBuild(source: string, output: string): ExampleBuild {
  return {
    output,
    sources: [source, 'wit'],
    async build(dir) {
      const { componentize } = await import('componentize-qjs');
      const jsSource = await readFile(join(dir, source), 'utf8');
      const { component } = await componentize({ witPath: join(dir, 'wit'), jsSource, jsPath: join(dir, source), sync: true });
      return new Uint8Array(component);
    },
  };
}

/** A component from a hand-written core module: parse the WAT, embed the WIT world, wrap it. */
function watBuild(source: string, wit: string, world: string, output: string): ExampleBuild {
  return {
    output,
    sources: [source, wit],
    async build(dir) {
      const core = await parse(await readFile(join(dir, source), 'utf8'));
      // wasm-tools runs in a WASI sandbox without the file system: hand it the WIT text.
      const witSource = await readFile(join(dir, wit), 'utf8');
      return componentNew(await componentEmbed({ binary: core, witSource, world }));
    },
  };
}

/** The componentize-py release the example's traces are recorded with (the one setup-interpreters.sh installs). */
export const COMPONENTIZE_PY_VERSION = '0.25.1';
/** The release before it: the second build of the same handler, replayed against the same traces. */
export const PREVIOUS_COMPONENTIZE_PY_VERSION = '0.24.0';

/** A Python component: componentize-py (a pinned release, in .tools) builds `module` from the example's WIT world `handler`. */
function pythonBuild(module: string, files: readonly string[], output: string, version: string): ExampleBuild {
  return {
    output,
    sources: [...files, 'wit'],
    toolchain: `componentize-py ${version}`,
    build: (dir) => buildPythonComponent({ tools: join(repositoryRoot(), '.tools'), version, sourceDir: dir, files, module, wit: join(dir, 'wit'), world: 'handler' }),
  };
}

const kvMain = javascriptBuild('app.js', 'build/kv.wasm');
const calculatorMain = watBuild('calculator.wat', 'wit/calculator.wit', 'calculator', 'build/calculator.wasm');

export const EXAMPLES: readonly Example[] = [
  {
    name: 'kv-js',
    main: kvMain,
    builds: [kvMain, javascriptBuild('app-v2.js', 'build/kv-v2.wasm')],
    toolchainExports: ['init'],
    traces: [
      { file: 'traces/words.trace', invocations: ['count-words("greeting")', 'count-words("poem")', 'count-words("nothing-here")'] },
      {
        file: 'traces/edits.trace',
        invocations: [
          'append-words("notes/today", "buy milk", {if-absent: true})',
          'append-words("notes/today", "call mom", {ttl-seconds: some(3600), if-absent: false})',
          'count-words("notes/today")',
          'append-words("config/limits", "more", {if-absent: false})',
          'append-words("greeting", "again", {if-absent: true})',
          'append-words("poem", "sugar is sweet and so are you and this line is too long", {if-absent: false})',
          'forget(["notes/today", "nothing-here"])',
        ],
      },
      {
        file: 'traces/summary.trace',
        invocations: [
          'summarize(["greeting", "poem", "nothing-here"])',
          'summarize([])',
          'summarize(["nothing-here"])',
          'random-document("notes/")',
          'random-document("")',
          'random-document("zzz")',
        ],
      },
    ],
  },
  {
    name: 'calculator-wat',
    main: calculatorMain,
    builds: [calculatorMain],
    toolchainExports: [],
    traces: [
      {
        file: 'traces/arithmetic.trace',
        invocations: [
          'eval(add, 2, 40)',
          'eval(sub, -9223372036854775808, 1)',
          'eval(mul, 4294967296, 4294967296)',
          'eval(div, -7, 2)',
          'eval(div, 1, 0)',
          'mean([1.5, 2.5, 4])',
          'mean([])',
        ],
      },
      { file: 'traces/convert.trace', invocations: ['convert(1000, usd, eur)', 'convert(250, gbp, usd)', 'convert(1000, jpy, eur)', 'convert(5, gbp, gbp)'] },
    ],
  },
];

/**
 * examples/model-based: a counter written in WAT, and its buggy build (the value kept in one
 * byte), for the model-based test there (fc.commands against a TypeScript model). No traces.
 */
export const MODEL_BASED = {
  name: 'model-based',
  builds: [
    watBuild('counter.wat', 'wit/counter.wit', 'counter', 'build/counter.wasm'),
    watBuild('counter-one-byte.wat', 'wit/counter.wit', 'counter', 'build/counter-one-byte.wasm'),
  ],
} as const satisfies Pick<Example, 'name' | 'builds'>;

/** An HTTP handler example: served live and recorded from real requests (see http-requests.ts). */
export interface HttpExample {
  readonly name: string;
  /** The build whose traces are committed. */
  readonly main: ExampleBuild;
  /** Builds by role, `main` among them. */
  readonly builds: readonly ExampleBuild[];
  readonly traces: readonly { readonly file: string; readonly requests: readonly HttpRequestSpec[] }[];
}

const httpMain = pythonBuild('handler', ['handler.py'], 'build/handler.wasm', COMPONENTIZE_PY_VERSION);
/** handler.py changed: a POST answers 201. */
export const HTTP_HANDLER_CHANGED = pythonBuild('handler_v2', ['handler.py', 'handler_v2.py'], 'build/handler-v2.wasm', COMPONENTIZE_PY_VERSION);
/** handler.py unchanged, built by the previous componentize-py release. */
export const HTTP_HANDLER_PREVIOUS_TOOLCHAIN = pythonBuild('handler', ['handler.py'], `build/handler-componentize-py-${PREVIOUS_COMPONENTIZE_PY_VERSION}.wasm`, PREVIOUS_COMPONENTIZE_PY_VERSION);

export const HTTP_HANDLER: HttpExample = {
  name: 'http-handler',
  main: httpMain,
  builds: [httpMain, HTTP_HANDLER_CHANGED, HTTP_HANDLER_PREVIOUS_TOOLCHAIN],
  traces: [
    {
      file: 'traces/requests.trace',
      requests: [
        { method: 'GET', path: '/hello', headers: { 'x-name': 'ada' } },
        { method: 'POST', path: '/notes?draft=1', headers: { 'x-name': 'grace', 'content-type': 'text/plain' }, body: 'buy milk\ncall mom\n' },
        { method: 'GET', path: '/' },
      ],
    },
  ],
};

/** Records the HTTP example's traces (all, or the missing ones) by serving its main build; returns the files written. */
export async function recordHttpExampleTraces(example: HttpExample, options: { readonly onlyMissing?: boolean; readonly log?: (line: string) => void } = {}): Promise<string[]> {
  const dir = exampleDir(example);
  const written: string[] = [];
  for (const trace of example.traces) {
    const output = join(dir, trace.file);
    if (options.onlyMissing === true && existsSync(output)) continue;
    await recordRequests(join(dir, example.main.output), dir, trace.requests, { record: output });
    options.log?.(`recorded    examples/${example.name}/${trace.file}`);
    written.push(output);
  }
  return written;
}

/** sha256 over the build's sources and the versions of everything that shapes the output. */
async function sourceHash(dir: string, build: ExampleBuild): Promise<string> {
  const hash = createHash('sha256');
  hash.update(`recipe 1\ncomponentize-qjs ${packageVersion('componentize-qjs')}\njco-transpile ${packageVersion('@bytecodealliance/jco-transpile')}\n`);
  if (build.toolchain !== undefined) hash.update(`${build.toolchain}\n`);
  const add = async (path: string): Promise<void> => {
    if ((await stat(path)).isDirectory()) {
      for (const name of (await readdir(path)).sort()) await add(join(path, name));
      return;
    }
    hash.update(`${relative(dir, path)}\0`);
    hash.update(await readFile(path));
  };
  for (const source of build.sources) await add(join(dir, source));
  return hash.digest('hex');
}

export interface BuildOptions {
  /** Rebuild even when the sources did not change. */
  readonly force?: boolean;
  readonly log?: (line: string) => void;
}

/** Builds one example's components; returns the absolute paths of all its outputs. */
export async function buildExample(example: Pick<Example, 'name' | 'builds'>, options: BuildOptions = {}): Promise<string[]> {
  const dir = exampleDir(example);
  return Promise.all(
    example.builds.map(async (build) => {
      const output = join(dir, build.output);
      const stamp = `${output}.source-sha256`;
      const hash = await sourceHash(dir, build);
      const current = existsSync(output) && existsSync(stamp) && readFileSync(stamp, 'utf8') === hash;
      if (current && options.force !== true) {
        options.log?.(`up to date  examples/${example.name}/${build.output}`);
        return output;
      }
      const started = performance.now();
      await writeFileAtomic(output, await build.build(dir));
      await writeFileAtomic(stamp, hash);
      options.log?.(`built       examples/${example.name}/${build.output} (${Math.round(performance.now() - started)} ms)`);
      return output;
    }),
  );
}

export async function buildExamples(options: BuildOptions = {}): Promise<void> {
  for (const example of EXAMPLES) await buildExample(example, options);
  await buildExample(HTTP_HANDLER, options);
  await buildExample(MODEL_BASED, options);
}

/** A fresh host for the example: `createHost()` from its host.mjs. */
export async function loadExampleHost(example: Example): Promise<JcoImports> {
  const module = (await import(pathToFileURL(join(exampleDir(example), 'host.mjs')).href)) as { createHost: () => JcoImports };
  return module.createHost();
}

/** Records the example's traces (all of them, or only the missing ones); returns the files written. */
export async function recordExampleTraces(example: Example, options: { readonly onlyMissing?: boolean; readonly log?: (line: string) => void } = {}): Promise<string[]> {
  const dir = exampleDir(example);
  const written: string[] = [];
  for (const trace of example.traces) {
    const output = join(dir, trace.file);
    if (options.onlyMissing === true && existsSync(output)) continue;
    await recordComponent(join(dir, example.main.output), { host: await loadExampleHost(example), invocations: trace.invocations, output });
    options.log?.(`recorded    examples/${example.name}/${trace.file}`);
    written.push(output);
  }
  return written;
}

async function main(args: readonly string[]): Promise<void> {
  const unknown = args.filter((arg) => arg !== '--record' && arg !== '--force');
  if (unknown.length > 0) throw new Error(`unknown option ${unknown.join(' ')} (options: --record, --force)`);
  const log = (line: string) => console.log(line);
  for (const example of EXAMPLES) {
    await buildExample(example, { force: args.includes('--force'), log });
    await recordExampleTraces(example, { onlyMissing: !args.includes('--record'), log });
  }
  await buildExample(HTTP_HANDLER, { force: args.includes('--force'), log });
  await recordHttpExampleTraces(HTTP_HANDLER, { onlyMissing: !args.includes('--record'), log });
  await buildExample(MODEL_BASED, { force: args.includes('--force'), log });
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  });
}
