/**
 * What the property matchers and the property-test helper add to Vitest's
 * types: the counterexample a failed property test carries in its meta (read
 * by proxy-component/reporter), and the shard the plugin provides to workers
 * (so that fuzz campaigns derive a seed per shard). Interface merges without
 * type parameters, so they fit Vitest 4.1 and 5.
 */
import type {} from 'vitest';
import type { FuzzCounterexample } from '../../matchers/property-report.js';

/** `vitest --shard=index/count`, as the plugin provides it. */
export interface ProvidedShard {
  readonly index: number;
  readonly count: number;
}

declare module 'vitest' {
  interface TaskMeta {
    /** A failed property's seed, path and shrunk counterexample (plain JSON). */
    proxyCounterexample?: FuzzCounterexample;
  }
  interface ProvidedContext {
    proxyComponentShard?: ProvidedShard;
  }
}
