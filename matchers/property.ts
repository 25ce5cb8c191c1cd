/**
 * The property matchers, shared by Vitest (`proxy-component/matchers`) and
 * Jest (`proxy-component/jest/matchers`): a fuzz campaign against a
 * component's properties as one assertion.
 *
 * ```ts
 * await expect('build/app.wasm').toNeverTrap({ runs: 500, corpus: 'fuzz-corpus' });
 * await expect('build/app.wasm').toSatisfyProperties({ runs: 200, properties: './properties.mjs', corpus: 'fuzz-corpus' });
 * await expect('build/app.wasm').toSatisfyProperties({ properties: [defineProperty('small', ({ call }) => ...)] }); // Vitest only
 * ```
 *
 * A failure shows the seed and path that found it, the shrunk counterexample
 * as WAVE calls with the import answers, and how to replay it; with a corpus
 * folder it is saved there as a `.trace` that fails while the bug is there
 * (replay it with `toReplayTrace`, the CLI, or let the Vitest plugin / Jest
 * preset run it as a test). The counterexample also travels with the result
 * as `proxyCounterexample` (Jest keeps it in the failure's `matcherResult`)
 * and, under Vitest, in the test's meta, for the reporters.
 *
 * Seeds: an explicit `seed` is used as given. Otherwise the campaign takes
 * the environment's default (fast-check's global seed, or Jest's seed under
 * Jest), else a random one; under `vitest --shard=i/n` that default is
 * derived per shard with `shardSeed`, so shards search different runs.
 *
 * Replay: a failure's message gives `{ seed, path }`; passed back (with the
 * same other options) the campaign starts at that counterexample and reports
 * it without searching or shrinking. `exports: ['divide']` fuzzes only the
 * exports named.
 */
import fc from 'fast-check';
import { renderDivergence } from '../src/divergence/render.js';
import { ProxyComponentError } from '../src/errors.js';
import { environmentSeed, randomSeed } from '../src/fuzz/seed.js';
import type { MatcherContext, MatcherOutcome } from './core.js';
import { runCampaign, type PropertyCampaign } from './property-campaign.js';
import { renderCounterexample, type FuzzCounterexample } from './property-report.js';

export type { PropertyCampaign } from './property-campaign.js';
export type { FuzzCounterexample } from './property-report.js';

/** Which shard of a sharded run this is (Vitest's `--shard=index/count`). */
export interface ShardInfo {
  readonly index: number;
  readonly count: number;
}

/** What the test framework tells a campaign without a seed of its own. */
export interface CampaignEnvironment {
  /** The seed to start from (Jest's seed under Jest). */
  readonly defaultSeed?: number;
  readonly shard?: ShardInfo;
}

export interface PropertyMatcherContext extends MatcherContext {
  /** Vitest's running test: a failure's counterexample goes to its meta, for proxy-component/reporter. */
  readonly task?: { readonly meta: object };
  /** The test file (Vitest's matcher state): where inline properties are defined, which saved failures name. */
  readonly testPath?: string;
  /** The running test's name (Vitest's matcher state). */
  readonly currentTestName?: string;
}

export interface PropertyOutcome extends MatcherOutcome {
  /** The failure, for reporters (Jest keeps it in the failure's `matcherResult`). */
  readonly proxyCounterexample?: FuzzCounterexample;
}

const GOLDEN = 0x9e3779b1;

/**
 * The seed shard `index` (1-based) of `count` runs for a base seed: shard 1
 * keeps the base (so `--shard=1/1` is an unsharded run); shard i adds
 * (i - 1) × 0x9E3779B1, modulo 2^32, as a signed 32-bit integer. The
 * multiplier is odd, so every shard of a run gets a different seed.
 */
export function shardSeed(base: number, shard: ShardInfo | undefined): number {
  if (shard === undefined || shard.count <= 1) return base;
  return (base + Math.imul(shard.index - 1, GOLDEN)) | 0;
}

let environmentSource: () => CampaignEnvironment = () => ({});

/** Where the matchers learn the test framework's defaults (the Vitest entry installs one that reads the plugin's shard). */
export function useCampaignEnvironment(source: () => CampaignEnvironment): void {
  environmentSource = source;
}

/** The seed a campaign runs with, and the shard it was derived for. */
export function campaignSeed(campaign: PropertyCampaign, environment: CampaignEnvironment): { seed: number; shard?: FuzzCounterexample['shard'] } {
  if (campaign.seed !== undefined) return { seed: campaign.seed };
  const base = environmentSeed() ?? environment.defaultSeed ?? fc.readConfigureGlobal().seed ?? randomSeed();
  const { shard } = environment;
  if (shard === undefined || shard.count <= 1) return { seed: base };
  return { seed: shardSeed(base, shard), shard: { ...shard, baseSeed: base } };
}

