/**
 * The dialog's end of the session worker: starts it, hands it requests, reads
 * its events in order, and answers the import calls it blocks on. Two
 * workers speak this protocol: the in-process session (session-worker.ts),
 * which takes requests as messages between calls, and a composed dialog
 * component's host (composed-worker.ts), blocked in the component's ask for
 * its next export call, which takes them on the blocking channel.
 */
import { resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { ProxyComponentError } from '../errors.js';
import { errorFromWorker, workerScript } from '../util/worker-thread.js';
import type { AskAnswer, ComposedSetup, SessionEvent, SessionRequest, SessionSetup } from './protocol.js';
import { answer, syncChannel, type AnswererEnd } from './sync-channel.js';

/** Thrown by `next` once the session is closed (Ctrl-C while the component runs). */
export class SessionClosed extends Error {
  override readonly name = 'SessionClosed';
}

export class SessionWorker {
  private readonly worker: Worker;
  private readonly answerer: AnswererEnd;
  private readonly queue: SessionEvent[] = [];
  private waiting: { resolve: (event: SessionEvent) => void; reject: (error: unknown) => void } | undefined;
  private failure: unknown;

  private readonly requestsOnChannel: boolean;

  constructor(setup: { readonly inProcess: SessionSetup } | { readonly composed: ComposedSetup }) {
    const { asker, answerer } = syncChannel();
    this.answerer = answerer;
    this.requestsOnChannel = 'composed' in setup;
    const script =
      'composed' in setup
        ? workerScript(import.meta.url, 'dist/src/dialog/composed-worker.js', 'composed dialog')
        : workerScript(import.meta.url, 'dist/src/dialog/session-worker.js', 'dialog session');
    const data = 'composed' in setup ? setup.composed : setup.inProcess;
    this.worker = new Worker(script, {
      workerData: { setup: { ...data, component: resolve(data.component) }, asker },
      transferList: [asker.port],
    });
    this.worker.on('message', (event: SessionEvent) => {
      if (event.type === 'error') this.fail(errorFromWorker(event, 'dialog session'));
      else this.push(event);
    });
    this.worker.on('error', (error) => this.fail(new ProxyComponentError('IO', `the dialog session worker crashed: ${error.message}`, { cause: error })));
    this.worker.on('exit', (code) => this.fail(new SessionClosed(`the session worker exited (${code})`)));
  }

  /** The next event, in the order the worker sent them. */
  next(): Promise<SessionEvent> {
    const event = this.queue.shift();
    if (event !== undefined) return Promise.resolve(event);
    if (this.failure !== undefined) return Promise.reject(this.failure);
    return new Promise((resolvePromise, reject) => (this.waiting = { resolve: resolvePromise, reject }));
  }

  request(request: SessionRequest): void {
    if (this.requestsOnChannel) answer(this.answerer, request);
    else this.worker.postMessage(request);
  }

  /** Answers the `ask` the worker blocks on. */
  answer(reply: AskAnswer): void {
    answer(this.answerer, reply);
  }

  /** Stops the worker (a component stuck in a call included). */
  async close(): Promise<void> {
    this.fail(new SessionClosed('the session was closed'));
    this.answerer.port.close();
    await this.worker.terminate();
  }

  private push(event: SessionEvent): void {
    const waiting = this.waiting;
    if (waiting === undefined) {
      this.queue.push(event);
      return;
    }
    this.waiting = undefined;
    waiting.resolve(event);
  }

  private fail(error: unknown): void {
    this.failure ??= error;
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting?.reject(this.failure);
  }
}
