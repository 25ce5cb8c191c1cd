/**
 * One fuzz attempt in a worker thread, watched: the worker bumps a shared
 * heartbeat counter as each export call starts and ends, and this side polls
 * it; a call still running after the time limit is stopped by terminating
 * the thread, and reported with the path of the candidate run that hung (the
 * search run's index from the heartbeat, or the last shrinking candidate the
 * worker announced). Polling shared memory costs the worker nothing per call,
 * unlike a message per call.
 */
import { Worker } from 'node:worker_threads';
import { ProxyComponentError } from '../../errors.js';
import { errorFromWorker, workerScript } from '../../util/worker-thread.js';
import type { CoverageReport } from '../coverage.js';
import type { FuzzProgress } from '../fuzz.js';
import { HEARTBEAT, HEARTBEAT_SLOTS, type FuzzRequest, type FuzzWorkerMessage, type SearchSummary, type WorkerFuzzResult } from './protocol.js';

export interface CapturedRun {
  readonly header: string;
  readonly properties: readonly string[];
  /** Trace lines of the run up to the moment it was stopped. */
  readonly lines: readonly string[];
}

export type AttemptOutcome =
  | { readonly kind: 'done'; readonly result: WorkerFuzzResult; readonly searched?: SearchSummary }
  | {
      readonly kind: 'hang';
      /** The fast-check path of the candidate run that did not return, and the call that hung. */
      readonly path: string;
      readonly callIndex: number;
      readonly searched?: SearchSummary;
      /** The last progress heard before the hang (a hang while searching never reaches `searched`). */
      readonly progress?: { readonly progress: FuzzProgress; readonly coverage: CoverageReport };
      readonly captured?: CapturedRun;
    };

export type AttemptRequest = Omit<FuzzRequest, 'type' | 'heartbeat'>;

export function runFuzzAttempt(request: AttemptRequest, onProgress?: (progress: FuzzProgress, coverage: CoverageReport) => void): Promise<AttemptOutcome> {
  const heartbeat = new SharedArrayBuffer(HEARTBEAT_SLOTS * Int32Array.BYTES_PER_ELEMENT);
  const beat = new Int32Array(heartbeat);
  const worker = new Worker(workerScript(import.meta.url, 'dist/src/fuzz/worker/worker-main.js', 'fuzz'));
  const timeoutMs = request.options.timeoutMs;
  let searched: SearchSummary | undefined;
  let progress: { progress: FuzzProgress; coverage: CoverageReport } | undefined;
  let candidate: { serial: number; path: string } | undefined;
  let capture: { header: string; properties: readonly string[]; lines: string[] } | undefined;

  return new Promise<AttemptOutcome>((resolvePromise, reject) => {
    let settled = false;
    const finish = (action: () => void) => {
      if (settled) return;
      settled = true;
      clearInterval(watchdog);
      worker.removeAllListeners();
      void worker.terminate();
      action();
    };

    // The watchdog: a call that has been running (odd count, unchanged) for longer than the limit is a hang.
    let seenCalls = -1;
    let since = performance.now();
    const watchdog = setInterval(
      () => {
        const calls = Atomics.load(beat, HEARTBEAT.calls);
        const at = performance.now();
        if (calls !== seenCalls || calls % 2 === 0) {
          seenCalls = calls;
          since = at;
          return;
        }
        if (at - since < timeoutMs) return;
        const shrinking = Atomics.load(beat, HEARTBEAT.phase) === 1;
        const serial = Atomics.load(beat, HEARTBEAT.serial);
        // The candidate's announcement may still be queued: look again on the next tick.
        if (shrinking && candidate?.serial !== serial) return;
        const path = shrinking ? (candidate as { path: string }).path : String(Atomics.load(beat, HEARTBEAT.run));
        const callIndex = Atomics.load(beat, HEARTBEAT.callIndex);
        finish(() =>
          resolvePromise({
            kind: 'hang',
            path,
            callIndex,
            ...(searched === undefined ? {} : { searched }),
            ...(progress === undefined ? {} : { progress }),
            ...(capture === undefined ? {} : { captured: capture }),
          }),
        );
      },
      Math.min(100, Math.max(5, Math.floor(timeoutMs / 10))),
    );

    worker.on('message', (message: FuzzWorkerMessage) => {
      switch (message.type) {
        case 'progress':
          progress = { progress: message.progress, coverage: message.coverage };
          onProgress?.(message.progress, message.coverage);
          return;
        case 'searched':
          searched = message.summary;
          return;
        case 'candidate':
          candidate = { serial: message.serial, path: message.path };
          return;
        case 'capture-start':
          capture = { header: message.header, properties: message.properties, lines: [] };
          return;
        case 'capture':
          capture?.lines.push(message.line);
          return;
        case 'done':
          finish(() => resolvePromise({ kind: 'done', result: message.result, ...(searched === undefined ? {} : { searched }) }));
          return;
        case 'error':
          finish(() => reject(errorFromWorker(message, 'fuzz')));
          return;
      }
    });
    worker.on('error', (error) => finish(() => reject(new ProxyComponentError('IO', `fuzz worker crashed: ${error.message}`, { cause: error }))));
    worker.on('exit', (code) => finish(() => reject(new ProxyComponentError('IO', `fuzz worker exited with code ${code}`))));
    const full: FuzzRequest = { type: 'fuzz', ...request, heartbeat };
    worker.postMessage(full);
  });
}
