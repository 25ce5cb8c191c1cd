/**
 * One live instance of a component under a fuzzing host: started with the
 * virtual imports answered by a FuzzHost, its handles kept by a HandlePool,
 * its exports called at the level of `Value`s. Everything that calls a
 * component with generated values runs through it: fuzz runs (run.ts),
 * `componentTest` instances (vitest/property-run.ts) and the plans of
 * `diff --fuzz` (differential/fuzz-plan.ts), so they share one handle model
 * and one answer to a component that cannot start.
 *
 * A component that cannot start is never a passing run: `startInstance`
 * throws a COMPONENT_START error that says which component and why (its start
 * function trapped, it exited through wasi:cli/exit, an import it called
 * while starting could not be answered, or jco could not instantiate it).
 */
import { exportInvokers, type ExportInvoker } from '../engines/jco/export-caller.js';
import { exportLayouts, importLayouts, type InterfaceLayout } from '../engines/jco/layout.js';
import type { JcoComponent, JcoImports } from '../engines/jco/load.js';
import { standInResources, virtualImports, type ResourceClass } from '../engines/jco/virtual-imports.js';
import { isProxyComponentError, ProxyComponentError } from '../errors.js';
import { HandlePool, hostResourceClasses, resourceAliases } from '../host/fuzz-handles.js';
import { importedResources } from '../values/world-resources.js';
import { isPassthrough, isPassthroughItem, layoutPassesThrough } from '../host/passthrough.js';
import { handleTypes } from '../values/walk.js';
import { callNameOf } from '../wit/lookup.js';
import { sandboxedWasi } from '../host/wasi.js';
import { ComponentExit, FuzzHost, UnanswerableImport, type AnswerSource } from '../host/fuzz-host.js';
import type { ImportCall } from '../trace/model.js';
import type { Value } from '../values/value.js';
import type { HandleType, ResourceType } from '../wit/types.js';
import { worldFunctions, type WitFunction, type World, type WorldFunction } from '../wit/world.js';
import type { CallResult } from './property.js';

/** A component prepared for many instances. */
export interface FuzzTarget {
  readonly component: JcoComponent;
  /** How messages name the component (its path, as the user gave it). */
  readonly name: string;
  readonly importLayouts: readonly InterfaceLayout[];
  readonly exportLayouts: readonly InterfaceLayout[];
  /** Interfaces answered by the sandboxed WASI host instead of generated values (as `passthrough` names them). */
  readonly passthrough: readonly string[];
}

/**
 * A component prepared for fuzzing. `passthrough` names WASI interfaces the
 * sandboxed WASI host answers (no files, network or environment): a runtime
 * such as CPython exits when `get-random-bytes(256)` returns fewer bytes,
 * which says nothing about the program it runs. Only WASI can be passed
 * through, since the fuzzer has no other real host.
 */
export function fuzzTarget(component: JcoComponent, name = 'the component', passthrough: readonly string[] = []): FuzzTarget {
  const layouts = importLayouts(component.world, component.importSpecifiers);
  for (const interfaceName of passthrough) {
    const matched = layouts.filter((layout) => layoutPassesThrough(layout, [interfaceName]));
    if (matched.length === 0) {
      const imported = layouts.map((layout) => `\`${layout.key}\``).join(', ');
      throw new ProxyComponentError('USAGE', `--passthrough names \`${interfaceName}\`, which ${name} does not import; it imports ${imported === '' ? 'nothing' : imported}`);
    }
    const wasi = sandboxedWasi();
    const notWasi = matched.find((layout) => wasi[layout.key] === undefined);
    if (notWasi !== undefined) {
      throw new ProxyComponentError('USAGE', `--passthrough names \`${notWasi.key}\`: fuzzing can pass through only WASI interfaces the sandboxed WASI host implements; the component's other imports get generated answers`);
    }
  }
  const mixed = handlesAcrossPassthrough(component.world, passthrough);
  if (mixed !== undefined) {
    throw new ProxyComponentError(
      'USAGE',
      `--passthrough: \`${callNameOf(mixed.fn)}\` ${isPassthrough(mixed.fn, passthrough) ? 'is passed through' : 'gets generated answers'} but takes or gives \`${mixed.resource.name.name}\` handles of \`${mixed.resource.name.owner ?? '?'}\`, which ${isPassthrough(mixed.fn, passthrough) ? 'gets generated answers' : 'is passed through'}: a handle of one host means nothing to the other; name both or neither`,
    );
  }
  return { component, name, importLayouts: layouts, exportLayouts: exportLayouts(component.world), passthrough };
}

/** An import function on one side of `passthrough` whose handles belong to an interface on the other side, if any. */
function handlesAcrossPassthrough(world: World, passthrough: readonly string[]): { readonly fn: WorldFunction; readonly resource: ResourceType } | undefined {
  if (passthrough.length === 0) return undefined;
  for (const fn of worldFunctions(world, 'import')) {
    const through = isPassthrough(fn, passthrough);
    const types = [...fn.function.params.map((param) => param.type), ...(fn.function.result === undefined ? [] : [fn.function.result])];
    for (const handle of types.flatMap(handleTypes)) {
      const owner = handle.resource.name.owner;
      if (owner !== undefined && isPassthroughItem(owner, undefined, passthrough) !== through) return { fn, resource: handle.resource };
    }
  }
  return undefined;
}

export interface InstanceHooks {
  /** Each generated import answer. */
  readonly onAnswer?: (fn: WorldFunction, value: Value) => void;
  /** Each import call, as it completes. */
  readonly onImport?: (call: ImportCall) => void;
}

