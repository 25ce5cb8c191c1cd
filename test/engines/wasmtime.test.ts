/**
 * The wasmtime CLI engine, through the composed replay component: traces
 * (followed or not), plans without expectations and stateful components all
 * agree with jco, import calls observed, WASI answered from the plan as on
 * jco, the WASI functions that carry resources (stdin's stream) included. A
 * component the CLI cannot run (an async import) loads, and says why (naming
 * the function) as the engine's outcome. Resources across the boundary:
 * wasmtime-resources.test.ts.
 */
import { readFile } from 'node:fs/promises';
import { componentEmbed, componentNew, parse } from '@bytecodealliance/jco-transpile/wasm-tools';
import { fc, test } from '@fast-check/vitest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fuzzPlan } from '../../src/differential/fuzz-plan.js';
import { writeReplayTrace, type TraceEntry } from '../../src/engines/wasmtime/replay-trace.js';
import { valueArbitrary } from '../../src/fuzz/arbitrary.js';
import { compareRuns } from '../../src/differential/compare.js';
import type { EngineRun, PlannedCall, PlannedImport } from '../../src/engines/engine.js';
import { engineByName } from '../../src/engines/registry.js';
import type { ExportCall, Trace } from '../../src/trace/model.js';
import { readTrace } from '../../src/trace/read.js';
import { formatTrace } from '../../src/trace/write.js';
import { decodeComponentWorld } from '../../src/wit/binary/decode.js';
import { worldFunctions, type World, type WorldFunction } from '../../src/wit/world.js';
import type { CallOutcome } from '../../src/trace/model.js';
import { APP_WIT } from '../support/app-component.js';
import { parseWit } from '../../src/wit/load.js';
import { diceComponent } from './support/components.js';
import { clockReader, stdinReader, STDIN_TRACE } from '../support/shapes/wasi-readers.js';
import { twoVersionsComponent } from '../support/shapes/world-shapes.js';
import { runCli } from '../support/cli.js';
import { calculatorComponent, calculatorFolder } from '../instrument/support/world-function-apps.js';
import { recordedApp, recordedCalc, removeFixtures, requireEngine, type RecordedFixture } from './support/engine-fixtures.js';

const wasmtime = engineByName('wasmtime');
const jco = engineByName('jco');
let calc: RecordedFixture;
let app: RecordedFixture;

beforeAll(async () => {
  calc = await recordedCalc();
  app = await recordedApp();
}, 120_000);
afterAll(removeFixtures);

/** A stateful component with an imported interface: add(step) = total += next(step) + next(step + 1). */
const ACC_WIT = `package test:acc@0.1.0;

interface source {
  next: func(step: u32) -> u32;
}

world acc {
  import source;
  export add: func(step: u32) -> u32;
  export total: func() -> u32;
}
`;

const ACC_WAT = `(module
  (import "cm32p2|test:acc/source@0.1" "next" (func $next (param i32) (result i32)))
  (memory (export "cm32p2_memory") 1)
  (global $total (mut i32) (i32.const 0))
  (func (export "cm32p2||add") (param $step i32) (result i32)
    (global.set $total (i32.add (global.get $total)
      (i32.add (call $next (local.get $step)) (call $next (i32.add (local.get $step) (i32.const 1))))))
    (global.get $total))
  (func (export "cm32p2||total") (result i32) (global.get $total)))`;

/** A world-level import function, which the replay component answers like an interface's. */
const LOUD_WIT = `package test:loud@0.1.0;

world loud {
  import log: func(x: u32);
  export shout: func(x: u32);
}
`;

const LOUD_WAT = `(module
  (import "$root" "log" (func $log (param i32)))
  (memory (export "cm32p2_memory") 1)
  (func (export "cm32p2||shout") (param i32) (call $log (local.get 0))))`;

/** An async import function, which no virtualizer can carry: it stays with the host. */
const WAITER_WIT = `package test:waiter@0.1.0;

world waiter {
  import wait: async func(x: u32) -> u32;
  export ping: func() -> u32;
}
`;

async function component(wat: string, wit: string, world: string): Promise<Uint8Array> {
  return componentNew(await componentEmbed({ binary: await parse(wat), witSource: wit, world }));
}

