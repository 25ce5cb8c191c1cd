/**
 * Record then replay, on every example, with random export calls: a component
 * replayed against what it recorded must match exactly, and a recorded trace
 * must survive printing, reading and printing again unchanged.
 *
 * Replaying committed traces goes through the replay worker, which runs from
 * dist: build first (`npx tsc -p tsconfig.build.json`).
 */
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { replayTrace } from '../../src/host/replay.js';
import { replayTraceFile } from '../../src/session/replay-file.js';
import { formatTrace } from '../../src/trace/write.js';
import { EXAMPLES, exampleDir } from '../../scripts/build-examples.js';
import { exportCallsArbitrary, loadExample, printAndRead, recordCalls, type LoadedExample } from './example-harness.js';

/** Runs per example: each run instantiates the component twice (QuickJS: about 40 ms each). */
const NUM_RUNS: Record<string, number> = { 'kv-js': 25, 'calculator-wat': 150 };

describe.each(EXAMPLES)('example $name', (example) => {
  let loaded: LoadedExample;

  beforeAll(async () => {
    loaded = await loadExample(example);
  });

  it('replays random recorded calls with no divergence, and its traces print, read and print back identically', async () => {
    await fc.assert(
      fc.asyncProperty(exportCallsArbitrary(loaded, 6), async (calls) => {
        const trace = await recordCalls(loaded, calls);
        const { text, reread } = printAndRead(loaded, trace);

        expect(formatTrace(reread)).toBe(text);
        const report = await replayTrace(loaded.component, reread);
        expect(report).toEqual({ matched: calls.length, total: calls.length });
      }),
      { numRuns: NUM_RUNS[example.name] ?? 25 },
    );
  });

  it('replays each committed trace through the replay worker, finding the build from the trace header', async () => {
    for (const trace of example.traces) {
      const result = await replayTraceFile(join(exampleDir(example), trace.file));

      expect(result.divergence).toBeUndefined();
      expect(result).toMatchObject({ matched: trace.invocations.length, total: trace.invocations.length });
      expect(result.component).toBe(join(exampleDir(example), example.main.output));
    }
  });
});
