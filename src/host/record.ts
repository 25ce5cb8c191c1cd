/**
 * Record: run a component with a real host and write down every export call
 * and every import call it makes, with arguments and outcomes, as a trace.
 *
 * The real host is a jco imports object (functions and resource classes, as
 * the user would pass to jco's `instantiate`). Each import function is wrapped:
 * the JS arguments and the JS result are read as `Value`s for the trace, and
 * the original JS result is handed back to jco unchanged, so recording adds
 * only the reading. Imported resource classes are subclassed to record their
 * constructors, methods and statics; an object the host makes itself (say, a
 * function returning a new resource) gets the recording subclass as its
 * prototype when it first crosses into the component, keeping its identity
 * and its private fields.
 *
 * A recording may be given a fallback: a Value-level dispatcher (the dialog,
 * which asks the user) that answers every import function and resource the
 * host does not implement. Its calls are recorded like the host's, and the
 * handles it hands out are stand-ins of synthesized classes (as in replay).
 */
import { ProxyComponentError } from '../errors.js';
import { exportInvokers } from '../engines/jco/export-caller.js';
import { exportLayouts, importLayouts, type InterfaceLayout, type ResourceLayout } from '../engines/jco/layout.js';
import { withStackTraces } from '../engines/jco/stack-traces.js';
import type { JcoComponent, JcoImports } from '../engines/jco/load.js';
import { virtualImports, type ImportDispatcher } from '../engines/jco/virtual-imports.js';
import { jcoConverter } from '../values/jco.js';
import { fromJcoReturn, fromJcoThrown } from '../values/jco-return.js';
import { ResourceTable } from '../values/resource-table.js';
import type { Value } from '../values/value.js';
import { callNameOf } from '../wit/lookup.js';
import { worldFunctions, type WitFunction, type WorldFunction } from '../wit/world.js';
import type { CallOutcome, ExportCall, ImportCall, Trace, TraceHeader } from '../trace/model.js';
import { TRACE_FORMAT_VERSION } from '../trace/model.js';
import { HandleLedger } from '../trace/handle-ledger.js';
import { importedResources } from '../values/world-resources.js';
import { printCallPositional } from '../wave/index.js';
import { TOOL_VERSION } from '../version.js';

type AnyFunction = (...args: unknown[]) => unknown;
type AnyClass = (new (...args: unknown[]) => object) & Record<string | symbol, unknown>;

export interface Recording {
  /** Calls an export with `Value` arguments, recording it. */
  call(fn: WorldFunction, args: readonly Value[]): CallOutcome;
  /**
   * Calls an export with JS arguments the host made itself (an HTTP server's
   * request and response-outparam objects), recording it: resources among them
   * are numbered like any the host hands the component.
   */
  callWithHostArgs(fn: WorldFunction, jsArgs: readonly unknown[]): CallOutcome;
  /** The export functions a world has, to find one by name. */
  readonly exportFunctions: readonly WorldFunction[];
  /** The trace's header. */
  readonly header: TraceHeader;
  /** The calls recorded so far: complete export calls only (a recording made with `retain: false` keeps none). */
  trace(): Trace;
  /** Told after each complete export call (to write it out as it happens). */
  onExportCall?: (call: ExportCall) => void;
  /** Told after each import call the component makes during an export call, whoever answered it. */
  onImportCall?: (call: ImportCall) => void;
  /** Whether the host implements `fn` (else the fallback answers it). */
  readonly hostImplements: (fn: WorldFunction) => boolean;
  /** The number the next handle the recording sees will get: a new handle the fallback hands out takes it. */
  nextHandle(): number;
}

export interface RecordingOptions {
  /**
   * Keep the calls for `trace()` (default true). A recording written out as it
   * happens (through `onExportCall`) keeps none, so its memory does not grow
   * with the number of calls.
   */
  readonly retain?: boolean;
  /** Answers, at the Value level, the import functions and resources the host does not implement; its answers are recorded like the host's. */
  readonly fallback?: ImportDispatcher;
}

