/**
 * How record and replay scale with the length of a trace.
 *
 *   npx tsc -p tsconfig.build.json && node dist/bench/scale.js
 *
 * Record: `proxy-component record` (recordComponent, the CLI's path) of 1k,
 * 10k and 100k calls of the calculator example, each in a process of its own:
 * the time of the calls (from the end of the first, so that loading the
 * component, the same for every length, does not hide the growth) and peak
 * memory (the process's maximum resident set). Recording appends each call
 * to the trace, so time is linear (each step of 10x within 1.5x of 10x the
 * time); memory grows only with the --invoke calls given.
 *
 * Replay: `proxy-component replay` (the replay worker, the CLI's path) of a
 * 100k- and a 1,000,000-call trace, each in a process of its own: the trace is
 * read as a stream, a call at a time, so memory stays flat however long the
 * trace.
 */
import { execFileSync, fork } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildExample, EXAMPLES, exampleDir } from '../scripts/build-examples.js';

const calculator = EXAMPLES.find((example) => example.name === 'calculator-wat');
if (calculator === undefined) throw new Error('the calculator example is missing');

/** The calls recorded, cycled: every export, with and without imports. */
const WORKLOAD = ['eval(add, 2, 40)', 'eval(div, 1, 0)', 'convert(1000, usd, eur)', 'mean([1.5, 2.5, 4])'];

interface Measure {
  readonly ms: number;
  /** Peak resident set of the process, in MiB. */
  readonly peakMiB: number;
}

const self = fileURLToPath(import.meta.url);

/** Runs one measurement in a child process (its own peak memory) and reads its JSON line. */
function measureInChild(args: readonly string[]): Promise<Measure> {
  return new Promise((resolvePromise, reject) => {
    const child = fork(self, ['--one', ...args], { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('exit', (code) => (code === 0 ? resolvePromise(JSON.parse(out.trim().split('\n').pop() as string) as Measure) : reject(new Error(`${args.join(' ')} exited with ${code}`))));
  });
}

async function one(args: readonly string[]): Promise<void> {
  const [mode, countText, componentPath, file] = args as [string, string, string, string];
  const count = Number(countText);
  let started = performance.now();
  if (mode === 'record') {
    const { recordComponent } = await import('../src/session/record-component.js');
    const { loadExampleHost } = await import('../scripts/build-examples.js');
    const invocations = Array.from({ length: count }, (_, i) => WORKLOAD[i % WORKLOAD.length] as string);
    // Timed from the end of the first call: loading the component is the same for every length.
    let calls = 0;
    await recordComponent(componentPath, {
      host: await loadExampleHost(calculator as (typeof EXAMPLES)[number]),
      invocations,
      output: file,
      onCall: () => {
        if (++calls === 1) started = performance.now();
      },
    });
  } else {
    const { replayTraceFile } = await import('../src/session/replay-file.js');
    const report = await replayTraceFile(file, { component: componentPath, timeoutMs: 0 });
    if (report.divergence !== undefined || report.matched !== count) throw new Error(`the replay of ${count} calls did not pass: ${JSON.stringify(report)}`);
  }
  const ms = performance.now() - started;
  // maxRSS is in KiB.
  process.stdout.write(`${JSON.stringify({ ms, peakMiB: process.resourceUsage().maxRSS / 1024 })}\n`);
  process.exit(0);
}

async function main(): Promise<void> {
  const [componentPath] = await buildExample(calculator as (typeof EXAMPLES)[number]);
  const component = componentPath ?? join(exampleDir(calculator as (typeof EXAMPLES)[number]), 'build/calculator.wasm');
  const folder = await mkdtemp(join(tmpdir(), 'pc-bench-scale-'));
  try {
    console.log('record (calculator-wat, the CLI path: appends to the trace file; time of the calls after the first)');
    let previous: Measure | undefined;
    for (const count of [1_000, 10_000, 100_000]) {
      const measure = await measureInChild(['record', String(count), component, join(folder, `record-${count}.trace`)]);
      const step = previous === undefined ? '' : `  x${(measure.ms / previous.ms).toFixed(1)} for x10 calls`;
      console.log(`  ${String(count).padStart(9)} calls  ${(measure.ms / 1000).toFixed(2).padStart(7)} s  peak ${measure.peakMiB.toFixed(0).padStart(5)} MiB${step}`);
      previous = measure;
    }
    console.log('replay (calculator-wat, the CLI path: the trace read as a stream)');
    for (const count of [100_000, 1_000_000]) {
      const file = join(folder, `replay-${count}.trace`);
      await writeTrace(join(folder, 'record-1000.trace'), file, count);
      const measure = await measureInChild(['replay', String(count), component, file]);
      console.log(`  ${String(count).padStart(9)} calls  ${(measure.ms / 1000).toFixed(2).padStart(7)} s  peak ${measure.peakMiB.toFixed(0).padStart(5)} MiB`);
    }
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

/** A trace of `count` calls: the recorded 1000-call trace's calls, repeated (the calculator keeps no state). */
async function writeTrace(recorded: string, file: string, count: number): Promise<void> {
  const text = execFileSync('cat', [recorded], { encoding: 'utf8', maxBuffer: 1 << 30 });
  const [header, ...rest] = text.split('\n');
  const blocks: string[] = [];
  let block: string[] = [];
  for (const line of rest) {
    if (line === '') continue;
    block.push(line);
    if (line.startsWith('return') || line.startsWith('trap')) {
      blocks.push(block.join('\n'));
      block = [];
    }
  }
  const { open } = await import('node:fs/promises');
  const handle = await open(file, 'w');
  try {
    await handle.write(`${header}\n`);
    const chunk = 10_000;
    for (let written = 0; written < count; written += chunk) {
      const lines: string[] = [];
      for (let i = written; i < Math.min(count, written + chunk); i++) lines.push(blocks[i % blocks.length] as string);
      await handle.write(`${lines.join('\n')}\n`);
    }
  } finally {
    await handle.close();
  }
}

if (process.argv[2] === '--one') await one(process.argv.slice(3));
else await main();
