/**
 * What proxy-component adds to Vitest's types: what failed trace tests carry
 * in their meta, and the settings the plugin provides to workers. Interface
 * merges without type parameters, so they fit Vitest 4.1 and 5.
 */
import type {} from 'vitest';
import type { DifferentialReport } from '../differential/report.js';
import type { Divergence } from '../divergence/divergence.js';
import type { TraceTestOptions } from '../trace-tests/options.js';

/**
 * The settings of trace tests in workers (`inject('proxyComponent')`): the plugin's options, or,
 * for the runner alone, `test.provide.proxyComponent` as the user writes it.
 */
export interface ProvidedProxySettings extends TraceTestOptions {
  /** Set by the plugin: `.trace` files are already test modules, the runner leaves them alone. */
  readonly plugin?: boolean;
}

declare module 'vitest' {
  interface TaskMeta {
    /** Where a trace test's export call stopped matching its trace (plain JSON). */
    proxyDivergence?: Divergence;
    /** Where engines running a trace test (or toAgreeAcrossEngines) disagreed: the differential report (plain JSON). */
    proxyDifferential?: DifferentialReport;
    /** The recordings (absolute `.trace` paths) the test's toMatchRecording calls used. */
    proxyRecordings?: string[];
  }
  interface ProvidedContext {
    proxyComponent?: ProvidedProxySettings;
  }
}