function functionsOf(world: World, direction: 'import' | 'export'): Map<string, WorldFunction> {
  return new Map(worldFunctions(world, direction).map((fn) => [fn.function.name, fn]));
}

/** A trace read as a run of its own, to compare engines with what it records. */
function recordedRun(trace: Trace): EngineRun {
  return {
    engine: 'trace',
    elapsedMs: 0,
    calls: trace.calls.map((call) => ({ outcome: call.outcome, imports: call.imports.map(({ name, function: fn, args }) => ({ name, function: fn, args })) })),
  };
}

/** Runs the calls on jco and on wasmtime and expects them to agree. */
async function agreeWithJco(bytes: Uint8Array, calls: readonly PlannedCall[]): Promise<EngineRun> {
  const reference = await (await jco.load({ bytes })).run(calls);
  const run = await (await wasmtime.load({ bytes })).run(calls);
  const report = compareRuns(calls, [reference, run]);
  expect(run.failure).toBeUndefined();
  expect(report.verdict, JSON.stringify(report.divergence, null, 2)).toBe('agree');
  return run;
}

describe('the wasmtime engine on components without imports or with WASI imports only', () => {
  it('is installed', async () => {
    await requireEngine(wasmtime);
  });

  it('runs the calc trace and agrees with jco, state carried across calls', async () => {
    await requireEngine(wasmtime);
    const run = await agreeWithJco(calc.bytes, calc.trace.calls);
    expect(run.calls.map((call) => call.outcome.kind)).toEqual(['return', 'return', 'return', 'return', 'return', 'return', 'return', 'return', 'trap']);
    expect(run.calls.slice(2, 4).map((call) => call.outcome)).toEqual([{ kind: 'return', value: 1 }, { kind: 'return', value: 2 }]);
    expect(run.calls[8]?.outcome).toMatchObject({ kind: 'trap', message: expect.stringContaining('unreachable') });
  });

  it('answers WASI from the plan, as jco does, and observes the calls', async () => {
    await requireEngine(wasmtime);
    const bytes = await diceComponent();
    const loaded = await wasmtime.load({ bytes });
    const byName = functionsOf(loaded.world, 'export');
    const random = functionsOf(loaded.world, 'import').get('get-random-u64')!;
    const answer: PlannedImport = { name: 'wasi:random/random.get-random-u64@0.2.0', function: random, outcome: { kind: 'return', value: 7n } };
    const calls: PlannedCall[] = [
      { name: 'twice', function: byName.get('twice')!, args: [21], imports: [] },
      { name: 'roll', function: byName.get('roll')!, args: [], imports: [answer] },
    ];
    const run = await agreeWithJco(bytes, calls);
    expect(run.calls.map((call) => call.outcome)).toEqual([{ kind: 'return', value: 42 }, { kind: 'return', value: 7n }]);
    expect(run.calls[1]?.imports?.map((made) => made.name)).toEqual(['wasi:random/random.get-random-u64@0.2.0']);
  });

  it('gives a component that reads the wall clock the plan\'s time, on any plan', async () => {
    await requireEngine(wasmtime);
    const bytes = await clockReader();
    const calls = await fuzzPlan(bytes, { count: 3, seed: 11 });
    const run = await agreeWithJco(bytes, calls);
    const planned = calls.map((call) => (call.imports[0]?.outcome as unknown as { value: { seconds: bigint } }).value.seconds);
    expect(run.calls.map((call) => call.outcome)).toEqual(planned.map((seconds) => ({ kind: 'return', value: seconds })));
  });

  it('fails a WASI call that carries resources when the plan has no answer for it, as jco does', async () => {
    await requireEngine(wasmtime);
    const bytes = await stdinReader();
    const readStdin = worldFunctions(decodeComponentWorld(bytes), 'export').find((fn) => fn.function.name === 'read-stdin')!;
    const unanswered: PlannedCall = { name: 'read-stdin', function: readStdin, args: [], imports: [] };
    const run = await agreeWithJco(bytes, [unanswered, unanswered]);
    expect(run.calls.map((call) => call.outcome)).toEqual([
      { kind: 'trap', message: 'no answer left for import `wasi:cli/stdin.get-stdin@0.2.0`' },
      { kind: 'not-run', reason: 'export call #1 trapped (the host failed an import): a trapped instance cannot be entered again' },
    ]);
    expect(run.calls[0]?.imports?.map((made) => made.name)).toEqual(['wasi:cli/stdin.get-stdin@0.2.0']);
  });

  it('answers WASI calls that carry resources (a stdin stream) from the plan, as jco does', async () => {
    await requireEngine(wasmtime);
    const bytes = await stdinReader();
    const trace = readTrace(STDIN_TRACE, decodeComponentWorld(bytes));

    const run = await agreeWithJco(bytes, trace.calls);

    expect(run.calls[0]?.outcome).toEqual({ kind: 'return', value: [104, 105] });
    expect(run.calls[0]?.imports?.map((made) => made.name)).toEqual(['wasi:cli/stdin.get-stdin@0.2.0', 'wasi:io/streams.[method]input-stream.blocking-read@0.2.0']);
  });
});

