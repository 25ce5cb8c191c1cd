/**
 * The in-process engines' worker thread: runs plans on request, telling its
 * watcher before each export call, so that a call that never returns can be
 * stopped (by terminating this thread) and named.
 */
import { createHash } from 'node:crypto';
import { parentPort } from 'node:worker_threads';
import { workerFailure } from '../../util/worker-thread.js';
import { functionsByKey, planFromWire, reportToWire } from '../plan-wire.js';
import { loadTarget } from './load-target.js';
import type { RunMessage, RunRequest, WorkerTarget } from './protocol.js';
import { runCallsInProcess, type InProcessTarget } from './run-calls.js';

const loaded = new Map<string, Promise<InProcessTarget>>();

function send(message: RunMessage): void {
  parentPort?.postMessage(message);
}

function targetKey(target: WorkerTarget): string {
  const hash = createHash('sha256').update(target.bytes).digest('hex');
  return target.kind === 'jco' ? `jco:${hash}` : `native:${hash}:${target.module}`;
}

async function handle(request: RunRequest): Promise<void> {
  try {
    const key = targetKey(request.target);
    let target = loaded.get(key);
    if (target === undefined) {
      target = loadTarget(request.target);
      loaded.set(key, target);
      target.catch(() => loaded.delete(key));
    }
    const ready = await target;
    const calls = planFromWire(request.calls, functionsByKey(ready.world));
    await runCallsInProcess(ready, calls, {
      onStart: () => send({ type: 'start', id: request.id }),
      onCall: (index) => send({ type: 'call', id: request.id, index }),
      onReport: (index, report) => send({ type: 'report', id: request.id, index, report: reportToWire(report) }),
    });
    send({ type: 'done', id: request.id });
  } catch (error) {
    send({ type: 'error', id: request.id, ...workerFailure(error) });
  }
}

parentPort?.on('message', (request: RunRequest) => void handle(request));