export async function startRecording(component: JcoComponent, host: JcoImports, header: Partial<TraceHeader> = {}, options: RecordingOptions = {}): Promise<Recording> {
  const recordingClasses = new Map<string, { recording: AnyClass; real: AnyClass }>();
  // With a fallback, a handle it hands out for the first time gets a stand-in of the recording class (see virtualImports).
  const standIn = (handle: { id: number }, resource: { id: string }): object => {
    const cls = recordingClasses.get(resource.id);
    return cls === undefined ? { handle: handle.id } : (Object.create(cls.recording.prototype) as object);
  };
  const resources = new ResourceTable(options.fallback === undefined ? undefined : standIn, (object, resource) => {
    const classes = recordingClasses.get(resource.id);
    // A host-made object entering the component: let its methods be recorded too.
    if (classes !== undefined && object instanceof classes.real && !(object instanceof classes.recording)) {
      Object.setPrototypeOf(object, classes.recording.prototype);
    }
  });
  const recorder = new CallRecorder((call) => recording.onImportCall?.(call));
  const imports: JcoImports = {};
  const layouts = importLayouts(component.world, component.importSpecifiers);
  const implemented = hostImplementation(layouts, host);
  const answering = options.fallback === undefined ? host : withFallback(layouts, host, virtualImports(layouts, options.fallback, resources).imports);
  for (const layout of layouts) {
    imports[layout.key] = recordingImport(layout, answering, recorder, resources, recordingClasses);
  }
  const invokers = exportInvokers(await component.instantiate(imports), exportLayouts(component.world), resources);
  const calls: ExportCall[] = [];
  const retain = options.retain ?? true;
  const exportFunctions = worldFunctions(component.world, 'export');
  // The handles the calls pass, checked as replay checks them: a call the recording cannot make with them is refused, never
  // made with another resource's object (jco does not always notice) and written into a trace that replay must reject.
  const handles = new HandleLedger(importedResources(component.world));
  let callIndex = 0;
  const fullHeader: TraceHeader = { version: TRACE_FORMAT_VERSION, world: 'root:component/root', component: `sha256:${component.hash}`, tool: TOOL_VERSION, ...header };
  const recording: Recording = {
    exportFunctions,
    header: fullHeader,
    hostImplements: (fn) => implemented.has(fn.function),
    nextHandle: () => resources.peekNext(),
    call(fn, args) {
      const invoke = invokers.get(fn.function);
      if (invoke === undefined) throw new ProxyComponentError('USAGE', `the component has no export ${callNameOf(fn)}`);
      const problem = handles.exportArgs(fn.function.params, args, callIndex);
      if (problem !== undefined) {
        const text = printCallPositional(callNameOf(fn), fn.function.params, args);
        throw new ProxyComponentError('USAGE', `\`${text}\` cannot be made: \`${problem.param}\`: resource handle #${problem.handle} ${problem.why}`);
      }
      callIndex++;
      recorder.begin();
      const outcome = invoke(args);
      const imported = recorder.end();
      const result: CallOutcome = outcome.kind === 'trap' ? { kind: 'trap', message: outcome.message } : outcome;
      const call: ExportCall = { name: callNameOf(fn), function: fn, args, imports: imported, outcome: result };
      handles.madeCall(call);
      if (retain) calls.push(call);
      recording.onExportCall?.(call);
      return result;
    },
    callWithHostArgs(fn, jsArgs) {
      const args = fn.function.params.map((param, i) => jcoConverter(param.type).fromJs(jsArgs[i], resources, param.name));
      return recording.call(fn, args);
    },
    trace: () => {
      if (!retain) throw new Error('this recording keeps no calls (retain: false): take them from onExportCall');
      return { header: fullHeader, calls: [...calls] };
    },
  };
  return recording;
}

/**
 * Collects the import calls made during one export call.
 *
 * Only the component's own calls are recorded: while the host answers one,
 * the calls it makes on its own objects (the preview2 shim's outgoing-request
 * constructor reading its headers' `content-length`, its HTTP server reading
 * the response it was handed) go through the same recording classes, but the
 * component never made them, so a replay would never see them.
 */
class CallRecorder {
  private current: ImportCall[] | undefined;
  /** How many recorded calls are running: above 0, the host is answering one. */
  private depth = 0;

