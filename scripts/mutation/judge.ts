/**
 * Runs a command of the CLI on a mutant and judges what it did, as the
 * mutation campaign (campaign.ts) counts it: the exit code, and whether it
 * crashed (an exit code other than 0, 1 and 2, a stack trace or an internal
 * error in what it printed), hung (no end within the budget: the thread
 * running it is terminated and replaced), printed a line too long to read,
 * or refused a trace (exit 2) without naming the line (an exit 2 because no two
 * engines could run a trace it read names the trace and is not a refusal).
 */
import { Worker } from 'node:worker_threads';
import { workerScript } from '../../src/util/worker-thread.js';

export interface JudgeRequest {
  readonly id: number;
  readonly argv: readonly string[];
}

export interface JudgeReply {
  readonly id: number;
  readonly exitCode: number;
  readonly out: string;
  readonly err: string;
}

/** What a command did: its exit code and output, or that it did not end within the budget. */
export type CommandRun = { readonly kind: 'ended'; readonly exitCode: number; readonly out: string; readonly err: string; readonly ms: number } | { readonly kind: 'hung'; readonly ms: number };

export class Judge {
  private worker: Worker | undefined;
  private nextId = 1;

  /** Runs `argv` as `proxy-component <argv>` would; a run past `budgetMs` is a hang. */
  run(argv: readonly string[], budgetMs: number): Promise<CommandRun> {
    const worker = this.thread();
    const id = this.nextId++;
    const started = performance.now();
    return new Promise((resolve, reject) => {
      const done = () => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
      };
      const timer = setTimeout(() => {
        done();
        void this.stop();
        resolve({ kind: 'hung', ms: performance.now() - started });
      }, budgetMs);
      const onMessage = (reply: JudgeReply) => {
        if (reply.id !== id) return;
        done();
        resolve({ kind: 'ended', exitCode: reply.exitCode, out: reply.out, err: reply.err, ms: performance.now() - started });
      };
      const onError = (error: Error) => {
        done();
        this.worker = undefined;
        reject(error);
      };
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.postMessage({ id, argv } satisfies JudgeRequest);
    });
  }

  async stop(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    await worker?.terminate();
  }

  private thread(): Worker {
    this.worker ??= new Worker(workerScript(import.meta.url, 'dist/scripts/mutation/judge-worker.js', 'mutation judge'));
    return this.worker;
  }
}

/** A stack frame line (`    at f (file.js:1:2)`), as a crash prints it. */
const STACK_FRAME = /^\s+at (?:.+ \()?(?:file:\/\/|\/|node:|<anonymous>).*:\d+(?::\d+)?\)?$/m;
/** The longest line a message or report may have: long values are abbreviated (util/abbreviate.ts). */
export const LONGEST_LINE = 5000;

export interface Problems {
  readonly crash?: string;
  readonly overlong?: string;
  readonly unlocated?: string;
}

/** What is wrong with a run, whatever the input: a crash, an overlong line, and, for a trace (`located`), an exit 2 that names no line. */
export function problemsOf(run: Extract<CommandRun, { kind: 'ended' }>, located?: { readonly file: string }): Problems {
  const text = `${run.out}\n${run.err}`;
  const problems: { crash?: string; overlong?: string; unlocated?: string } = {};
  if (![0, 1, 2].includes(run.exitCode)) problems.crash = `exit code ${run.exitCode}: ${firstLines(run.err)}`;
  else if (STACK_FRAME.test(text) || /internal error|worker failed|worker crashed|worker exited/.test(text)) problems.crash = `a stack trace or an internal error: ${firstLines(text)}`;
  const longest = text.split('\n').reduce((most, line) => Math.max(most, line.length), 0);
  if (longest > LONGEST_LINE) problems.overlong = `a line of ${longest} characters`;
  if (located !== undefined && run.exitCode === 2) {
    const prefix = `error: ${located.file}:`;
    const line = run.err.split('\n').find((text) => text.startsWith('error: '));
    // `diff` read the trace but no two engines could run it (a component slower to start than the
    // limit on a loaded machine): the trace was not refused, and the error names it and why.
    const notCompared = line !== undefined && line.startsWith(`${prefix} nothing compared: `);
    if (!notCompared && (line === undefined || !line.startsWith(prefix) || !/^\d+:\d+: /.test(line.slice(prefix.length)))) problems.unlocated = `exit 2 without the trace's line and column: ${firstLines(run.err)}`;
  }
  return problems;
}

function firstLines(text: string): string {
  const lines = text.trim().split('\n').slice(0, 6).map((line) => (line.length > 300 ? `${line.slice(0, 300)}…` : line));
  return lines.join(' ⏎ ');
}
