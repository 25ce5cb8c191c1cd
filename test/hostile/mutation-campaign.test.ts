/**
 * The mutation campaign, small, in the suite (scripts/mutation/campaign.ts;
 * `npm run mutate -- --count 10000` runs a long one): mutants of the
 * examples' real traces (byte flips, line deletions, duplications and swaps,
 * truncation, huge and deeply nested values, bytes that are not UTF-8, CRLF,
 * a BOM, unknown names, wrong arities, header edits, and recorded values
 * changed), and broken components (truncated, flipped, random bytes, a core
 * module, a start function that traps or loops). Every command ends with exit
 * 0, 1 or 2, prints no stack trace, does not hang, names the line and column
 * of a trace it refuses, and never passes a mutant that changes a value the
 * component depends on.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Campaign } from '../../scripts/mutation/campaign.js';
import { componentMutantArbitrary, type ComponentMutant } from '../../scripts/mutation/component-mutants.js';
import { traceMutantArbitrary } from '../../scripts/mutation/trace-mutants.js';

let campaign: Campaign;

beforeAll(async () => {
  campaign = await Campaign.open();
}, 300_000);

afterAll(async () => campaign?.close());

describe('the mutation campaign', () => {
  it('mutants of real traces: exit 0, 1 or 2, no stack trace, no hang, refusals located, no silent pass', async () => {
    await fc.assert(
      fc.asyncProperty(traceMutantArbitrary(campaign.corpus), async (mutant) => {
        expect(await campaign.traceMutant(mutant)).toEqual([]);
      }),
      { numRuns: 120 },
    );
    // The campaign saw every kind of verdict: it replays what reads, and refuses what does not.
    expect(Object.keys(campaign.tally.exitCodes).sort()).toEqual(['0', '1', '2']);
  }, 300_000);

  it.each<ComponentMutant['op']>(['start-loops', 'start-traps', 'core-module', 'empty'])('a component that is %s: replay, fuzz and wit end cleanly', async (op) => {
    expect(await campaign.componentMutant({ op } as ComponentMutant)).toEqual([]);
  }, 120_000);

  it('broken components (truncated, flipped, random bytes): replay, fuzz and wit end cleanly', async () => {
    // A fixed seed: each new component is transpiled into the test cache, which must not grow run after run.
    await fc.assert(
      fc.asyncProperty(componentMutantArbitrary, async (mutant) => {
        expect(await campaign.componentMutant(mutant)).toEqual([]);
      }),
      { numRuns: 6, seed: 14 },
    );
  }, 300_000);
});
