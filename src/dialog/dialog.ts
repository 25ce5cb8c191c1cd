/**
 * The dialog: drive a component by hand. The user picks an export (shown
 * with its WIT signature), types its arguments with a prompt per type, and the
 * call runs on the embedded engine in the session worker; each import call
 * the component makes is shown, indented under its export call, and the ones
 * no host module implements are asked for, the same way. The result or trap
 * is shown, then the next export.
 *
 * The session is a trace: with `save`, it is written after every export call
 * (atomically, as `record` writes), so an interrupted session leaves a valid
 * trace of the calls that completed. With `trace`, that trace's export calls
 * are replayed first, answered from the trace while the component follows
 * it, and asked for where it leaves it: a trace repaired or extended by hand.
 */
import { readFile } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';
import { ProxyComponentError } from '../errors.js';
import type { WasiGrants } from '../host/wasi.js';
import { traceFunctionResolver } from '../trace/resolve-names.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { describeIoError } from '../util/io-error.js';
import { printValue } from '../wave/index.js';
import { decodeComponentWorld } from '../wit/binary/decode.js';
import { callNameOf, unversionedCallName } from '../wit/lookup.js';
import { printFunctionSignature } from '../wit/print.js';
import { findUnsupported, type WitType } from '../wit/types.js';
import { worldFunctions, type World, type WorldFunction } from '../wit/world.js';
import type { HandleState, SessionEvent } from './protocol.js';
import { isPromptExit, type Choice, type Prompter } from './prompter.js';
import { SessionClosed, SessionWorker } from './session.js';
import { functionsOf } from '../instrument/tracer/dialog-session.js';
import { Unanswerable, ValueAsker } from './value-prompt.js';

export interface DialogOptions {
  readonly component: string;
  /** Module exporting the jco imports object that answers the imports it implements. */
  readonly hostModule?: string;
  /** The trace file the session is written to, after every export call. */
  readonly save?: string;
  /** A trace to replay first, to repair or extend. */
  readonly trace?: string;
  readonly wasi?: WasiGrants;
  readonly prompter: Prompter;
  /** Writes one line where the prompts draw. */
  readonly print: (line: string) => void;
}

export interface DialogSummary {
  /** Export calls the session holds. */
  readonly calls: number;
  /** The trace file written, if any. */
  readonly saved?: string;
  /** Ended by Ctrl-C rather than by `end the session`. */
  readonly interrupted: boolean;
}

type Returned = Extract<SessionEvent, { type: 'returned' }>;

const INDENT = '  ';

export async function runDialog(options: DialogOptions): Promise<DialogSummary> {
  const bytes = await readFile(options.component).catch((cause: unknown) => {
    throw new ProxyComponentError('IO', `cannot read ${options.component}: ${describeIoError(cause)}`, { cause });
  });
  const world = decodeComponentWorld(new Uint8Array(bytes));
  const traceText =
    options.trace === undefined
      ? undefined
      : await readFile(options.trace, 'utf8').catch((cause: unknown) => {
          throw new ProxyComponentError('IO', `cannot read ${options.trace}: ${describeIoError(cause)}`, { cause });
        });
  const componentPath = options.save === undefined ? options.component : relative(dirname(resolve(options.save)), resolve(options.component));
  const session = new SessionWorker({
    inProcess: {
      component: options.component,
      componentPath,
      ...(options.hostModule === undefined ? {} : { hostModule: resolve(options.hostModule) }),
      ...(options.trace === undefined || traceText === undefined ? {} : { trace: { text: traceText, file: options.trace } }),
      ...(options.wasi === undefined ? {} : { wasi: options.wasi }),
    },
  });
  return drive(new Dialog(world, session, options), session);
}

export interface ComposedDialogOptions extends Omit<DialogOptions, 'hostModule' | 'trace'> {
  /** The app's path as the saved trace's header names it (relative to the trace), when known (session/composed-app.ts). */
  readonly componentPath?: string;
}

/**
 * The dialog over a component instrumented with `-m dialog`: it is its
 * host for `proxy-component:dialog/prompt` (composed-worker.ts), with the
 * same prompts, and the session saved the same way. `--host` and `--trace`
 * are not for it: its imports are all the dialog's.
 */
export async function runComposedDialog(options: ComposedDialogOptions): Promise<DialogSummary> {
  const session = new SessionWorker({
    composed: { component: options.component, ...(options.componentPath === undefined ? {} : { componentPath: options.componentPath }), ...(options.wasi === undefined ? {} : { wasi: options.wasi }) },
  });
  return drive(new Dialog(undefined, session, options), session);
}

