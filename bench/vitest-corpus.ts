/**
 * The speed of traces as tests (issue 15), on a corpus of small trace files
 * (default 1000), each figure next to the target it is held to:
 *
 * - `vitest run` with only `plugins: [proxy()]`, as configured by default,
 *   against `proxy-component replay` of the same traces: within 3x;
 * - `proxy-component replay` of the corpus against one `wasmtime run` of the
 *   precompiled replay component (`instrument -m replay`, `wasmtime compile`)
 *   per trace: at least 20x faster. wasmtime runs a sample of the traces
 *   (`--wasmtime-sample`, default 100), scaled to the corpus.
 *
 *   npm run bench:vitest-corpus -- [--example calculator-wat] [--files 1000] [--isolated] [--baselines]
 *
 * `--isolated` also times `proxy({ isolate: true })` (every trace file in a
 * fresh module graph, the default before traces ran in a project of their
 * own); `--baselines` times trivial `.test.js` files (Vitest's own cost per
 * file). The corpus lives in a temporary folder, removed afterwards: a copy
 * of the example's component and traces/NNNN.trace, each a few export calls
 * recorded with the example's host (a few distinct recordings repeated under
 * new names: recording 1000 times would time the recorder, not Vitest).
 */
import { cpus, loadavg } from 'node:os';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { execa } from 'execa';
import { loadJcoComponent } from '../src/engines/jco/load.js';
import { findWasmtime, invokeCompiled, precompiled, WASMTIME_INSTALL } from '../src/engines/wasmtime/wasmtime-cli.js';
import { startRecording } from '../src/host/record.js';
import { sandboxedWasi } from '../src/host/wasi.js';
import { traceFunctionResolver } from '../src/trace/resolve-names.js';
import { formatTrace } from '../src/trace/write.js';
import { parseCall } from '../src/wave/index.js';
import { buildExample, EXAMPLES, exampleDir, loadExampleHost, repositoryRoot, type Example } from '../scripts/build-examples.js';

/** Small traces per example: each entry is one trace file's calls. */
const RECORDINGS: Record<string, readonly (readonly string[])[]> = {
  'calculator-wat': [
    ['eval(add, 2, 40)', 'eval(mul, 6, 7)'],
    ['eval(div, 1, 0)', 'mean([1.5, 2.5])'],
    ['convert(1000, usd, eur)', 'convert(5, gbp, gbp)', 'eval(sub, 0, 1)'],
    ['mean([])', 'convert(250, jpy, eur)'],
  ],
  'kv-js': [
    ['count-words("greeting")', 'count-words("poem")'],
    ['summarize(["greeting", "nothing-here"])'],
    ['append-words("notes/new", "one two", {if-absent: true})', 'count-words("notes/new")'],
    ['random-document("notes/")', 'forget(["nothing-here"])'],
  ],
};

function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 && process.argv[index + 1] !== undefined ? (process.argv[index + 1] as string) : fallback;
}

/** Records each of the example's small traces once, as text whose header points at `../component.wasm`. */
async function recordSmallTraces(example: Example, componentPath: string): Promise<string[]> {
  const component = await loadJcoComponent(new Uint8Array(await readFile(componentPath)));
  const resolve = traceFunctionResolver(component.world, 'export');
  const texts: string[] = [];
  for (const invocations of RECORDINGS[example.name] ?? []) {
    const recording = await startRecording(component, { ...sandboxedWasi(), ...(await loadExampleHost(example)) }, { componentPath: '../component.wasm' });
    for (const invocation of invocations) {
      const call = parseCall(invocation, (name) => {
        const fn = resolve(name);
        return fn === undefined ? undefined : { params: fn.function.params };
      });
      const fn = resolve(call.name);
      if (fn === undefined) throw new Error(`${example.name} has no export ${call.name}`);
      recording.call(fn, call.args);
    }
    texts.push(formatTrace(recording.trace()));
  }
  return texts;
}

interface Timed {
  readonly seconds: number;
  readonly exitCode: number | undefined;
}

async function timed(label: string, command: string, args: readonly string[], cwd: string, input?: string): Promise<Timed> {
  const start = performance.now();
  const result = await execa(command, args, { cwd, reject: false, all: true, env: { NO_COLOR: '1' }, ...(input === undefined ? {} : { input }) });
  const seconds = (performance.now() - start) / 1000;
  const summary = (result.all ?? '').split('\n').filter((line) => /^\s*(Test Files|Tests)\s/.test(line) || /^[✓✗] \d+ traces:/.test(line));
  console.log(`${label.padEnd(52)}${seconds.toFixed(1).padStart(8)} s   exit ${result.exitCode}   ${summary.map((line) => line.trim()).join('; ')}`);
  if (result.exitCode !== 0) console.log((result.all ?? '').split('\n').slice(-30).join('\n'));
  return { seconds, exitCode: result.exitCode };
}

function flag(name: string): boolean {
  return process.argv.includes(`--${name}`);
}

