import { beforeAll, describe, expect, it } from 'vitest';
import { loadJcoComponent, type JcoComponent } from '../../src/engines/jco/load.js';
import { failureTrace } from '../../src/fuzz/failure-trace.js';
import { fuzz } from '../../src/fuzz/fuzz.js';
import { defineProperty } from '../../src/fuzz/property.js';
import { replayTrace } from '../../src/host/replay.js';
import { readTrace } from '../../src/trace/read.js';
import { formatTrace } from '../../src/trace/write.js';
import { thingsComponent } from './support/fuzz-components.js';

let things: JcoComponent;
let fixed: JcoComponent;

beforeAll(async () => {
  things = await loadJcoComponent(await thingsComponent());
  fixed = await loadJcoComponent(await thingsComponent(true));
});

/** Only one export's own traps count (a trap poisons the instance for the calls after it). */
const returns = (name: string) =>
  defineProperty(`${name.replace(/\W+/g, '-').replace(/^-|-$/g, '')}-returns`, ({ call, history }) =>
    !call.name.includes(name) || call.result.kind !== 'trap' || history.some((earlier) => earlier.result.kind === 'trap'),
  );

describe('fuzzing resources', () => {
  it('makes handles of the resources the host implements, and answers their methods', async () => {
    const property = returns('measure');
    const report = await fuzz(things, { seed: 1, runs: 300, builtInProperties: false, properties: [property] });
    const text = formatTrace(failureTrace(things, report.failure as never, { seed: report.seed }));
    expect(text.split('\n').slice(1, 3)).toEqual(['export measure(#1)', '  import test:fuzz/res.[method]thing.size@0.1.0(#1) -> 0']);
    expect((await replayTrace(things, readTrace(text, things.world), { properties: [property] })).divergence?.kind).toBe('property');
    expect(await replayTrace(fixed, readTrace(text, fixed.world), { properties: [property] })).toEqual({ matched: 1, total: 1 });
  });

  it('passes the handles the component made back to it, so a bug that needs one resource used three times is found', async () => {
    const property = returns('bump');
    const report = await fuzz(things, { seed: 2, runs: 500, builtInProperties: false, properties: [property] });
    const text = formatTrace(failureTrace(things, report.failure as never, { seed: report.seed }));
    const calls = text.split('\n').filter((line) => line.startsWith('export '));
    expect(calls).toHaveLength(4);
    expect(calls[0]).toMatch(/^export test:fuzz\/api\.\[constructor\]counter@0\.1\.0\(\d+\)$/);
    expect(calls.slice(1)).toEqual(Array(3).fill('export test:fuzz/api.[method]counter.bump@0.1.0(#1)'));
    expect((await replayTrace(things, readTrace(text, things.world), { properties: [property] })).divergence?.kind).toBe('property');
    expect(await replayTrace(fixed, readTrace(text, fixed.world), { properties: [property] })).toEqual({ matched: 4, total: 4 });
  });

  it('skips calls that need a handle of the component’s own resource before it made any', async () => {
    const seen: string[] = [];
    const record = defineProperty('record', ({ call, history }) => void (history.length === 0 && seen.push(call.name)));
    await fuzz(fixed, { seed: 3, runs: 200, properties: [record] });
    // A run never starts with a method of `counter`: there is no counter to call it on yet.
    expect(seen.some((name) => name.includes('[method]counter'))).toBe(false);
    expect(new Set(seen)).toEqual(new Set(['measure', 'fresh', 'test:fuzz/api.[constructor]counter@0.1.0']));
  });
});