/** Fuzzes the component received against the built-in properties and the campaign's own. */
export async function toSatisfyProperties(this: PropertyMatcherContext, received: unknown, campaign: PropertyCampaign = {}): Promise<PropertyOutcome> {
  return checkProperties(this, received, campaign, environmentSource(), 'toSatisfyProperties');
}

/** Fuzzes the component received: no call may trap, fail to return in time, or return an ill-typed value. */
export async function toNeverTrap(this: PropertyMatcherContext, received: unknown, campaign: Omit<PropertyCampaign, 'properties' | 'builtInProperties'> = {}): Promise<PropertyOutcome> {
  return checkProperties(this, received, { ...campaign, properties: undefined, builtInProperties: true }, environmentSource(), 'toNeverTrap');
}

export type PropertyMatcherName = 'toSatisfyProperties' | 'toNeverTrap';

/** The matchers' work, with the environment given (the Jest thread passes Jest's). */
export async function checkProperties(
  context: PropertyMatcherContext,
  received: unknown,
  campaign: PropertyCampaign,
  environment: CampaignEnvironment,
  matcher: PropertyMatcherName,
): Promise<PropertyOutcome> {
  const component = targetPath(received, matcher);
  const { seed, shard } = campaignSeed(campaign ?? {}, environment);
  const test = { ...(context.testPath === undefined ? {} : { testPath: context.testPath }), ...(context.currentTestName === undefined ? {} : { testName: context.currentTestName }) };
  const outcome = await runCampaign(component, campaign ?? {}, seed, matcher, test);
  const printed = context.utils.printReceived(component);
  const runs = `${outcome.runs} run${outcome.runs === 1 ? '' : 's'}`;
  const what = matcher === 'toNeverTrap' ? 'never to trap' : 'to satisfy its properties';
  const { stillFailing } = outcome;
  if (stillFailing !== undefined) {
    return {
      pass: false,
      message: () =>
        `expected ${printed} ${what}, but its saved failure ${stillFailing.file} still fails (saved failures of inline properties replay here before fuzzing; the test fuzzes once they pass):\n\n${renderDivergence(stillFailing.divergence, { color: false })}`,
    };
  }
  if (outcome.failure === undefined) {
    return { pass: true, message: () => `expected ${printed} to break a property, but none failed in ${runs} (seed ${seed}${shard === undefined ? '' : `, shard ${shard.index}/${shard.count}`})` };
  }
  const failure: FuzzCounterexample = shard === undefined ? outcome.failure : { ...outcome.failure, shard };
  if (!context.isNot && context.task !== undefined) (context.task.meta as { proxyCounterexample?: FuzzCounterexample }).proxyCounterexample = failure;
  return {
    pass: false,
    message: () => `expected ${printed} ${what}, but property ${failure.property} failed:\n\n${renderCounterexample(failure)}`,
    proxyCounterexample: failure,
  };
}

function targetPath(received: unknown, matcher: string): string {
  if (typeof received === 'string' && received !== '') return received;
  if (typeof received === 'object' && received !== null && typeof (received as { component?: unknown }).component === 'string') return (received as { component: string }).component;
  throw new ProxyComponentError('USAGE', `${matcher} expects a component path or { component } as the received value, got ${received === null ? 'null' : typeof received}`);
}

/** For `expect.extend` (core.ts adds them to the shared matchers). */
export const propertyMatchers = { toSatisfyProperties, toNeverTrap };

/** The property matchers as `expect(…)` has them under Vitest. */
export interface ProxyPropertyMatchers {
  /**
   * Fuzzes the component (`expect('app.wasm')`) against the built-in
   * properties (no trap, well-typed results) and the campaign's own; fails
   * with the seed, the path and the shrunk counterexample as WAVE calls;
   * saves it to `corpus` when given. Async: `await` it, and give the test
   * time (a campaign takes seconds).
   */
  toSatisfyProperties(campaign?: PropertyCampaign): Promise<void>;
  /** Fuzzes the component: no call may trap, hang past `timeoutMs` or return an ill-typed value. Async: `await` it. */
  toNeverTrap(campaign?: Omit<PropertyCampaign, 'properties' | 'builtInProperties'>): Promise<void>;
}