async function drive(dialog: Dialog, session: SessionWorker): Promise<DialogSummary> {
  const options = dialog.options;
  // Ctrl-C while the component runs (no prompt owns the terminal then): stop it, keep what was saved.
  const onInterrupt = () => {
    dialog.interrupted = true;
    void session.close();
  };
  process.on('SIGINT', onInterrupt);
  try {
    await dialog.run();
  } catch (error) {
    if (isPromptExit(error) || (error instanceof SessionClosed && dialog.interrupted)) {
      dialog.interrupted = true;
    } else {
      throw error;
    }
  } finally {
    process.off('SIGINT', onInterrupt);
    await session.close();
  }
  return { calls: dialog.savedCalls, ...(options.save === undefined ? {} : { saved: options.save }), interrupted: dialog.interrupted };
}

class Dialog {
  interrupted = false;
  savedCalls = 0;
  private toldOfTrap = false;
  private handles: HandleState = { held: [], canMake: [], nextHandle: 1 };
  private exports: WorldFunction[] = [];
  private resolveImport: (name: string) => WorldFunction | undefined = () => undefined;
  /** The component's output not yet printed: the end of a line it has not finished. */
  private readonly partial = { stdout: '', stderr: '' };

  constructor(
    /** The component's world; undefined for a composed component, which tells its functions when it starts. */
    world: World | undefined,
    private readonly session: SessionWorker,
    readonly options: Omit<DialogOptions, 'hostModule' | 'trace'> & Pick<Partial<DialogOptions>, 'hostModule' | 'trace'>,
  ) {
    if (world !== undefined) {
      this.exports = worldFunctions(world, 'export');
      this.resolveImport = traceFunctionResolver(world, 'import');
    }
  }

  async run(): Promise<void> {
    const ready = await this.next();
    if (ready.type !== 'ready') throw new Error(`the session worker sent ${ready.type} before it was ready`);
    this.handles = ready.handles;
    if (ready.session !== undefined) {
      const functions = functionsOf(ready.session);
      const imports = new Map(functions.imports.map((fn) => [callNameOf(fn), fn]));
      this.exports = functions.exports;
      this.resolveImport = (name) => imports.get(name);
    }
    // Saving over the trace being replayed waits until its calls are replayed: an interruption keeps the old trace.
    const overTrace = this.options.save !== undefined && this.options.trace !== undefined && resolve(this.options.save) === resolve(this.options.trace);
    if (ready.traceCalls > 0) this.options.print(`replaying ${ready.traceCalls} export call${ready.traceCalls === 1 ? '' : 's'} of ${this.options.trace}: asking only where the component leaves the trace`);
    let last: Returned | undefined;
    for (let index = 0; index < ready.traceCalls; index++) {
      this.session.request({ type: 'replay', index });
      last = await this.runCall();
      if (!overTrace) await this.save(last);
    }
    if (last !== undefined && overTrace) await this.save(last);
    for (;;) {
      const fn = await this.pickExport();
      if (fn === undefined) {
        this.session.request({ type: 'end' });
        return;
      }
      const asker = new ValueAsker(this.options.prompter, this.handles);
      const args: string[] = [];
      for (const param of fn.function.params) args.push(printValue(await asker.ask(param.type, param.name, 0), param.type));
      this.session.request({ type: 'call', name: callNameOf(fn), args });
      const returned = await this.runCall();
      await this.save(returned);
      if (returned.final === true) {
        this.options.print('the component trapped: the session is over (a composed component cannot be entered again after a trap)');
        return;
      }
    }
  }

  /** The next event that is not the component's output; its output is printed on the way, marked, a line at a time. */
  private async next(): Promise<Exclude<SessionEvent, { type: 'output' }>> {
    for (;;) {
      const event = await this.session.next();
      if (event.type !== 'output') {
        // The component waits or is done: what it wrote of an unfinished line is shown now, before any prompt.
        if (event.type === 'ask' || event.type === 'returned') this.flushOutput();
        return event;
      }
      const lines = (this.partial[event.stream] + event.text).split('\n');
      this.partial[event.stream] = lines.pop() ?? '';
      for (const line of lines) this.printOutput(event.stream, line);
    }
  }

  private flushOutput(): void {
    for (const stream of ['stdout', 'stderr'] as const) {
      if (this.partial[stream] === '') continue;
      this.printOutput(stream, this.partial[stream]);
      this.partial[stream] = '';
    }
  }

  /** A line the component wrote, apart from the dialog's own: `  │ stderr: text`. */
  private printOutput(stream: 'stdout' | 'stderr', line: string): void {
    this.options.print(`${INDENT}│ ${stream}: ${line}`);
  }

