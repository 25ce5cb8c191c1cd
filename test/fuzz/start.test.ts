/**
 * A fuzz campaign that cannot make its runs is an error, never a pass: a
 * component whose start function traps or exits cannot be fuzzed
 * (COMPONENT_START), and a campaign that ends with fewer runs than asked for
 * any other reason than a failure found says so (FUZZ_INCOMPLETE).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadJcoComponent, type JcoComponent } from '../../src/engines/jco/load.js';
import { fuzz } from '../../src/fuzz/fuzz.js';
import { asksForAStreamComponent, exitsInCallComponent, startExitsComponent, startTrapsComponent } from '../support/shapes/fuzz-shapes.js';
import { limitsComponent } from './support/fuzz-components.js';

let startTraps: JcoComponent;
let startExits: JcoComponent;
let exitsInCall: JcoComponent;
let fixedLimits: JcoComponent;

beforeAll(async () => {
  startTraps = await loadJcoComponent(await startTrapsComponent());
  startExits = await loadJcoComponent(await startExitsComponent());
  exitsInCall = await loadJcoComponent(await exitsInCallComponent());
  fixedLimits = await loadJcoComponent(await limitsComponent(true));
});

describe('a component that cannot start', () => {
  it('is an error naming the component, when its start function traps', async () => {
    await expect(fuzz(startTraps, { seed: 1, runs: 100, componentName: 'build/start-traps.wasm' })).rejects.toMatchObject({
      code: 'COMPONENT_START',
      message: 'build/start-traps.wasm cannot be started, so it cannot be fuzzed: it trapped while starting (in its start function): unreachable (in run 1 of 100)',
    });
  });

  it('is an error when it calls wasi:cli/exit while starting', async () => {
    await expect(fuzz(startExits, { seed: 1, runs: 10 })).rejects.toMatchObject({
      code: 'COMPONENT_START',
      message: 'the component cannot be started, so it cannot be fuzzed: it exited while starting: it called wasi:cli/exit.exit@0.2.0(err) (in run 1 of 10)',
    });
  });
});

describe('wasi:cli/exit during a call', () => {
  it('ends the call, as a failure of no-trap that says the component exited', async () => {
    const report = await fuzz(exitsInCall, { seed: 1, runs: 50, exports: ['quit'] });
    expect(report.failure).toMatchObject({ property: 'no-trap', reason: '`quit` trapped: the component exited: it called wasi:cli/exit.exit@0.2.0(err)' });
    expect(report.failure?.calls[0]?.imports.map((call) => [call.name, call.outcome])).toEqual([
      ['wasi:cli/exit.exit@0.2.0', { kind: 'trap', message: 'the component exited: it called wasi:cli/exit.exit@0.2.0(err)' }],
    ]);
  });
});

describe('a campaign that ends early', () => {
  it('is an error saying after how many runs and why, when a run cannot be made', async () => {
    const broken = {
      beforeCall: () => {
        throw new Error('the watchdog lost its heartbeat');
      },
    };
    await expect(fuzz(fixedLimits, { seed: 1, runs: 10, supervision: { hooksFor: (path) => (path === '3' ? broken : undefined) } })).rejects.toMatchObject({
      code: 'FUZZ_INCOMPLETE',
      message: 'fuzzing the component stopped in run 4 of 10: the watchdog lost its heartbeat',
    });
  });

  it('is an error when fast-check gives up because every run was discarded (an import call the host cannot answer)', async () => {
    const asksForAStream = await loadJcoComponent(await asksForAStreamComponent());
    await expect(fuzz(asksForAStream, { seed: 1, runs: 2, componentName: 'asks.wasm' })).rejects.toMatchObject({
      code: 'FUZZ_INCOMPLETE',
      message: 'fuzzing asks.wasm stopped after 0 of 2 runs: 201 runs were discarded for import calls the host could not answer (the last: cannot generate answers for get: its types are not supported yet)',
    });
  });

  it('is not an error when a failure was found, nor when every run was made', async () => {
    const report = await fuzz(fixedLimits, { seed: 1, runs: 30 });
    expect(report).toMatchObject({ runs: 30, discarded: 0 });
    expect(report.failure).toBeUndefined();
  });
});
