/**
 * `npm run mutate -- --count 10000 [--seed S] [--components 0.1]`: a long
 * mutation campaign (scripts/mutation/campaign.ts) over the examples' traces
 * and over broken components; prints the counts (crashes, hangs, silent
 * passes, by exit code) and the first findings of each kind, and exits 1 when
 * there is any finding.
 *
 * Transpiled components go to a cache of the campaign's own, removed at the
 * end, so that thousands of mutants leave nothing in the user's cache.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { isProxyComponentError, ProxyComponentError } from '../src/errors.js';
import { integerOption, seedOption } from '../src/cli/option-values.js';
import { Campaign, formatTally, type FindingKind } from './mutation/campaign.js';
import { componentMutantArbitrary } from './mutation/component-mutants.js';
import { traceMutantArbitrary } from './mutation/trace-mutants.js';

/** The text after `--name`, or undefined when it is not given. */
function optionText(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at < 0 ? undefined : (process.argv[at + 1] ?? '');
}

/** The options, read as the CLI reads its own (src/cli/option-values.ts); a bad one is a usage error, exit 2. */
function readOptions(): { count: number; seed: number; componentShare: number } {
  const count = optionText('count');
  const seed = optionText('seed');
  const share = optionText('components');
  const componentShare = share === undefined ? 0.1 : Number(share);
  if (share !== undefined && (share.trim() === '' || !Number.isFinite(componentShare) || componentShare < 0 || componentShare > 1)) {
    throw new ProxyComponentError('USAGE', `--components is the share of component mutants, from 0 to 1, got \`${share}\``);
  }
  return {
    count: count === undefined ? 1000 : integerOption(count, '--count', 1),
    seed: seed === undefined ? Math.floor(Math.random() * 2 ** 31) : seedOption(seed),
    componentShare,
  };
}

let options: ReturnType<typeof readOptions>;
try {
  options = readOptions();
} catch (error) {
  if (!isProxyComponentError(error)) throw error;
  console.error(`error: ${error.message}`);
  process.exit(2);
}
const { count, seed, componentShare } = options;

const cache = await mkdtemp(join(tmpdir(), 'pc-mutation-cache-'));
process.env['PROXY_COMPONENT_CACHE'] = cache;
const campaign = await Campaign.open();
const started = performance.now();
const components = Math.round(count * componentShare);
console.log(`mutation campaign: ${count - components} trace mutants and ${components} component mutants, seed ${seed}`);
let done = 0;
const progress = () => {
  done++;
  if (done % 250 === 0) console.log(`  ${done}/${count} (${Math.round((performance.now() - started) / 1000)} s, ${campaign.tally.findings.length} findings)`);
};
try {
  await fc.check(
    fc.asyncProperty(traceMutantArbitrary(campaign.corpus), async (mutant) => {
      await campaign.traceMutant(mutant);
      progress();
    }),
    { numRuns: count - components, seed, endOnFailure: true },
  );
  if (components > 0) {
    await fc.check(
      fc.asyncProperty(componentMutantArbitrary, async (mutant) => {
        await campaign.componentMutant(mutant);
        progress();
      }),
      { numRuns: components, seed: seed + 1, endOnFailure: true },
    );
  }
} finally {
  await campaign.close();
  await rm(cache, { recursive: true, force: true });
}
const { tally } = campaign;
console.log(`\n${formatTally(tally)}time: ${Math.round((performance.now() - started) / 1000)} s`);
const kinds = [...new Set(tally.findings.map((finding) => finding.kind))] as FindingKind[];
for (const kind of kinds) {
  const found = tally.findings.filter((finding) => finding.kind === kind);
  console.log(`\n${kind} (${found.length}), the first:`);
  for (const finding of found.slice(0, 5)) console.log(`  - ${finding.mutant}\n    ${finding.command}\n    ${finding.detail}`);
}
process.exitCode = tally.findings.length === 0 ? 0 : 1;
