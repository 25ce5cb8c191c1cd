/**
 * The wasmtime CLI engine: a component without non-WASI imports runs through
 * `wasmtime run --invoke` and agrees with jco (each call in a fresh
 * instance, so only calls that keep no state are compared); a component with
 * other imports is refused with a clear error.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareRuns } from '../../src/differential/compare.js';
import { isProxyComponentError } from '../../src/errors.js';
import { engineByName } from '../../src/engines/registry.js';
import type { PlannedCall } from '../../src/engines/engine.js';
import { worldFunctions } from '../../src/wit/world.js';
import { diceComponent } from './support/components.js';
import { recordedApp, recordedCalc, removeFixtures, requireEngine, type RecordedFixture } from './support/engine-fixtures.js';

const wasmtime = engineByName('wasmtime');
let calc: RecordedFixture;
let app: RecordedFixture;

beforeAll(async () => {
  calc = await recordedCalc();
  app = await recordedApp();
});
afterAll(removeFixtures);

describe('the wasmtime engine', () => {
  it('is installed', async () => {
    await requireEngine(wasmtime);
  });

  it('runs the calc trace from the component file and agrees with jco on the stateless calls', async () => {
    await requireEngine(wasmtime);
    // count() keeps state across calls, which the CLI cannot (one instance per call).
    const stateless = calc.trace.calls.filter((call) => call.function.function.name !== 'count');
    const jco = await (await engineByName('jco').load({ bytes: calc.bytes })).run(stateless);
    const run = await (await wasmtime.load({ bytes: calc.bytes, path: calc.componentPath })).run(stateless);
    const report = compareRuns(stateless, [jco, run]);
    expect(report.agreed, JSON.stringify(report.divergence, null, 2)).toBe(true);
    expect(run.calls.map((call) => call.outcome.kind)).toEqual(['return', 'return', 'return', 'return', 'return', 'return', 'trap']);
    expect(run.calls[6]?.outcome).toMatchObject({ kind: 'trap', message: expect.stringContaining('unreachable') });
    expect(run.calls[0]?.imports).toBeUndefined();
  });

  it('runs from bytes alone too (writes a temporary file)', async () => {
    await requireEngine(wasmtime);
    const run = await (await wasmtime.load({ bytes: calc.bytes })).run(calc.trace.calls.slice(0, 1));
    expect(run.calls[0]?.outcome).toEqual({ kind: 'return', value: 3 });
  });

  it('runs a component whose only imports are WASI, answering them itself (unobserved)', async () => {
    await requireEngine(wasmtime);
    const bytes = await diceComponent();
    const loaded = await wasmtime.load({ bytes });
    const byName = new Map(worldFunctions(loaded.world, 'export').map((fn) => [fn.function.name, fn]));
    const calls: PlannedCall[] = [
      { name: 'twice', function: byName.get('twice')!, args: [21], imports: [] },
      { name: 'roll', function: byName.get('roll')!, args: [], imports: [] },
    ];
    const jco = await (await engineByName('jco').load({ bytes })).run(calls.slice(0, 1));
    const run = await loaded.run(calls);
    expect(compareRuns(calls.slice(0, 1), [jco, { ...run, calls: run.calls.slice(0, 1) }]).agreed).toBe(true);
    expect(run.calls[0]?.outcome).toEqual({ kind: 'return', value: 42 });
    expect(run.calls[1]?.outcome).toMatchObject({ kind: 'return', value: expect.any(BigInt) });
    expect(run.calls[1]?.imports).toBeUndefined();
  });

  it('refuses a component with non-WASI imports, naming what it needs', async () => {
    await requireEngine(wasmtime);
    const error = await wasmtime.load({ bytes: app.bytes }).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(isProxyComponentError(error)).toBe(true);
    expect((error as Error).message).toContain('test:app/math@0.1.0');
    expect((error as Error).message).toContain('instrumented replay component (proxy-component instrument, not built yet)');
  });
});
