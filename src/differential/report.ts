/**
 * The result of a differential run, as plain JSON: which engines ran, whether
 * they agreed, and where they first differed, with every engine's outcome of
 * that call side by side. Values and calls are WAVE text.
 *
 * @example
 * {
 *   engines: [{ name: 'jco', elapsedMs: 210 }, { name: 'node', elapsedMs: 95 }, { name: 'native:impl.mjs', elapsedMs: 180 }],
 *   calls: 3, agreed: false, divergentCalls: 1,
 *   divergence: {
 *     callIndex: 1, call: 'add(2, 2)', aspect: 'outcome',
 *     columns: [{ engine: 'jco', outcome: 'return 4', imports: [] }, ...],
 *     groups: [['jco', 'node'], ['native:impl.mjs']], oddOnesOut: ['native:impl.mjs'],
 *     verdict: 'native:impl.mjs differs from the majority (jco, node)',
 *   },
 *   timeouts: [], failures: [],
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
  /** Engines outside a strict majority (three or more engines). */
  readonly oddOnesOut: readonly string[];
  readonly verdict: string;
}

export interface DifferentialReport {
  /** The trace the calls came from. */
  readonly file?: string;
  readonly engines: readonly { readonly name: string; readonly elapsedMs: number; readonly failure?: string }[];
  /** Number of export calls run. */
  readonly calls: number;
  /** True when no call differs and no engine failed. */
  readonly agreed: boolean;
  /** How many calls differ. */
  readonly divergentCalls: number;
  readonly divergence?: DifferentialDivergence;
  /** Calls stopped for taking too long: reported, never compared. */
  readonly timeouts: readonly { readonly engine: string; readonly callIndex: number; readonly call: string }[];
  /** Engines that could not run the component at all (start-up, instantiation). */
  readonly failures: readonly { readonly engine: string; readonly message: string }[];
}