  private async pickExport(): Promise<WorldFunction | undefined> {
    const choices: Choice<WorldFunction | undefined>[] = this.exports.map((fn) => {
      const reason = this.cannotCall(fn);
      return { name: exportSignature(fn), short: unversionedCallName(callNameOf(fn)), value: fn, ...(reason === undefined ? {} : { disabled: reason }) };
    });
    choices.push({ name: 'end the session', value: undefined, short: 'end' });
    return this.options.prompter.select(0, 'export to call', choices);
  }

  /** Why `fn` cannot be called from the dialog now, if it cannot. */
  private cannotCall(fn: WorldFunction): string | undefined {
    for (const type of [...fn.function.params.map((param) => param.type), ...(fn.function.result === undefined ? [] : [fn.function.result])]) {
      const unsupported = findUnsupported(type);
      if (unsupported !== undefined) return `(uses ${unsupported.kind}, which the dialog cannot give or show)`;
    }
    for (const param of fn.function.params) {
      const missing = missingHandle(param.type, this.handles);
      if (missing !== undefined) return `(no ${missing} handle held yet)`;
    }
    return undefined;
  }

  /** Follows one export call's events until it returns, answering what it asks. */
  private async runCall(): Promise<Returned> {
    for (;;) {
      const event = await this.next();
      switch (event.type) {
        case 'export':
          this.options.print(`▶ ${event.text}${event.traceLine === undefined ? '' : `   (trace line ${event.traceLine})`}`);
          break;
        case 'import':
          // An answer the user gave is on screen already, under its prompt.
          if (event.asked) break;
          if (event.note !== undefined) this.options.print(`${INDENT}! ${event.note}`);
          this.options.print(`${INDENT}${event.text}   (${sourceText(event)})`);
          break;
        case 'ask':
          await this.answer(event);
          break;
        case 'returned':
          this.handles = event.handles;
          this.options.print(`◀ ${event.outcome}`);
          if (event.divergence !== undefined) this.options.print(`${INDENT}! ${event.divergence} (the session keeps what it did now)`);
          if (event.trapped && !this.toldOfTrap) {
            // The component model forbids entering an instance again after a trap: say so once, before the user meets it.
            this.toldOfTrap = true;
            this.options.print(`${INDENT}(after a trap the instance cannot be entered again: later calls in this session trap too)`);
          }
          return event;
        case 'ready':
          throw new Error('the session worker sent ready twice');
      }
    }
  }

  private async answer(event: Extract<SessionEvent, { type: 'ask' }>): Promise<void> {
    if (event.note !== undefined) this.options.print(`${INDENT}! ${event.note}: asking`);
    this.options.print(`${INDENT}import ${event.call}`);
    const fn = this.resolveImport(event.name);
    const resultType = fn?.function.result;
    if (resultType === undefined) throw new Error(`the session asked for the result of ${event.name}, which returns none`);
    try {
      const value = await new ValueAsker(this.options.prompter, event.handles).ask(resultType, 'result', 1);
      this.session.answer({ kind: 'return', value: printValue(value, resultType) });
    } catch (error) {
      if (!(error instanceof Unanswerable)) throw error;
      this.options.print(`${INDENT}✗ ${error.message}: the call fails`);
      this.session.answer({ kind: 'trap', message: error.message });
    }
  }

  private async save(returned: Returned): Promise<void> {
    this.savedCalls = returned.calls;
    if (this.options.save === undefined) return;
    await writeFileAtomic(this.options.save, returned.traceText);
  }
}

/** `test:app/counters.[method]counter.add: func(self: borrow<counter>, n: u32) -> u32`. */
function exportSignature(fn: WorldFunction): string {
  const name = unversionedCallName(callNameOf(fn));
  return `${name.slice(0, name.length - fn.function.name.length)}${printFunctionSignature(fn.function)}`;
}

function sourceText(event: Extract<SessionEvent, { type: 'import' }>): string {
  switch (event.source) {
    case 'trace':
      return event.traceLine === undefined ? 'trace' : `trace line ${event.traceLine}`;
    case 'dialog':
      return 'returns nothing: not asked';
    default:
      return event.source;
  }
}

/** The resource of a handle `type` needs that the dialog neither holds nor can make, if any. */
function missingHandle(type: WitType, handles: HandleState): string | undefined {
  if (type.kind !== 'own' && type.kind !== 'borrow') return undefined;
  const id = type.resource.id;
  if (handles.held.some((offer) => offer.resource === id) || handles.canMake.includes(id)) return undefined;
  return type.resource.name.name;
}