describe('the wasmtime engine on components with non-WASI imports (through the replay component)', () => {
  it('replays the recorded app trace as jco does, import calls observed, the trap last', async () => {
    await requireEngine(wasmtime);
    const run = await agreeWithJco(app.bytes, app.trace.calls);
    expect(compareRuns(app.trace.calls, [recordedRun(app.trace), run]).verdict).toBe('agree');
    expect(run.calls.map((call) => call.outcome.kind)).toEqual(['return', 'return', 'return', 'return', 'trap']);
    expect(run.calls[4]?.outcome).toMatchObject({ kind: 'trap', message: expect.stringContaining('unreachable') });
    expect(run.calls[1]?.imports?.map((made) => [made.name, made.args])).toEqual([['test:app/math.lookup@0.1.0', ['ada']]]);
  });

  it('reports what the component does, not what a diverging trace says', async () => {
    await requireEngine(wasmtime);
    // Arrange: a trace that is wrong three ways: an import's arguments, an export result, and an answer the component uses.
    const altered = formatTrace(app.trace)
      .replace('lookup@0.1.0("ada")', 'lookup@0.1.0("eve")')
      .replace('return 41', 'return 99')
      .replace('double@0.1.0(4294967295) -> 4294967294', 'double@0.1.0(4294967295) -> 7');
    const trace = readTrace(altered, decodeComponentWorld(app.bytes));

    // Act
    const run = await agreeWithJco(app.bytes, trace.calls);

    // Assert: the run differs from the trace exactly where the trace is wrong
    const againstTrace = compareRuns(trace.calls, [recordedRun(trace), run]);
    expect(againstTrace.verdict).toBe('diverge');
    expect(againstTrace.divergentCalls).toBe(3);
    expect(run.calls[0]?.outcome).toEqual({ kind: 'return', value: 41 });
    expect(run.calls[1]?.imports?.map((made) => made.args)).toEqual([['ada']]);
    expect(run.calls[3]?.outcome).toEqual({ kind: 'return', value: 8 });
  });

  it('runs a plan without expectations (answers only) and carries state across calls', async () => {
    await requireEngine(wasmtime);
    const bytes = await component(ACC_WAT, ACC_WIT, 'acc');
    const world = decodeComponentWorld(bytes);
    const exports = functionsOf(world, 'export');
    const next = functionsOf(world, 'import').get('next')!;
    const answer = (value: number): PlannedImport => ({ name: 'test:acc/source.next@0.1.0', function: next, outcome: { kind: 'return', value } });
    const calls: PlannedCall[] = [
      { name: 'add', function: exports.get('add')!, args: [1], imports: [answer(10), answer(20)] },
      { name: 'total', function: exports.get('total')!, args: [], imports: [] },
      { name: 'add', function: exports.get('add')!, args: [5], imports: [answer(100), answer(200)] },
      // One answer for two calls: the host fails the second, so the export traps.
      { name: 'add', function: exports.get('add')!, args: [7], imports: [answer(1)] },
      { name: 'total', function: exports.get('total')!, args: [], imports: [] },
    ];

    const run = await (await wasmtime.load({ bytes })).run(calls);
    const reference = await (await jco.load({ bytes })).run(calls.slice(0, 4));

    expect(compareRuns(calls.slice(0, 4), [reference, { ...run, calls: run.calls.slice(0, 4) }]).verdict).toBe('agree');
    expect(run.calls.map((call) => call.outcome)).toEqual([
      { kind: 'return', value: 30 },
      { kind: 'return', value: 30 },
      { kind: 'return', value: 330 },
      { kind: 'trap', message: 'no answer left for import `test:acc/source.next@0.1.0`' },
      { kind: 'not-run', reason: 'export call #4 trapped (the host failed an import): a trapped instance cannot be entered again' },
    ]);
    expect(run.calls[2]?.imports?.map((made) => made.args)).toEqual([[5], [6]]);
    expect(run.calls[3]?.imports?.map((made) => made.args)).toEqual([[7], [8]]);
  });

  it('reports a call that never returns as a timeout, and the calls after it as not run', async () => {
    await requireEngine(wasmtime);
    const exports = functionsOf(decodeComponentWorld(app.bytes), 'export');
    const calls: PlannedCall[] = [
      { ...(app.trace.calls[0] as ExportCall) },
      { name: 'spin', function: exports.get('spin')!, args: [], imports: [] },
      { ...(app.trace.calls[0] as ExportCall) },
    ];
    const run = await (await wasmtime.load({ bytes: app.bytes })).run(calls, { timeoutMs: 1_000 });
    expect(run.calls.map((call) => call.outcome.kind)).toEqual(['return', 'timeout', 'not-run']);
    expect(run.calls[1]?.outcome).toEqual({ kind: 'timeout', ms: 1_000 });
  });

  it('runs a component with a world-level import function, its calls observed', async () => {
    await requireEngine(wasmtime);
    const bytes = await component(LOUD_WAT, LOUD_WIT, 'loud');
    const world = decodeComponentWorld(bytes);
    const shout = functionsOf(world, 'export').get('shout')!;
    const log = functionsOf(world, 'import').get('log')!;
    const answer: PlannedImport = { name: 'log', function: log, outcome: { kind: 'return' } };
    const calls: PlannedCall[] = [
      { name: 'shout', function: shout, args: [1], imports: [answer] },
      { name: 'shout', function: shout, args: [7], imports: [answer] },
    ];

    const run = await agreeWithJco(bytes, calls);

    expect(run.calls.map((call) => call.outcome)).toEqual([{ kind: 'return' }, { kind: 'return' }]);
    expect(run.calls.map((call) => call.imports?.map((made) => [made.name, made.args]))).toEqual([[['log', [1]]], [['log', [7]]]]);
  });

  it('loads a component it cannot run and says why as its outcome (an async import)', async () => {
    await requireEngine(wasmtime);
    const bytes = await componentNew(await componentEmbed({ dummy: true, witSource: WAITER_WIT, world: 'waiter' }));
    const loaded = await wasmtime.load({ bytes });
    const ping = functionsOf(loaded.world, 'export').get('ping')!;

    const calls: PlannedCall[] = [{ name: 'ping', function: ping, args: [], imports: [] }];
    const run = await loaded.run(calls);

    expect(run.failure).toBe('cannot run this component: the import `wait` is async, which the replay component cannot carry yet');
    expect(run.calls[0]?.outcome).toMatchObject({ kind: 'not-run', reason: expect.stringMatching(/^wasmtime cannot run this component: /) });
    expect(compareRuns(calls, [run]).couldNotRun).toEqual([{ engine: 'wasmtime', reason: run.failure }]);
  });
});

