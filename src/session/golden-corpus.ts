/**
 * `record --generate`: a golden corpus without a host. N runs of generated
 * export calls and import answers (the fuzzer's runs, see
 * fuzz/generated-runs.ts, made in a watched worker) are written as ordinary
 * traces, one file per run, so that replaying them against a later build of
 * the component tells what changed: characterization tests for a component
 * nobody wrote a host for.
 *
 * Files are named after the seed and the run (`seed-1-run-003.trace`) and
 * written atomically as each run ends, so the same seed rewrites the same
 * files (run `i` of a seed does not depend on how many runs are asked for).
 * Each header is the one `record` writes, plus `generated: { seed, run }`.
 *
 * A run that traps is kept with its trap, and ends there. A call that does not
 * return within the time limit ends its run: the run is written up to the call
 * before it, with a note (a `#` comment at its end) naming the call, and the
 * generation goes on with the next run; a run whose first call does not return
 * has no call to keep, and no trace is written for it (a trace of no call
 * checks nothing, and replay refuses one), only said. A component that cannot
 * start is an error.
 */
import { readFile, rm } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { componentHash } from '../engines/jco/transpile-cache.js';
import { DEFAULT_CALL_TIMEOUT_MS } from '../engines/jco/worker/replay-worker.js';
import { ProxyComponentError } from '../errors.js';
import type { GenerationPoint } from '../fuzz/generated-runs.js';
import { generateRunsWatched, type WatchedRun } from '../fuzz/worker/generate-worker.js';
import { TRACE_FORMAT_VERSION, type TraceHeader } from '../trace/model.js';
import { formatHeader } from '../trace/write.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { describeIoError } from '../util/io-error.js';
import { TOOL_VERSION } from '../version.js';

export interface GoldenCorpusOptions {
  /** Runs to record. */
  readonly runs: number;
  readonly seed: number;
  /** The folder the traces go to (made when missing). */
  readonly folder: string;
  /** Longest one export call may run, in milliseconds. Default as `replay`'s, 10 000. */
  readonly timeoutMs?: number;
  /** Call only these exports (any WAVE spelling); default all. */
  readonly exports?: readonly string[];
  /** WASI interfaces the sandboxed WASI host answers instead of generated values; the traces' header lists them, so replays do the same. */
  readonly passthrough?: readonly string[];
  /** Told of each file once it is written. */
  readonly onWritten?: (file: WrittenRun) => void;
  /** Told of each run that has no call to keep (its first call did not return): no file is written for it. */
  readonly onUnwritten?: (run: UnwrittenRun) => void;
}

/** A run with no call to keep: its first call did not return. */
export interface UnwrittenRun {
  /** 1-based. */
  readonly run: number;
  /** The file it would have had (removed if an earlier generation left one). */
  readonly file: string;
  readonly why: string;
}

export interface WrittenRun {
  readonly file: string;
  /** 1-based. */
  readonly run: number;
  /** Export calls in the trace. */
  readonly calls: number;
  readonly endsInTrap: boolean;
  /** Why the run ends before its plan did (a call that did not return), as the trace's note says. */
  readonly stopped?: string;
}

export interface GoldenCorpus {
  readonly files: readonly WrittenRun[];
  readonly unwritten: readonly UnwrittenRun[];
  /** Runs replaced by the next of the seed's stream (the fuzzer would have discarded them), with why. */
  readonly replaced: readonly { readonly point: GenerationPoint; readonly reason: string }[];
}

/** The file of run `run` (1-based) of `seed`, in `folder`. */
export function goldenTraceFile(folder: string, seed: number, run: number): string {
  const seedText = seed < 0 ? `m${-seed}` : String(seed);
  return join(folder, `seed-${seedText}-run-${String(run).padStart(3, '0')}.trace`);
}

export async function recordGoldenCorpus(componentPath: string, options: GoldenCorpusOptions): Promise<GoldenCorpus> {
  const bytes = new Uint8Array(
    await readFile(componentPath).catch((cause: unknown) => {
      throw new ProxyComponentError('IO', `cannot read ${componentPath}: ${describeIoError(cause)}`, { cause });
    }),
  );
  const header: TraceHeader = {
    version: TRACE_FORMAT_VERSION,
    world: 'root:component/root',
    component: `sha256:${componentHash(bytes)}`,
    componentPath: relative(resolve(options.folder), resolve(componentPath)),
    tool: TOOL_VERSION,
    ...(options.passthrough === undefined || options.passthrough.length === 0 ? {} : { passthrough: options.passthrough }),
  };
  const files: WrittenRun[] = [];
  const unwritten: UnwrittenRun[] = [];
  const replaced: { point: GenerationPoint; reason: string }[] = [];
  // Runs arrive as messages; their files are written one after another, in order.
  let writing: Promise<void> = Promise.resolve();
  let writeFailure: { readonly error: unknown } | undefined;
  const write = async (run: WatchedRun): Promise<void> => {
    const number = run.run + 1;
    const file = goldenTraceFile(options.folder, options.seed, number);
    if (run.calls === 0) {
      // The same seed rewrites the same files: one an earlier generation wrote for this run would now say what this one did not.
      await rm(file, { force: true });
      const skipped: UnwrittenRun = { run: number, file, why: run.stopped ?? 'no call to keep' };
      unwritten.push(skipped);
      options.onUnwritten?.(skipped);
      return;
    }
    const note = run.stopped === undefined ? [] : [`# stopped: ${run.stopped}`];
    const text = [formatHeader({ ...header, generated: { seed: options.seed, run: number } }), ...run.lines, ...note].join('\n');
    await writeFileAtomic(file, `${text}\n`);
    const written: WrittenRun = { file, run: number, calls: run.calls, endsInTrap: run.endsInTrap, ...(run.stopped === undefined ? {} : { stopped: run.stopped }) };
    files.push(written);
    options.onWritten?.(written);
  };
  const generated = generateRunsWatched(
    bytes,
    {
      runs: options.runs,
      seed: options.seed,
      timeoutMs: options.timeoutMs ?? DEFAULT_CALL_TIMEOUT_MS,
      componentName: componentPath,
      ...(options.exports === undefined ? {} : { exports: options.exports }),
      ...(options.passthrough === undefined ? {} : { passthrough: options.passthrough }),
    },
    {
      onRun: (run) => {
        writing = writing
          .then(() => (writeFailure === undefined ? write(run) : undefined))
          .catch((error: unknown) => {
            writeFailure ??= { error };
          });
      },
      onReplaced: (point, reason) => replaced.push({ point, reason }),
    },
  );
  try {
    await generated;
  } finally {
    // The files of the runs made before an error are written all the same.
    await writing;
  }
  if (writeFailure !== undefined) throw writeFailure.error;
  return { files, unwritten, replaced };
}