  constructor(private readonly onAdd: (call: ImportCall) => void) {}

  begin(): void {
    this.current = [];
  }

  end(): ImportCall[] {
    const calls = this.current ?? [];
    this.current = undefined;
    return calls;
  }

  /** Whether a call now comes from the component: inside an export call, not from the host answering another. */
  get recording(): boolean {
    // Imports called outside an export call (during instantiation) belong to no call.
    return this.current !== undefined && this.depth === 0;
  }

  /** Runs the host's implementation of a call; calls it makes meanwhile are its own. */
  answer<T>(invoke: () => T): T {
    this.enter();
    try {
      return invoke();
    } finally {
      this.leave();
    }
  }

  /** `answer` for a constructor, whose `super(...)` cannot move into a function. */
  enter(): void {
    this.depth++;
  }

  leave(): void {
    this.depth--;
  }

  add(call: ImportCall): void {
    if (this.current === undefined) return;
    this.current.push(call);
    this.onAdd(call);
  }
}

/** The import functions `host` implements: a function it provides, or any function of a resource whose class it provides. */
function hostImplementation(layouts: readonly InterfaceLayout[], host: JcoImports): Set<WitFunction> {
  const implemented = new Set<WitFunction>();
  for (const layout of layouts) {
    const real = host[layout.key];
    if (real === undefined) continue;
    if (layout.bareFunction !== undefined && typeof real['default'] === 'function') implemented.add(layout.bareFunction.function);
    for (const [name, fn] of layout.functions) if (typeof real[name] === 'function') implemented.add(fn.function);
    for (const resource of layout.resources) {
      if (typeof real[resource.member] !== 'function') continue;
      for (const fn of [...(resource.construct === undefined ? [] : [resource.construct]), ...resource.methods.values(), ...resource.statics.values()]) {
        implemented.add(fn.function);
      }
    }
  }
  return implemented;
}

/** The host's imports, completed member by member with the fallback's (functions and resource classes the host lacks). */
function withFallback(layouts: readonly InterfaceLayout[], host: JcoImports, fallback: JcoImports): JcoImports {
  const merged: JcoImports = { ...host };
  for (const layout of layouts) {
    const real = host[layout.key] ?? {};
    const virtual = fallback[layout.key] ?? {};
    const members: Record<string, unknown> = { ...real };
    for (const [member, value] of Object.entries(virtual)) if (typeof real[member] !== 'function') members[member] = value;
    merged[layout.key] = members;
  }
  return merged;
}

function recordingImport(
  layout: InterfaceLayout,
  host: JcoImports,
  recorder: CallRecorder,
  resources: ResourceTable,
  recordingClasses: Map<string, { recording: AnyClass; real: AnyClass }>,
): Record<string, unknown> {
  const real = host[layout.key];
  const missing = (what: string) =>
    new ProxyComponentError('USAGE', `the host does not provide ${what} of \`${layout.key}\`, which the component imports`);
  if (real === undefined) {
    // Fail at the call, not at instantiation: a component may import what a run never calls.
    return new Proxy({}, { get: (_target, property) => (typeof property === 'string' ? throwing(missing(property)) : undefined) });
  }
  const target: Record<string, unknown> = {};
  if (layout.bareFunction !== undefined) target['default'] = wrapFunction(layout.bareFunction, hostFunction(real, 'default', missing), recorder, resources);
  for (const [name, fn] of layout.functions) target[name] = wrapFunction(fn, hostFunction(real, name, missing), recorder, resources);
  for (const resource of layout.resources) {
    const realClass = real[resource.member] as AnyClass | undefined;
    if (typeof realClass !== 'function') {
      target[resource.member] = class {
        constructor() {
          throw missing(`the resource class ${resource.className}`);
        }
      };
      continue;
    }
    const recording = recordingClass(resource, realClass, recorder, resources);
    recordingClasses.set(resource.resource.id, { recording, real: realClass });
    target[resource.member] = recording;
  }
  return target;
}

