/**
 * Runs plans for the in-process engines in a worker thread, so that an export
 * call that never returns can be stopped: the thread is terminated (and a new
 * one started for the next run) and the call reported as a timeout.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ProxyComponentError, type ErrorCode } from '../../errors.js';
import type { World } from '../../wit/world.js';
import { CallWatch } from '../call-watch.js';
import { DEFAULT_ENGINE_TIMEOUT_MS, type CallReport, type PlannedCall, type RunOptions } from '../engine.js';
import { functionsByKey, planToWire, reportFromWire } from '../plan-wire.js';
import type { RunMessage, RunRequest, WorkerTarget } from './protocol.js';

/** The worker script: next to this module in dist, or in dist when running from sources (tests). */
function workerScript(): string {
  const here = fileURLToPath(import.meta.url);
  const sibling = join(dirname(here), 'worker-main.js');
  if (existsSync(sibling)) return sibling;
  const built = join(resolve(dirname(here), '../../..'), 'dist/src/engines/in-process/worker-main.js');
  if (existsSync(built)) return built;
  throw new ProxyComponentError('IO', `the engine worker script is missing (looked for ${sibling} and ${built}): run \`npm run build\``);
}

export class EngineWorker {
  private worker: Worker | undefined;
  private nextId = 1;
  private queue: Promise<unknown> = Promise.resolve();

  /** Runs one plan; runs on one worker go one after another. */
  run(target: WorkerTarget, world: World, calls: readonly PlannedCall[], options: RunOptions = {}): Promise<CallReport[]> {
    const run = this.queue.then(() => this.runNow(target, world, calls, options));
    this.queue = run.catch(() => undefined);
    return run;
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    await worker?.terminate();
  }

  private thread(): Worker {
    if (this.worker === undefined) {
      this.worker = new Worker(workerScript());
      this.worker.unref();
    }
    return this.worker;
  }

  private runNow(target: WorkerTarget, world: World, calls: readonly PlannedCall[], options: RunOptions): Promise<CallReport[]> {
    const worker = this.thread();
    const id = this.nextId++;
    const functions = functionsByKey(world);
    const request: RunRequest = { type: 'run', id, target, calls: planToWire(calls) };
    return new Promise<CallReport[]>((resolvePromise, reject) => {
      const watch = new CallWatch(calls.length, options.timeoutMs ?? DEFAULT_ENGINE_TIMEOUT_MS, () => {
        cleanUp();
        this.worker = undefined;
        void worker.terminate();
        resolvePromise(watch.reports('not run'));
      });
      const cleanUp = () => {
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
      };
      const onMessage = (message: RunMessage) => {
        if (message.id !== id) return;
        try {
          if (message.type === 'call') return watch.started(message.index);
          if (message.type === 'report') return watch.reported(message.index, reportFromWire(message.report, functions));
        } catch (error) {
          cleanUp();
          return reject(error);
        }
        cleanUp();
        if (message.type === 'done') resolvePromise(watch.reports('not run'));
        else reject(new ProxyComponentError((message.code ?? 'IO') as ErrorCode, message.code === undefined ? `engine worker failed: ${message.message}` : message.message));
      };
      const onError = (error: Error) => {
        cleanUp();
        this.worker = undefined;
        reject(new ProxyComponentError('IO', `engine worker crashed: ${error.message}`, { cause: error }));
      };
      const onExit = (code: number) => {
        cleanUp();
        this.worker = undefined;
        reject(new ProxyComponentError('IO', `engine worker exited with code ${code}`));
      };
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      // The bytes are copied, not transferred: the caller keeps its component.
      worker.postMessage(request);
    });
  }
}

let shared: EngineWorker | undefined;

/** One worker per process (or test worker) for the in-process engines. */
export function sharedEngineWorker(): EngineWorker {
  shared ??= new EngineWorker();
  return shared;
}
