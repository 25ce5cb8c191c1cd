/**
 * A trace: what a component did at its boundary, as a tree of calls.
 *
 * Each export call the host made holds, in order, the import calls the
 * component made while it ran, then its outcome. Values are typed by the
 * world's functions; names are the WAVE call names (`run`,
 * `held:kv/store.get@0.1.0`, `held:kv/types.[method]handle.get@0.1.0`).
 *
 * @example
 * // count-words("doc") calling example:kv/store.get once, returning 3
 * const call: ExportCall = {
 *   name: 'count-words', function: countWords, args: ['doc'], line: 2,
 *   imports: [{ name: 'example:kv/store.get@0.1.0', function: get, args: ['doc'],
 *               outcome: { kind: 'return', value: { tag: 'some', value: 'a b c' } }, line: 3 }],
 *   outcome: { kind: 'return', value: 3 },
 * };
 */
import type { Value } from '../values/value.js';
import type { WorldFunction } from '../wit/world.js';

/** How a call ended. */
export type CallOutcome =
  /** It returned; `value` is absent for a function without result. A `result` err is a return too. */
  | { readonly kind: 'return'; readonly value?: Value }
  /** The component trapped (an export), or the host failed (an import): the message as reported. */
  | { readonly kind: 'trap'; readonly message: string };

interface CallBase {
  /** The WAVE call name, as in the trace. */
  readonly name: string;
  readonly function: WorldFunction;
  readonly args: readonly Value[];
  readonly outcome: CallOutcome;
  /** 1-based line of the call in the trace file it was read from (absent for fresh recordings). */
  readonly line?: number;
}

export interface ImportCall extends CallBase {
  /** Line of the outcome, when it is on its own line. */
  readonly outcomeLine?: number;
}

export interface ExportCall extends CallBase {
  readonly imports: readonly ImportCall[];
  readonly outcomeLine?: number;
  /**
   * Property expectation (saved fuzz failures): the names of the properties
   * the call must satisfy (`no-trap`, `well-typed`, or user properties), checked
   * instead of comparing with `outcome`. Such a call is replayed in property
   * mode: its imports are answered from `imports` by function, in order,
   * whatever their arguments (see host/replay.ts). `outcome` then only tells
   * what the run that wrote the trace observed; read back from a file, where
   * the observation is a comment, it is `{ kind: 'return' }`.
   */
  readonly expect?: readonly string[];
  /**
   * The line of a trace header between this call and the one before (a text
   * holding several recordings: traces of separate runs joined, or a host
   * that made an instance per request). A replay runs every call on one
   * instance; a divergence from here on says so.
   */
  readonly instanceHeader?: number;
}

/** Where a saved fuzz failure came from: enough to find it again (see fuzz/fuzz.ts). */
export interface FuzzOrigin {
  /** fast-check's seed. */
  readonly seed: number;
  /** fast-check's counterexample path (run index, then shrink steps). */
  readonly path: string;
  /** The property that failed. */
  readonly property: string;
}

/**
 * Where a generated run came from (`record --generate`, see
 * fuzz/generated-runs.ts): the seed and which of its runs, enough to make it
 * again with the same component and tool version.
 */
export interface GenerationOrigin {
  /** fast-check's seed. */
  readonly seed: number;
  /** 1-based: the run's place among the runs kept for the seed. */
  readonly run: number;
}

/**
 * Where a user property of a saved fuzz failure is defined, so that a replay
 * finds it with no option: a module exporting it as `properties` (`fuzz
 * --host`, `toSatisfyProperties({ properties: './properties.mjs' })`), or a
 * test file that passed it inline to `toSatisfyProperties` (a test file
 * cannot be imported for its properties alone: that test replays the file,
 * see matchers/property-corpus.ts). Paths are relative to the trace's folder,
 * with `/` separators.
 *
 * @example
 * { module: '../properties.mjs' }
 * { test: '../test/app.test.ts', testName: 'adds up' }
 */
export type PropertySource = { readonly module: string } | { readonly test: string; readonly testName?: string };

export interface TraceHeader {
  /** Trace format version; this module writes and reads version 1. */
  readonly version: number;
  /** The world, as `proxy-component wit` names it (`root:component/root` for a component's own world). */
  readonly world?: string;
  /** `sha256:<hex>` of the component the trace was recorded from. */
  readonly component?: string;
  /** Path of the component relative to the trace file, when known. */
  readonly componentPath?: string;
  /** proxy-component version that wrote the trace. */
  readonly tool?: string;
  /** For a saved fuzz failure: the seed and path that found it and the property that failed. */
  readonly fuzz?: FuzzOrigin;
  /** For a saved fuzz failure: where each user property its `expect` lines name is defined, by name (built-ins are not listed). */
  readonly properties?: Readonly<Record<string, PropertySource>>;
  /** For a generated run (`record --generate`): the seed and run it was made from. */
  readonly generated?: GenerationOrigin;
  /**
   * Import items (interfaces, world-level functions) whose calls the trace does
   * not hold, because the recording left them to the real host: an
   * instrumented component records only the imports it virtualizes. Replay
   * sends their calls to a real host too (`wasi:` ones to the sandboxed WASI).
   */
  readonly passthrough?: readonly string[];
}

export interface Trace {
  readonly header: TraceHeader;
  readonly calls: readonly ExportCall[];
  /** Where the trace came from, for messages. */
  readonly file?: string;
}

/** A trace's calls as a replay takes them: all in memory (a `Trace`), or as they stream from a file (trace/read.ts). */
export interface TraceSource {
  readonly header: TraceHeader;
  readonly calls: Iterable<ExportCall> | AsyncIterable<ExportCall>;
  readonly file?: string;
}

export const TRACE_FORMAT_VERSION = 1;
