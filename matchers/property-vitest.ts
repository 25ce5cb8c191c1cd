/**
 * The property matchers' Vitest side: the shard a sharded run is (provided
 * by the plugin, see src/vitest/property-shard.ts) reaches the campaigns, so
 * that a campaign without a seed of its own derives one per shard. Imported
 * by the `proxy-component/matchers` entry, which only Vitest workers load.
 */
import { inject } from 'vitest';
// A re-export, not `import type {}`: declaration output keeps it, so the entry's types carry the TaskMeta/ProvidedContext merges.
export type { ProvidedShard } from '../src/vitest/property-types.js';
import { useCampaignEnvironment, type CampaignEnvironment } from './property.js';

function vitestEnvironment(): CampaignEnvironment {
  let shard: CampaignEnvironment['shard'];
  try {
    shard = inject('proxyComponentShard');
  } catch {
    // Outside a Vitest worker (a script importing the matchers): no shard.
  }
  return shard === undefined ? {} : { shard };
}

useCampaignEnvironment(vitestEnvironment);
