/**
 * The modes a conformance run tries on each component, each the way a user
 * would run it (the CLI, then wasmtime on what `instrument` wrote), and the
 * rule that turns what happened into one cell of the matrix:
 *
 *   ok        it did what it claims;
 *   failure   it found a real problem in the component (a property failure,
 *             engines that disagree): the tool worked;
 *   refused   a shape the tool does not support, named by a clear error;
 *   n/a       nothing to do (no exported function, a host the mode needs
 *             and plain wasmtime does not have);
 *   error     the tool failed: a crash, a hang, a wrong verdict, an error on
 *             a valid component.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import ts from 'typescript';
import { findWasmtime } from '../../src/engines/wasmtime/wasmtime-cli.js';
import { decodeComponentWorld } from '../../src/wit/binary/decode.js';
import type { World } from '../../src/wit/world.js';
import { runCli, runProcess, type CliRun, type ProcessRun } from './run-cli.js';

export type CellStatus = 'ok' | 'failure' | 'refused' | 'n/a' | 'error';

export interface Cell {
  readonly status: CellStatus;
  /** One line: what happened (empty for ok). */
  readonly detail: string;
  readonly elapsedMs: number;
}

export interface ComponentUnderTest {
  readonly path: string;
  readonly name: string;
  /** A scratch folder of its own. */
  readonly work: string;
  readonly world: World;
  readonly timeoutMs: number;
  /** Golden traces recorded by the `golden` mode, for the modes after it. */
  golden: string[];
}

export interface Mode {
  readonly name: string;
  /** What the column means, for the legend. */
  readonly description: string;
  run(component: ComponentUnderTest): Promise<Cell>;
}

export const GOLDEN_RUNS = 20;
export const FUZZ_RUNS = 100;
export const SEED = 1;
export const DIFF_ENGINES = 'jco,node,wasmtime';

const cell = (status: CellStatus, detail: string, elapsedMs: number): Cell => ({ status, detail: oneLine(detail), elapsedMs });

function oneLine(text: string): string {
  const line = text.split('\n').find((l) => l.trim() !== '') ?? '';
  return line.length > 300 ? `${line.slice(0, 297)}...` : line.trim();
}

/** The cell for a CLI run: exit 0 ok, exit 1 `onFound`, exit 2 by the error's code. */
function judge(run: CliRun, onFound: CellStatus, what = ''): Cell {
  const elapsed = run.elapsedMs;
  if (run.timedOut) return cell('error', `${what}timed out after ${Math.round(elapsed / 1000)} s`, elapsed);
  if (run.exitCode === 0) return cell('ok', '', elapsed);
  if (run.exitCode === 1) return cell(onFound, `${what}${lastMeaningful(run.stdout) || lastMeaningful(run.stderr)}`, elapsed);
  if (run.exitCode === 2 && run.failure !== undefined) {
    const message = run.failure.message.replace(/^error: /, '');
    if (run.failure.code === 'WIT_UNSUPPORTED') return cell('refused', `${what}${message}`, elapsed);
    if (run.failure.code === 'NOTHING_TO_CALL') return cell('n/a', `${what}${message}`, elapsed);
    return cell('error', `${what}${run.failure.message}`, elapsed);
  }
  return cell('error', `${what}exit ${run.exitCode ?? 'killed'}: ${lastMeaningful(run.stderr) || lastMeaningful(run.stdout)}`, elapsed);
}

function lastMeaningful(text: string): string {
  const lines = text.split('\n').map((line) => line.trim()).filter((line) => line !== '' && !line.startsWith('at '));
  return lines.find((line) => /^(error|internal error|✗)/.test(line)) ?? lines[0] ?? '';
}

/** Imports other than WASI's that have functions: a host must answer them. */
function hostImports(world: World): string[] {
  const names: string[] = [];
  for (const item of world.imports.values()) {
    if (item.name.startsWith('wasi:')) continue;
    if (item.kind === 'function' || (item.kind === 'interface' && item.interface.functions.size > 0)) names.push(item.name);
  }
  return names;
}

