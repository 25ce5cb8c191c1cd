/**
 * The replay worker: loads components and replays traces on request, keeping
 * the shared heartbeat up to date as the component starts and as each export
 * call runs, so that a component that never returns can be stopped (by
 * terminating this thread) and the step named.
 */
import { statSync } from 'node:fs';
import { dirname } from 'node:path';
import { parentPort } from 'node:worker_threads';
import { workerFailure } from '../../../util/worker-thread.js';
import { readComponentFile } from '../../../util/component-file.js';
import { Heartbeat } from '../../../util/heartbeat.js';
import { START } from '../../../util/watchdog.js';
import { importUserModule } from '../../../util/user-module.js';
import { headerProperties, propertiesFrom } from '../../../fuzz/host-module.js';
import type { FuzzProperty } from '../../../fuzz/property.js';
import { replayMatching } from '../../../host/matching.js';
import { replayTrace } from '../../../host/replay.js';
import { readTrace, streamTrace } from '../../../trace/read.js';
import { noCallsError, readTraceFileLines, requireCalls } from '../../../trace/trace-file.js';
import { loadJcoComponent, type JcoComponent, type JcoImports } from '../load.js';
import type { ReplayRequest, WorkerMessage } from './protocol.js';

const components = new Map<string, Promise<JcoComponent>>();

function send(message: WorkerMessage): void {
  parentPort?.postMessage(message);
}

/** The host module: its jco imports (pass-through interfaces) and the user properties saved fuzz failures may expect. */
async function loadHost(path: string): Promise<{ imports: JcoImports; properties: FuzzProperty[] }> {
  const module = await importUserModule(path, 'host module');
  // A module may export only properties: then `default` is absent and so are the imports.
  return { imports: (module['default'] ?? module['imports'] ?? {}) as JcoImports, properties: propertiesFrom(module['properties'], path) };
}

function modifiedTime(path: string): number | undefined {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return undefined;
  }
}

async function handle(request: ReplayRequest): Promise<void> {
  try {
    // Keyed by modification time too: a long-lived worker must not replay a stale build.
    // A path that cannot be stat'ed is not cached: reading it says why. Synchronous: one system call costs
    // less than a trip through libuv's thread pool, made for every trace.
    const modified = modifiedTime(request.component) ?? 'unreadable';
    const key = `${request.component}\0${modified}`;
    let component = components.get(key);
    if (component === undefined) {
      component = readComponentFile(request.component).then((bytes) => loadJcoComponent(bytes));
      components.set(key, component);
      component.catch(() => components.delete(key));
    }
    const loaded = await component;
    const options = request.traceFile === undefined ? {} : { file: request.traceFile };
    // A trace file streams, a call at a time; a trace given as text is in memory already.
    const trace =
      request.trace.kind === 'file'
        ? await streamTrace(readTraceFileLines(request.trace.path, request.traceFile), loaded.world, options)
        : requireCalls(readTrace(request.trace.text, loaded.world, options), request.trace.text, request.traceFile);
    try {
      // The host answers pass-through imports and defines the properties saved fuzz failures expect; a trace
      // in memory that needs neither replays without it (one that streams cannot tell before its end).
      const needsHost = (request.passthrough?.length ?? 0) > 0 || ('end' in trace ? true : trace.calls.some((call) => call.expect !== undefined));
      const host = request.hostModule === undefined || !needsHost ? undefined : await loadHost(request.hostModule);
      // A saved failure names the modules of its user properties: found with no option (the host module's own come first).
      const traceFolder = request.trace.kind === 'file' ? dirname(request.trace.path) : process.cwd();
      const properties = [...(host?.properties ?? []), ...(await headerProperties(trace.header, traceFolder, request.traceFile))];
      // Redacted placeholders: text in memory says whether it holds any; a trace that streams may.
      const matching = await replayMatching(loaded.world, request, request.trace.kind === 'text' ? request.trace.text : undefined);
      const heartbeat = new Heartbeat(request.heartbeat);
      // Instantiating runs the component's start functions: watched like a call.
      heartbeat.enter(START);
      const report = await replayTrace(loaded, trace, {
        ...(request.passthrough === undefined ? {} : { passthrough: request.passthrough }),
        ...(host === undefined ? {} : { host: host.imports }),
        properties,
        matching,
        // Reading the trace between steps is no part of them: a long value read slowly is not a hang.
        onStarted: () => heartbeat.leave(),
        onExportCall: (index, call) => heartbeat.enter(index, call.line, call.name),
        onExportCallDone: () => heartbeat.leave(),
      });
      heartbeat.leave();
      if (report.total === 0 && 'end' in trace) {
        const end = trace.end();
        throw noCallsError(end, end.blank, request.traceFile);
      }
      send({ type: 'done', id: request.id, ...report });
    } finally {
      // A stream the replay did not read to its end (the component could not start) is closed here.
      if ('close' in trace) await trace.close();
    }
  } catch (error) {
    send({ type: 'error', id: request.id, ...workerFailure(error) });
  }
}

parentPort?.on('message', (request: ReplayRequest) => void handle(request));
