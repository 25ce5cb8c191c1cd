import { beforeAll, describe, expect, it } from 'vitest';
import { compareRuns, outcomeKey, traceTruth } from '../../src/differential/compare.js';
import type { ExportCall } from '../../src/trace/model.js';
import type { WorldFunction } from '../../src/wit/world.js';
import { functionsOf, made, planned, run } from './support.js';

let calc: Map<string, WorldFunction>;
let app: Map<string, WorldFunction>;
const fn = (map: Map<string, WorldFunction>, name: string) => map.get(name) as WorldFunction;

beforeAll(async () => {
  calc = await functionsOf('calc');
  app = await functionsOf('app');
});

describe('comparing runs of a trace, whose outcomes are the truth', () => {
  const traced = (call: ReturnType<typeof planned>, outcome: ExportCall['outcome'], imports: ExportCall['imports'] = []): ExportCall => ({ ...call, imports, outcome });

  it('names the engines that differ from the trace, even when they are the majority', () => {
    const calls = [traced(planned(fn(calc, 'count')), { kind: 'return', value: 1 })];
    const runs = [run('jco', { kind: 'return', value: 2 }), run('node', { kind: 'return', value: 2 }), run('wasmtime', { kind: 'return', value: 1 })];
    const byVote = compareRuns(calls, runs);
    expect(byVote.divergence).toMatchObject({ oddOnesOut: ['wasmtime'], verdict: 'wasmtime differs from the majority (jco, node)' });
    expect(byVote.divergence?.judge).toBeUndefined();
    const byTrace = compareRuns(calls, runs, { truth: traceTruth(calls) });
    expect(byTrace.divergence).toMatchObject({ oddOnesOut: ['jco', 'node'], verdict: 'jco and node differ from the trace (wasmtime agrees with it)', judge: 'trace' });
  });

  it('judges traps by kind and import calls by their arguments, and names every engine when none agrees with the trace', () => {
    const double = fn(app, 'double');
    const calls = [
      traced(planned(fn(calc, 'crash')), { kind: 'trap', message: 'invalid resource handle' }),
      traced(planned(fn(app, 'run'), 2), { kind: 'return', value: 5 }, [{ name: 'test:app/math.double@0.1.0', function: double, args: [2], outcome: { kind: 'return', value: 4 } }]),
    ];
    const truth = traceTruth(calls);
    const trapped = compareRuns(calls.slice(0, 1), [run('jco', { kind: 'return' }), run('wasmtime', { kind: 'trap', message: 'unknown handle index 3' })], { truth });
    expect(trapped.divergence).toMatchObject({ oddOnesOut: ['jco'], verdict: 'jco differs from the trace (wasmtime agrees with it)' });
    const imports = compareRuns(calls.slice(1), [
      run('jco', { outcome: { kind: 'return', value: 5 }, imports: [made(double, 3)] }),
      run('node', { outcome: { kind: 'return', value: 5 }, imports: [made(double, 4)] }),
    ], { truth: truth.slice(1) });
    expect(imports.divergence).toMatchObject({ aspect: 'imports', oddOnesOut: ['jco', 'node'], verdict: 'jco and node differ from the trace (no engine agrees with it)' });
  });

  it('votes on a call checked by property (`expect`), whose outcome is no truth', () => {
    const call: ExportCall = { ...traced(planned(fn(calc, 'count')), { kind: 'return' }), expect: ['no-trap'] };
    expect(traceTruth([call])).toEqual([undefined]);
  });
});