/** The first export call of the golden traces, as `wasmtime --invoke` takes it (the same WAVE call syntax). */
async function firstExportCall(golden: readonly string[]): Promise<string | undefined> {
  for (const file of golden) {
    const line = (await readFile(file, 'utf8')).split('\n').find((l) => l.startsWith('export '));
    if (line !== undefined) return line.slice('export '.length);
  }
  return undefined;
}

function wasmtimeOrFail(): string {
  const binary = findWasmtime();
  if (binary === undefined) throw new Error('wasmtime is not installed: run bash scripts/setup-engines.sh wasmtime');
  return binary;
}

function wasmtimeFailure(run: ProcessRun, what: string): string {
  if (run.timedOut) return `${what}: wasmtime timed out`;
  const lines = run.stderr.split('\n').map((l) => l.trim()).filter((l) => l !== '' && !/^\d+:/.test(l) && !l.startsWith('note:'));
  return `${what}: wasmtime exit ${run.exitCode ?? 'killed'}: ${lines.slice(0, 3).join(' / ')}`;
}

export const MODES: readonly Mode[] = [
  {
    name: 'wit',
    description: 'wit: print the world',
    run: async (c) => judge(await runCli(['wit', c.path], c), 'error'),
  },
  {
    name: 'golden',
    description: `record --generate ${GOLDEN_RUNS} --seed ${SEED}: a golden corpus without a host`,
    async run(c) {
      const folder = join(c.work, 'golden');
      const result = judge(await runCli(['record', c.path, '--generate', String(GOLDEN_RUNS), '--seed', String(SEED), '-o', folder], c), 'error');
      if (result.status === 'ok') {
        c.golden = (await readdir(folder)).filter((name) => name.endsWith('.trace')).sort().map((name) => join(folder, name));
        if (c.golden.length === 0) return cell('error', `record --generate wrote no trace into ${folder}`, result.elapsedMs);
      }
      return result;
    },
  },
  {
    name: 'replay',
    description: 'replay the golden corpus in-process',
    async run(c) {
      if (c.golden.length === 0) return cell('n/a', 'no golden corpus', 0);
      // The same component replaying its own recording: a divergence is the tool's.
      return judge(await runCli(['replay', c.path, ...c.golden], c), 'error');
    },
  },
  {
    name: 'replay@wasmtime',
    description: 'instrument -m replay, then the golden corpus under `wasmtime run --invoke start()`',
    async run(c) {
      if (c.golden.length === 0) return cell('n/a', 'no golden corpus', 0);
      const built = join(c.work, 'replay.wasm');
      const instrumented = judge(await runCli(['instrument', '-m', 'replay', c.path, '-o', built], c), 'error', 'instrument: ');
      if (instrumented.status !== 'ok') return instrumented;
      let elapsed = instrumented.elapsedMs;
      for (const trace of c.golden) {
        const run = await runProcess(wasmtimeOrFail(), ['run', '--invoke', 'start()', built], { timeoutMs: c.timeoutMs, input: await readFile(trace, 'utf8') });
        elapsed += run.elapsedMs;
        if (run.exitCode !== 0) return cell('error', wasmtimeFailure(run, trace), elapsed);
      }
      return cell('ok', '', elapsed);
    },
  },
  {
    name: 'fuzz',
    description: `fuzz --runs ${FUZZ_RUNS} --seed ${SEED}`,
    run: async (c) => judge(await runCli(['fuzz', c.path, '--runs', String(FUZZ_RUNS), '--seed', String(SEED)], c), 'failure'),
  },
  {
    name: 'diff',
    description: `diff --engines ${DIFF_ENGINES} --fuzz 20 --seed ${SEED}`,
    run: async (c) => judge(await runCli(['diff', c.path, '--engines', DIFF_ENGINES, '--fuzz', '20', '--seed', String(SEED)], c), 'failure'),
  },
  {
    name: 'record@wasmtime',
    description: 'instrument -m record, run its first golden call under wasmtime, replay what it wrote in-process',
    async run(c) {
      const built = join(c.work, 'record.wasm');
      const instrumented = judge(await runCli(['instrument', '-m', 'record', c.path, '-o', built], c), 'error', 'instrument: ');
      if (instrumented.status !== 'ok') return instrumented;
      const needsHost = hostImports(c.world);
      if (needsHost.length > 0) return cell('n/a', `built; it runs under a host that implements ${needsHost.join(', ')}, which plain wasmtime does not`, instrumented.elapsedMs);
      const call = await firstExportCall(c.golden);
      if (call === undefined) return cell('n/a', 'built; no export call to make', instrumented.elapsedMs);
      const run = await runProcess(wasmtimeOrFail(), ['run', '--invoke', call, built], { timeoutMs: c.timeoutMs });
      let elapsed = instrumented.elapsedMs + run.elapsedMs;
      const trace = join(c.work, 'recorded-by-wasmtime.trace');
      await writeFile(trace, run.stdout);
      if (run.timedOut || run.stdout.trim() === '') return cell('error', wasmtimeFailure(run, `wasmtime --invoke '${call}'`), elapsed);
      const replayed = await runCli(['replay', c.path, trace], c);
      elapsed += replayed.elapsedMs;
      const verdict = judge(replayed, 'error', 'replay of the wasmtime recording: ');
      return { ...verdict, elapsedMs: elapsed };
    },
  },
  {
    name: 'fuzz@wasmtime',
    description: 'instrument -m fuzz --runs 20, then `wasmtime run --invoke start()`',
    async run(c) {
      const built = join(c.work, 'fuzz.wasm');
      const instrumented = judge(await runCli(['instrument', '-m', 'fuzz', '--runs', '20', '--seed', String(SEED), c.path, '-o', built], c), 'error', 'instrument: ');
      if (instrumented.status !== 'ok') return instrumented;
      const run = await runProcess(wasmtimeOrFail(), ['run', '--invoke', 'start()', built], { timeoutMs: c.timeoutMs });
      const elapsed = instrumented.elapsedMs + run.elapsedMs;
      if (run.exitCode === 0) return cell('ok', '', elapsed);
      // The fuzz build writes each call as it starts it: a run that ends in a wasm trap inside an
      // export call it has not closed found a trap in the component (as `fuzz` does); else it is the tool's.
      const trapped = trappedCall(run);
      if (trapped !== undefined) return cell('failure', `the component trapped in \`${trapped}\` on generated values`, elapsed);
      return cell('error', wasmtimeFailure(run, 'start()'), elapsed);
    },
  },
  {
    name: 'stubs',
    description: 'generate stubs, then tsc --strict on them',
    async run(c) {
      const file = join(c.work, 'host.ts');
      const generated = judge(await runCli(['generate', 'stubs', c.path, '-o', file], c), 'error', 'generate: ');
      if (generated.status !== 'ok') return generated;
      const started = performance.now();
      const problems = typeErrors(file);
      const elapsed = generated.elapsedMs + performance.now() - started;
      return problems.length === 0 ? cell('ok', '', elapsed) : cell('error', `tsc --strict: ${problems.length} errors, the first: ${problems[0]}`, elapsed);
    },
  },
];

/** The export call a fuzz build's run trapped in: the last `export` line of its trace, left without an outcome, when wasmtime reports a wasm trap. */
function trappedCall(run: ProcessRun): string | undefined {
  if (!/wasm trap/.test(run.stderr)) return undefined;
  const lines = run.stdout.split('\n').filter((line) => /^(export |return\b|trap )/.test(line));
  const last = lines.at(-1);
  return last?.startsWith('export ') === true ? last.slice('export '.length) : undefined;
}

/** The diagnostics of `tsc --strict --noEmit` on one file. */
function typeErrors(file: string): string[] {
  const program = ts.createProgram([file], {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    noUncheckedIndexedAccess: true,
    skipLibCheck: true,
    types: [],
  });
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const where = d.file !== undefined && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : undefined;
    const text = ts.flattenDiagnosticMessageText(d.messageText, ' ');
    return where === undefined ? text : `${where.line + 1}:${where.character + 1}: ${text}`;
  });
}

export async function componentUnderTest(path: string, name: string, work: string, timeoutMs: number): Promise<ComponentUnderTest> {
  return { path, name, work, world: decodeComponentWorld(new Uint8Array(await readFile(path))), timeoutMs, golden: [] };
}
