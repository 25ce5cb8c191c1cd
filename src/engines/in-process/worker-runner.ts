/**
 * Runs plans for the in-process engines in a worker thread, so that a
 * component that never finishes starting, or an export call that never
 * returns, can be stopped: the thread is terminated (and a new one started
 * for the next run) and the call reported as a timeout, or the run as failed.
 */
import { errorFromWorker, SerialWorker, workerScript } from '../../util/worker-thread.js';
import type { World } from '../../wit/world.js';
import { CallWatch } from '../call-watch.js';
import { DEFAULT_ENGINE_TIMEOUT_MS, type CallReport, type PlannedCall, type RunOptions } from '../engine.js';
import { functionsByKey, planToWire, reportFromWire } from '../plan-wire.js';
import type { RunMessage, RunRequest, WorkerTarget } from './protocol.js';

export class EngineWorker {
  private readonly worker = new SerialWorker<RunMessage>('engine', () =>
    workerScript(import.meta.url, 'dist/src/engines/in-process/worker-main.js', 'engine'),
  );

  /** Runs one plan; runs on one worker go one after another. `failure`: the component did not finish starting in time. */
  run(target: WorkerTarget, world: World, calls: readonly PlannedCall[], options: RunOptions = {}): Promise<WorkerRun> {
    const functions = functionsByKey(world);
    let watch: CallWatch | undefined;
    const finished = (watch: CallWatch): WorkerRun => {
      const reports = watch.reports('not run');
      return watch.startFailure === undefined ? { calls: reports } : { calls: reports, failure: watch.startFailure };
    };
    return this.worker.request<WorkerRun>(
      // The bytes are copied, not transferred: the caller keeps its component.
      (id): RunRequest => ({ type: 'run', id, target, calls: planToWire(calls) }),
      {
        onSent(settle, stop) {
          watch = new CallWatch(calls.length, options.timeoutMs ?? DEFAULT_ENGINE_TIMEOUT_MS, () => {
            stop();
            settle.resolve(finished(watch as CallWatch));
          });
        },
        onMessage(message, settle) {
          const watching = watch as CallWatch;
          if (message.type === 'start') return watching.starting();
          if (message.type === 'call') return watching.started(message.index);
          if (message.type === 'report') return watching.reported(message.index, reportFromWire(message.report, functions));
          if (message.type === 'done') settle.resolve(finished(watching));
          else settle.reject(errorFromWorker(message, 'engine'));
        },
        onSettled: () => watch?.stop(),
      },
    );
  }

  async close(): Promise<void> {
    await this.worker.close();
  }
}

export interface WorkerRun {
  readonly calls: CallReport[];
  /** Why the run failed as a whole (the component did not finish starting in time). */
  readonly failure?: string;
}

let shared: EngineWorker | undefined;

/** One worker per process (or test worker) for the in-process engines. */
export function sharedEngineWorker(): EngineWorker {
  shared ??= new EngineWorker();
  return shared;
}
