/**
 * Replays traces in a worker thread and watches it: a component that does not
 * return from an export call within the time limit is stopped (the thread is
 * terminated and replaced) and reported as a `timeout` divergence naming the
 * call, instead of hanging the test run.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { ProxyComponentError, type ErrorCode } from '../../../errors.js';
import type { ReplayReport } from '../../../host/replay.js';
import type { ReplayRequest, WorkerMessage } from './protocol.js';

export const DEFAULT_CALL_TIMEOUT_MS = 10_000;

export interface WorkerReplayOptions {
  /** Longest an export call may run, in milliseconds. Default 10 000. */
  readonly timeoutMs?: number;
  readonly passthrough?: readonly string[];
  /** Module exporting the real host (jco imports) for pass-through interfaces. */
  readonly hostModule?: string;
}

/** The worker script: next to this module when running from dist, or in dist when running from sources (tests). */
function workerScript(): string {
  const here = fileURLToPath(import.meta.url);
  const sibling = join(dirname(here), 'worker-main.js');
  if (existsSync(sibling)) return sibling;
  const root = resolve(dirname(here), '../../../..');
  const built = join(root, 'dist/src/engines/jco/worker/worker-main.js');
  if (existsSync(built)) return built;
  throw new ProxyComponentError('IO', `the replay worker script is missing (looked for ${sibling} and ${built}): run \`npm run build\``);
}

export class ReplayWorker {
  private worker: Worker | undefined;
  private nextId = 1;
  private queue: Promise<unknown> = Promise.resolve();

  /** Replays one trace; requests to one worker run one after another. */
  replay(component: string, traceText: string, traceFile: string | undefined, options: WorkerReplayOptions = {}): Promise<ReplayReport> {
    const run = this.queue.then(() => this.run(component, traceText, traceFile, options));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Stops the thread; the next request starts a new one. */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    await worker?.terminate();
  }

  private thread(): Worker {
    if (this.worker === undefined) {
      this.worker = new Worker(workerScript());
      // The thread must not keep a finished CLI or test worker alive.
      this.worker.unref();
    }
    return this.worker;
  }

  private run(component: string, traceText: string, traceFile: string | undefined, options: WorkerReplayOptions): Promise<ReplayReport> {
    const worker = this.thread();
    const id = this.nextId++;
    const timeoutMs = options.timeoutMs ?? DEFAULT_CALL_TIMEOUT_MS;
    const request: ReplayRequest = {
      type: 'replay',
      id,
      component: resolve(component),
      traceText,
      ...(traceFile === undefined ? {} : { traceFile }),
      ...(options.passthrough === undefined ? {} : { passthrough: options.passthrough }),
      ...(options.hostModule === undefined ? {} : { hostModule: resolve(options.hostModule) }),
    };
    return new Promise<ReplayReport>((resolvePromise, reject) => {
      let timer: NodeJS.Timeout | undefined;
      let current: Extract<WorkerMessage, { type: 'call' }> | undefined;
      const cleanUp = () => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
      };
      const onTimeout = () => {
        cleanUp();
        this.worker = undefined;
        void worker.terminate();
        const call = current as Extract<WorkerMessage, { type: 'call' }>;
        resolvePromise({
          matched: call.index,
          total: call.index + 1,
          divergence: {
            kind: 'timeout',
            summary: `\`${call.name}\` did not return within ${timeoutMs} ms: stopped`,
            ...(traceFile === undefined ? {} : { file: traceFile }),
            ...(call.line === undefined ? {} : { line: call.line }),
            callIndex: call.index,
            path: [`export ${call.name}`],
          },
        });
      };
      const onMessage = (message: WorkerMessage) => {
        if (message.id !== id) return;
        if (message.type === 'call') {
          current = message;
          clearTimeout(timer);
          if (timeoutMs > 0) timer = setTimeout(onTimeout, timeoutMs);
          return;
        }
        cleanUp();
        if (message.type === 'done') {
          const { matched, total, divergence } = message;
          resolvePromise(divergence === undefined ? { matched, total } : { matched, total, divergence });
        } else {
          reject(
            new ProxyComponentError((message.code ?? 'IO') as ErrorCode, message.code === undefined ? `replay worker failed: ${message.message}` : detailOf(message.message, message.location), {
              ...(message.location === undefined ? {} : { location: message.location }),
            }),
          );
        }
      };
      const onError = (error: Error) => {
        cleanUp();
        this.worker = undefined;
        reject(new ProxyComponentError('IO', `replay worker crashed: ${error.message}`, { cause: error }));
      };
      const onExit = (code: number) => {
        cleanUp();
        this.worker = undefined;
        reject(new ProxyComponentError('IO', `replay worker exited with code ${code}`));
      };
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      worker.postMessage(request);
    });
  }
}

/** The worker's message already carries the location; keep the detail alone so it is not said twice. */
function detailOf(message: string, location: { file?: string; line: number; column: number } | undefined): string {
  if (location === undefined) return message;
  const where = `${location.line}:${location.column}`;
  const prefix = location.file === undefined ? undefined : `${location.file}:${where}: `;
  if (prefix !== undefined && message.startsWith(prefix)) return message.slice(prefix.length);
  const suffix = ` at ${where}`;
  return message.endsWith(suffix) ? message.slice(0, -suffix.length) : message;
}

let shared: ReplayWorker | undefined;

/** One replay worker per process (or per test worker). */
export function sharedReplayWorker(): ReplayWorker {
  shared ??= new ReplayWorker();
  return shared;
}
