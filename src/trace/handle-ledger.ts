/**
 * The resource handles of a trace as the trace itself tells them: which
 * resource each number is a handle of, and, for the resources the component
 * implements, whether the host holds it at this point of the trace. A trace
 * may only pass the component a handle of one of its resources that an
 * earlier call made and that the host still holds: one the component
 * returned, not since given back to it as `own` (which moves it). Anything
 * else (a handle never made, one given away, a handle of another resource)
 * is a bad trace, and the replay says so, naming the call and the handle,
 * instead of handing the component a handle it never had (which traps, or
 * worse, in a real host).
 *
 * Handles of the resources the host implements are the host's to make at any
 * time: a trace may pass any number for them.
 *
 * The trace does not record drops (neither recorder can see them in order):
 * a handle leaves the host's hands only by being passed as `own`.
 */
import type { ResourceHandle, Value } from '../values/value.js';
import type { CallOutcome, ExportCall } from './model.js';
import { forEachHandle } from '../values/walk.js';
import type { HandleType, ResourceType, WitType } from '../wit/types.js';
import type { Param, WitFunction } from '../wit/world.js';

interface Entry {
  readonly resource: ResourceType;
  /** For a resource the component implements: the host holds the handle (the component returned it and has not been given it back). */
  heldByHost: boolean;
  /** 0-based index of the export call that gave it to the component as `own`, once it has (always present: deleting a property makes every entry slow). */
  givenIn: number | undefined;
}

/** What is wrong with a handle an export call passes. */
export interface HandleProblem {
  readonly handle: number;
  readonly param: string;
  readonly resource: ResourceType;
  /** To follow "resource handle #N ": why the component cannot be given it. */
  readonly why: string;
}

export class HandleLedger {
  private readonly handles = new Map<number, Entry>();

  /** `imported`: the resources the host implements (values/world-resources.ts); every other one the component does. */
  constructor(private readonly imported: ReadonlySet<ResourceType>) {}

  /**
   * The export call `callIndex` passes these arguments to the component: the
   * first handle it cannot pass, or undefined after taking note of them (own
   * handles of the component's resources are given to it).
   */
  exportArgs(params: readonly Param[], args: readonly Value[], callIndex: number): HandleProblem | undefined {
    const seen: { handle: ResourceHandle; type: HandleType; param: string }[] = [];
    params.forEach((param, i) => {
      const arg = args[i];
      if (arg !== undefined) forEachHandle(arg, param.type, (handle, type) => seen.push({ handle, type, param: param.name }));
    });
    const given = new Set<number>();
    for (const { handle, type, param } of seen) {
      const resource = type.resource;
      const entry = this.handles.get(handle.id);
      if (this.imported.has(resource)) {
        if (entry !== undefined && !this.sameResource(entry.resource, resource)) return this.problem(handle, param, resource, this.otherResource(entry.resource, resource));
        continue;
      }
      if (entry === undefined) return this.problem(handle, param, resource, `is not one the component made: it makes every \`${resource.name.name}\` handle`);
      if (!this.sameResource(entry.resource, resource)) return this.problem(handle, param, resource, this.otherResource(entry.resource, resource));
      if (!entry.heldByHost || given.has(handle.id)) {
        const where = entry.givenIn === undefined || given.has(handle.id) ? 'this call' : `export call #${entry.givenIn + 1}`;
        return this.problem(handle, param, resource, `was given back to the component as \`own<${resource.name.name}>\` by ${where} already`);
      }
      if (type.kind === 'own') given.add(handle.id);
    }
    for (const { handle, type } of seen) {
      const resource = type.resource;
      const entry = this.note(handle, resource);
      if (!this.imported.has(resource) && type.kind === 'own') {
        entry.heldByHost = false;
        entry.givenIn = callIndex;
      }
    }
    return undefined;
  }

  /**
   * An export call made outside a trace (a recording), after `exportArgs`:
   * what its import calls and its result handed each side, in the order they did.
   */
  madeCall(call: ExportCall): void {
    for (const imported of call.imports) this.importCall(imported.function.function, imported.args, imported.outcome);
    if (call.outcome.kind === 'return') this.toHost(call.outcome.value, call.function.function.result);
  }

  /** The component called an import with `args` and the host answered with `outcome`. */
  importCall(fn: WitFunction, args: readonly Value[], outcome: CallOutcome): void {
    const params = fn.params;
    for (let i = 0; i < params.length; i++) this.toHost(args[i], (params[i] as Param).type);
    if (outcome.kind === 'return') this.toComponent(outcome.value, fn.result);
  }

  /** A value the component handed the host (an export's result, an import's arguments): its own handles are the host's now. */
  toHost(value: Value | undefined, type: WitType | undefined): void {
    if (value !== undefined && type !== undefined) forEachHandle(value, type, this.takenByHost);
  }

  /** A value the host handed the component (an import's answer): the handles in it are known from now on. */
  toComponent(value: Value | undefined, type: WitType | undefined): void {
    if (value !== undefined && type !== undefined) forEachHandle(value, type, this.givenToComponent);
  }

  // Made once: toHost and toComponent run for every import call.
  private readonly takenByHost = (handle: ResourceHandle, handleType: HandleType): void => {
    const entry = this.note(handle, handleType.resource);
    if (handleType.kind === 'own') {
      entry.heldByHost = true;
      entry.givenIn = undefined;
    }
  };

  private readonly givenToComponent = (handle: ResourceHandle, handleType: HandleType): void => {
    const entry = this.note(handle, handleType.resource);
    if (handleType.kind === 'own' && !this.imported.has(handleType.resource)) entry.heldByHost = false;
  };

  /** Why a handle of `found` is not one of `wanted`; resources named alike (one interface imported and exported) are told apart by who implements them. */
  private otherResource(found: ResourceType, wanted: ResourceType): string {
    const name = (resource: ResourceType) => (found.name.name === wanted.name.name ? `the ${this.imported.has(resource) ? "host's" : "component's"} \`${resource.name.name}\`` : `\`${resource.name.name}\``);
    return `was made as ${name(found)}, not ${name(wanted)}`;
  }

  private note(handle: ResourceHandle, resource: ResourceType): Entry {
    let entry = this.handles.get(handle.id);
    if (entry === undefined || !this.sameResource(entry.resource, resource)) {
      entry = { resource, heldByHost: true, givenIn: undefined };
      this.handles.set(handle.id, entry);
    }
    return entry;
  }

  /** One resource: the same object, or (aliases read from text) the same id on the same side. */
  private sameResource(a: ResourceType, b: ResourceType): boolean {
    return a === b || (a.id === b.id && this.imported.has(a) === this.imported.has(b));
  }

  private problem(handle: ResourceHandle, param: string, resource: ResourceType, why: string): HandleProblem {
    return { handle: handle.id, param, resource, why };
  }
}
