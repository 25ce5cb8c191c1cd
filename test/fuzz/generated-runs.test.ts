/**
 * Generated runs kept as they are (the golden corpus of `record --generate`):
 * the fuzzer's runs for a seed, deterministic, run `i` the same however many
 * runs are asked for or where the generation resumes; a run ends at its
 * first trap; only handles that exist are passed; runs the fuzzer would
 * discard are replaced, and a component none of whose runs can be kept, or
 * that cannot start, is an error.
 */
import { fc, test } from '@fast-check/vitest';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadJcoComponent, type JcoComponent } from '../../src/engines/jco/load.js';
import { generateRuns, type GeneratedRun } from '../../src/fuzz/generated-runs.js';
import { importedResources } from '../../src/values/world-resources.js';
import { observedOutcome } from '../../src/fuzz/failure-trace.js';
import { formatExportCall } from '../../src/trace/write.js';
import { greetsWhileStartingComponent, mixerComponent } from '../support/shapes/golden-shapes.js';
import { asksForAStreamComponent, handlesComponent, startTrapsComponent } from '../support/shapes/fuzz-shapes.js';
import { handleLawBreaches } from './support/handle-law.js';

let mixer: JcoComponent;
let handles: JcoComponent;

beforeAll(async () => {
  mixer = await loadJcoComponent(await mixerComponent());
  handles = await loadJcoComponent(await handlesComponent());
});

/** A run as its trace would write it. */
const text = (run: GeneratedRun) => run.calls.map((call) => formatExportCall({ ...call, outcome: observedOutcome(call.result) })).join('\n');

describe('generated runs', () => {
  test.prop([fc.integer()], { numRuns: 5 })('are the same for the same seed, run i whatever the number of runs asked for', async (seed) => {
    const six = await generateRuns(mixer, { runs: 6, seed });
    expect(six).toHaveLength(6);
    expect((await generateRuns(mixer, { runs: 6, seed })).map(text)).toEqual(six.map(text));
    expect((await generateRuns(mixer, { runs: 3, seed })).map(text)).toEqual(six.slice(0, 3).map(text));
  });

  it('go on from a run as they would have gone on (after a run that was stopped)', async () => {
    const all = await generateRuns(mixer, { runs: 8, seed: 7 });
    const from = all[4] as GeneratedRun;
    const rest = await generateRuns(mixer, { runs: 8, seed: 7, from: { run: 4, draw: from.draw } });
    expect(rest.map(text)).toEqual(all.slice(4).map(text));
    expect(rest.map((run) => run.run)).toEqual([4, 5, 6, 7]);
  });

  it('differ between seeds', async () => {
    expect((await generateRuns(mixer, { runs: 5, seed: 1 })).map(text)).not.toEqual((await generateRuns(mixer, { runs: 5, seed: 2 })).map(text));
  });

  it('end at their first trap, which they keep', async () => {
    const runs = await generateRuns(mixer, { runs: 30, seed: 3 });
    const trapping = runs.filter((run) => run.calls.some((call) => call.result.kind === 'trap'));
    expect(trapping.length).toBeGreaterThan(0);
    for (const run of trapping) {
      expect(run.calls.findIndex((call) => call.result.kind === 'trap')).toBe(run.calls.length - 1);
      expect(run.calls.at(-1)).toMatchObject({ name: 'ratio', args: [0] });
    }
  });

  test.prop([fc.integer()], { numRuns: 5 })('pass only handles that exist in the run', async (seed) => {
    const runs = await generateRuns(handles, { runs: 10, seed });
    for (const run of runs) {
      const calls = run.calls.map((call) => ({ function: call.function, args: call.args, imports: call.imports, outcome: observedOutcome(call.result) }));
      expect(handleLawBreaches(calls, importedResources(handles.world))).toEqual([]);
      expect(run.calls.map((call) => call.result.kind)).not.toContain('trap');
    }
  });

  it('replace runs the fuzzer would discard, and fail when none can be kept', async () => {
    const component = await loadJcoComponent(await asksForAStreamComponent());
    const replaced: string[] = [];
    await expect(generateRuns(component, { runs: 2, seed: 1, componentName: 'stream.wasm' }, { onReplaced: (_point, reason) => replaced.push(reason) })).rejects.toMatchObject({
      code: 'FUZZ_INCOMPLETE',
      message: expect.stringMatching(/^generating runs of stream\.wasm stopped after 0 of 2 runs: too many runs had to be replaced \(the last: cannot generate answers for get: its types are not supported yet\)$/),
    });
    expect(replaced.length).toBeGreaterThan(100);
  });

  it('refuse a component that cannot start, saying why', async () => {
    const component = await loadJcoComponent(await startTrapsComponent());
    await expect(generateRuns(component, { runs: 2, seed: 1, componentName: 'start-traps.wasm' })).rejects.toMatchObject({
      code: 'COMPONENT_START',
      message: expect.stringContaining('start-traps.wasm cannot be started, so it cannot be fuzzed: it trapped while starting (in its start function): unreachable'),
    });
  });

  it('refuse a component that calls imports while starting, which no trace can hold', async () => {
    const component = await loadJcoComponent(await greetsWhileStartingComponent());
    await expect(generateRuns(component, { runs: 2, seed: 1, componentName: 'greets.wasm' })).rejects.toMatchObject({
      code: 'WIT_UNSUPPORTED',
      message: 'greets.wasm calls imports while starting (`hello`, 1 in all): a trace holds import calls only inside export calls, so its runs cannot be recorded',
    });
  });
});