describe('comparing runs', () => {
  it('treats every NaN as equal and -0 as unlike 0', () => {
    const calls = [planned(fn(calc, 'nan')), planned(fn(calc, 'neg-zero'))];
    const nanBits = new Float32Array(new Uint32Array([0x7fc00001]).buffer)[0] as number;
    const report = compareRuns(calls, [run('jco', { kind: 'return', value: NaN }, { kind: 'return', value: -0 }), run('gjs', { kind: 'return', value: nanBits }, { kind: 'return', value: 0 })]);
    expect(report.divergentCalls).toBe(1);
    expect(report.divergence).toMatchObject({ callIndex: 1, columns: [{ engine: 'jco', outcome: 'return -0' }, { engine: 'gjs', outcome: 'return 0' }] });
  });

  it('compares traps by kind, not message, and shows the messages', () => {
    const calls = [planned(fn(calc, 'crash')), planned(fn(calc, 'crash'))];
    const report = compareRuns(calls, [
      run('jco', { kind: 'trap', message: 'wasm trap: unreachable' }, { kind: 'trap', message: 'a' }),
      run('jsc', { kind: 'trap', message: 'Unreachable code should not be executed' }, { kind: 'return' }),
    ]);
    expect(report.divergence).toMatchObject({ callIndex: 1, columns: [{ outcome: 'trap: a' }, { outcome: 'return' }] });
    expect(outcomeKey(calls[0]!, { kind: 'trap', message: 'x' })).toBe(outcomeKey(calls[0]!, { kind: 'trap', message: 'y' }));
  });

  it('reports timeouts without comparing them', () => {
    const calls = [planned(fn(calc, 'spin')), planned(fn(calc, 'count'))];
    const report = compareRuns(calls, [
      run('jco', { kind: 'timeout', ms: 100 }, { kind: 'not-run', reason: 'an earlier call (#1) timed out' }),
      run('node', { kind: 'return' }, { kind: 'return', value: 1 }),
    ]);
    expect(report.verdict).toBe('agree');
    expect(report.timeouts).toEqual([{ engine: 'jco', callIndex: 0, call: 'spin' }]);
    expect(report.partial).toEqual([{ engine: 'jco', ran: 1, reason: 'an earlier call (#1) timed out' }]);
  });

  it('finds import calls that differ when the outcomes agree', () => {
    const call = { ...planned(fn(app, 'run'), 2) };
    const double = fn(app, 'double');
    const report = compareRuns([call], [
      run('jco', { outcome: { kind: 'return', value: 5 }, imports: [made(double, 2)] }),
      run('node', { outcome: { kind: 'return', value: 5 }, imports: [made(double, 3)] }),
      run('wasmtime', { outcome: { kind: 'return', value: 5 } }),
    ]);
    expect(report.divergence).toMatchObject({
      aspect: 'imports',
      verdict: 'jco and node differ',
      columns: [
        { engine: 'jco', imports: ['test:app/math.double@0.1.0(2)'] },
        { engine: 'node', imports: ['test:app/math.double@0.1.0(3)'] },
        { engine: 'wasmtime', outcome: 'return 5' },
      ],
    });
    expect(report.divergence?.columns[2]).not.toHaveProperty('imports');
  });

  it('compares import calls without their interface version (jco cannot tell two versions of one interface apart)', () => {
    const call = { ...planned(fn(app, 'run'), 2) };
    const double = fn(app, 'double');
    const report = compareRuns([call], [
      run('jco', { outcome: { kind: 'return', value: 5 }, imports: [{ ...made(double, 2), name: 'test:app/math.double@0.2.0' }] }),
      run('wasmtime', { outcome: { kind: 'return', value: 5 }, imports: [made(double, 2)] }),
    ]);
    expect(report.verdict).toBe('agree');
  });

  it('lists an engine that could not run it, never as a divergence, and judges among the others', () => {
    const calls = [planned(fn(calc, 'count'))];
    const failed = { ...run('gjs', { kind: 'not-run', reason: 'gjs failed' }), failure: 'CompileError: unrecognized opcode\n  at driver' };
    const two = compareRuns(calls, [run('jco', { kind: 'return', value: 1 }), failed]);
    expect(two).toMatchObject({ verdict: 'too-few-engines', ran: ['jco'], couldNotRun: [{ engine: 'gjs', reason: 'CompileError: unrecognized opcode' }] });
    expect(two.divergence).toBeUndefined();
    const three = compareRuns(calls, [run('jco', { kind: 'return', value: 1 }), failed, run('node', { kind: 'return', value: 1 })]);
    expect(three).toMatchObject({ verdict: 'agree', ran: ['jco', 'node'], couldNotRun: [{ engine: 'gjs' }] });
  });

  it('still compares what an engine ran before it failed, and leaves it out of the table where it ran nothing', () => {
    const calls = [planned(fn(calc, 'count')), planned(fn(calc, 'count'))];
    const partial = { ...run('wasmtime', { kind: 'return', value: 2 }, { kind: 'not-run', reason: 'stopped' }), failure: 'export call #2 calls an import it cannot answer' };
    const report = compareRuns(calls, [run('jco', { kind: 'return', value: 1 }, { kind: 'return', value: 2 }), partial, run('node', { kind: 'return', value: 1 }, { kind: 'return', value: 2 })]);
    expect(report).toMatchObject({ verdict: 'diverge', ran: ['jco', 'node'], divergence: { callIndex: 0, oddOnesOut: ['wasmtime'] } });
  });

  it('agrees on identical runs and keeps the trace file and line', () => {
    const calls = [{ ...planned(fn(calc, 'add'), 1, 2), line: 4 }];
    const report = compareRuns(calls, [run('jco', { kind: 'return', value: 3 }), run('bun', { kind: 'return', value: 3 })], { file: 'a.trace' });
    expect(report).toMatchObject({ file: 'a.trace', verdict: 'agree', divergentCalls: 0, calls: 1, engines: [{ name: 'jco', elapsedMs: 12 }, { name: 'bun', elapsedMs: 12 }] });
  });
});
