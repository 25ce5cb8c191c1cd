/**
 * The worker thread that makes generated runs (generated-runs.ts) for the
 * watching thread (generate-worker.ts): loads the component, makes the runs,
 * and tells of each draw, each call before it is made and after it ended
 * (as trace lines, which survive this thread being stopped), and each run
 * kept or replaced.
 */
import { parentPort } from 'node:worker_threads';
import { loadJcoComponent } from '../../engines/jco/load.js';
import { workerFailure } from '../../util/worker-thread.js';
import { cachedCallName } from '../../host/fuzz-host.js';
import type { ExportCall } from '../../trace/model.js';
import { formatExportCall } from '../../trace/write.js';
import { printCallPositional } from '../../wave/index.js';
import { observedOutcome } from '../failure-trace.js';
import { generateRuns } from '../generated-runs.js';
import type { CallRecord } from '../property.js';
import type { GenerateMessage, GenerateRequest } from './generate-worker.js';

function send(message: GenerateMessage): void {
  parentPort?.postMessage(message);
}

/** A call as the trace writes it: its outcome as observed (a trap with its message). */
function traceLines(record: CallRecord): string {
  const call: ExportCall = { name: record.name, function: record.function, args: record.args, imports: record.imports, outcome: observedOutcome(record.result) };
  return formatExportCall(call);
}

async function handle(request: GenerateRequest): Promise<void> {
  const { id } = request;
  try {
    const component = await loadJcoComponent(request.bytes);
    await generateRuns(component, request.options, {
      onDraw: (point) => send({ type: 'draw', id, ...point }),
      beforeCall: (fn, args) => send({ type: 'call', id, call: printCallPositional(cachedCallName(fn), fn.function.params, args) }),
      afterCall: (record) => send({ type: 'made', id, lines: traceLines(record) }),
      onReplaced: (point, reason) => send({ type: 'replaced', id, ...point, reason }),
      onRun: (run) =>
        send({
          type: 'run',
          id,
          run: run.run,
          draw: run.draw,
          calls: run.calls.map(traceLines),
          endsInTrap: run.calls[run.calls.length - 1]?.result.kind === 'trap',
          ...(run.stopped === undefined ? {} : { stopped: run.stopped }),
        }),
    });
    send({ type: 'done', id });
  } catch (error) {
    send({ type: 'error', id, ...workerFailure(error) });
  }
}

parentPort?.on('message', (request: GenerateRequest) => void handle(request));
