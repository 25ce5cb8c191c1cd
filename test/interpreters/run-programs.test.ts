import { describe, expect, it } from 'vitest';
import type { EngineOutcome, LoadedEngineComponent, PlannedCall } from '../../src/engines/engine.js';
import { instanceLostAt, runPrograms, type ProgramEngine } from '../../src/interpreters/run-programs.js';
import { primitive } from '../../src/wit/types.js';
import type { WorldFunction } from '../../src/wit/world.js';

const RUN: WorldFunction = {
  kind: 'export',
  function: { kind: 'freestanding', name: 'run', params: [{ name: 'program', type: primitive.string }], result: { kind: 'result', ok: primitive.string, err: primitive.string } },
} as unknown as WorldFunction;

/**
 * An engine that behaves as jco does with an instance: a program `trap`
 * traps, `hang` times out (and the engine stops), and after either, every
 * later call of the same run is refused (`cannot enter`, or not run).
 */
function fakeEngine(label: string): ProgramEngine & { runs: string[][] } {
  const runs: string[][] = [];
  const loaded: LoadedEngineComponent = {
    world: { imports: new Map(), exports: new Map() } as unknown as LoadedEngineComponent['world'],
    async run(calls: readonly PlannedCall[]) {
      const programs = calls.map((call) => String(call.args[0]));
      runs.push(programs);
      let lost: 'trap' | 'hang' | undefined;
      const reports = programs.map((program): { outcome: EngineOutcome } => {
        if (lost === 'trap') return { outcome: { kind: 'trap', message: 'cannot enter component instance' } };
        if (lost === 'hang') return { outcome: { kind: 'not-run', reason: 'the engine was stopped' } };
        if (program === 'trap') {
          lost = 'trap';
          return { outcome: { kind: 'trap', message: 'unreachable' } };
        }
        if (program === 'hang') {
          lost = 'hang';
          return { outcome: { kind: 'timeout', ms: 10 } };
        }
        return { outcome: { kind: 'return', value: { tag: 'ok', value: `${program}\n` } } };
      });
      return { engine: label, calls: reports, elapsedMs: 1 };
    },
  };
  return { label, loaded, runs };
}

describe('runPrograms', () => {
  it('runs every program on every engine, in batches, and keeps each outcome in place', async () => {
    const engines = [fakeEngine('a'), fakeEngine('b')];
    const programs = Array.from({ length: 7 }, (_, k) => `p${k}`);

    const runs = await runPrograms(engines, RUN, programs, { timeoutMs: 10, batchSize: 3 });

    for (const reports of runs.reports) expect(reports.map((report) => report.outcome)).toEqual(programs.map((p) => ({ kind: 'return', value: { tag: 'ok', value: `${p}\n` } })));
    expect(engines[0]?.runs).toEqual([['p0', 'p1', 'p2'], ['p3', 'p4', 'p5'], ['p6']]);
    expect(runs.tallies.map((tally) => [tally.engine, tally.programs])).toEqual([['a', 7], ['b', 7]]);
  });

  it('gives the programs after a trap or a timeout a fresh instance: one bad program costs only its own outcome', async () => {
    const engine = fakeEngine('jco');
    const programs = ['p0', 'trap', 'p2', 'hang', 'p4', 'p5'];

    const runs = await runPrograms([engine], RUN, programs, { timeoutMs: 10, batchSize: 10 });

    expect(runs.reports[0]?.map((report) => report.outcome.kind)).toEqual(['return', 'trap', 'return', 'timeout', 'return', 'return']);
    expect(runs.reports[0]?.[1]?.outcome).toEqual({ kind: 'trap', message: 'unreachable' });
    expect(engine.runs).toEqual([programs, ['p2', 'hang', 'p4', 'p5'], ['p4', 'p5']]);
  });

  it('finds where an instance was lost', () => {
    const ok = { outcome: { kind: 'return' } } as const;

    expect(instanceLostAt([ok, ok])).toBe(-1);
    expect(instanceLostAt([ok, { outcome: { kind: 'trap', message: 'x' } }, ok])).toBe(1);
    expect(instanceLostAt([{ outcome: { kind: 'timeout', ms: 1 } }])).toBe(0);
  });
});