describe('the trace the replay component reads', () => {
  const appWorld = parseWit(APP_WIT).main.worlds.get('app') as World;
  const exports = worldFunctions(appWorld, 'export');
  const imports = worldFunctions(appWorld, 'import');
  const outcomeOf = (fn: WorldFunction): fc.Arbitrary<CallOutcome> =>
    fc.oneof(
      fn.function.result === undefined ? fc.constant<CallOutcome>({ kind: 'return' }) : valueArbitrary(fn.function.result).map((value): CallOutcome => ({ kind: 'return', value })),
      fc.string().map((message): CallOutcome => ({ kind: 'trap', message })),
    );
  const argsOf = (fn: WorldFunction) => fc.tuple(...fn.function.params.map((param) => valueArbitrary(param.type)));
  const importArbitrary = fc.constantFrom(...imports).chain((fn) => fc.record({ function: fc.constant(fn), args: argsOf(fn), answer: outcomeOf(fn) }));
  const entryArbitrary: fc.Arbitrary<TraceEntry> = fc
    .constantFrom(...exports)
    .chain((fn) => fc.record({ function: fc.constant(fn), args: argsOf(fn), imports: fc.array(importArbitrary, { maxLength: 4 }), outcome: outcomeOf(fn) }));

  test.prop([fc.array(entryArbitrary, { maxLength: 6 })])('reads back as written, each line where the map says', (entries) => {
    const { text, lines } = writeReplayTrace(entries);
    const trace = readTrace(text, appWorld);
    expect(formatTrace(trace)).toBe(text);
    expect(trace.calls.map((call) => ({ exportLine: call.line, importLines: call.imports.map((made) => made.line), outcomeLine: call.outcomeLine }))).toEqual(lines);
  });
});

