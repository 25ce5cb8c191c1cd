/**
 * The dialog's session worker: runs the component on the embedded engine
 * (jco, in this thread) under a recording, so the session is a trace. The
 * host module answers the imports it implements (WASI comes from the
 * sandboxed shim); every other import call is the dialog's: answered from the
 * `--trace` trace while the component follows it, else asked of the user,
 * this thread blocking until the answer comes (see sync-channel.ts).
 */
import { readFile } from 'node:fs/promises';
import { parentPort, workerData } from 'node:worker_threads';
import { ProxyComponentError } from '../errors.js';
import { workerFailure } from '../util/worker-thread.js';
import { importLayouts, sameImportFunction } from '../engines/jco/layout.js';
import { loadJcoComponent, type JcoComponent, type JcoImports } from '../engines/jco/load.js';
import type { ImportDispatcher } from '../engines/jco/virtual-imports.js';
import { isPassthrough } from '../host/passthrough.js';
import { startRecording, type Recording } from '../host/record.js';
import { sandboxedWasi } from '../host/wasi.js';
import { importHost } from '../session/record-component.js';
import { TraceMatcher } from '../trace/match.js';
import type { CallOutcome, ExportCall, Trace } from '../trace/model.js';
import { readTrace } from '../trace/read.js';
import { traceFunctionResolver } from '../trace/resolve-names.js';
import { formatExportLine, formatImportLine, formatOutcome, formatTrace } from '../trace/write.js';
import { describeIoError } from '../util/io-error.js';
import { ResourceHandle, type Value } from '../values/value.js';
import { parseValue, printCallPositional } from '../wave/index.js';
import { callNameOf } from '../wit/lookup.js';
import type { WorldFunction } from '../wit/world.js';
import { HandleInventory } from './handles.js';
import type { AnswerSource, AskAnswer, HandleState, SessionEvent, SessionRequest, SessionSetup } from './protocol.js';
import { askAndWait, type AskerEnd } from './sync-channel.js';
import { captureOutput } from './captured-output.js';

const { setup, asker } = workerData as { setup: SessionSetup; asker: AskerEnd };

function send(event: SessionEvent): void {
  parentPort?.postMessage(event);
}

/** Thrown through the component for an import call the user (or the trace) failed: the export traps with this message. */
class HostFailure extends Error {}

/** Where the current export call is in the `--trace` trace, while it is replayed. */
interface Replaying {
  readonly matcher: TraceMatcher;
  /** The divergence that made the dialog answer the current import call instead of the trace. */
  note: string | undefined;
  /** The last answer the trace gave was a recorded host failure (the call ends early, as recorded). */
  hostFailure: boolean;
}

/** Answers the import calls the host does not implement: from the trace while it holds, else by asking. */
class DialogAnswers implements ImportDispatcher {
  recording: Recording | undefined;
  replaying: Replaying | undefined;
  /** Who answered the last import call, for its `import` event. */
  source: AnswerSource = 'host';
  asked = false;
  traceLine: number | undefined;
  /** With `--trace`: why the trace did not answer the last import call. */
  note: string | undefined;

  constructor(private readonly handles: () => HandleState) {}

  call(fn: WorldFunction, args: readonly Value[]): Value | undefined {
    const fromTrace = this.fromTrace(fn, args);
    if (fromTrace !== undefined) return fromTrace.value;
    this.traceLine = undefined;
    const note = this.replaying?.note;
    if (this.replaying !== undefined) this.replaying.note = undefined;
    this.note = note;
    if (fn.function.kind === 'constructor') {
      // The dialog makes the new handle: there is nothing to ask.
      this.source = 'new handle';
      return new ResourceHandle(this.current().nextHandle());
    }
    this.source = 'dialog';
    const resultType = fn.function.result;
    if (resultType === undefined) return undefined;
    this.asked = true;
    const name = callNameOf(fn);
    const answer = askAndWait<AskAnswer>(asker, () =>
      send({
        type: 'ask',
        name,
        call: printCallPositional(name, fn.function.params, args),
        ...(note === undefined ? {} : { note }),
        handles: this.handles(),
      }),
    );
    if (answer.kind === 'trap') throw new HostFailure(answer.message);
    if (answer.value === undefined) throw new ProxyComponentError('USAGE', `the dialog gave no answer to \`${name}\`, which returns a value`);
    return parseValue(answer.value, resultType);
  }

  /** The trace's answer while the component follows the trace; undefined (and a note of why) where it leaves it. */
  private fromTrace(fn: WorldFunction, args: readonly Value[]): { value: Value | undefined } | undefined {
    const replaying = this.replaying;
    if (replaying === undefined) return undefined;
    const next = replaying.matcher.nextExpected;
    const match = replaying.matcher.importCall(fn, args);
    if (match.kind === 'divergence') {
      replaying.note = match.divergence.summary;
      // Another argument than recorded: this call stands in for the recorded one, which is passed over.
      if (next !== undefined && sameImportFunction(next.function.function, fn.function)) replaying.matcher.skip();
      return undefined;
    }
    this.source = 'trace';
    this.traceLine = match.call.line;
    if (match.outcome.kind === 'trap') {
      replaying.hostFailure = true;
      throw new HostFailure(match.outcome.message);
    }
    return { value: match.outcome.value };
  }

  private current(): Recording {
    if (this.recording === undefined) throw new Error('import call before the recording started');
    return this.recording;
  }
}

