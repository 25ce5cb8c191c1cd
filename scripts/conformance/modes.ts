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
import { basename, join } from 'node:path';
import ts from 'typescript';
import { findWasmtime, precompiled } from '../../src/engines/wasmtime/wasmtime-cli.js';
import { readTrace } from '../../src/trace/read.js';
import { replayRunEnd } from '../../src/trace/replay-end.js';
import type { Value } from '../../src/values/value.js';
import { typeHasHandles } from '../../src/values/walk.js';
import { printValue } from '../../src/wave/index.js';
import { decodeComponentWorld } from '../../src/wit/binary/decode.js';
import { worldFunctions, type World } from '../../src/wit/world.js';
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
  readonly sizes: Sizes;
  /** Golden traces recorded by the `golden` mode, for the modes after it. */
  golden: string[];
}

/** How much each mode does: the issue's figures by default, smaller in the project's own tests. */
export interface Sizes {
  readonly goldenRuns: number;
  readonly fuzzRuns: number;
  /** Generated calls of `diff --fuzz`, and export calls of the instrumented fuzz build. */
  readonly calls: number;
  readonly seed: number;
  readonly engines: string;
}

export const DEFAULT_SIZES: Sizes = { goldenRuns: 20, fuzzRuns: 100, calls: 20, seed: 1, engines: 'jco,node,wasmtime' };

export interface Mode {
  readonly name: string;
  /** What the column means, for the legend. */
  description(sizes: Sizes): string;
  run(component: ComponentUnderTest): Promise<Cell>;
}

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

/**
 * The first export call of the golden traces that `wasmtime --invoke` can make, in its syntax: a
 * plain function by its bare name (wasmtime finds it in any exported interface, so the name must be
 * unique among the exports) with no handle among its arguments. `--invoke` has no syntax for
 * resource functions (`[method]r.f`) or handles (`#1`).
 */
async function firstInvokableCall(golden: readonly string[], world: World): Promise<string | undefined> {
  const exported = worldFunctions(world, 'export');
  const unique = (name: string) => exported.filter((fn) => fn.function.name === name).length === 1;
  for (const file of golden) {
    const trace = readTrace(await readFile(file, 'utf8'), world, { file });
    for (const call of trace.calls) {
      const fn = call.function.function;
      if (fn.kind !== 'freestanding' || !unique(fn.name) || fn.params.some((param) => typeHasHandles(param.type))) continue;
      return `${fn.name}(${fn.params.map((param, i) => printValue(call.args[i] as Value, param.type)).join(', ')})`;
    }
  }
  return undefined;
}

function wasmtimeOrFail(): string {
  const binary = findWasmtime();
  if (binary === undefined) throw new Error('wasmtime is not installed: run bash scripts/setup-engines.sh wasmtime');
  return binary;
}

/** Why wasmtime failed, in a line: its `Caused by` chain without backtraces, or what the guest printed. */
function wasmtimeFailure(run: ProcessRun, what: string): string {
  if (run.timedOut) return `${what}: wasmtime timed out`;
  const lines = run.stderr.split('\n');
  const causedBy = lines.findIndex((line) => line.trim() === 'Caused by:');
  const causes = causedBy < 0 ? [] : lines.slice(causedBy + 1).filter((line) => /^ {4}\d+: /.test(line) && !/^ {4}\d+: +0x[0-9a-f]+ - /.test(line)).map((line) => line.trim().replace(/^\d+: /, ''));
  const own = lines.map((l) => l.trim()).filter((l) => l !== '' && !/^\d+:/.test(l) && !l.startsWith('note:') && !l.startsWith('Error:') && l !== 'Caused by:' && !l.startsWith('Stack backtrace'));
  const reason = [...own.slice(0, 2), ...causes.filter((c) => !c.startsWith('0x') && !c.startsWith('error while executing'))].slice(0, 4);
  return `${what}: wasmtime exit ${run.exitCode ?? 'killed'}: ${reason.join(' / ')}`;
}

