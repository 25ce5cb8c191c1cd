/**
 * One fuzz run: a fresh instance of the component (transpiled and compiled
 * once, instantiated anew), the planned export calls made in order with their
 * handles resolved, every import answered by the fuzzing host, and the
 * properties checked after each call; the first failure ends the run.
 */
import { isProxyComponentError } from '../errors.js';
import { exportInvokers, type ExportInvoker } from '../engines/jco/export-caller.js';
import { exportLayouts, importLayouts, type InterfaceLayout } from '../engines/jco/layout.js';
import type { JcoComponent } from '../engines/jco/load.js';
import { virtualImports, type ResourceClass } from '../engines/jco/virtual-imports.js';
import { HandlePool } from '../host/fuzz-handles.js';
import { cachedCallName, FuzzHost, UnanswerableImport, type AnswerSource } from '../host/fuzz-host.js';
import type { ImportCall } from '../trace/model.js';
import { ResourceTable } from '../values/resource-table.js';
import type { Value } from '../values/value.js';
import type { WitFunction, WorldFunction } from '../wit/world.js';
import type { GeneratorValue, PlannedCall } from './plan.js';
import { checkCall, type CallRecord, type CallResult, type FuzzProperty, type PropertyFailure } from './property.js';
import { mapHandles, typeHasHandles } from '../values/walk.js';

/** A component prepared for many runs. */
export interface FuzzTarget {
  readonly component: JcoComponent;
  readonly importLayouts: readonly InterfaceLayout[];
  readonly exportLayouts: readonly InterfaceLayout[];
}

export function fuzzTarget(component: JcoComponent): FuzzTarget {
  return { component, importLayouts: importLayouts(component.world, component.importSpecifiers), exportLayouts: exportLayouts(component.world) };
}

/** Told of what a run does, as it does it (watchdogs, coverage, capturing a run that may never end). */
export interface RunHooks {
  /** Before export call `index` of the run (calls skipped for want of a handle do not count). */
  readonly beforeCall?: (index: number, fn: WorldFunction, args: readonly Value[]) => void;
  readonly afterCall?: (index: number, result: CallResult) => void;
  readonly onImport?: (call: ImportCall) => void;
  /** Each generated import answer. */
  readonly onAnswer?: (fn: WorldFunction, value: Value) => void;
}

export interface RunOptions {
  readonly properties: readonly FuzzProperty[];
  /** Import answers drawn from a generator: each planned call's own, or `outside`'s for imports made outside calls. */
  readonly answers: (generator: GeneratorValue) => AnswerSource;
  readonly outside: GeneratorValue;
  readonly hooks?: RunHooks;
  /** A call known not to return (a watchdog stopped it before): not made, reported as this trap. */
  readonly hangAt?: { readonly index: number; readonly message: string };
}

export interface RunResult {
  /** The calls made, up to and including the failing one. */
  readonly calls: readonly CallRecord[];
  readonly failure?: PropertyFailure;
  /** Set when an import answer needed a handle the host could not give: the run proves nothing. */
  readonly discarded?: string;
  /** Planned calls left out because no handle could be given for an argument. */
  readonly skipped: number;
}

export async function executeRun(target: FuzzTarget, plan: readonly PlannedCall[], options: RunOptions): Promise<RunResult> {
  const classes = new Map<string, ResourceClass>();
  const resources = new ResourceTable((handle, resource) => {
    const cls = classes.get(resource.id);
    return cls === undefined ? { handle: handle.id } : (Object.create(cls.prototype) as object);
  });
  const pool = new HandlePool(resources, classes);
  const hooks = options.hooks ?? {};
  const host = new FuzzHost(options.answers(options.outside), pool, hooks.onAnswer, hooks.onImport);
  const virtual = virtualImports(target.importLayouts, host, resources);
  for (const [id, cls] of virtual.classes) classes.set(id, cls);
  const invokers = exportInvokers(await target.component.instantiate(virtual.imports), target.exportLayouts, resources);

  const calls: CallRecord[] = [];
  let skipped = 0;
  for (const planned of plan) {
    const fn = planned.function;
    const args = resolveArguments(planned, pool);
    if (args === undefined) {
      skipped++;
      continue;
    }
    const index = calls.length;
    let result: CallResult;
    if (options.hangAt !== undefined && options.hangAt.index === index) {
      result = { kind: 'trap', message: options.hangAt.message };
    } else {
      hooks.beforeCall?.(index, fn, args);
      host.takeCalls();
      host.answerFrom(options.answers(planned.answers));
      const outcome = invoke(invokers, fn.function, args);
      if (outcome.kind === 'trap' && outcome.error instanceof UnanswerableImport) return { calls, discarded: outcome.error.message, skipped };
      result = outcome.kind === 'trap' ? { kind: 'trap', message: outcome.message } : outcome;
      hooks.afterCall?.(index, result);
      if (result.kind === 'return' && result.value !== undefined && fn.function.result !== undefined) pool.receive(result.value, fn.function.result);
    }
    const record: CallRecord = { index, name: cachedCallName(fn), function: fn, args, imports: host.takeCalls(), result };
    const checked = checkCall(options.properties, { call: record, history: calls });
    const failure = checked instanceof Promise ? await checked : checked;
    calls.push(record);
    if (failure !== undefined) return { calls, failure, skipped };
  }
  return { calls, skipped };
}

/** The arguments with real handles, or undefined when one cannot be given. */
function resolveArguments(planned: PlannedCall, pool: HandlePool): Value[] | undefined {
  const params = planned.function.function.params;
  const args: Value[] = new Array(params.length);
  for (let i = 0; i < params.length; i++) {
    const type = (params[i] as (typeof params)[number]).type;
    const arg = planned.args[i] as Value;
    if (!typeHasHandles(type)) {
      args[i] = arg;
      continue;
    }
    let missing = false;
    args[i] = mapHandles(arg, type, (pick, handleType) => {
      const handle = pool.resolve(pick, handleType);
      if (handle === undefined) missing = true;
      return handle ?? pick;
    });
    if (missing) return undefined;
  }
  return args;
}

type InvokeOutcome = { readonly kind: 'return'; readonly value?: Value } | { readonly kind: 'trap'; readonly message: string; readonly error: unknown } | { readonly kind: 'ill-typed'; readonly message: string };

function invoke(invokers: ReadonlyMap<WitFunction, ExportInvoker>, fn: WitFunction, args: readonly Value[]): InvokeOutcome {
  const invoker = invokers.get(fn);
  if (invoker === undefined) return { kind: 'trap', message: `the component has no export ${fn.name}`, error: undefined };
  try {
    return invoker(args);
  } catch (error) {
    // The bridge refused the result: it does not fit the export's type.
    if (isProxyComponentError(error) && error.code === 'VALUE_TYPE') return { kind: 'ill-typed', message: error.message };
    throw error;
  }
}
