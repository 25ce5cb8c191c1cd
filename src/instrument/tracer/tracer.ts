/**
 * The tracer: the part of an instrumented component that knows what a trace
 * is. The virtualizers (generated core Wasm) call it at every export and
 * import call with the values encoded as bytes; it decodes them with the
 * app's types and records, replays or fuzzes. It runs inside the tracer
 * component (QuickJS) and, for tests, in Node.
 *
 * A handler per mode does the work; this class decodes, encodes, and turns
 * every failure into a reply that stops the run with a readable report,
 * since an exception escaping into the component would only say "unreachable".
 */
import { isProxyComponentError } from '../../errors.js';
import type { Value } from '../../values/value.js';
import type { World, WorldFunction } from '../../wit/world.js';
import { decodeValues, encodeValues, utf8Decode, utf8Encode } from '../bin-codec.js';
import { functionsByName, type TracerConfig } from './config.js';
import { HandleNumbers } from './handle-numbers.js';
import { worldFromJson } from './world-json.js';

export interface Reply {
  readonly output: Uint8Array;
  readonly report: Uint8Array;
  readonly fail: boolean;
  readonly fn: number;
  readonly value: Uint8Array | null;
}

/** What a handler answers: text for the trace output and the report, and maybe a value. */
export interface Step {
  readonly output?: string;
  readonly report?: string;
  readonly fail?: boolean;
  /** The next export call (driving modes), by index into the export table. */
  readonly call?: { readonly fn: number; readonly args: readonly Value[] };
  /** An import's answer (replay, fuzz): present, even without a result, when the tracer answers. */
  readonly answer?: { readonly value?: Value };
}

export interface TracerContext {
  readonly config: TracerConfig;
  readonly world: World;
  readonly exports: readonly WorldFunction[];
  readonly imports: readonly WorldFunction[];
  /** The numbers of the resource handles crossing the boundary. */
  readonly handles: HandleNumbers;
}

export interface Handler {
  /** `file` names the trace in reports (default `<stdin>`, where the replay component reads it). */
  loadTrace?(text: string, file?: string): Step;
  nextExport?(): Step;
  beginExport(fn: WorldFunction, args: readonly Value[]): Step;
  endExport(fn: WorldFunction, result: Value | undefined): Step;
  beginImport(fn: WorldFunction, args: readonly Value[]): Step;
  endImport(fn: WorldFunction, result: Value | undefined): Step;
  /** The step that stops the run when the tracer fails (`message`: what went wrong); by default a one-line report. */
  failed?(message: string): Step;
  /**
   * Recording through a host recorder: the export call under way trapped
   * (`message`, as the engine reports it). Only a host sees this: a
   * component cannot observe its own trap.
   */
  trapped?(message: string): Step;
}

export type HandlerFactory = (context: TracerContext) => Handler;

const EMPTY = new Uint8Array(0);

export class Tracer {
  private context: TracerContext | undefined;
  private handler: Handler | undefined;

  constructor(private readonly makeHandler: HandlerFactory) {}

  configure(bytes: Uint8Array): Reply {
    return this.guard(() => {
      if (this.context !== undefined) return {};
      const config = JSON.parse(utf8Decode(bytes)) as TracerConfig;
      const world = worldFromJson(config.world);
      this.context = { config, world, exports: functionsByName(world, 'export', config.exports), imports: functionsByName(world, 'import', config.imports), handles: new HandleNumbers() };
      this.handler = this.makeHandler(this.context);
      return {};
    });
  }

  loadTrace(bytes: Uint8Array): Reply {
    return this.guard(() => this.use().loadTrace?.(utf8Decode(bytes)) ?? {});
  }

  nextExport(): Reply {
    return this.guard(() => this.use().nextExport?.() ?? { report: 'this mode does not drive export calls\n', fail: true });
  }

