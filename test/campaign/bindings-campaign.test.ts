/**
 * A small bindings campaign on jco in this process: generated worlds of every
 * kind of function (echo, import-echo, checksum, resource, import-resource;
 * invalid handles have their own file) over every WIT
 * value type, each call checked against the truth. jco gets all of them
 * right, so none may fail; a generator or ABI mistake in our own WAT (a
 * wrong offset, a wrong coercion, a checksum read at the wrong width, a
 * resource's data lost to the allocator) fails here.
 */
import { describe, expect, it } from 'vitest';
import { FUNCTION_KINDS } from '../../src/campaign/bindings-case.js';
import { campaignCases, runBindingsCampaign } from '../../src/campaign/campaign.js';
import { caseArbitrary } from '../../src/campaign/case-arbitrary.js';
import { jcoEngine } from '../../src/engines/in-process/jco-engine.js';

describe('campaign bindings on jco', () => {
  it('runs generated cases of every kind but invalid handles in every string encoding jco supports and finds every call right', async () => {
    const seed = 42;
    // jco-transpile lets invalid handles through (invalid-handles.test.ts).
    const valid = FUNCTION_KINDS.filter((kind) => kind !== 'invalid-handle');
    const generator = { encodings: ['utf8', 'utf16'], kinds: valid } as const;
    const kinds = new Set(campaignCases(caseArbitrary(generator), seed, 24).flatMap((testCase) => testCase.functions.map((fn) => fn.kind)));
    expect([...kinds].sort()).toEqual([...valid].sort());
    const report = await runBindingsCampaign({ engines: [jcoEngine], count: 24, seed, generator });
    expect(report.findings).toEqual([]);
    expect(report.unshrunk).toBe(0);
    expect(report.notRun).toEqual([]);
    expect(report.cases).toBe(24);
    expect(report.batchOnly).toBe(0);
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
