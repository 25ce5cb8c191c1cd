/**
 * The fuzz worker: runs one fuzz session (fuzz.ts) on request, keeping the
 * shared heartbeat up to date as each run's instance starts and around every
 * export call, so that the thread watching it can stop a start or a call
 * that never returns (by terminating this thread) and name the candidate run
 * that hung; and, asked to capture a run, streaming it as trace lines, which
 * survive the thread being stopped.
 */
import { parentPort } from 'node:worker_threads';
import { workerFailure } from '../../util/worker-thread.js';
import { readComponentFile } from '../../util/component-file.js';
import { Heartbeat } from '../../util/heartbeat.js';
import { START } from '../../util/watchdog.js';
import { loadJcoComponent } from '../../engines/jco/load.js';
import type { WorldFunction } from '../../wit/world.js';
import { formatExportLine, formatExpectLine, formatHeader, formatImportLine, formatObservedLine, formatTrace } from '../../trace/write.js';
import { failureHeader, failureTrace, observedOutcome, propertySources, type FailurePlaces } from '../failure-trace.js';
import { fuzz, type FuzzReport } from '../fuzz.js';
import { loadProperties } from '../host-module.js';
import { propertySet } from '../property.js';
import type { RunHooks } from '../run.js';
import { EVALUATION, type FuzzRequest, type FuzzWorkerMessage, type WorkerFuzzResult } from './protocol.js';

/** Enough import lines to replay any reasonable hang; a call that makes more is cut off. */
const MAX_CAPTURED_IMPORTS = 10_000;

function send(message: FuzzWorkerMessage): void {
  parentPort?.postMessage(message);
}

async function handle(request: FuzzRequest): Promise<void> {
  const beat = new Heartbeat(request.heartbeat);
  const evaluation = new Int32Array(request.evaluation);
  const component = await loadJcoComponent(await readComponentFile(request.component));
  const properties = request.hostModule === undefined ? [] : await loadProperties(request.hostModule);
  const propertyNames = propertySet(properties, request.options.builtInProperties ?? true).map((p) => p.name);
  const heartbeat: RunHooks = {
    beforeStart: () => beat.enter(START),
    afterStart: () => beat.leave(),
    beforeCall: (index) => beat.enter(index),
    afterCall: () => beat.leave(),
  };
  const places = failurePlaces(request, properties.map((p) => p.name));
  const capture = request.capture === undefined ? undefined : captureHooks(heartbeat, request, component.hash, propertyNames, places);
  const { options } = request;
  const report = await fuzz(component, {
    seed: options.seed,
    ...(options.runs === undefined ? {} : { runs: options.runs }),
    ...(options.maxCalls === undefined ? {} : { maxCalls: options.maxCalls }),
    ...(options.values === undefined ? {} : { values: options.values }),
    ...(options.maxShrinks === undefined ? {} : { maxShrinks: options.maxShrinks }),
    ...(options.maxShrinkMs === undefined ? {} : { maxShrinkMs: options.maxShrinkMs }),
    ...(options.builtInProperties === undefined ? {} : { builtInProperties: options.builtInProperties }),
    ...(options.path === undefined ? {} : { path: options.path }),
    ...(options.exports === undefined ? {} : { exports: options.exports }),
    ...(options.passthrough === undefined ? {} : { passthrough: options.passthrough }),
    componentName: request.componentName,
    properties,
    onProgress: (progress, coverage) => send({ type: 'progress', progress, coverage: coverage() }),
    supervision: {
      ...(request.startAt === undefined ? {} : { startAt: request.startAt }),
      hangs: new Map(request.hangs),
      timeoutMs: options.timeoutMs,
      beforeEvaluation: (path, shrinking) => {
        const serial = Atomics.add(evaluation, EVALUATION.serial, 1) + 1;
        Atomics.store(evaluation, EVALUATION.phase, shrinking ? 1 : 0);
        if (shrinking) send({ type: 'candidate', serial, path });
        else Atomics.store(evaluation, EVALUATION.run, Number(path));
      },
      hooksFor: (path) => (path === request.capture ? capture : heartbeat),
      warmUp: heartbeat,
      onSearchEnd: (summary) => send({ type: 'searched', summary }),
    },
  });
  send({ type: 'done', result: result(report, component, places) });
}

/** Where a saved failure's component and user properties are, as the corpus sees them. */
function failurePlaces(request: FuzzRequest, userProperties: readonly string[]): FailurePlaces {
  return {
    ...(request.componentPath === undefined ? {} : { componentPath: request.componentPath }),
    ...(request.propertyModule === undefined ? {} : { properties: propertySources(userProperties, { module: request.propertyModule }) }),
    ...(request.options.passthrough === undefined ? {} : { passthrough: request.options.passthrough }),
  };
}

function result(report: FuzzReport, component: { hash: string }, places: FailurePlaces): WorkerFuzzResult {
  const { failure } = report;
  const base = {
    seed: report.seed,
    runs: report.runs,
    discarded: report.discarded,
    searchMs: report.searchMs,
    shrinks: report.shrinks,
    coverage: report.coverage,
    skippedFunctions: report.skippedFunctions,
  };
  if (failure === undefined) return base;
  const trace = failureTrace(component, failure, { seed: report.seed, ...places });
  return {
    ...base,
    failure: {
      property: failure.property,
      reason: failure.reason,
      callIndex: failure.callIndex,
      path: failure.path,
      calls: failure.calls.length,
      exportName: failure.calls[failure.callIndex]?.name ?? '',
      traceText: formatTrace(trace),
    },
  };
}

/** Heartbeat, plus every call of the run written out as trace lines as it happens. */
function captureHooks(heartbeat: RunHooks, request: FuzzRequest, hash: string, properties: readonly string[], places: FailurePlaces): RunHooks {
  let started = false;
  let imports = 0;
  let current: WorldFunction | undefined;
  const header = formatHeader(failureHeader({ hash }, { seed: request.options.seed, path: request.capture ?? '', property: 'no-trap' }, places));
  return {
    ...(heartbeat.beforeStart === undefined ? {} : { beforeStart: heartbeat.beforeStart }),
    ...(heartbeat.afterStart === undefined ? {} : { afterStart: heartbeat.afterStart }),
    beforeCall: (index, fn, args) => {
      if (!started) send({ type: 'capture-start', header, properties });
      started = true;
      current = fn;
      imports = 0;
      send({ type: 'capture', line: formatExportLine({ function: fn, args }) });
      heartbeat.beforeCall?.(index, fn, args);
    },
    onImport: (call) => {
      if (imports++ < MAX_CAPTURED_IMPORTS) send({ type: 'capture', line: formatImportLine(call) });
    },
    afterCall: (index, result) => {
      heartbeat.afterCall?.(index, result);
      if (current === undefined) return;
      send({ type: 'capture', line: formatObservedLine(observedOutcome(result), { function: current }) });
      send({ type: 'capture', line: formatExpectLine(properties) });
    },
  };
}

parentPort?.on('message', (request: FuzzRequest) => {
  handle(request).catch((error: unknown) => {
    send({ type: 'error', ...workerFailure(error) });
  });
});
