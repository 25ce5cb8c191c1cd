/**
 * Fuzz campaigns under `vitest --shard=i/n` (the plugin calls
 * `configureFuzzShards` from `configureVitest`).
 *
 * Vitest shards by test file: each file runs on one shard. A fuzz campaign
 * is split across machines by running it on every shard with a different
 * seed instead, so test files named `*.fuzz.test.ts` (any test extension,
 * `.spec` too) are added to every shard, and the plugin provides the shard to
 * the workers (`inject('proxyComponentShard')`), where a property matcher
 * without a seed of its own derives one: shard 1 keeps the base seed, shard i
 * adds (i - 1) × 0x9E3779B1 (see `shardSeed` in matchers/property.ts). The
 * base is fast-check's global seed (`fc.configureGlobal({ seed })`, e.g. from
 * the CI build number) or a random one. Every shard saves its failures to the
 * campaign's corpus folder: one file per distinct shrunk failure, named by a
 * hash of its calls and written atomically, so shards sharing a folder never
 * clash, and folders from several machines merge by copying them together
 * (identical failures have identical names).
 *
 * A failure reports the seed its shard used; passing that `seed` explicitly
 * replays it on any machine, sharded or not.
 */
import type {} from './property-types.js';

/** Test files that run on every shard. */
export const FUZZ_CAMPAIGN_FILE = /\.fuzz\.(?:test|spec)\.[cm]?[jt]sx?$/;

/** Marks a sequencer already wrapped (configureVitest runs once per project). */
const EVERY_SHARD = Symbol.for('proxy-component.every-shard-sequencer');

interface SpecificationLike {
  readonly moduleId: string;
}

interface SequencerLike {
  shard(files: SpecificationLike[]): SpecificationLike[] | Promise<SpecificationLike[]>;
}

// The mixin form TypeScript requires of a class to extend: any constructor arguments.
type SequencerClass = new (...args: any[]) => SequencerLike;

/** The parts of `configureVitest`'s context used here (the same in Vitest 4.1 and 5). */
export interface ShardContext {
  readonly vitest?: { readonly config: { readonly shard?: { readonly index: number; readonly count: number }; readonly sequence: { sequencer: unknown } } };
  readonly project: { provide(key: 'proxyComponentShard', value: { index: number; count: number }): void };
}

/** Provides the shard to the project's workers, and keeps fuzz campaign files on every shard. */
export function configureFuzzShards({ vitest, project }: ShardContext): void {
  const shard = vitest?.config.shard;
  if (vitest === undefined || shard === undefined) return;
  project.provide('proxyComponentShard', { index: shard.index, count: shard.count });
  const sequence = vitest.config.sequence;
  if (typeof sequence.sequencer === 'function' && !(EVERY_SHARD in sequence.sequencer)) {
    sequence.sequencer = campaignsOnEveryShard(sequence.sequencer as SequencerClass);
  }
}

/** The project's sequencer, with fuzz campaign files added to every shard. */
export function campaignsOnEveryShard(Base: SequencerClass): SequencerClass {
  const wrapped = class CampaignsOnEveryShard extends Base {
    override async shard(files: SpecificationLike[]): Promise<SpecificationLike[]> {
      const own = await super.shard(files);
      const campaigns = files.filter((file) => FUZZ_CAMPAIGN_FILE.test(file.moduleId) && !own.includes(file));
      return [...own, ...campaigns];
    }
  };
  Object.defineProperty(wrapped, EVERY_SHARD, { value: true });
  return wrapped;
}