  beginExport(fn: number, args: Uint8Array): Reply {
    return this.guard(() => {
      const func = this.function('export', fn);
      return this.use().beginExport(func, decodeValues(paramTypes(func), args));
    });
  }

  endExport(fn: number, result: Uint8Array): Reply {
    return this.guard(() => {
      const func = this.function('export', fn);
      return this.use().endExport(func, decodeResult(func, result));
    });
  }

  beginImport(fn: number, args: Uint8Array): Reply {
    return this.guard(() => {
      const func = this.function('import', fn);
      this.answering = func;
      return this.use().beginImport(func, decodeValues(paramTypes(func), args));
    });
  }

  endImport(fn: number, result: Uint8Array): Reply {
    return this.guard(() => {
      const func = this.function('import', fn);
      return this.use().endImport(func, decodeResult(func, result));
    });
  }

  /**
   * The number of a handle that reached a virtualizer for the first time;
   * 0 when there is none to give (past the limit), and the next reply, which
   * the virtualizer reads before it uses the number, stops the run saying so.
   */
  newHandle(): number {
    try {
      if (this.context === undefined) throw new Error('the tracer was called before it was configured');
      return this.context.handles.fresh();
    } catch (error) {
      this.pendingFailure = error instanceof Error ? error.message : String(error);
      return 0;
    }
  }

  private pendingFailure: string | undefined;

  private use(): Handler {
    if (this.handler === undefined) throw new Error('the tracer was called before it was configured');
    return this.handler;
  }

  private function(direction: 'import' | 'export', index: number): WorldFunction {
    const context = this.context;
    const fn = context === undefined ? undefined : (direction === 'export' ? context.exports : context.imports)[index];
    if (fn === undefined) throw new Error(`no ${direction} function #${index}`);
    return fn;
  }

  /** The import whose answer the current step may carry. */
  private answering: WorldFunction | undefined;

  private guard(step: () => Step): Reply {
    this.answering = undefined;
    try {
      if (this.pendingFailure !== undefined) throw new Error(this.pendingFailure);
      return this.reply(step());
    } catch (error) {
      this.answering = undefined;
      const message = isProxyComponentError(error) || error instanceof Error ? error.message : String(error);
      return this.reply(this.handler?.failed?.(message) ?? { report: `proxy-component: ${message}\n`, fail: true });
    }
  }

  /** The reply for a step; handle numbers it hands out are bound (see HandleNumbers). */
  private reply(step: Step): Reply {
    let fn = 0;
    let value: Uint8Array | null = null;
    const handles = this.context?.handles;
    if (step.call !== undefined) {
      fn = step.call.fn;
      const func = this.function('export', fn);
      const types = paramTypes(func);
      const args = step.call.args;
      types.forEach((type, i) => handles?.see(args[i] as Value, type));
      value = encodeValues(types, args);
    } else if (step.answer !== undefined && this.answering !== undefined) {
      const result = this.answering.function.result;
      if (step.answer.value !== undefined && result !== undefined) handles?.see(step.answer.value, result);
      value = encodeAnswer(this.answering, step.answer.value);
    }
    return {
      output: step.output === undefined || step.output === '' ? EMPTY : utf8Encode(step.output),
      report: step.report === undefined || step.report === '' ? EMPTY : utf8Encode(step.report),
      fail: step.fail === true,
      fn,
      value,
    };
  }
}

function paramTypes(fn: WorldFunction) {
  return fn.function.params.map((p) => p.type);
}

function decodeResult(fn: WorldFunction, bytes: Uint8Array): Value | undefined {
  const type = fn.function.result;
  return type === undefined ? undefined : decodeValues([type], bytes)[0];
}

/** An import's answer, encoded for the virtualizer: the result's bytes, empty without one. */
export function encodeAnswer(fn: WorldFunction, value: Value | undefined): Uint8Array {
  const type = fn.function.result;
  return type === undefined || value === undefined ? EMPTY : encodeValues([type], [value]);
}