async function main(): Promise<void> {
  const example = EXAMPLES.find((e) => e.name === option('example', 'calculator-wat'));
  if (example === undefined) throw new Error(`--example must be one of ${EXAMPLES.map((e) => e.name).join(', ')}`);
  const files = Number(option('files', '1000'));
  const sample = Math.min(files, Number(option('wasmtime-sample', '100')));
  const root = repositoryRoot();
  await buildExample(example);

  const folder = await mkdtemp(join(tmpdir(), 'proxy-component-corpus-'));
  try {
    const corpus = join(folder, 'traces-project');
    const plain = join(folder, 'plain-project');
    await mkdir(join(corpus, 'traces'), { recursive: true });
    await mkdir(join(plain, 'tests'), { recursive: true });
    const component = join(corpus, 'component.wasm');
    await copyFile(join(exampleDir(example), example.main.output), component);
    const texts = await recordSmallTraces(example, component);
    const names = Array.from({ length: files }, (_, i) => `${String(i).padStart(4, '0')}`);
    await Promise.all(names.map((name, i) => writeFile(join(corpus, 'traces', `${name}.trace`), texts[i % texts.length] as string)));

    // Configs outside the repository import Vitest and the plugin by absolute URL.
    const vitestConfig = pathToFileURL(join(root, 'node_modules/vitest/dist/config.js')).href;
    const plugin = new URL('../src/vitest/index.js', import.meta.url).href;
    const config = (options: string) => `import { defineConfig } from ${JSON.stringify(vitestConfig)};\nimport { proxy } from ${JSON.stringify(plugin)};\nexport default defineConfig({ plugins: [proxy(${options})] });\n`;
    await writeFile(join(corpus, 'vitest.config.mjs'), config(''));
    await writeFile(join(corpus, 'vitest.isolated.config.mjs'), config('{ isolate: true }'));

    const vitest = join(root, 'node_modules/vitest/vitest.mjs');
    const cli = fileURLToPath(new URL('../src/cli/bin.js', import.meta.url));
    console.log(`${files} trace files, example ${example.name}, ${cpus().length} CPUs, Node ${process.versions.node}, load ${loadavg().map((l) => l.toFixed(1)).join(' ')}\n`);
    const perFile = (seconds: number) => `${((seconds / files) * 1000).toFixed(1)} ms/file`;

    const replay = await timed('proxy-component replay (one worker per core)', process.execPath, [cli, 'replay', 'component.wasm', ...names.map((name) => `traces/${name}.trace`)], corpus);
    const plugin1 = await timed('vitest run, plugins: [proxy()]', process.execPath, [vitest, 'run', '--config', 'vitest.config.mjs'], corpus);
    const isolated = flag('isolated') ? await timed('vitest run, proxy({ isolate: true })', process.execPath, [vitest, 'run', '--config', 'vitest.isolated.config.mjs'], corpus) : undefined;
    if (flag('baselines')) {
      await Promise.all(names.map((name) => writeFile(join(plain, 'tests', `${name}.test.js`), "import { test } from 'vitest';\ntest('passes', () => {});\n")));
      await writeFile(join(plain, 'vitest.config.mjs'), `import { defineConfig } from ${JSON.stringify(vitestConfig)};\nexport default defineConfig({});\n`);
      await timed('vitest run, trivial .test.js (isolated)', process.execPath, [vitest, 'run', '--config', 'vitest.config.mjs'], plain);
      await timed('vitest run --no-isolate, trivial .test.js', process.execPath, [vitest, 'run', '--config', 'vitest.config.mjs', '--no-isolate'], plain);
    }
    const wasmtime = await wasmtimePerTrace(cli, corpus, names.slice(0, sample));

    console.log('\nper file');
    console.log(`  proxy-component replay                    ${perFile(replay.seconds).padStart(16)}`);
    console.log(`  vitest run, plugins: [proxy()]            ${perFile(plugin1.seconds).padStart(16)}`);
    if (isolated !== undefined) console.log(`  vitest run, proxy({ isolate: true })      ${perFile(isolated.seconds).padStart(16)}`);
    if (wasmtime !== undefined) console.log(`  wasmtime run per trace (sample of ${sample})     ${`${(wasmtime * 1000).toFixed(1)} ms/file`.padStart(16)}`);
    console.log('\ntargets');
    const ratio = plugin1.seconds / replay.seconds;
    console.log(`  vitest run / proxy-component replay        ${ratio.toFixed(1)}x   (target: within 3x) ${ratio <= 3 ? 'met' : 'NOT met'}`);
    if (wasmtime !== undefined) {
      const speedup = (wasmtime * files) / replay.seconds;
      console.log(`  wasmtime run per trace / CLI replay        ${speedup.toFixed(1)}x   (target: at least 20x) ${speedup >= 20 ? 'met' : 'NOT met'}`);
    }
  } finally {
    if (process.env['KEEP_CORPUS'] === undefined) await rm(folder, { recursive: true, force: true });
    else console.log(`kept ${folder}`);
  }
}

/** Seconds per trace of `wasmtime run` on the precompiled replay component (the trace on stdin); undefined without wasmtime. */
async function wasmtimePerTrace(cli: string, corpus: string, names: readonly string[]): Promise<number | undefined> {
  const binary = findWasmtime();
  if (binary === undefined) {
    console.log(`wasmtime run per trace                              (wasmtime is not installed: ${WASMTIME_INSTALL})`);
    return undefined;
  }
  const instrumented = await execa(process.execPath, [cli, 'instrument', '-m', 'replay', 'component.wasm', '-o', 'replaying.wasm'], { cwd: corpus, reject: false, all: true });
  if (instrumented.exitCode !== 0) {
    console.log(`wasmtime run per trace                              (instrument failed: ${instrumented.all})`);
    return undefined;
  }
  const compiled = await precompiled(binary, new Uint8Array(await readFile(join(corpus, 'replaying.wasm'))));
  const start = performance.now();
  for (const name of names) {
    const text = await readFile(join(corpus, 'traces', `${name}.trace`), 'utf8');
    const run = await invokeCompiled(binary, compiled, 'start()', { input: text });
    if (run.exitCode !== 0) throw new Error(`wasmtime replay of ${name}.trace failed: ${run.stderr}`);
  }
  const seconds = (performance.now() - start) / 1000;
  console.log(`${`wasmtime run --allow-precompiled, ${names.length} traces`.padEnd(52)}${seconds.toFixed(1).padStart(8)} s`);
  return seconds / names.length;
}

await main();
