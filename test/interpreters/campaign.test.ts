/**
 * Campaigns on the real interpreter components (jco) against the native
 * interpreters: agreement where there is nothing to find, explained
 * differences only, engines that cannot run reported as such, and a planted
 * divergence found, shrunk, listed with the engines on each side, saved to
 * the corpus and replayed.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCampaign } from '../../src/interpreters/campaign.js';
import { LANGUAGES } from '../../src/interpreters/languages.js';
import { renderCampaign, renderReplay } from '../../src/interpreters/render.js';
import type { CampaignReport } from '../../src/interpreters/report.js';
import { replayCorpus } from '../../src/interpreters/replay.js';
import { replayTraceFile } from '../../src/session/replay-file.js';
import { runCli } from '../support/cli.js';
import { BUILD_TIMEOUT_MS, interpreterComponent } from './support/components.js';

const { python, javascript } = LANGUAGES;
const PLANTED = `native-command:node ${fileURLToPath(new URL('./support/sevens-to-eights.cjs', import.meta.url))}`;

let folder = '';
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'interpreter-campaign-'));
  await interpreterComponent(python);
  await interpreterComponent(javascript);
}, BUILD_TIMEOUT_MS);
afterAll(() => rm(folder, { recursive: true, force: true }));

describe('a campaign with nothing to find', () => {
  it('javascript: generated programs on the component (jco) and native node agree, and every rule is listed', async () => {
    const report = await runCampaign({ language: javascript, engines: ['jco', 'native'], programs: 30, seed: 1 });

    expect(report.divergences).toEqual([]);
    expect({ agreed: report.agreed, divergent: report.divergent, timeouts: report.timeouts, notRun: report.notRun }).toEqual({ agreed: 30, divergent: 0, timeouts: [], notRun: [] });
    expect(report.rules.map((rule) => rule.name)).toEqual([...new Set(javascript.rules.map((rule) => rule.name))]);
    // Programs that stopped on their own error were compared through the rules, and the report counts them.
    expect(report.rules.find((rule) => rule.name === 'stack-frames')?.applied).toMatchObject({ jco: expect.any(Number), native: expect.any(Number) });
    expect(report.engines.map((engine) => [engine.name, engine.unavailable])).toEqual([['jco', undefined], ['native', undefined]]);
    expect(renderCampaign(report)).toContain('result: 30 agree, 0 diverge, 0 timeouts (not compared), 0 not run');
  });

  it('python: every divergence between the component and native python3 is a known, explained difference', async () => {
    const report = await runCampaign({ language: python, engines: ['jco', 'native'], programs: 25, seed: 1, shrink: false });

    expect(report.agreed + report.divergent).toBe(25);
    expect(report.agreed).toBeGreaterThan(10);
    expect(report.divergences.filter((divergence) => divergence.explanation === undefined)).toEqual([]);
    expect(report.interpreterVersion).toMatch(/^Python 3\.\d+\.\d+$/);
  });
});

describe('engines that cannot run the component', () => {
  it('are reported as unavailable with the reason, and take no part in the comparison', async () => {
    const report = await runCampaign({ language: javascript, engines: ['jco', 'native', 'native-command:no-such-node', 'native-command:python3'], programs: 5, seed: 2 });

    const unavailable = Object.fromEntries(report.engines.filter((engine) => engine.unavailable !== undefined).map((engine) => [engine.name, engine.unavailable]));
    expect(unavailable).toEqual({
      'native-command:no-such-node': expect.stringContaining('no-such-node not found'),
      // python3 given the JavaScript probe program `console.log(String(1));`
      'native-command:python3': expect.stringMatching(/^the probe program, which prints 1, ended with return err\(.*NameError: name .*console.* is not defined/),
    });
    expect(report.divergent).toBe(0);
    expect(renderCampaign(report)).toContain('native-command:no-such-node  not installed: UNAVAILABLE, cannot run the component: no-such-node not found');
  });
});

describe('a planted divergence', () => {
  let report: CampaignReport;
  const corpus = () => join(folder, 'corpus');

  beforeAll(async () => {
    // Short programs (three statements at most), so that shrinking takes seconds; seed 3's program #2 prints a 7.
    report = await runCampaign({ language: javascript, engines: ['jco', 'native', PLANTED], programs: 20, seed: 3, generator: { maxStatements: 3 }, corpus: corpus() });
  }, 120_000);

  it('is found in the program that prints 7, and shrunk to a program of a line or two', () => {
    expect(report.divergent).toBe(1);
    expect(report.divergences).toHaveLength(1);
    const [divergence] = report.divergences;
    expect(divergence?.found).toEqual([2]);
    expect(divergence?.program.trimEnd().split('\n').length).toBeLessThanOrEqual(2);
    expect(divergence?.original.split('\n').length).toBeGreaterThan(divergence?.program.split('\n').length ?? 0);
    expect(divergence?.program).toMatch(/console\.log\(String\(/);
  });

  it('is listed with the engines on each side, and left unexplained', () => {
    const [divergence] = report.divergences;

    expect(divergence?.verdict).toBe(`${PLANTED} differs from the majority (jco, native)`);
    expect(divergence?.sides).toEqual([
      { engines: ['jco', 'native'], outcome: 'return ok("7\\n")' },
      { engines: [PLANTED], outcome: 'return ok("8\\n")' },
    ]);
    expect(divergence?.explanation).toBeUndefined();
    expect(renderCampaign(report)).toMatch(/divergences: 1 after shrinking, 1 unexplained\n {2}1\. .* differs from the majority \(jco, native\) \(UNEXPLAINED\)/);
  });

  it('is saved to the corpus, where the trace replays the component\'s own result', async () => {
    const files = await readdir(corpus());
    const [divergence] = report.divergences;

    expect(files).toEqual([expect.stringMatching(/^run-interpreters-agree-[0-9a-f]{16}\.trace$/)]);
    expect(divergence?.trace).toBe(join(corpus(), files[0] as string));
    const replayed = await replayTraceFile(divergence?.trace as string);
    expect({ matched: replayed.matched, total: replayed.total, divergence: replayed.divergence }).toEqual({ matched: 1, total: 1, divergence: undefined });
  });

  it('replays from the corpus: the engines still differ, and agree without the planted one', async () => {
    const again = await replayCorpus({ language: javascript, engines: ['jco', 'native', PLANTED], paths: [corpus()] });
    const without = await replayCorpus({ language: javascript, engines: ['jco', 'native'], paths: [corpus()] });

    expect(again.programs.map((program) => [program.program, program.verdict])).toEqual([[report.divergences[0]?.program, `${PLANTED} differs from the majority (jco, native)`]]);
    expect(without.programs.map((program) => program.verdict)).toEqual([undefined]);
    expect(renderReplay(without)).toContain('the engines now agree');
  });

  it('makes the command fail, and its replay too', async () => {
    const engines = `jco,native,${PLANTED}`;

    // Seed 3's program #2 prints a 7 (with the default generator too).
    const campaign = await runCli('interpreters', 'javascript', '--programs', '3', '--seed', '3', '--engines', engines, '--no-shrink');
    const replay = await runCli('interpreters', 'javascript', '--engines', engines, '--replay', corpus());

    expect([campaign.exitCode, replay.exitCode]).toEqual([1, 1]);
    expect(campaign.out).toContain('UNEXPLAINED');
    expect(replay.out).toContain('result: 1 of 1 still diverge, 1 unexplained');
  });
});

describe('the interpreters command', () => {
  it('runs a campaign and says there is no divergence', async () => {
    const run = await runCli('interpreters', 'javascript', '--programs', '8', '--seed', '3', '--engines', 'jco,native');

    expect(run.exitCode).toBe(0);
    expect(run.out).toContain('interpreters campaign: javascript, 8 programs, seed 3');
    expect(run.out).toContain('divergences: none');
  });

  it('refuses an unknown language', async () => {
    const run = await runCli('interpreters', 'ruby');

    expect(run.exitCode).toBe(2);
    expect(run.err).toContain('unknown interpreter language `ruby` (known: python, javascript)');
  });
});
