/**
 * The worker thread that makes `diff --fuzz` plans (fuzz-plan.ts): loads the
 * component, plans its calls on one instance, and tells the watching thread
 * of each call as it starts, each import answer, and each call's end, so that
 * a call that never returns can be stopped (by terminating this thread) and
 * the plan kept up to it.
 */
import { parentPort } from 'node:worker_threads';
import { loadJcoComponent } from '../engines/jco/load.js';
import { answerToWire, planToWire, type WireCall } from '../engines/plan-wire.js';
import { workerFailure } from '../util/worker-thread.js';
import { planFuzzCalls, type PlanMessage, type PlanRequest } from './fuzz-plan.js';

function send(message: PlanMessage): void {
  parentPort?.postMessage(message);
}

async function handle(request: PlanRequest): Promise<void> {
  const { id } = request;
  try {
    const component = await loadJcoComponent(request.bytes);
    await planFuzzCalls(component, request.options, {
      onStart: () => send({ type: 'start', id }),
      onCall: (call) => send({ type: 'call', id, call: planToWire([call])[0] as WireCall }),
      onImport: (call) => send({ type: 'import', id, answer: answerToWire(call) }),
      onMade: () => send({ type: 'made', id }),
    });
    send({ type: 'done', id });
  } catch (error) {
    send({ type: 'error', id, ...workerFailure(error) });
  }
}

parentPort?.on('message', (request: PlanRequest) => void handle(request));
