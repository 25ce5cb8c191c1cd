/**
 * A small bindings campaign on jco in this process: generated worlds of echo
 * functions over every WIT value type, each call checked against its
 * argument. jco round-trips every value, so none may fail; a generator or
 * ABI mistake in our own WAT (a wrong offset, a wrong coercion) fails here.
 */
import { describe, expect, it } from 'vitest';
import { runBindingsCampaign } from '../../src/campaign/campaign.js';
import { jcoEngine } from '../../src/engines/in-process/jco-engine.js';

describe('campaign bindings on jco', () => {
  it('runs generated cases in every string encoding jco supports and finds every echo right', async () => {
    const report = await runBindingsCampaign({ engines: [jcoEngine], count: 12, seed: 42, generator: { encodings: ['utf8', 'utf16'] } });
    expect(report.findings).toEqual([]);
    expect(report.unshrunk).toBe(0);
    expect(report.notRun).toEqual([]);
    expect(report.cases).toBe(12);
    expect(report.calls).toBeGreaterThan(100);
    expect(report.engines[0]?.calls).toBe(report.calls);
  });

  it('reports latin1+utf16 components, which jco cannot transpile, as not run, never as a finding', async () => {
    const report = await runBindingsCampaign({ engines: [jcoEngine], count: 1, seed: 1, generator: { encodings: ['compact-utf16'] } });
    expect(report.findings).toEqual([]);
    expect(report.notRun).toHaveLength(1);
    expect(report.notRun[0]?.engine).toBe('jco');
    expect(report.engines[0]?.calls).toBe(0);
  });
});
