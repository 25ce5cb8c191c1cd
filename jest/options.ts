/** Settings for replaying traces under Jest: the transformer's options, and the runner's. */
export interface JestTraceOptions {
  /** The component for traces whose header and folder name none (relative to the project's rootDir). */
  readonly component?: string;
  /** Longest an export call may run, in milliseconds (default 10 000; 0: no limit). */
  readonly timeoutMs?: number;
  /** Interfaces whose imports go to the real host instead of the trace. */
  readonly passthrough?: readonly string[];
  /** Module exporting the real host (jco imports) for pass-through interfaces (relative to rootDir). */
  readonly hostModule?: string;
}