function hostFunction(real: Record<string, unknown>, name: string, missing: (what: string) => Error): AnyFunction {
  const fn = real[name];
  if (typeof fn === 'function') return fn as AnyFunction;
  return () => {
    throw missing(`the function ${name}`);
  };
}

function throwing(error: Error): () => never {
  return () => {
    throw error;
  };
}

function recordingClass(layout: ResourceLayout, real: AnyClass, recorder: CallRecorder, resources: ResourceTable): AnyClass {
  const construct = layout.construct;
  const record = construct === undefined ? undefined : recordCall(construct, recorder, resources);
  const base = real as new (...args: unknown[]) => object;
  const cls = {
    [layout.className]: class extends base {
      constructor(...args: unknown[]) {
        const finish = record?.start(args);
        recorder.enter();
        try {
          super(...args);
        } catch (error) {
          finish?.threw(error);
          throw error;
        } finally {
          recorder.leave();
        }
        finish?.returned(this);
      }
    },
  }[layout.className] as AnyClass;
  for (const [name, fn] of layout.methods) {
    const call = recordCall(fn, recorder, resources);
    Object.defineProperty(cls.prototype, name, {
      value: function (this: object, ...args: unknown[]) {
        const method = Object.getPrototypeOf(cls.prototype)[name] as AnyFunction | undefined;
        if (typeof method !== 'function') throw new ProxyComponentError('USAGE', `the host's ${layout.className} has no method ${name}`);
        return call.run([this, ...args], () => method.apply(this, args));
      },
      writable: true,
      configurable: true,
    });
  }
  for (const [name, fn] of layout.statics) {
    const call = recordCall(fn, recorder, resources);
    Object.defineProperty(cls, name, {
      value: (...args: unknown[]) => {
        const method = real[name] as AnyFunction | undefined;
        if (typeof method !== 'function') throw new ProxyComponentError('USAGE', `the host's ${layout.className} has no static ${name}`);
        return call.run(args, () => method.apply(real, args));
      },
      writable: true,
      configurable: true,
    });
  }
  return cls;
}

function wrapFunction(fn: WorldFunction, real: AnyFunction, recorder: CallRecorder, resources: ResourceTable): AnyFunction {
  const call = recordCall(fn, recorder, resources);
  return (...args: unknown[]) => call.run(args, () => real(...args));
}

/** Reads one import call's arguments and outcome as Values and adds it to the current export call. */
function recordCall(fn: WorldFunction, recorder: CallRecorder, resources: ResourceTable) {
  const params = fn.function.params.map((param) => jcoConverter(param.type));
  const resultType = fn.function.result;
  const name = callNameOf(fn);
  /** Reads the arguments; undefined when the call is the host's own (see CallRecorder). */
  const start = (jsArgs: readonly unknown[]) => {
    if (!recorder.recording) return undefined;
    const args = params.map((param, i) => param.fromJs(jsArgs[i], resources));
    const add = (outcome: CallOutcome) => recorder.add({ name, function: fn, args, outcome });
    return {
      returned(js: unknown): void {
        const value = fromHost(() => fromJcoReturn(js, resultType, 'import', resources), name);
        add(value === undefined ? { kind: 'return' } : { kind: 'return', value });
      },
      threw(error: unknown): void {
        let value: Value;
        try {
          value = fromJcoThrown(error, resultType, 'import', resources);
        } catch {
          add({ kind: 'trap', message: error instanceof Error ? error.message : String(error) });
          return;
        }
        add({ kind: 'return', value });
      },
    };
  };
  return {
    start,
    run(jsArgs: readonly unknown[], invoke: () => unknown): unknown {
      const finish = start(jsArgs);
      if (finish === undefined) return recorder.answer(() => withStackTraces(invoke));
      let result: unknown;
      try {
        result = recorder.answer(() => withStackTraces(invoke));
      } catch (error) {
        finish.threw(error);
        throw error;
      }
      finish.returned(result);
      return result;
    },
  };
}

function fromHost<T>(read: () => T, name: string): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof ProxyComponentError) {
      throw new ProxyComponentError('VALUE_TYPE', `the host's ${name} returned a value that does not fit its WIT type: ${error.message}`, { cause: error });
    }
    throw error;
  }
}

