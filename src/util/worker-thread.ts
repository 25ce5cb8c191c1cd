/**
 * Worker threads that run a component where a hung call can be stopped: the
 * watching thread terminates the worker, which no sync wasm loop can prevent.
 * Shared by the replay worker, the in-process engines' worker and the fuzzer.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { isProxyComponentError, ProxyComponentError, type ErrorCode, type SourceLocation } from '../errors.js';

/**
 * A worker script: `name` next to the calling module when it runs from dist,
 * else the same file in the built dist (when the caller runs from its
 * TypeScript sources, in this repository's tests).
 *
 * @param moduleUrl the caller's `import.meta.url`
 * @param distPath the script's path inside the package, e.g. `dist/src/fuzz/worker/worker-main.js`
 */
export function workerScript(moduleUrl: string, distPath: string, what: string): string {
  const here = dirname(fileURLToPath(moduleUrl));
  const sibling = join(here, distPath.slice(distPath.lastIndexOf('/') + 1));
  if (existsSync(sibling)) return sibling;
  const depth = distPath.split('/').length - 2; // dist/<...>/file.js -> folders below the package root
  const built = join(resolve(here, ...Array<string>(depth).fill('..')), distPath);
  if (existsSync(built)) return built;
  throw new ProxyComponentError('IO', `the ${what} worker script is missing (looked for ${sibling} and ${built}): run \`npm run build\``);
}

/** How a worker reports a failure: a ProxyComponentError's parts, or a bug's message and stack. */
export interface WorkerFailure {
  readonly code?: string;
  readonly message: string;
  readonly location?: SourceLocation;
}

/** A failure as a worker sends it: a ProxyComponentError's code, detail and location, or a bug's stack. */
export function workerFailure(error: unknown): WorkerFailure {
  if (isProxyComponentError(error)) return { code: error.code, message: error.detail, ...(error.location === undefined ? {} : { location: error.location }) };
  return { message: error instanceof Error ? (error.stack ?? error.message) : String(error) };
}

/** The error a worker's failure message stands for, rebuilt on this side. */
export function errorFromWorker(failure: WorkerFailure, what: string): ProxyComponentError {
  if (failure.code === undefined) return new ProxyComponentError('IO', `${what} worker failed: ${failure.message}`);
  return new ProxyComponentError(failure.code as ErrorCode, detailOf(failure.message, failure.location), {
    ...(failure.location === undefined ? {} : { location: failure.location }),
  });
}

/** The worker's message already carries the location; keep the detail alone so it is not said twice. */
function detailOf(message: string, location: SourceLocation | undefined): string {
  if (location === undefined) return message;
  const where = `${location.line}:${location.column}`;
  const prefix = location.file === undefined ? undefined : `${location.file}:${where}: `;
  if (prefix !== undefined && message.startsWith(prefix)) return message.slice(prefix.length);
  const suffix = ` at ${where}`;
  return message.endsWith(suffix) ? message.slice(0, -suffix.length) : message;
}

export interface Settle<T> {
  resolve(value: T): void;
  reject(error: unknown): void;
}

/** What one request does with the worker's messages; `stop` terminates the thread (the next request gets a new one). */
export interface RequestHandler<M, T> {
  /** Called once the request is posted to the thread (not while it waits for earlier ones): start watching here. */
  onSent?(settle: Settle<T>, stop: () => void): void;
  onMessage(message: M, settle: Settle<T>, stop: () => void): void;
  /** Called once the request has settled, however it did: clear timers here. */
  onSettled?(): void;
}

/** One reusable worker thread running requests one after another; replaced after a crash or a stop. */
export class SerialWorker<M extends { readonly id: number }> {
  private worker: Worker | undefined;
  private nextId = 1;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly what: string,
    private readonly script: () => string,
  ) {}

  /** Sends the request `build(id)` makes, once the requests before it are done. */
  request<T>(build: (id: number) => object, handler: RequestHandler<M, T>): Promise<T> {
    const run = this.queue.then(() => this.send(build, handler));
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
      this.worker = new Worker(this.script());
      // The thread must not keep a finished CLI or test worker alive.
      this.worker.unref();
    }
    return this.worker;
  }

  private send<T>(build: (id: number) => object, handler: RequestHandler<M, T>): Promise<T> {
    const worker = this.thread();
    const id = this.nextId++;
    return new Promise<T>((resolvePromise, rejectPromise) => {
      let settled = false;
      const settle = (action: () => void) => {
        if (settled) return;
        settled = true;
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        handler.onSettled?.();
        action();
      };
      const settler: Settle<T> = {
        resolve: (value) => settle(() => resolvePromise(value)),
        reject: (error) => settle(() => rejectPromise(error)),
      };
      const stop = () => {
        if (this.worker === worker) this.worker = undefined;
        void worker.terminate();
      };
      const onMessage = (message: M) => {
        if (message.id !== id) return;
        try {
          handler.onMessage(message, settler, stop);
        } catch (error) {
          settler.reject(error);
        }
      };
      const onError = (error: Error) => {
        if (this.worker === worker) this.worker = undefined;
        settler.reject(new ProxyComponentError('IO', `${this.what} worker crashed: ${error.message}`, { cause: error }));
      };
      const onExit = (code: number) => {
        if (this.worker === worker) this.worker = undefined;
        settler.reject(new ProxyComponentError('IO', `${this.what} worker exited with code ${code}`));
      };
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      worker.postMessage(build(id));
      handler.onSent?.(settler, stop);
    });
  }
}
