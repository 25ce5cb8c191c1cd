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

/** The transformer's options (`transform: { '\\.trace$': ['proxy-component/jest/transform', options] }`). */
export interface JestTransformOptions extends JestTraceOptions {
  /**
   * Run every trace test on these engines (`jco`, `node`, `bun`, `deno`, `gjs`, `jsc`, `wasmtime`,
   * `native:<module>`, a module path relative to the folder Jest runs in): a `describe` per engine,
   * a test per export call. Imports are answered from the trace on every engine (`passthrough` and
   * `hostModule` do not apply). The runner (proxy-component/jest/runner) does not take it.
   */
  readonly engines?: readonly string[];
}
