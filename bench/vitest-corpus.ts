/**
 * How long `vitest run` takes over a corpus of 1000 small trace files, with the
 * proxy-component plugin, next to two baselines on the same machine:
 * 1000 trivial `.test.js` files (Vitest's own cost per file) and the CLI
 * replaying the same traces in one process (`proxy-component replay`). Vitest
 * runs twice each: as configured by default (every file isolated in a fresh
 * module graph) and with `--no-isolate`, which most of the per-file cost is.
 *
 *   npx tsc -p tsconfig.build.json && node dist/bench/vitest-corpus.js [--example kv-js] [--files 1000]
 *
 * The corpus lives in a temporary folder, removed afterwards: a copy of the
 * example's component and traces/NNNN.trace, each a few export calls recorded
 * with the example's host (a few distinct recordings, repeated under new names:
 * Vitest sees 1000 files either way, and recording 1000 times would time the
 * recorder, not Vitest).
 */
import { cpus } from 'node:os';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { execa } from 'execa';
import { loadJcoComponent } from '../src/engines/jco/load.js';
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

async function timed(label: string, command: string, args: readonly string[], cwd: string): Promise<number> {
  const start = performance.now();
  const result = await execa(command, args, { cwd, reject: false, all: true, env: { NO_COLOR: '1' } });
  const seconds = (performance.now() - start) / 1000;
  const summary = (result.all ?? '').split('\n').filter((line) => /^\s*(Test Files|Tests)\s/.test(line) || /matched$/.test(line));
  const shown = summary.length > 2 ? [`${summary.length} traces replayed`] : summary.map((line) => line.trim());
  console.log(`${label.padEnd(44)}${seconds.toFixed(1).padStart(7)} s   exit ${result.exitCode}   ${shown.join('; ')}`);
  if (result.exitCode !== 0) console.log((result.all ?? '').split('\n').slice(-30).join('\n'));
  return seconds;
}

async function main(): Promise<void> {
  const example = EXAMPLES.find((e) => e.name === option('example', 'calculator-wat'));
  if (example === undefined) throw new Error(`--example must be one of ${EXAMPLES.map((e) => e.name).join(', ')}`);
  const files = Number(option('files', '1000'));
  const root = repositoryRoot();
  await buildExample(example);

  const folder = await mkdtemp(join(tmpdir(), 'proxy-component-corpus-'));
  try {
    const corpus = join(folder, 'traces-project');
    const plain = join(folder, 'plain-project');
    await mkdir(join(corpus, 'traces'), { recursive: true });
    await mkdir(join(plain, 'tests'), { recursive: true });
    await copyFile(join(exampleDir(example), example.main.output), join(corpus, 'component.wasm'));
    const texts = await recordSmallTraces(example, join(corpus, 'component.wasm'));
    const names = Array.from({ length: files }, (_, i) => `${String(i).padStart(4, '0')}`);
    await Promise.all(names.map((name, i) => writeFile(join(corpus, 'traces', `${name}.trace`), texts[i % texts.length] as string)));
    await Promise.all(names.map((name) => writeFile(join(plain, 'tests', `${name}.test.js`), "import { test } from 'vitest';\ntest('passes', () => {});\n")));

    // Configs outside the repository import Vitest and the plugin by absolute URL.
    const vitestConfig = pathToFileURL(join(root, 'node_modules/vitest/dist/config.js')).href;
    const plugin = new URL('../src/vitest/index.js', import.meta.url).href;
    await writeFile(join(corpus, 'vitest.config.mjs'), `import { defineConfig } from ${JSON.stringify(vitestConfig)};\nimport { proxy } from ${JSON.stringify(plugin)};\nexport default defineConfig({ plugins: [proxy()] });\n`);
    await writeFile(join(plain, 'vitest.config.mjs'), `import { defineConfig } from ${JSON.stringify(vitestConfig)};\nexport default defineConfig({});\n`);

    const vitest = join(root, 'node_modules/vitest/vitest.mjs');
    const cli = fileURLToPath(new URL('../src/cli/bin.js', import.meta.url));
    console.log(`${files} files, example ${example.name}, ${cpus().length} CPUs, Node ${process.versions.node}`);
    const run = ['run', '--config', 'vitest.config.mjs'];
    const perFile = (seconds: number) => `${((seconds / files) * 1000).toFixed(1)} ms/file`;
    const results: [string, number][] = [
      ['vitest run, .trace files', await timed('vitest run, .trace files', process.execPath, [vitest, ...run], corpus)],
      ['vitest run --no-isolate, .trace files', await timed('vitest run --no-isolate, .trace files', process.execPath, [vitest, ...run, '--no-isolate'], corpus)],
      ['vitest run, trivial .test.js', await timed('vitest run, trivial .test.js', process.execPath, [vitest, ...run], plain)],
      ['vitest run --no-isolate, trivial .test.js', await timed('vitest run --no-isolate, trivial .test.js', process.execPath, [vitest, ...run, '--no-isolate'], plain)],
      ['proxy-component replay (one process)', await timed('proxy-component replay (one process)', process.execPath, [cli, 'replay', 'component.wasm', ...names.map((name) => `traces/${name}.trace`)], corpus)],
    ];
    for (const [label, seconds] of results) console.log(`${label.padEnd(44)}${perFile(seconds).padStart(16)}`);
  } finally {
    if (process.env['KEEP_CORPUS'] === undefined) await rm(folder, { recursive: true, force: true });
    else console.log(`kept ${folder}`);
  }
}

await main();
