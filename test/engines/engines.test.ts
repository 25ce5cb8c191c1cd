/**
 * Every engine setup-engines.sh installs runs real traces of real components
 * and agrees with jco, call by call, value by value. A missing engine fails
 * its tests with the install command.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareRuns } from '../../src/differential/compare.js';
import type { EngineRun, PlannedCall } from '../../src/engines/engine.js';
import { jcoEngine } from '../../src/engines/in-process/jco-engine.js';
import { engineByName } from '../../src/engines/registry.js';
import { worldFunctions } from '../../src/wit/world.js';
import { recordedApp, recordedCalc, removeFixtures, requireEngine, type RecordedFixture } from './support/engine-fixtures.js';

let app: RecordedFixture;
let calc: RecordedFixture;
let jcoApp: EngineRun;
let jcoCalc: EngineRun;

beforeAll(async () => {
  app = await recordedApp();
  calc = await recordedCalc();
  jcoApp = await (await jcoEngine.load({ bytes: app.bytes })).run(app.trace.calls);
  jcoCalc = await (await jcoEngine.load({ bytes: calc.bytes })).run(calc.trace.calls);
});
afterAll(removeFixtures);

describe('the jco engine', () => {
  it('reproduces the recorded outcomes and import calls of the app trace', () => {
    // Arrange: the trace recorded with the real host
    const recorded = app.trace.calls;

    // Act: compare with what the engine did (the trace is a run of its own)
    const traceRun: EngineRun = {
      engine: 'trace',
      elapsedMs: 0,
      calls: recorded.map((call) => ({ outcome: call.outcome, imports: call.imports.map(({ name, function: fn, args }) => ({ name, function: fn, args })) })),
    };
    const report = compareRuns(recorded, [traceRun, jcoApp]);

    // Assert
    expect(report.verdict, JSON.stringify(report.divergence)).toBe('agree');
    expect(jcoApp.calls.map((call) => call.outcome.kind)).toEqual(['return', 'return', 'return', 'return', 'trap']);
    expect(jcoApp.calls[0]?.outcome).toEqual({ kind: 'return', value: 41 });
  });

  it('traps a call whose import has no answer left, saying which import', async () => {
    const call = app.trace.calls[0] as PlannedCall;
    const run = await (await jcoEngine.load({ bytes: app.bytes })).run([{ ...call, imports: [] }]);
    expect(run.calls[0]?.outcome).toEqual({ kind: 'trap', message: 'no answer left for import `test:app/math.double@0.1.0`' });
    expect(run.calls[0]?.imports?.map((made) => made.args)).toEqual([[20]]);
  });
});

describe.each(['node', 'bun', 'deno', 'gjs', 'jsc'])('the %s engine', (name) => {
  const engine = engineByName(name);

  it('is installed', async () => {
    await requireEngine(engine);
  });

  it('runs the app trace (imports answered from the trace) and agrees with jco', async () => {
    await requireEngine(engine);
    const run = await (await engine.load({ bytes: app.bytes })).run(app.trace.calls);
    const report = compareRuns(app.trace.calls, [jcoApp, run]);
    expect(run.failure).toBeUndefined();
    expect(report.verdict, JSON.stringify(report.divergence, null, 2)).toBe('agree');
    expect(run.calls[1]?.outcome).toEqual({ kind: 'return', value: { tag: 'some', value: 'Hello, Ada' } });
    expect(run.calls[1]?.imports?.map((made) => [made.name, made.args])).toEqual([['test:app/math.lookup@0.1.0', ['ada']]]);
  });

  it('runs the calc trace (u64 wrap, results, NaN with a payload, -0, a trap) and agrees with jco', async () => {
    await requireEngine(engine);
    const run = await (await engine.load({ bytes: calc.bytes })).run(calc.trace.calls);
    const report = compareRuns(calc.trace.calls, [jcoCalc, run]);
    expect(report.verdict, JSON.stringify(report.divergence, null, 2)).toBe('agree');
    const outcomes = run.calls.map((call) => call.outcome);
    expect(outcomes[1]).toEqual({ kind: 'return', value: 0n });
    expect(outcomes[3]).toEqual({ kind: 'return', value: 2 }); // state carries from call to call
    expect(outcomes[4]).toEqual({ kind: 'return', value: { tag: 'err', value: 'division by zero' } });
    expect(outcomes[6]).toMatchObject({ kind: 'return' });
    expect(Number.isNaN((outcomes[6] as { value: number }).value)).toBe(true);
    expect(Object.is((outcomes[7] as { value: number }).value, -0)).toBe(true);
    expect(outcomes[8]?.kind).toBe('trap');
  });

  it('traps a call whose import has no answer left, naming the import as jco does', async () => {
    await requireEngine(engine);
    const call = app.trace.calls[0] as PlannedCall;
    const run = await (await engine.load({ bytes: app.bytes })).run([{ ...call, imports: [] }]);
    expect(run.calls[0]?.outcome).toMatchObject({ kind: 'trap', message: expect.stringContaining('no answer left for import `test:app/math.double@0.1.0`') });
    expect(run.calls[0]?.imports?.map((made) => made.args)).toEqual([[20]]);
  });

  it('stops a call that never returns and reports a timeout, the later calls not run', async () => {
    await requireEngine(engine);
    const loaded = await engine.load({ bytes: calc.bytes });
    const byName = new Map(worldFunctions(loaded.world, 'export').map((fn) => [fn.function.name, fn]));
    const call = (fn: string): PlannedCall => ({ name: fn, function: byName.get(fn)!, args: [], imports: [] });
    const started = performance.now();
    const run = await loaded.run([call('count'), call('spin'), call('count')], { timeoutMs: 1000 });
    expect(run.calls.map((report) => report.outcome.kind)).toEqual(['return', 'timeout', 'not-run']);
    expect(performance.now() - started).toBeLessThan(8000);
  });
});
