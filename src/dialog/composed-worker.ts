/**
 * The dialog's worker for a component instrumented with `-m dialog`: runs it
 * on the embedded engine (jco) and is its host for
 * `proxy-component:dialog/prompt`, speaking to the dialog thread the same
 * events as the in-process session worker (protocol.ts), so the same dialog
 * drives both. Control is the component's here: its `start` asks for the next
 * export call, so this thread blocks (sync-channel.ts) until the dialog has
 * one, as it does for an import call's answer.
 *
 * The session's trace is kept here, from the calls the prompt interface
 * reports, in the `.trace` format with the header the component was
 * instrumented with; its resource handles are numbered as the component's
 * tracer numbers them (the first seen is #1, new ones after the highest).
 */
import { readFile } from 'node:fs/promises';
import { parentPort, workerData } from 'node:worker_threads';
import { ProxyComponentError } from '../errors.js';
import { workerFailure } from '../util/worker-thread.js';
import { loadJcoComponent, type JcoImports } from '../engines/jco/load.js';
import { sandboxedWasi } from '../host/wasi.js';
import { DIALOG_PROMPT } from '../instrument/dialog-wit.js';
import { functionsOf, type SessionJs } from '../instrument/tracer/dialog-session.js';
import { TRACE_FORMAT_VERSION, type CallOutcome, type ExportCall, type ImportCall, type TraceHeader } from '../trace/model.js';
import { formatExportLine, formatImportLine, formatOutcome, formatTrace } from '../trace/write.js';
import { describeIoError } from '../util/io-error.js';
import { ResourceHandle, type Value } from '../values/value.js';
import { forEachPart, typeHasHandles } from '../values/walk.js';
import { parseValue, printCallPositional, printValue } from '../wave/index.js';
import { TOOL_VERSION } from '../version.js';
import { callNameOf } from '../wit/lookup.js';
import type { WitType } from '../wit/types.js';
import type { WorldFunction } from '../wit/world.js';
import { captureOutput } from './captured-output.js';
import { HandleInventory } from './handles.js';
import type { AskAnswer, ComposedSetup, HandleState, SessionEvent, SessionRequest } from './protocol.js';
import { askAndWait, type AskerEnd } from './sync-channel.js';

const { setup, asker } = workerData as { setup: ComposedSetup; asker: AskerEnd };

function send(event: SessionEvent): void {
  parentPort?.postMessage(event);
}

/** The export call under way: what the trace will hold of it. */
interface Current {
  readonly fn: WorldFunction;
  readonly args: readonly Value[];
  readonly imports: ImportCall[];
}

class PromptHost {
  private functions: ReturnType<typeof functionsOf> | undefined;
  private session: SessionJs | undefined;
  private readonly inventory = new HandleInventory();
  private readonly calls: ExportCall[] = [];
  private current: Current | undefined;
  private highest = 0;
  private callNumber = 0;
  /** What to tell the dialog when the component next asks for an export call ('ready' first, then how the last call ended). */
  private pending: SessionEvent | undefined;
  /** The message of the failure the component traps with next (from `failed`, or an import the user failed). */
  failure: string | undefined;

  readonly imports = {
    begin: (session: SessionJs): void => {
      this.session = session;
      this.functions = functionsOf(session);
      this.pending = { type: 'ready', traceCalls: 0, handles: this.handles(), session };
    },
    nextExport: (): { function: number; args: string[] } | undefined => {
      const pending = this.pending;
      this.pending = undefined;
      const request = askAndWait<SessionRequest>(asker, () => {
        if (pending !== undefined) send(pending);
      });
      if (request.type !== 'call') return undefined;
      const exports = this.use().exports;
      const index = exports.findIndex((fn) => callNameOf(fn) === request.name);
      const fn = exports[index];
      if (fn === undefined) throw new ProxyComponentError('USAGE', `the component has no export \`${request.name}\``);
      const args = fn.function.params.map((param, i) => this.seen(parseValue(request.args[i] ?? '', param.type), param.type));
      this.callNumber++;
      this.current = { fn, args, imports: [] };
      send({ type: 'export', text: formatExportLine({ function: fn, args }) });
      return { function: index, args: fn.function.params.map((param, i) => printValue(args[i] as Value, param.type)) };
    },
    callImport: (index: number, wave: string[]): { tag: 'return'; val?: string } | { tag: 'fail'; val: string } => {
      const fn = this.use().imports[index];
      if (fn === undefined) throw new ProxyComponentError('USAGE', `the component called import #${index}, which it did not list`);
      const args = fn.function.params.map((param, i) => this.seen(parseValue(wave[i] ?? '', param.type), param.type));
      const resultType = fn.function.result;
      const name = callNameOf(fn);
      const done = (outcome: CallOutcome, source: 'dialog' | 'new handle', asked: boolean): void => {
        const call: ImportCall = { name, function: fn, args, outcome };
        this.current?.imports.push(call);
        this.inventory.importCall(call, this.callNumber);
        send({ type: 'import', text: formatImportLine(call).trim(), source, asked });
      };
      if (resultType === undefined) {
        done({ kind: 'return' }, 'dialog', false);
        return { tag: 'return' };
      }
      const resource = fn.function.resource;
      if (fn.function.kind === 'constructor' && resource !== undefined && this.use().imported.has(resource)) {
        // The host makes the new handle: there is nothing to ask.
        const value = new ResourceHandle(this.highest + 1);
        this.seen(value, resultType);
        done({ kind: 'return', value }, 'new handle', false);
        return { tag: 'return', val: printValue(value, resultType) };
      }
      const answer = askAndWait<AskAnswer>(asker, () => send({ type: 'ask', name, call: printCallPositional(name, fn.function.params, args), handles: this.handles() }));
      if (answer.kind === 'trap') {
        this.failure = answer.message;
        done({ kind: 'trap', message: answer.message }, 'dialog', true);
        return { tag: 'fail', val: answer.message };
      }
      const value = this.seen(parseValue(answer.value ?? '', resultType), resultType);
      done({ kind: 'return', value }, 'dialog', true);
      return { tag: 'return', val: printValue(value, resultType) };
    },
    returned: (index: number, result: string | undefined): void => {
      const fn = this.use().exports[index];
      if (fn === undefined) throw new ProxyComponentError('USAGE', `the component returned from export #${index}, which it did not list`);
      const type = fn.function.result;
      const value = type === undefined || result === undefined ? undefined : this.seen(parseValue(result, type), type);
      this.finish(fn, value === undefined ? { kind: 'return' } : { kind: 'return', value }, false);
    },
    failed: (message: string): void => {
      this.failure ??= message;
    },
  };

