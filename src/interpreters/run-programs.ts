/**
 * Runs many programs on many engines, fast: programs go to each engine in
 * batches (one plan of many `run` calls, so a subprocess engine starts and
 * loads the component once per batch, not per program), and up to
 * `concurrency` batches run at once.
 *
 * A call that times out stops its engine, and a call that traps leaves its
 * instance unusable (the component model forbids entering it again: jco
 * answers every later call with a trap): either way the calls after it in
 * the batch are sent again in a batch of their own, on a fresh instance, so
 * that one bad program costs only its own outcome, not its neighbours'.
 * An engine that fails outright (cannot compile the component, crashes)
 * has its programs reported as not run, with the reason.
 */
import type { CallReport, LoadedEngineComponent, PlannedCall } from '../engines/engine.js';
import { callNameOf } from '../wit/lookup.js';
import type { WorldFunction } from '../wit/world.js';

export interface ProgramEngine {
  readonly label: string;
  readonly loaded: LoadedEngineComponent;
}

export interface RunProgramsOptions {
  readonly timeoutMs: number;
  /** Programs per plan. Default 50. */
  readonly batchSize?: number;
  /** Plans running at once, across engines. Default 2. */
  readonly concurrency?: number;
  /** Called after each plan with the number of programs it ran. */
  readonly onBatch?: (engine: string, programs: number) => void;
}

export interface EngineTally {
  readonly engine: string;
  /** Wall-clock time of the engine's plans, added up. */
  readonly elapsedMs: number;
  readonly programs: number;
  /** Set when the engine failed a plan outright: its message. */
  readonly failure?: string;
}

export interface ProgramRuns {
  /** `reports[engine][program]`, engines in the order given. */
  readonly reports: readonly (readonly CallReport[])[];
  readonly tallies: readonly EngineTally[];
}

/** A plan of `run(program)` calls. */
export function programCalls(run: WorldFunction, programs: readonly string[]): PlannedCall[] {
  const name = callNameOf(run);
  return programs.map((program) => ({ name, function: run, args: [program], imports: [] }));
}

interface Task {
  readonly engine: number;
  /** Indices of the programs, in order. */
  readonly programs: readonly number[];
}

/** The first call after which the instance cannot be trusted (it timed out or trapped), or -1. */
export function instanceLostAt(calls: readonly CallReport[]): number {
  return calls.findIndex((report) => report.outcome.kind === 'timeout' || report.outcome.kind === 'trap');
}

export async function runPrograms(engines: readonly ProgramEngine[], run: WorldFunction, programs: readonly string[], options: RunProgramsOptions): Promise<ProgramRuns> {
  const batchSize = Math.max(1, options.batchSize ?? 50);
  const reports: CallReport[][] = engines.map(() => new Array<CallReport>(programs.length));
  const elapsed = engines.map(() => 0);
  const failures: (string | undefined)[] = engines.map(() => undefined);
  const queue: Task[] = [];
  for (let start = 0; start < programs.length; start += batchSize) {
    const indices = Array.from({ length: Math.min(batchSize, programs.length - start) }, (_, k) => start + k);
    for (let engine = 0; engine < engines.length; engine++) queue.push({ engine, programs: indices });
  }
  const runTask = async (task: Task): Promise<void> => {
    const target = engines[task.engine] as ProgramEngine;
    const calls = programCalls(run, task.programs.map((index) => programs[index] as string));
    const result = await target.loaded.run(calls, { timeoutMs: options.timeoutMs });
    elapsed[task.engine] = (elapsed[task.engine] ?? 0) + result.elapsedMs;
    if (result.failure !== undefined) failures[task.engine] ??= result.failure;
    const lostAt = instanceLostAt(result.calls);
    const retry: number[] = [];
    for (const [k, index] of task.programs.entries()) {
      const report = result.calls[k] ?? { outcome: { kind: 'not-run', reason: 'no report' } };
      if (lostAt >= 0 && k > lostAt) retry.push(index);
      else (reports[task.engine] as CallReport[])[index] = report;
    }
    options.onBatch?.(target.label, task.programs.length - retry.length);
    if (retry.length > 0) queue.push({ engine: task.engine, programs: retry });
  };
  const worker = async (): Promise<void> => {
    for (let task = queue.shift(); task !== undefined; task = queue.shift()) await runTask(task);
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 2) }, worker));
  return {
    reports,
    tallies: engines.map((engine, index) => {
      const failure = failures[index];
      return { engine: engine.label, elapsedMs: elapsed[index] ?? 0, programs: programs.length, ...(failure === undefined ? {} : { failure }) };
    }),
  };
}