async function loadComponent(path: string): Promise<JcoComponent> {
  const bytes = await readFile(path).catch((cause: unknown) => {
    throw new ProxyComponentError('IO', `cannot read ${path}: ${describeIoError(cause)}`, { cause });
  });
  return loadJcoComponent(new Uint8Array(bytes));
}

function readSessionTrace(component: JcoComponent): Trace | undefined {
  if (setup.trace === undefined) return undefined;
  const trace = readTrace(setup.trace.text, component.world, { file: setup.trace.file });
  const expecting = trace.calls.findIndex((call) => call.expect !== undefined);
  if (expecting >= 0) {
    const call = trace.calls[expecting] as ExportCall;
    throw new ProxyComponentError(
      'USAGE',
      `export call #${expecting + 1} \`${call.name}\` closes with \`expect\` (a saved fuzz failure, whose import answers were generated): dialog repairs recorded traces; replay this one with \`replay\``,
      { location: { file: setup.trace.file, line: call.outcomeLine ?? call.line ?? 1, column: 1 } },
    );
  }
  return trace;
}

/** The imported resources the host has no class for: the dialog makes their handles. */
function dialogResources(component: JcoComponent, host: JcoImports): string[] {
  const made: string[] = [];
  for (const layout of importLayouts(component.world, component.importSpecifiers)) {
    for (const resource of layout.resources) {
      if (typeof host[layout.key]?.[resource.member] !== 'function') made.push(resource.resource.id);
    }
  }
  return made;
}

async function start(): Promise<void> {
  captureOutput(send);
  const component = await loadComponent(setup.component);
  const trace = readSessionTrace(component);
  const host: JcoImports = { ...sandboxedWasi(setup.wasi), ...(setup.hostModule === undefined ? {} : await importHost(setup.hostModule)) };
  const inventory = new HandleInventory();
  const canMake = dialogResources(component, host);
  let recording: Recording | undefined;
  const handles = (): HandleState => ({ held: inventory.offers(), canMake, nextHandle: recording?.nextHandle() ?? 1 });
  const answers = new DialogAnswers(handles);
  recording = await startRecording(component, host, { componentPath: setup.componentPath }, { fallback: answers });
  answers.recording = recording;
  const session = recording;
  let callNumber = 0;
  session.onImportCall = (call) => {
    inventory.importCall(call, callNumber);
    send({
      type: 'import',
      text: formatImportLine(call).trim(),
      source: answers.source,
      asked: answers.asked,
      ...(answers.traceLine === undefined ? {} : { traceLine: answers.traceLine }),
      ...(answers.note === undefined || answers.asked ? {} : { note: answers.note }),
    });
    answers.note = undefined;
    answers.source = 'host';
    answers.asked = false;
    answers.traceLine = undefined;
  };
  const passthrough = trace?.header.passthrough ?? [];
  const matcher =
    trace === undefined
      ? undefined
      : new TraceMatcher(trace, {
          answers: (call) => !session.hostImplements(call.function) && !isPassthrough(call.function, passthrough),
          sameFunction: sameImportFunction,
        });
  const resolveExport = traceFunctionResolver(component.world, 'export');

  const finishCall = (fn: WorldFunction, outcome: CallOutcome, divergence: string | undefined): void => {
    const calls = session.trace().calls;
    const call = calls[calls.length - 1] as ExportCall;
    inventory.exportCall(call, callNumber);
    send({
      type: 'returned',
      outcome: formatOutcome(outcome, { function: fn }),
      trapped: outcome.kind === 'trap',
      traceText: formatTrace(session.trace()),
      calls: calls.length,
      ...(divergence === undefined ? {} : { divergence }),
      handles: handles(),
    });
  };

  const onRequest = (request: SessionRequest): void => {
    try {
      callNumber++;
      if (request.type === 'replay') {
        if (trace === undefined || matcher === undefined) throw new Error('replay without a trace');
        const recorded = matcher.begin(request.index);
        const replaying: Replaying = { matcher, note: undefined, hostFailure: false };
        answers.replaying = replaying;
        send({ type: 'export', text: formatExportLine(recorded), ...(recorded.line === undefined ? {} : { traceLine: recorded.line }) });
        let outcome: CallOutcome;
        try {
          outcome = session.call(recorded.function, recorded.args);
        } finally {
          answers.replaying = undefined;
        }
        const divergence = matcher.finish(outcome, outcome.kind === 'trap' && replaying.hostFailure);
        finishCall(recorded.function, outcome, divergence?.summary);
        return;
      }
      if (request.type === 'end') {
        parentPort?.off('message', onRequest);
        return;
      }
      const fn = resolveExport(request.name);
      if (fn === undefined) throw new ProxyComponentError('USAGE', `the component has no export \`${request.name}\``);
      const args = fn.function.params.map((param, i) => parseValue(request.args[i] ?? '', param.type));
      send({ type: 'export', text: formatExportLine({ function: fn, args }) });
      finishCall(fn, session.call(fn, args), undefined);
    } catch (error) {
      fail(error);
    }
  };
  parentPort?.on('message', onRequest);
  send({ type: 'ready', traceCalls: trace?.calls.length ?? 0, handles: handles() });
}

function fail(error: unknown): void {
  send({ type: 'error', ...workerFailure(error) });
}

start().catch(fail);
