/**
 * One interface for every engine a component can run on: jco in this process,
 * other JS engines in subprocesses, the wasmtime CLI, a native module.
 *
 * An engine runs a *plan*: export calls with their arguments, each with the
 * import answers to give while it runs (a trace's export calls are plans as
 * they are). It reports, per export call, the outcome and the import calls
 * the component made, as typed `Value`s, so that runs on two engines compare
 * call by call, value by value (src/differential/).
 *
 * Import answers: each import call takes the next unused answer recorded for
 * the same function within the current export call (for a trace, that is the
 * trace's order). A call with no answer left fails the import, so the export
 * traps, with a message saying so.
 */
import type { CallOutcome } from '../trace/model.js';
import type { Value } from '../values/value.js';
import type { World, WorldFunction } from '../wit/world.js';

/** An import answer of a plan: what the host gives back for one call of `function`. */
export interface PlannedImport {
  readonly name: string;
  readonly function: WorldFunction;
  /** `return` (with the result, absent for a function without one) or `trap` (the host fails the call). */
  readonly outcome: CallOutcome;
}

/** One export call of a plan; a trace's `ExportCall` is one. */
export interface PlannedCall {
  /** The WAVE call name, as in traces (`run`, `test:app/math.double@0.1.0`). */
  readonly name: string;
  readonly function: WorldFunction;
  readonly args: readonly Value[];
  readonly imports: readonly PlannedImport[];
  /** Trace line of the call, for reports. */
  readonly line?: number;
}

/** How one export call ended on one engine. */
export type EngineOutcome =
  /** It returned (a `result`'s err too); `value` is absent for a function without result. */
  | { readonly kind: 'return'; readonly value?: Value }
  /** It trapped; the message is the engine's own wording. */
  | { readonly kind: 'trap'; readonly message: string }
  /** It produced a value that does not fit its WIT type (a bug in the engine or its bindings). */
  | { readonly kind: 'invalid'; readonly message: string }
  /** It did not return within the time limit and was stopped. */
  | { readonly kind: 'timeout'; readonly ms: number }
  /** It was not run: an earlier call timed out or the engine cannot run it. */
  | { readonly kind: 'not-run'; readonly reason: string };

/** How an outcome other than a return reads in a report (`diff`'s and the campaign's alike). */
export function nonReturnText(outcome: Exclude<EngineOutcome, { kind: 'return' }>): string {
  switch (outcome.kind) {
    case 'trap':
      return `trap: ${outcome.message}`;
    case 'invalid':
      return `invalid value: ${outcome.message}`;
    case 'timeout':
      return `timeout after ${outcome.ms} ms`;
    case 'not-run':
      return `not run: ${outcome.reason}`;
  }
}

/** An import call the component made. */
export interface ObservedImport {
  readonly name: string;
  readonly function: WorldFunction;
  readonly args: readonly Value[];
}

export interface CallReport {
  readonly outcome: EngineOutcome;
  /** The import calls made, in order; undefined when the engine cannot observe them all (wasmtime, for a call the host failed after an import whose arguments it does not see). */
  readonly imports?: readonly ObservedImport[];
}

export interface RunOptions {
  /** Longest one export call may run, in milliseconds. Default 10 000. */
  readonly timeoutMs?: number;
}

export interface EngineRun {
  /** The engine's display name, e.g. `node`, `native:impl.mjs`. */
  readonly engine: string;
  /** One report per planned call, in order. */
  readonly calls: readonly CallReport[];
  /** Wall-clock time of the run, start-up included, in milliseconds. */
  readonly elapsedMs: number;
  /** Set when the engine itself failed (could not start, instantiate or finish): its message. */
  readonly failure?: string;
}

/** A component loaded into an engine: each run gets a fresh instance. */
export interface LoadedEngineComponent {
  readonly world: World;
  run(calls: readonly PlannedCall[], options?: RunOptions): Promise<EngineRun>;
}

/** What `proxy-component engines` prints about an engine. */
export type EngineStatus =
  | { readonly available: true; readonly version: string; readonly path: string }
  | { readonly available: false; readonly reason: string; readonly install: string };

export interface Engine {
  /** Name used on the command line (`jco`, `node`, `native:./impl.mjs`). */
  readonly name: string;
  /** One line: what runs the component. */
  readonly description: string;
  status(): Promise<EngineStatus>;
  /** Loads a component (its bytes and, for engines that read files, its path). */
  load(component: ComponentInput): Promise<LoadedEngineComponent>;
}

export interface ComponentInput {
  readonly bytes: Uint8Array;
  /** The component's file, if it has one (the wasmtime CLI reads files). */
  readonly path?: string;
}

/** The default per-call time limit of engine runs. */
export const DEFAULT_ENGINE_TIMEOUT_MS = 10_000;
