import { beforeAll, describe, expect, it } from 'vitest';
import { loadJcoComponent, type JcoComponent } from '../../src/engines/jco/load.js';
import { failureTrace, observedTrace } from '../../src/fuzz/failure-trace.js';
import { replayTrace } from '../../src/host/replay.js';
import { readTrace } from '../../src/trace/read.js';
import { fuzz } from '../../src/fuzz/fuzz.js';
import { defineProperty } from '../../src/fuzz/property.js';
import { formatTrace } from '../../src/trace/write.js';
import { counterComponent, limitsComponent } from './support/fuzz-components.js';

let limits: JcoComponent;
let fixed: JcoComponent;
let counter: JcoComponent;

beforeAll(async () => {
  limits = await loadJcoComponent(await limitsComponent());
  fixed = await loadJcoComponent(await limitsComponent(true));
  counter = await loadJcoComponent(await counterComponent());
});

/** The saved-failure trace of a report, without its header (which names the build and the tool version). */
function traceBody(component: JcoComponent, report: Awaited<ReturnType<typeof fuzz>>): string {
  if (report.failure === undefined) throw new Error('no failure');
  return formatTrace(failureTrace(component, report.failure, { seed: report.seed })).split('\n').slice(1).join('\n');
}

describe('fuzz', () => {
  it('finds a trap reachable only through an import result and shrinks it to one call with that result', async () => {
    const report = await fuzz(limits, { seed: 3, runs: 200 });
    expect(report.failure).toMatchObject({ property: 'no-trap', reason: '`divide` trapped: wasm trap: integer divide by zero' });
    expect(traceBody(limits, report)).toBe(
      [
        'export divide(0)',
        '  import test:fuzz/env.get-limit@0.1.0() -> 0',
        '  # observed: trap "wasm trap: integer divide by zero"',
        'expect well-typed no-trap',
        '',
      ].join('\n'),
    );
  });

  it('finds the same failure, by the same path, for the same seed', async () => {
    const first = await fuzz(limits, { seed: 99, runs: 200 });
    const second = await fuzz(limits, { seed: 99, runs: 200 });
    expect(second.failure?.path).toBe(first.failure?.path);
    expect(traceBody(limits, second)).toBe(traceBody(limits, first));
  });

  it('finds a failure that needs an empty string from an import', async () => {
    // Only name-length's own traps count (a trap poisons the instance for later calls).
    const nameLength = defineProperty('name-length-returns', ({ call, history }) =>
      call.name !== 'name-length' || call.result.kind !== 'trap' || history.some((earlier) => earlier.result.kind === 'trap'),
    );
    const report = await fuzz(limits, { seed: 3, runs: 300, builtInProperties: false, properties: [nameLength] });
    expect(traceBody(limits, report)).toBe(
      [
        'export name-length()',
        '  import test:fuzz/env.get-name@0.1.0() -> ""',
        '  # observed: trap "wasm trap: wasm `unreachable` instruction executed"',
        'expect name-length-returns',
        '',
      ].join('\n'),
    );
  });

  it('finds a bug that needs state, shrunk to the shortest sequence of calls', async () => {
    const report = await fuzz(counter, { seed: 5, runs: 300 });
    expect(traceBody(counter, report).split('\n').filter((line) => line.startsWith('export '))).toEqual([
      'export incr()',
      'export incr()',
      'export incr()',
      'export total()',
    ]);
  });

  it('reports no failure for the fixed build, with coverage of what it produced', async () => {
    const report = await fuzz(fixed, { seed: 1, runs: 150 });
    expect(report.failure).toBeUndefined();
    expect(report.runs).toBe(150);
    expect(report.coverage.lines).toContainEqual({ label: 'u32', unit: 'edges', all: ['0', '1', 'max', 'max-1'], seen: ['0', '1', 'max', 'max-1'] });
  });

  it('checks user properties over arguments, results and import calls, sync or async', async () => {
    const quotient = defineProperty('quotient-at-most-x', async ({ call }) => {
      if (call.name !== 'divide' || call.result.kind !== 'return') return true;
      const limit = call.imports[0]?.outcome;
      expect(limit?.kind).toBe('return');
      // A limit of 1 returns x itself, which is fine; the property is deliberately wrong for x > 100.
      return (call.result.value as number) <= 100 || (call.args[0] as number) <= 100;
    });
    const report = await fuzz(fixed, { seed: 11, runs: 300, properties: [quotient] });
    expect(report.failure?.property).toBe('quotient-at-most-x');
    const [call] = report.failure?.calls.slice(-1) ?? [];
    expect(call?.name).toBe('divide');
    expect(call?.args[0] as number).toBeGreaterThan(100);
  });

  it('a property that throws fails with its message', async () => {
    const never = defineProperty('never-add', ({ call }) => {
      if (call.name === 'add') throw new Error('add must not be called');
    });
    const report = await fuzz(fixed, { seed: 2, runs: 100, properties: [never] });
    expect(report.failure).toMatchObject({ property: 'never-add', reason: 'add must not be called' });
    expect(report.failure?.calls.map((call) => call.name)).toEqual(['add']);
  });

  it('takes an agreement property: the calls so far, replayed on another build, must match', async () => {
    const agrees = defineProperty('agrees-with-fixed', async ({ call, history }) => {
      // Through the text: the other build has its own world, whose functions the trace must name.
      const text = formatTrace(observedTrace(limits, [...history, call]));
      const report = await replayTrace(fixed, readTrace(text, fixed.world));
      if (report.divergence !== undefined) throw new Error(`the builds disagree: ${report.divergence.summary}`);
    });
    const report = await fuzz(limits, { seed: 3, runs: 200, builtInProperties: false, properties: [agrees] });
    expect(report.failure?.reason).toMatch(/^the builds disagree: `(divide|name-length)` returned, the trace expects it to trap$/);
    expect(report.failure?.calls).toHaveLength(1);
  });

  it('replays a failure from its seed and path: the same shrunk counterexample after exactly one run', async () => {
    const found = await fuzz(counter, { seed: 5, runs: 300 });
    const path = found.failure?.path as string;
    expect(path).toMatch(/^\d+(:\d+)+$/);

    const replayed = await fuzz(counter, { seed: 5, path });

    expect(replayed.runs).toBe(1);
    expect(replayed.shrinks).toBe(path.split(':').length - 1);
    expect(replayed.failure?.path).toBe(path);
    expect(traceBody(counter, replayed)).toBe(traceBody(counter, found));
  });

  it('replays a path through generated import answers', async () => {
    const found = await fuzz(limits, { seed: 3, runs: 200 });
    const replayed = await fuzz(limits, { seed: 3, path: found.failure?.path as string });
    expect(replayed.runs).toBe(1);
    expect(replayed.failure?.path).toBe(found.failure?.path);
    expect(traceBody(limits, replayed)).toBe(traceBody(limits, found));
  });

  it('replaying a path on the fixed build reports no failure', async () => {
    const found = await fuzz(limits, { seed: 3, runs: 200 });
    const replayed = await fuzz(fixed, { seed: 3, path: found.failure?.path as string });
    expect(replayed).toMatchObject({ runs: 1, shrinks: 0 });
    expect(replayed.failure).toBeUndefined();
  });

  it('refuses a malformed path, or a path without its seed', async () => {
    await expect(fuzz(limits, { seed: 3, path: '3:x' })).rejects.toMatchObject({ code: 'USAGE', message: expect.stringContaining('got `3:x`') });
    await expect(fuzz(limits, { path: '3:0' })).rejects.toMatchObject({ code: 'USAGE', message: expect.stringContaining('give the seed') });
  });

  it('calls only the exports named', async () => {
    const called = new Set<string>();
    const record = defineProperty('record-names', ({ call }) => void called.add(call.name));
    const report = await fuzz(limits, { seed: 3, runs: 100, exports: ['add', 'name-length'], properties: [record] });
    expect([...called].sort()).toEqual(['add', 'name-length']);
    expect(report.failure?.calls.map((call) => call.name)).toEqual(['name-length']);
  });

  it('an unknown export name is a usage error naming the exports that exist', async () => {
    await expect(fuzz(limits, { seed: 1, exports: ['divide', 'nope'] })).rejects.toMatchObject({
      code: 'USAGE',
      message: expect.stringContaining('no export `nope`; it exports `divide`, `name-length`, `add`'),
    });
    await expect(fuzz(limits, { seed: 1, exports: [] })).rejects.toMatchObject({ code: 'USAGE' });
  });
});
