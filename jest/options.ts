import { engineNameList } from '../src/differential/engine-agreement.js';
import { ProxyComponentError } from '../src/errors.js';

/** Settings for replaying traces under Jest: the transformer's options, and the runner's. */
export interface JestTraceOptions {
  /** The component for traces whose header and folder name none (relative to the project's rootDir). */
  readonly component?: string;
  /** Longest an export call may run, in milliseconds (default 10 000; 0: no limit). */
  readonly timeoutMs?: number;
  /** Interfaces whose imports go to the real host instead of the trace. */
  readonly passthrough?: readonly string[];
  /** Module (.js, .mjs, .ts, .mts) exporting the real host (jco imports) for pass-through interfaces (relative to rootDir). */
  readonly hostModule?: string;
  /**
   * Run every trace test on these engines (`jco`, `node`, `bun`, `deno`, `gjs`, `jsc`, `wasmtime`,
   * `native:<module>`, a module path relative to the folder Jest runs in): tests grouped per engine,
   * one per export call. Imports are answered from the trace on every engine (`passthrough` and
   * `hostModule` do not apply).
   */
  readonly engines?: readonly string[];
}

/** The transformer's options (`transform: { '\\.trace$': ['proxy-component/jest/transform', options] }`). */
export type JestTransformOptions = JestTraceOptions;

/** The `engines` option as Jest's configuration gives it (JSON, unchecked by types): a list of known engine names. */
export function engineOption(engines: unknown, option: string): string[] {
  if (!Array.isArray(engines) || !engines.every((name) => typeof name === 'string')) {
    throw new ProxyComponentError('USAGE', `${option} takes a list of engine names (e.g. ["jco", "node"]), got ${JSON.stringify(engines)}`);
  }
  return engineNameList(engines);
}