export const MODES: readonly Mode[] = [
  {
    name: 'wit',
    description: () => 'wit: print the world',
    run: async (c) => judge(await runCli(['wit', c.path], c), 'error'),
  },
  {
    name: 'golden',
    description: (z) => `record --generate ${z.goldenRuns} --seed ${z.seed}: a golden corpus without a host`,
    async run(c) {
      const folder = join(c.work, 'golden');
      const result = judge(await runCli(['record', c.path, '--generate', String(c.sizes.goldenRuns), '--seed', String(c.sizes.seed), '-o', folder], c), 'error');
      if (result.status === 'ok') {
        c.golden = (await readdir(folder)).filter((name) => name.endsWith('.trace')).sort().map((name) => join(folder, name));
        if (c.golden.length === 0) return cell('error', `record --generate wrote no trace into ${folder}`, result.elapsedMs);
      }
      return result;
    },
  },
  {
    name: 'replay',
    description: () => 'replay the golden corpus in-process',
    async run(c) {
      if (c.golden.length === 0) return cell('n/a', 'no golden corpus', 0);
      // The same component replaying its own recording: a divergence is the tool's.
      return judge(await runCli(['replay', c.path, ...c.golden], c), 'error');
    },
  },
  {
    name: 'replay@wasmtime',
    description: () => 'instrument -m replay, then the golden corpus under `wasmtime run --invoke start()` (exit 0, or a trace ending in a trap traps there; refused: a trace diverges where the replay component left imports it answers to the host)',
    async run(c) {
      if (c.golden.length === 0) return cell('n/a', 'no golden corpus', 0);
      const built = join(c.work, 'replay.wasm');
      const instrumented = judge(await runCli(['instrument', '-m', 'replay', c.path, '-o', built], c), 'error', 'instrument: ');
      if (instrumented.status !== 'ok') return instrumented;
      // Imports the replay component leaves to the host (what the virtualizers cannot carry: async, future, stream) are its own imports.
      const needsHost = hostImports(decodeComponentWorld(new Uint8Array(await readFile(built))));
      if (needsHost.length > 0) return cell('n/a', `built; it runs under a host that implements ${needsHost.join(', ')}, which plain wasmtime does not`, instrumented.elapsedMs);
      // Compiled once for all the traces, as the wasmtime engine does.
      const binary = wasmtimeOrFail();
      const compiling = performance.now();
      const compiled = await precompiled(binary, new Uint8Array(await readFile(built))).catch((error: unknown) => error as Error);
      let elapsed = instrumented.elapsedMs + performance.now() - compiling;
      if (compiled instanceof Error) return cell('error', `wasmtime compile: ${compiled.message}`, elapsed);
      const refusals: string[] = [];
      for (const trace of c.golden) {
        const run = await runProcess(binary, ['run', '--allow-precompiled', '--invoke', 'start()', compiled], { timeoutMs: c.timeoutMs, input: await readFile(trace, 'utf8') });
        elapsed += run.elapsedMs;
        if (run.exitCode === 0) continue;
        // A trace that ends in a trap ends the run in that trap: the replay component says it expects it just before.
        const end = run.timedOut ? undefined : replayRunEnd(run.stderr, /wasm trap:/.test(run.stderr));
        if (end?.kind === 'matched') continue;
        // The host's answers instead of the trace's: imports the replay component cannot carry.
        if (end?.kind === 'diverged' && end.leftToHost !== undefined) refusals.push(`${basename(trace)} diverged (${end.divergence.summary}) after the replay component left ${end.leftToHost.calls} call(s) the trace answers to wasmtime's host (the first \`${end.leftToHost.first}\`, passed through)`);
        else return cell('error', end?.kind === 'stopped' ? `${trace}: ${end.message}` : wasmtimeFailure(run, trace), elapsed);
      }
      if (refusals.length > 0) {
        const matched = c.golden.length - refusals.length;
        return cell('refused', `${matched} of ${c.golden.length} traces matched; ${refusals[0] ?? ''}${refusals.length > 1 ? ` (and ${refusals.length - 1} more)` : ''}`, elapsed);
      }
      return cell('ok', '', elapsed);
    },
  },
  {
    name: 'fuzz',
    description: (z) => `fuzz --runs ${z.fuzzRuns} --seed ${z.seed}`,
    run: async (c) => judge(await runCli(['fuzz', c.path, '--runs', String(c.sizes.fuzzRuns), '--seed', String(c.sizes.seed)], c), 'failure'),
  },
  {
    name: 'diff',
    description: (z) => `diff --engines ${z.engines} --fuzz ${z.calls} --seed ${z.seed}`,
    run: async (c) => judge(await runCli(['diff', c.path, '--engines', c.sizes.engines, '--fuzz', String(c.sizes.calls), '--seed', String(c.sizes.seed)], c), 'failure'),
  },
  {
    name: 'record@wasmtime',
    description: () => 'instrument -m record, run the first golden call `wasmtime --invoke` can make, replay what it wrote in-process',
    async run(c) {
      const built = join(c.work, 'record.wasm');
      const instrumented = judge(await runCli(['instrument', '-m', 'record', c.path, '-o', built], c), 'error', 'instrument: ');
      if (instrumented.status !== 'ok') return instrumented;
      const needsHost = hostImports(c.world);
      if (needsHost.length > 0) return cell('n/a', `built; it runs under a host that implements ${needsHost.join(', ')}, which plain wasmtime does not`, instrumented.elapsedMs);
      const call = await firstInvokableCall(c.golden, c.world);
      if (call === undefined) return cell('n/a', `built; no golden export call that \`wasmtime --invoke\` can make (${c.golden.length === 0 ? 'no golden corpus' : 'resource functions and handle arguments have no --invoke syntax'})`, instrumented.elapsedMs);
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
    description: (z) => `instrument -m fuzz --runs ${z.calls}, then \`wasmtime run --invoke start()\``,
    async run(c) {
      const built = join(c.work, 'fuzz.wasm');
      const instrumented = judge(await runCli(['instrument', '-m', 'fuzz', '--runs', String(c.sizes.calls), '--seed', String(c.sizes.seed), c.path, '-o', built], c), 'error', 'instrument: ');
      if (instrumented.status !== 'ok') return instrumented;
      const run = await runProcess(wasmtimeOrFail(), ['run', '--invoke', 'start()', built], { timeoutMs: c.timeoutMs });
      const elapsed = instrumented.elapsedMs + run.elapsedMs;
      if (run.exitCode === 0) return cell('ok', '', elapsed);
      // The fuzz build writes each call as it starts it: a run that ends in a wasm trap inside an
      // export call it has not closed found a trap in the component (as `fuzz` does); else it is the tool's.
      const trapped = trappedCall(run);
      if (trapped !== undefined) return cell('failure', wasmtimeFailure(run, `the component trapped in \`${trapped}\` on generated values`), elapsed);
      return cell('error', wasmtimeFailure(run, 'start()'), elapsed);
    },
  },
  {
    name: 'stubs',
    description: () => 'generate stubs, then tsc --strict on them',
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
  if (run.timedOut || !/wasm trap:|wasm backtrace/.test(run.stderr)) return undefined;
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

export async function componentUnderTest(path: string, name: string, work: string, timeoutMs: number, sizes: Sizes): Promise<ComponentUnderTest> {
  return { path, name, work, world: decodeComponentWorld(new Uint8Array(await readFile(path))), timeoutMs, sizes, golden: [] };
}