/** How one export call ended, with the import calls it made; `error` is what the component threw when it trapped. */
export interface MadeCall {
  readonly result: CallResult;
  readonly imports: ImportCall[];
  readonly error?: unknown;
}

export class FuzzInstance {
  private constructor(
    readonly target: FuzzTarget,
    readonly host: FuzzHost,
    readonly pool: HandlePool,
    private readonly invokers: ReadonlyMap<WitFunction, ExportInvoker>,
    /** The import calls the component made while starting. */
    readonly startCalls: readonly ImportCall[],
  ) {}

  /** The handles for a call's arguments, or the handle type none could be given for (the pool is then unchanged). */
  resolve(fn: WorldFunction, args: readonly Value[]): { readonly args: Value[] } | { readonly missing: HandleType } {
    const resolution = this.pool.resolveAll(args, fn.function.params.map((param) => param.type));
    return resolution.missing === undefined ? { args: resolution.values } : { missing: resolution.missing };
  }

  /** Calls an export with resolved arguments, its imports answered from `answers`; takes note of the handles it returns. */
  call(fn: WorldFunction, args: readonly Value[], answers: AnswerSource): MadeCall {
    this.host.takeCalls();
    this.host.answerFrom(answers);
    const outcome = invoke(this.invokers, fn.function, args);
    if (outcome.result.kind === 'return' && outcome.result.value !== undefined && fn.function.result !== undefined) this.pool.receive(outcome.result.value, fn.function.result);
    return { ...outcome, imports: this.host.takeCalls() };
  }

  /** A fresh instance; imports made while starting are answered from `answers`. Throws COMPONENT_START when it cannot start. */
  static async start(target: FuzzTarget, answers: AnswerSource, hooks: InstanceHooks = {}): Promise<FuzzInstance> {
    const { resources, use } = standInResources();
    const hostClasses = new Map<ResourceType, ResourceClass>();
    const aliases = new Map<ResourceType, ResourceType>();
    const pool = new HandlePool(resources, hostClasses, aliases);
    const host = new FuzzHost(answers, pool, hooks.onAnswer, hooks.onImport);
    const virtual = virtualImports(target.importLayouts, host, resources);
    use(virtual.classes);
    for (const [resource, cls] of hostResourceClasses(target.importLayouts, virtual.classes)) hostClasses.set(resource, cls);
    for (const [alias, original] of resourceAliases(importedResources(target.component.world), hostClasses.keys())) aliases.set(alias, original);
    let exports;
    try {
      exports = await target.component.instantiate(target.passthrough.length === 0 ? virtual.imports : withWasiPassthrough(virtual.imports, target));
    } catch (error) {
      throw startError(target.name, error, host.takeCalls());
    }
    return new FuzzInstance(target, host, pool, exportInvokers(exports, target.exportLayouts, resources), host.takeCalls());
  }
}

/** The virtual imports with the layouts `target.passthrough` names taken from a fresh sandboxed WASI host. */
function withWasiPassthrough(imports: JcoImports, target: FuzzTarget): JcoImports {
  const wasi = sandboxedWasi();
  const merged: JcoImports = { ...imports };
  for (const layout of target.importLayouts) {
    const real = wasi[layout.key];
    if (real !== undefined && layoutPassesThrough(layout, target.passthrough)) merged[layout.key] = real;
  }
  return merged;
}

/** Why a component could not start, as the COMPONENT_START error every fuzzing entry point reports. */
function startError(name: string, error: unknown, calls: readonly ImportCall[]): ProxyComponentError {
  // jco's instantiate failing is wrapped by the loader; the reason is its cause.
  const cause = isProxyComponentError(error) && error.cause !== undefined ? error.cause : error;
  const message = cause instanceof Error ? cause.message : String(cause);
  const made = calls.length === 0 ? '' : ` (after ${calls.length} import call${calls.length === 1 ? '' : 's'}, the last \`${(calls[calls.length - 1] as ImportCall).name}\`)`;
  let why: string;
  if (cause instanceof ComponentExit) why = `it exited while starting: it called ${cause.call}`;
  else if (cause instanceof UnanswerableImport) why = `an import it called while starting could not be answered: ${message}`;
  else if (isTrap(cause)) why = `it trapped while starting (in its start function)${made}: ${message}`;
  else why = `instantiating it failed${made}: ${message}`;
  return new ProxyComponentError('COMPONENT_START', `${name} cannot be started, so it cannot be fuzzed: ${why}`, { cause });
}

function isTrap(error: unknown): boolean {
  const RuntimeError = (globalThis as unknown as { WebAssembly: { RuntimeError: new () => Error } }).WebAssembly.RuntimeError;
  return error instanceof RuntimeError;
}

function invoke(invokers: ReadonlyMap<WitFunction, ExportInvoker>, fn: WitFunction, args: readonly Value[]): { readonly result: CallResult; readonly error?: unknown } {
  const invoker = invokers.get(fn);
  if (invoker === undefined) return { result: { kind: 'trap', message: `the component has no export ${fn.name}` } };
  try {
    const outcome = invoker(args);
    if (outcome.kind === 'return') return { result: outcome };
    return { result: { kind: 'trap', message: outcome.message }, error: outcome.error };
  } catch (error) {
    // The bridge refused the result: it does not fit the export's type.
    if (isProxyComponentError(error) && error.code === 'VALUE_TYPE') return { result: { kind: 'ill-typed', message: error.message } };
    throw error;
  }
}
