/**
 * The result of a differential run, as plain JSON: which engines ran and
 * which could not, the verdict among those that ran, and where they first
 * differed, with every engine's outcome of that call side by side. Values and
 * calls are WAVE text.
 *
 * The verdict (judged once, in compare.ts, for `diff`, `--json`, the
 * `toAgreeAcrossEngines` matcher and `proxy({ engines })`):
 * - `agree`: two or more engines ran and every call they ran agrees;
 * - `diverge`: two engines that ran differ on a call (a finding);
 * - `too-few-engines`: fewer than two engines could run the component, so
 *   nothing was compared.
 * An engine that could not run the component (not installed, a Wasm feature
 * or a WIT shape it lacks) is listed in `couldNotRun` with its reason, and
 * is never a divergence.
 *
 * @example
 * {
 *   engines: [{ name: 'jco', elapsedMs: 210 }, { name: 'node', elapsedMs: 95 }, { name: 'native:impl.mjs', elapsedMs: 180 }],
 *   calls: 3, divergentCalls: 1,
 *   divergence: {
 *     callIndex: 1, call: 'add(2, 2)', aspect: 'outcome',
 *     columns: [{ engine: 'jco', outcome: 'return 4', imports: [] }, ...],
 *     groups: [['jco', 'node'], ['native:impl.mjs']], oddOnesOut: ['native:impl.mjs'],
 *     verdict: 'native:impl.mjs differs from the majority (jco, node)',
 *   },
 *   verdict: 'diverge', ran: ['jco', 'node', 'native:impl.mjs'], couldNotRun: [],
 *   timeouts: [],
 * }
 */

export interface EngineColumn {
  readonly engine: string;
  /** `return <value>`, `trap: <message>`, `timeout after N ms`, `not run: <reason>`. */
  readonly outcome: string;
  /** The import calls made, as WAVE calls; absent when the engine cannot observe them. */
  readonly imports?: readonly string[];
}

export interface DifferentialDivergence {
  /** 0-based index of the first export call on which engines differ. */
  readonly callIndex: number;
  /** The call, in WAVE. */
  readonly call: string;
  /** Its trace line, when the plan came from a trace file. */
  readonly line?: number;
  /** What differs: the outcome, or (outcomes agreeing) the import calls. */
  readonly aspect: 'outcome' | 'imports';
  /** Every engine's outcome of that call, in engine order. */
  readonly columns: readonly EngineColumn[];
  /** Engines grouped by agreeing result, largest group first. */
  readonly groups: readonly (readonly string[])[];
  /** Engines outside a strict majority (three or more engines), or, judged by the trace, every engine that differs from it. */
  readonly oddOnesOut: readonly string[];
  readonly verdict: string;
  /** Set when `oddOnesOut` are judged by the trace's outcome (a trace's calls carry the truth), not by the majority. */
  readonly judge?: 'trace';
}

/** How a differential run ends (see the top of this file). */
export type DifferentialVerdict = 'agree' | 'diverge' | 'too-few-engines';

/** An engine that could not run the component, and why (one line). */
export interface EngineNotRun {
  readonly engine: string;
  readonly reason: string;
}

export interface DifferentialReport {
  /** The trace the calls came from. */
  readonly file?: string;
  /** Every engine asked, in order, with its time; those that could not run are in `couldNotRun` too. */
  readonly engines: readonly { readonly name: string; readonly elapsedMs: number }[];
  /** Number of export calls run. */
  readonly calls: number;
  readonly verdict: DifferentialVerdict;
  /** The engines that ran the component, among which the verdict is given. */
  readonly ran: readonly string[];
  /** The engines that could not run it (not a divergence), each with its reason. */
  readonly couldNotRun: readonly EngineNotRun[];
  /**
   * Engines that ran but left some calls not run (wasmtime stops at a trap: a trapped instance
   * cannot be entered again), with how many they ran and why the first one left was not:
   * those calls are compared among the other engines only.
   */
  readonly partial: readonly { readonly engine: string; readonly ran: number; readonly reason: string }[];
  /** How many calls differ. */
  readonly divergentCalls: number;
  readonly divergence?: DifferentialDivergence;
  /** Calls stopped for taking too long: reported, never compared. */
  readonly timeouts: readonly { readonly engine: string; readonly callIndex: number; readonly call: string }[];
}
