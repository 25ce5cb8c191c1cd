/**
 * A divergence: the first place where a run stopped matching its trace.
 *
 * Plain JSON data (strings and numbers only), so that it crosses worker
 * threads, Vitest's task meta and blob reports unchanged. Values are WAVE text.
 *
 * @example
 * {
 *   kind: 'export-result',
 *   summary: 'count-words returned 4, the trace expects 3',
 *   file: 'traces/words.trace', line: 5, callIndex: 0,
 *   path: ['export count-words("doc")'],
 *   expected: '3', actual: '4', type: 'u32',
 * }
 */

export type DivergenceKind =
  /** The export returned another value than the trace's. */
  | 'export-result'
  /** The export trapped where the trace says it returned. */
  | 'export-trap'
  /** The trace says the export trapped; it returned. */
  | 'missing-trap'
  /** An import was called with other arguments than the trace's. */
  | 'import-arguments'
  /** The component called another import than the trace's next one, or one more than the trace has. */
  | 'unexpected-import'
  /** The component returned without making an import call the trace has. */
  | 'missing-import'
  /** A value the component produced does not fit its WIT type. */
  | 'type-error'
  /** The export did not return within the time limit. */
  | 'timeout'
  /** A user property that a saved fuzz failure expects does not hold. */
  | 'property'
  /** A test replaying a recording (toMatchRecording) called another export, or with other arguments, than the recording's next, or one more. */
  | 'unexpected-export'
  /** A test replaying a recording ended before making every export call the recording has. */
  | 'missing-export'
  /**
   * The trace names a resource handle the run cannot match: the component used
   * another handle than the trace's (one the trace never made, or gave away), or
   * the trace hands out a handle as another resource than it was made as, or
   * passes the component a handle of its own resources it never made or
   * was given back already.
   */
  | 'resource-handle';

export interface Divergence {
  readonly kind: DivergenceKind;
  /** One sentence: what was expected and what happened. */
  readonly summary: string;
  /** The trace file, when the trace came from one. */
  readonly file?: string;
  /** The trace line of the expected event (the call or outcome that did not match). */
  readonly line?: number;
  /** 0-based index of the export call in the trace. */
  readonly callIndex: number;
  /** From the export call down to the import call where it happened, as trace lines. */
  readonly path: readonly string[];
  /** What the trace expects, in WAVE. */
  readonly expected?: string;
  /** What happened, in WAVE (or the trap message). */
  readonly actual?: string;
  /** The WIT type of the compared values, when a value was compared. */
  readonly type?: string;
  /** The matching rules that applied to the diverging import call (`match rule #1: ignore … value`). */
  readonly rules?: readonly string[];
  /**
   * The resource handles the export call was given, as its trace describes them
   * (see trace/handles.ts): `#1 {method: post, path-with-query: some("/a")}`.
   */
  readonly handles?: readonly string[];
}
