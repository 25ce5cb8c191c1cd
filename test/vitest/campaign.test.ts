/**
 * `proxy-component/vitest/campaign`: `bindingsCampaign` declares a bindings
 * campaign as a test of the file it is called in (this one: its report is
 * kept and checked by the next test); `assertBindings`, its body, throws
 * the rendered report when a finding is confirmed, writing the finding's
 * folder first, and says so when no engine could run any case.
 */
import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BindingsCampaignReport } from '../../src/campaign/report.js';
import { FUNCTION_KINDS } from '../../src/campaign/bindings-case.js';
import { jcoEngine } from '../../src/engines/in-process/jco-engine.js';
import { assertBindings, bindingsCampaign } from '../../src/vitest/campaign.js';
import { faultyJco } from '../support/faulty-jco.js';

const reports: BindingsCampaignReport[] = [];

describe('bindingsCampaign', () => {
  // jco-transpile lets invalid handles through (test/campaign/invalid-handles.test.ts): every other kind.
  const kinds = FUNCTION_KINDS.filter((kind) => kind !== 'invalid-handle');
  bindingsCampaign({ count: 6, seed: 9, engines: ['jco'], encodings: ['utf8', 'utf16'], kinds, onReport: (report) => reports.push(report) });

  it('ran the campaign before this test, as a test named by its seed', () => {
    expect(reports).toHaveLength(1);
    expect(reports[0]?.seed).toBe(9);
    expect(reports[0]?.cases).toBe(6);
    expect(reports[0]?.engines[0]?.calls).toBeGreaterThan(0);
    expect(reports[0]?.findings).toEqual([]);
  });
});

/** jco, with every u32 result one more. */
const wrongU32 = faultyJco('wrong-u32', 'jco, with u32 results one more', {
  reports: (reports, calls) =>
    reports.map((report, i) =>
      calls[i]?.function.function.result?.kind === 'u32' && report.outcome.kind === 'return' ? { ...report, outcome: { kind: 'return' as const, value: ((report.outcome.value as number) + 1) >>> 0 } } : report,
    ),
});

describe('assertBindings', () => {
  it('throws the report of a confirmed finding, and writes its folder', async () => {
    const reportDir = await mkdtemp(join(tmpdir(), 'pc-campaign-'));
    // Resources count their drops in a u32: the faulty engine gets `dropped-f0()` wrong.
    const run = assertBindings({ count: 4, seed: 1, engines: [jcoEngine, wrongU32], encodings: ['utf8'], kinds: ['resource'], shrinkTimeMs: 20_000, reportDir });

    await expect(run).rejects.toThrow(/finding 1: wrong value on wrong-u32 \(confirmed on a fresh run\)[\s\S]*calls: {4}test:campaign\/res\.\[constructor\]f0/);
    expect((await readdir(reportDir)).length).toBe(1);
  }, 120_000);

  it('fails when no engine could run any case', async () => {
    await expect(assertBindings({ count: 1, seed: 1, engines: ['jco'], encodings: ['compact-utf16'] })).rejects.toThrow(/^no engine could run any case/);
  }, 60_000);
});
