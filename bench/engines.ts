/**
 * The same corpus of traces on every engine, in one run: wall time per
 * component and in all, relative to `jco`.
 *
 *   npx tsc -p tsconfig.build.json && node dist/bench/engines.js [--runs N]
 *
 * Corpus: the committed traces of examples/kv-js (componentize-qjs, a host
 * interface and WASI), examples/calculator-wat (hand-written WAT, a host
 * interface and a world-level import) and examples/two-builds (one trace on
 * the componentize-js and the componentize-qjs build, no imports). Missing
 * builds are built first (cached by source hash).
 *
 * Each trace is run as a plan (its export calls with their import answers)
 * on a fresh instance; a time is the run's wall time (subprocess engines:
 * process start-up included; wasmtime: one process per export call, or per
 * replay-component run), the median of N runs. Loading (transpiling,
 * instrumenting, compiling) is done once before and not counted: it is
 * cached on disk. An engine that is missing, or cannot run a component,
 * says why; its ratio is over the traces it ran, against jco on the same.
 */
import { readFile, readdir } from 'node:fs/promises';
import { basename, dirname, join, relative } from 'node:path';
import type { Engine, LoadedEngineComponent, PlannedCall } from '../src/engines/engine.js';
import { knownEngines } from '../src/engines/registry.js';
import { readTrace } from '../src/trace/read.js';
import { decodeComponentWorld } from '../src/wit/binary/decode.js';
import { buildExample, EXAMPLES, exampleDir } from '../scripts/build-examples.js';
import { buildTwoBuilds, twoBuildsDir } from '../scripts/build-two-builds.js';

interface CorpusComponent {
  /** A column title: the example, or the toolchain of a two-builds build. */
  readonly label: string;
  readonly path: string;
  readonly bytes: Uint8Array;
  readonly traces: readonly { readonly file: string; readonly calls: readonly PlannedCall[] }[];
}

/** What one engine did with one component: median time per trace, or why it could not. */
type Cell = { readonly ms: number; readonly perTrace: readonly number[] } | { readonly cannot: string };

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

async function component(label: string, path: string, traceFiles: readonly string[]): Promise<CorpusComponent> {
  const bytes = new Uint8Array(await readFile(path));
  const world = decodeComponentWorld(bytes);
  const traces = await Promise.all(traceFiles.map(async (file) => ({ file, calls: readTrace(await readFile(file, 'utf8'), world, { file }).calls })));
  return { label, path, bytes, traces };
}

async function tracesIn(folder: string): Promise<string[]> {
  return (await readdir(folder)).filter((name) => name.endsWith('.trace')).sort().map((name) => join(folder, name));
}

async function loadCorpus(): Promise<CorpusComponent[]> {
  const corpus: CorpusComponent[] = [];
  for (const example of EXAMPLES) {
    await buildExample(example);
    const dir = exampleDir(example);
    corpus.push(await component(example.name, join(dir, example.main.output), await tracesIn(join(dir, 'traces'))));
  }
  const twoBuilds = twoBuildsDir();
  const greet = await tracesIn(join(twoBuilds, 'traces'));
  for (const path of await buildTwoBuilds()) corpus.push(await component(basename(path, '.wasm'), path, greet));
  return corpus;
}

async function measure(engine: Engine, item: CorpusComponent, runs: number): Promise<Cell> {
  let loaded: LoadedEngineComponent;
  try {
    loaded = await engine.load({ bytes: item.bytes });
  } catch (error) {
    return { cannot: error instanceof Error ? error.message : String(error) };
  }
  const perTrace: number[] = [];
  for (const trace of item.traces) {
    const times: number[] = [];
    // One run first, not counted: it warms caches (wasmtime's compiled file, the engine worker, the OS's).
    for (let i = 0; i <= runs; i++) {
      const run = await loaded.run(trace.calls);
      if (run.failure !== undefined) return { cannot: run.failure.split('\n')[0] ?? run.failure };
      if (i > 0) times.push(run.elapsedMs);
    }
    perTrace.push(median(times));
  }
  return { ms: perTrace.reduce((a, b) => a + b, 0), perTrace };
}

function pad(text: string, width: number, right = false): string {
  return right ? text.padStart(width) : text.padEnd(width);
}

async function main(args: readonly string[]): Promise<void> {
  const runsIndex = args.indexOf('--runs');
  const runs = runsIndex >= 0 ? Number(args[runsIndex + 1]) : 3;
  if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs takes a positive integer');
  const corpus = await loadCorpus();
  const traceCount = corpus.reduce((n, item) => n + item.traces.length, 0);
  const callCount = corpus.reduce((n, item) => n + item.traces.reduce((m, trace) => m + trace.calls.length, 0), 0);
  const root = dirname(twoBuildsDir());
  console.log(`corpus: ${traceCount} traces, ${callCount} export calls:`);
  for (const item of corpus) console.log(`  ${pad(item.label, 18)} ${item.traces.length} trace(s) on examples/${relative(root, item.path)}`);
  console.log(`time: median of ${runs} runs per trace, each on a fresh instance (subprocess engines: start-up included), loading not counted\n`);

  const results = new Map<string, Cell[]>();
  const missing: string[] = [];
  const versions = new Map<string, string>();
  for (const engine of knownEngines()) {
    const status = await engine.status();
    if (!status.available) {
      missing.push(`${engine.name}: missing (${status.reason}): ${status.install}`);
      continue;
    }
    versions.set(engine.name, status.version);
    const cells: Cell[] = [];
    for (const item of corpus) cells.push(await measure(engine, item, runs));
    results.set(engine.name, cells);
  }
  const jco = results.get('jco');
  if (jco === undefined) throw new Error('the jco engine cannot run: nothing to compare with');

  const columns = corpus.map((item) => item.label);
  const width = Math.max(16, ...columns.map((label) => label.length));
  const nameWidth = Math.max(8, ...[...results.keys()].map((name) => name.length));
  console.log(`${pad('engine', nameWidth)}  ${columns.map((label) => pad(label, width, true)).join('  ')}  ${pad('all it ran', 16, true)}`);
  const cannot: string[] = [];
  for (const [name, cells] of results) {
    let engineMs = 0;
    let jcoMs = 0;
    const row = cells.map((cell, i) => {
      const reference = jco[i] as Cell;
      if ('cannot' in cell) {
        cannot.push(`${name} on ${columns[i]}: ${cell.cannot}`);
        return pad('cannot run', width, true);
      }
      if ('cannot' in reference) return pad(`${cell.ms.toFixed(0)} ms`, width, true);
      engineMs += cell.ms;
      jcoMs += reference.ms;
      return pad(`${cell.ms.toFixed(0)} ms ×${(cell.ms / reference.ms).toFixed(2)}`, width, true);
    });
    const total = jcoMs === 0 ? '-' : `×${(engineMs / jcoMs).toFixed(2)}`;
    console.log(`${pad(name, nameWidth)}  ${row.join('  ')}  ${pad(total, 16, true)}`);
  }
  console.log(`\n×: time relative to jco on the same traces. Versions: ${[...versions].map(([name, version]) => `${name} ${version}`).join(', ')}`);
  if (cannot.length > 0) console.log(`\ncannot run:\n${cannot.map((line) => `  ${line}`).join('\n')}`);
  if (missing.length > 0) console.log(`\nnot installed:\n${missing.map((line) => `  ${line}`).join('\n')}`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
