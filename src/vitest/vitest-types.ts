/**
 * What proxy-component adds to Vitest's types: the divergence a failed trace
 * test carries in its meta, and the context the plugin provides to workers.
 * Interface merges without type parameters, so they fit Vitest 4.1 and 5.
 */
import type {} from 'vitest';
import type { Divergence } from '../divergence/divergence.js';

/** Settings for replaying traces in test workers (plugin options, or `test.provide.proxyComponent` for the runner alone). */
export interface ProxyTraceSettings {
  /** The component for traces whose header and folder name none (relative to the project root). */
  readonly component?: string;
  /** Longest an export call may run, in milliseconds (default 10 000; 0: no limit). */
  readonly timeoutMs?: number;
  /** Interfaces whose imports go to the real host instead of the trace. */
  readonly passthrough?: readonly string[];
  /** Module (.js, .mjs, .ts, .mts) exporting the real host (jco imports) for pass-through interfaces (relative to the project root). */
  readonly hostModule?: string;
}

export interface ProvidedProxySettings extends ProxyTraceSettings {
  /** Set by the plugin: `.trace` files are already test modules, the runner leaves them alone. */
  readonly plugin?: boolean;
}

declare module 'vitest' {
  interface TaskMeta {
    /** Where a trace test's export call stopped matching its trace (plain JSON). */
    proxyDivergence?: Divergence;
  }
  interface ProvidedContext {
    proxyComponent?: ProvidedProxySettings;
  }
}
