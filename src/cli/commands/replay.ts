/**
 * `proxy-component replay <component> <trace>...`: every trace replayed in
 * the watched replay worker, spread over one worker per core (each keeps
 * the component compiled between traces), reported in the order given, then
 * a summary that names the traces that diverged or could not be read, so that
 * one divergence is not lost among hundreds of matches.
 */
import { availableParallelism } from 'node:os';
import { renderDivergence } from '../../divergence/render.js';
import { DEFAULT_CALL_TIMEOUT_MS, ReplayWorker, type WorkerReplayOptions } from '../../engines/jco/worker/replay-worker.js';
import { isProxyComponentError, ProxyComponentError } from '../../errors.js';
import type { ReplayReport } from '../../host/replay.js';
import type { CommandSpec } from '../command.js';
import { EXIT_BAD_INPUT, EXIT_FOUND_PROBLEM, EXIT_OK } from '../exit-code.js';
import { integerOption } from '../option-values.js';

interface ReplayOptions {
  readonly timeout: string;
  readonly passthrough?: string[];
  readonly host?: string;
  readonly match?: string;
  readonly jobs?: string;
}

type Replayed = { readonly file: string; readonly report: ReplayReport } | { readonly file: string; readonly error: ProxyComponentError };

export const replayCommand: CommandSpec<ReplayOptions> = {
  name: 'replay',
  summary: 'replay traces against a component with no host: imports answered from the trace, every value checked',
  help: [
    'Traces may be in our .trace format or the original proxy-component JSONL format (detected).',
    '',
    'Examples:',
    '  proxy-component replay app.wasm traces/*.trace',
    '  proxy-component replay rebuilt.wasm app.trace --timeout 2000',
    '',
    'Exit codes: 0 every trace matched, 1 a divergence (report printed), 2 bad input.',
  ].join('\n'),
  arguments: [
    { syntax: '<component>', description: 'the component (.wasm) to replay against' },
    { syntax: '<trace...>', description: 'trace files' },
  ],
  options: [
    { flags: '--timeout <ms>', description: 'longest an export call may run before it is stopped (0: no limit)', defaultValue: String(DEFAULT_CALL_TIMEOUT_MS) },
    { flags: '--passthrough <interface...>', description: 'interfaces whose imports go to --host instead of the trace (wasi: ones to the sandboxed WASI unless --host has them); a trace also names those its recording left to the host' },
    { flags: '--host <module>', description: 'JS or TypeScript module exporting the jco imports for pass-through interfaces (a saved fuzz failure names the module of its properties itself)' },
    { flags: '--match <module>', description: 'module exporting matching rules (ignore, anyOrder, equal) as its default export' },
    { flags: '--jobs <n>', description: 'replay workers run side by side (default: one per core)' },
  ],
  async run([component, traces], options, io) {
    const timeoutMs = integerOption(options.timeout, '--timeout', 0);
    const files = traces as string[];
    const jobs = Math.min(files.length, options.jobs === undefined ? availableParallelism() : integerOption(options.jobs, '--jobs', 1, 256));
    const settings = {
      timeoutMs,
      ...(options.passthrough === undefined ? {} : { passthrough: options.passthrough }),
      ...(options.host === undefined ? {} : { hostModule: options.host }),
      ...(options.match === undefined ? {} : { match: options.match }),
    };
    const workers = Array.from({ length: jobs }, () => new ReplayWorker());
    const results = inPool(files, workers, (file, worker) => replayOne(worker, component as string, file, settings));
    let exitCode = EXIT_OK;
    const diverged: string[] = [];
    const failed: string[] = [];
    try {
      for (const pending of results) {
        const result = await pending;
        if ('error' in result) {
          io.stderr(`error: ${result.error.message}\n`);
          failed.push(result.file);
          exitCode = EXIT_BAD_INPUT;
        } else if (result.report.divergence === undefined) {
          io.stdout(`✓ ${result.file}: ${result.report.matched} call${result.report.matched === 1 ? '' : 's'} matched\n`);
        } else {
          io.stdout(`${renderDivergence(result.report.divergence)}\n`);
          diverged.push(result.file);
          exitCode = Math.max(exitCode, EXIT_FOUND_PROBLEM);
        }
      }
    } finally {
      await Promise.all(workers.map((worker) => worker.close()));
    }
    if (files.length > 1) io.stdout(summary(files.length, diverged, failed));
    return exitCode;
  },
};

async function replayOne(worker: ReplayWorker, component: string, file: string, settings: WorkerReplayOptions): Promise<Replayed> {
  try {
    // The worker reads the trace as it streams, a call at a time.
    return { file, report: await worker.replay(component, { path: file }, file, settings) };
  } catch (error) {
    if (!isProxyComponentError(error)) throw error;
    return { file, error };
  }
}

/** Runs `task` on every item, each worker taking the next item when it is free; one promise per item, in order. */
function inPool<T, W, R>(items: readonly T[], workers: readonly W[], task: (item: T, worker: W) => Promise<R>): Promise<R>[] {
  const settles = items.map(() => {
    let settle!: { resolve(value: R): void; reject(error: unknown): void };
    const promise = new Promise<R>((resolve, reject) => (settle = { resolve, reject }));
    return { promise, settle };
  });
  let next = 0;
  const drain = async (worker: W) => {
    while (next < items.length) {
      const index = next++;
      const { settle } = settles[index] as (typeof settles)[number];
      await task(items[index] as T, worker).then(settle.resolve, settle.reject);
    }
  };
  for (const worker of workers) void drain(worker);
  return settles.map(({ promise }) => promise);
}

/** `300 traces: 299 matched, 1 diverged (traces/b.trace)`. */
function summary(total: number, diverged: readonly string[], failed: readonly string[]): string {
  const matched = total - diverged.length - failed.length;
  const parts = [`${matched} matched`];
  if (diverged.length > 0) parts.push(`${diverged.length} diverged (${diverged.join(', ')})`);
  if (failed.length > 0) parts.push(`${failed.length} could not be replayed (${failed.join(', ')})`);
  const mark = diverged.length + failed.length === 0 ? '✓' : '✗';
  return `\n${mark} ${total} traces: ${parts.join(', ')}\n`;
}