describe('the wasmtime engine on generated plans', () => {
  // Each plan costs one wasmtime run per export call and per import call: a few small plans.
  test.prop([fc.integer(), fc.integer({ min: 1, max: 4 })], { numRuns: 4 })('agrees with jco on any plan for a stateful component with imports', async (seed, count) => {
    await requireEngine(wasmtime);
    const bytes = await component(ACC_WAT, ACC_WIT, 'acc');
    const calls = await fuzzPlan(bytes, { count, seed });
    const run = await agreeWithJco(bytes, calls);
    expect(run.calls.every((call) => call.outcome.kind === 'return' && call.imports !== undefined)).toBe(true);
  });
});

describe('the wasmtime engine on two versions of one interface', () => {
  it('takes answers for either version of a function as jco does, which cannot tell them apart', async () => {
    await requireEngine(wasmtime);
    const bytes = await twoVersionsComponent();
    const calls = await fuzzPlan(bytes, { count: 3, seed: 4 });
    const run = await agreeWithJco(bytes, calls);
    // Both versions' `x` are called; wasmtime sees which, jco attributes both to one: they compare alike.
    expect(run.calls[0]?.imports?.map((made) => made.name).filter((name) => name.includes('.x@'))).toEqual(['test:dep/test.x@0.1.0', 'test:dep/test.x@0.2.0']);
  });
});

describe('proxy-component diff on calculator-wat (a world-level import `log`)', () => {
  it('runs wasmtime on the committed traces, and it agrees with jco', async () => {
    await requireEngine(wasmtime);
    await calculatorComponent();
    const folder = calculatorFolder();
    const traces = ['arithmetic', 'convert'].map((name) => `${folder}/traces/${name}.trace`);

    const result = await runCli('diff', `${folder}/build/calculator.wasm`, '--engines', 'jco,wasmtime', '--trace', ...traces, '--json');

    expect(result.exitCode, result.err).toBe(0);
    const reports = JSON.parse(result.out) as { engines: { name: string }[]; calls: number; verdict: string; couldNotRun: unknown[] }[];
    expect(reports.map((report) => [report.engines.map((engine) => engine.name), report.calls, report.verdict, report.couldNotRun])).toEqual([
      [['jco', 'wasmtime'], 7, 'agree', []],
      [['jco', 'wasmtime'], 4, 'agree', []],
    ]);
  }, 120_000);

  it('finds a trace whose `log` call differs from what the component does, on both engines', async () => {
    await requireEngine(wasmtime);
    const bytes = await calculatorComponent();
    const text = await readFile(`${calculatorFolder()}/traces/arithmetic.trace`, 'utf8');
    const trace = readTrace(text.replace('import log(division-by-zero, 1, 0)', 'import log(overflow, 1, 0)'), decodeComponentWorld(bytes));

    const run = await agreeWithJco(bytes, trace.calls);

    const againstTrace = compareRuns(trace.calls, [recordedRun(trace), run]);
    expect(againstTrace.divergentCalls).toBe(1);
    expect(run.calls[4]?.imports?.map((made) => [made.name, made.args])).toEqual([['log', ['division-by-zero', 1n, 0n]]]);
  }, 120_000);
});