  /** The component trapped: the call under way ends with it, and so does the session. */
  trapped(message: string): void {
    const current = this.current;
    if (current === undefined) {
      send({ type: 'error', message: `the component trapped outside an export call: ${message}` });
      return;
    }
    this.finish(current.fn, { kind: 'trap', message: this.failure ?? message }, true);
    if (this.pending !== undefined) send(this.pending);
  }

  private finish(fn: WorldFunction, outcome: CallOutcome, final: boolean): void {
    const current = this.current;
    if (current === undefined || current.fn !== fn) throw new ProxyComponentError('USAGE', `the component returned from \`${callNameOf(fn)}\`, which the dialog did not call`);
    this.current = undefined;
    const call: ExportCall = { name: callNameOf(fn), function: fn, args: current.args, imports: current.imports, outcome };
    this.calls.push(call);
    this.inventory.exportCall(call, this.callNumber);
    this.pending = {
      type: 'returned',
      outcome: formatOutcome(outcome, { function: fn }),
      trapped: outcome.kind === 'trap',
      traceText: formatTrace({ header: this.header(), calls: this.calls }),
      calls: this.calls.length,
      handles: this.handles(),
      ...(final ? { final } : {}),
    };
  }

  private header(): TraceHeader {
    const passthrough = this.session?.passthrough ?? [];
    return {
      version: TRACE_FORMAT_VERSION,
      world: 'root:component/root',
      component: this.session?.component ?? '',
      ...(setup.componentPath === undefined ? {} : { componentPath: setup.componentPath }),
      tool: TOOL_VERSION,
      ...(passthrough.length === 0 ? {} : { passthrough }),
    };
  }

  private handles(): HandleState {
    const canMake = [...(this.functions?.imported ?? [])].map((resource) => resource.id);
    return { held: this.inventory.offers(), canMake, nextHandle: this.highest + 1 };
  }

  /** Notes the handle numbers in `value`, so new ones are numbered after them, as the tracer numbers them. */
  private seen(value: Value, type: WitType): Value {
    if (typeHasHandles(type)) {
      forEachPart(value, type, (part) => {
        if (part instanceof ResourceHandle && part.id > this.highest) this.highest = part.id;
      });
    }
    return value;
  }

  private use(): ReturnType<typeof functionsOf> {
    if (this.functions === undefined) throw new ProxyComponentError('USAGE', 'the component used the dialog before it began the session');
    return this.functions;
  }
}

async function start(): Promise<void> {
  captureOutput(send);
  const bytes = await readFile(setup.component).catch((cause: unknown) => {
    throw new ProxyComponentError('IO', `cannot read ${setup.component}: ${describeIoError(cause)}`, { cause });
  });
  const component = await loadJcoComponent(new Uint8Array(bytes));
  if (!component.world.imports.has(DIALOG_PROMPT)) {
    throw new ProxyComponentError('USAGE', `${setup.component} does not import ${DIALOG_PROMPT}: instrument it with \`instrument -m dialog\``);
  }
  const host = new PromptHost();
  const imports: JcoImports = { ...sandboxedWasi(setup.wasi), [DIALOG_PROMPT.replace(/@.*$/, '')]: host.imports };
  const exports = await component.instantiate(imports);
  const startFn = exports.start;
  if (typeof startFn !== 'function') throw new ProxyComponentError('USAGE', `${setup.component} does not export \`start\``);
  try {
    startFn();
  } catch (error) {
    host.trapped(error instanceof Error ? error.message : String(error));
  }
}

function fail(error: unknown): void {
  send({ type: 'error', ...workerFailure(error) });
}

start().catch(fail);
