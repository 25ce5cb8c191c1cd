/**
 * One fuzz attempt in a worker thread, watched: the worker keeps a shared
 * heartbeat (util/heartbeat.ts) as each run's instance starts and as each
 * export call starts and ends, and this side watches it; a call still running
 * after the time limit is stopped by terminating the thread, and reported
 * with the path of the candidate run that hung (the search run's index from
 * the shared evaluation record, or the last shrinking candidate the worker
 * announced); an instance that does not finish starting is a COMPONENT_START
 * error. Shared memory costs the worker no message per call.
 */
import { Worker } from 'node:worker_threads';
import { ProxyComponentError } from '../../errors.js';
import { Heartbeat } from '../../util/heartbeat.js';
import { START, startTimeoutReason } from '../../util/watchdog.js';
import { errorFromWorker, workerScript } from '../../util/worker-thread.js';
import type { CoverageReport } from '../coverage.js';
import type { FuzzProgress } from '../fuzz.js';
import { EVALUATION, EVALUATION_SLOTS, type FuzzRequest, type FuzzWorkerMessage, type SearchSummary, type WorkerFuzzResult } from './protocol.js';

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

export type AttemptRequest = Omit<FuzzRequest, 'type' | 'heartbeat' | 'evaluation'>;

export function runFuzzAttempt(request: AttemptRequest, onProgress?: (progress: FuzzProgress, coverage: CoverageReport) => void): Promise<AttemptOutcome> {
  const heartbeat = new Heartbeat();
  const evaluationBuffer = new SharedArrayBuffer(EVALUATION_SLOTS * Int32Array.BYTES_PER_ELEMENT);
  const evaluation = new Int32Array(evaluationBuffer);
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
      watch.stop();
      worker.removeAllListeners();
      void worker.terminate();
      action();
    };

    // A step (a run's instance starting, or an export call) that outlasts the limit is a hang.
    let hung: number | undefined;
    const reportHang = () => {
      if (hung === undefined) return;
      if (hung === START) {
        finish(() => reject(new ProxyComponentError('COMPONENT_START', `${request.componentName} cannot be started, so it cannot be fuzzed: it ${startTimeoutReason(timeoutMs)}`)));
        return;
      }
      const shrinking = Atomics.load(evaluation, EVALUATION.phase) === 1;
      const serial = Atomics.load(evaluation, EVALUATION.serial);
      // The candidate's announcement may still be queued: reported when it arrives.
      if (shrinking && candidate?.serial !== serial) return;
      const path = shrinking ? (candidate as { path: string }).path : String(Atomics.load(evaluation, EVALUATION.run));
      const callIndex = hung;
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
    };
    const watch = heartbeat.watch(timeoutMs, (step) => {
      hung = step.step;
      reportHang();
    });

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
          reportHang();
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
    const full: FuzzRequest = { type: 'fuzz', ...request, heartbeat: heartbeat.buffer, evaluation: evaluationBuffer };
    worker.postMessage(full);
  });
}
