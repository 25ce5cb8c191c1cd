/**
 * Resources across the instrumented boundary, in every mode, for each kind
 * of resource function (constructors, methods, statics, `own` and `borrow`
 * parameters and results, drops), exported by the app, imported by it, and imported
 * ones crossing its exports: the record builds write the trace the
 * in-process recorder writes (handles `#N` numbered alike), the replay builds
 * replay traces recorded in-process under plain wasmtime, the fuzz builds run
 * under plain wasmtime passing only handles that exist (their traces replay
 * in-process), and a trace whose handles do not exist is a divergence naming
 * the call and the handle, the same in the replay component as in-process.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadJcoComponent } from '../../src/engines/jco/load.js';
import { instrumentComponent } from '../../src/instrument/instrument.js';
import { recorderHost } from '../../src/instrument/recorder-host.js';
import { replayTrace } from '../../src/host/replay.js';
import { findReplayEnd } from '../../src/trace/replay-end.js';
import { readTrace } from '../../src/trace/read.js';
import { decodeComponentWorld } from '../../src/wit/binary/decode.js';
import { bothResourcesComponent, cellHost, cellHostComponent, exportedResourceComponent, importedResourceComponent } from '../support/shapes/resource-shapes.js';
import { capturedStdio } from './support/captured-stdio.js';
import { recordCalls, traceBody } from './support/record-calls.js';
import { replayInProcess, replayUnderJco, replayUnderWasmtime } from './support/verdicts.js';
import { invoke, scratchFolder } from './support/wasmtime.js';
import { withHost } from './support/with-host.js';

const FUZZ = { seed: 9, runs: 40 };

let folder: Awaited<ReturnType<typeof scratchFolder>>;
let exported: Uint8Array;
let imported: Uint8Array;
let both: Uint8Array;

beforeAll(async () => {
  [exported, imported, both] = await Promise.all([exportedResourceComponent(), importedResourceComponent(), bothResourcesComponent()]);
  const builds: Record<string, Uint8Array> = {};
  for (const [name, app] of [
    ['exported', exported],
    ['imported', imported],
    ['both', both],
  ] as const) {
    const [replay, fuzz, record, hostRecord, hostReplay] = await Promise.all([
      instrumentComponent(app, { mode: 'replay' }),
      instrumentComponent(app, { mode: 'fuzz', fuzz: FUZZ }),
      instrumentComponent(app, { mode: 'record' }),
      instrumentComponent(app, { mode: 'record', useHostRecorder: true }),
      instrumentComponent(app, { mode: 'replay', useHostRecorder: true }),
    ]);
    for (const result of [replay, fuzz, record, hostRecord, hostReplay]) expect(result.notes).toEqual([]);
    Object.assign(builds, {
      [`${name}-replay.wasm`]: replay.component,
      [`${name}-fuzz.wasm`]: fuzz.component,
      [`${name}-record.wasm`]: record.component,
      [`${name}-host-record.wasm`]: hostRecord.component,
      [`${name}-host-replay.wasm`]: hostReplay.component,
    });
  }
  builds['imported-record-with-host.wasm'] = await withHost(builds['imported-record.wasm'] as Uint8Array, await cellHostComponent(), 'funcs');
  folder = await scratchFolder(builds);
}, 300_000);
afterAll(async () => folder?.remove());

/** The divergence the replay component reported on stderr, from its end line. */
function endOf(stderr: string) {
  const end = findReplayEnd(stderr);
  return end?.kind === 'diverged' ? end.divergence : end;
}

/** `test:res/counters` as jco exports it. */
interface CountersApi {
  Counter: { new (start: number): { add(n: number): number }; merge(a: object, b: object): object };
  total(c: object): number;
  consume(c: object): number;
  dropped(): number;
}

describe('resources the app exports (a `counter`)', () => {
  const CALLS = [
    'test:res/counters.[constructor]counter(5)',
    'test:res/counters.[method]counter.add(#1, 3)',
    'test:res/counters.[constructor]counter(10)',
    'test:res/counters.[static]counter.merge(#1, #2)',
    'test:res/counters.total(#3)',
    'test:res/counters.consume(#2)',
    'test:res/counters.dropped()',
  ];
  let recorded: string;
  beforeAll(async () => {
    recorded = await recordCalls(exported, {}, CALLS);
  }, 60_000);

  it('are recorded in-process with handles numbered in order of appearance', () => {
    expect(traceBody(recorded)).toEqual([
      'export test:res/counters.[constructor]counter(5)',
      'return #1',
      'export test:res/counters.[method]counter.add(#1, 3)',
      'return 8',
      'export test:res/counters.[constructor]counter(10)',
      'return #2',
      'export test:res/counters.[static]counter.merge(#1, #2)',
      'return #3',
      'export test:res/counters.total(#3)',
      'return 18',
      'export test:res/counters.consume(#2)',
      'return 10',
      'export test:res/counters.dropped()',
      'return 2',
    ]);
  });

  it('record: the record build (under jco, one instance) writes the trace the in-process recorder writes', async () => {
    const stdio = capturedStdio();
    const exports = (await (await loadJcoComponent(await readBuild('exported-record.wasm'))).instantiate(stdio.imports)) as Record<string, unknown>;
    // The same calls as CALLS, made by a JavaScript host on jco's objects.
    const api = exports['test:res/counters'] as CountersApi;
    const first = new api.Counter(5);
    expect(first.add(3)).toBe(8);
    const second = new api.Counter(10);
    const merged = api.Counter.merge(first, second);
    expect([api.total(merged), api.consume(second), api.dropped()]).toEqual([18, 10, 2]);
    expect(traceBody(stdio.stdout())).toEqual(traceBody(recorded));
  }, 60_000);

  it("record: the host dropping its handle (the wrapper's) drops the app's, whose destructor runs", async () => {
    const stdio = capturedStdio();
    const exports = (await (await loadJcoComponent(await readBuild('exported-record.wasm'))).instantiate(stdio.imports)) as Record<string, unknown>;
    const api = exports['test:res/counters'] as CountersApi;
    const counter = new api.Counter(1);
    expect(api.dropped()).toBe(0);
    (counter as unknown as Disposable)[Symbol.dispose]();
    expect(api.dropped()).toBe(1);
  }, 60_000);

  it('record through the host recorder: the same calls, as WAVE with #N handles', async () => {
    const recorder = recorderHost({ record: decodeComponentWorld(exported) });
    await recordCalls(await readBuild('exported-host-record.wasm'), recorder.imports, CALLS);
    expect(traceBody(recorder.text())).toEqual(traceBody(recorded));
  }, 60_000);

  it('replay: the in-process trace replays under plain wasmtime, under jco through the host recorder, and in-process', async () => {
    const underWasmtime = await replayUnderWasmtime(folder.path('exported-replay.wasm'), recorded);
    expect(underWasmtime.matched, underWasmtime.report).toBe(true);
    expect(underWasmtime.report).toContain('7 of 7 export call(s) matched');
    expect(await replayUnderJco(folder.path('exported-host-replay.wasm'), recorded, decodeComponentWorld(exported))).toMatchObject({ matched: true });
    expect(await replayInProcess(exported, recorded)).toEqual({ matched: true, report: '7 of 7' });
  }, 60_000);

  it('replay: a changed result fails under wasmtime and in-process alike', async () => {
    const altered = recorded.replace('return 18', 'return 19');
    const underWasmtime = await replayUnderWasmtime(folder.path('exported-replay.wasm'), altered);
    expect(underWasmtime.matched).toBe(false);
    const inProcess = await replayInProcess(exported, altered);
    expect(endOf(underWasmtime.report)).toMatchObject({ kind: 'export-result', summary: inProcess.report });
  }, 60_000);

  it('fuzz: runs under plain wasmtime passing only handles that exist, and its trace replays in-process', async () => {
    const run = await invoke(folder.path('exported-fuzz.wasm'), 'start()');
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stderr).toContain(`fuzz: ${FUZZ.runs} export call(s) made with seed ${FUZZ.seed}`);
    const trace = readTrace(run.stdout, decodeComponentWorld(exported));
    expect(trace.calls.some((call) => call.name.includes('[method]counter.add'))).toBe(true);
    expect(trace.calls.some((call) => call.name.includes('[static]counter.merge') || call.name.endsWith('.consume'))).toBe(true);
    expect(await replayInProcess(exported, run.stdout)).toEqual({ matched: true, report: `${FUZZ.runs} of ${FUZZ.runs}` });
  }, 60_000);

  describe('a trace whose handles do not match (bad input)', () => {
    const cases: [string, (text: string) => string, string][] = [
      [
        'a method on a handle given back to the component as own',
        (text) => text.replace('export test:res/counters.total(#3)', 'export test:res/counters.[method]counter.add(#1, 1)'),
        "the trace's export call `test:res/counters.[method]counter.add` cannot be made: `self`: resource handle #1 was given back to the component as `own<counter>` by export call #4 already (a counter made by export call #1 `test:res/counters.[constructor]counter` at line 3, given away to export call #4 `test:res/counters.[static]counter.merge` at line 8)",
      ],
      [
        'a handle never made',
        (text) => text.replace('export test:res/counters.total(#3)', 'export test:res/counters.total(#9)'),
        "the trace's export call `test:res/counters.total` cannot be made: `c`: resource handle #9 is not one the component made: it makes every `counter` handle (which no earlier call of the trace made)",
      ],
    ];
    it.each(cases)('%s is a divergence naming the call and the handle, under wasmtime as in-process', async (_what, alter, summary) => {
      const altered = alter(recorded);
      expect(altered).not.toBe(recorded);
      const component = await loadJcoComponent(exported);
      const inProcess = await replayTrace(component, readTrace(altered, component.world));
      expect(inProcess.divergence).toMatchObject({ kind: 'resource-handle', summary, callIndex: 4, actual: expect.stringMatching(/^#\d$/) });
      const underWasmtime = await replayUnderWasmtime(folder.path('exported-replay.wasm'), altered);
      expect(underWasmtime.matched).toBe(false);
      expect(endOf(underWasmtime.report)).toMatchObject({ kind: 'resource-handle', summary, callIndex: 4 });
      // Stopped by the replay component at the divergence (its report, then its own trap), not by a bad handle reaching the app.
      expect(underWasmtime.report).not.toMatch(/unknown handle/);
      expect(underWasmtime.report).toMatch(/handle_reply/);
    }, 60_000);
  });
});

describe('resources the app imports (a `cell`)', () => {
  const CALLS = ['run(3)', 'keep(4)', 'take()'];
  let recorded: string;
  beforeAll(async () => {
    recorded = await recordCalls(imported, cellHost(), CALLS);
  }, 60_000);

  it('are recorded in-process: constructor, method, a static taking an own handle, a borrow, each handle numbered as it appears', () => {
    expect(traceBody(recorded)).toEqual([
      'export run(3)',
      '  import test:res/cells.[constructor]cell(3) -> #1',
      '  import test:res/cells.[method]cell.get(#1) -> 3',
      '  import test:res/cells.[static]cell.swap(#1, 4) -> #2',
      '  import test:res/cells.[method]cell.get(#2) -> 4',
      '  import test:res/cells.peek(#2) -> 40',
      'return 47',
      'export keep(4)',
      '  import test:res/cells.[constructor]cell(4) -> #3',
      'return',
      'export take()',
      '  import test:res/cells.peek(#3) -> 40',
      'return 40',
    ]);
  });

  it('record: the record build under plain wasmtime (the host a component) calls the real host and writes the same trace', async () => {
    const run = await invoke(folder.path('imported-record-with-host.wasm'), 'run(3)');
    expect(run.exitCode, run.stderr).toBe(0);
    expect(traceBody(run.stdout)).toEqual(traceBody(recorded).slice(0, 7));
  }, 60_000);

  it('record: the record build under jco, one instance across calls, writes the same trace; so does the host-recorder build', async () => {
    const stdio = capturedStdio();
    await recordCalls(await readBuild('imported-record.wasm'), { ...stdio.imports, ...cellHost() }, CALLS);
    expect(traceBody(stdio.stdout())).toEqual(traceBody(recorded));
    const recorder = recorderHost({ record: decodeComponentWorld(imported) });
    await recordCalls(await readBuild('imported-host-record.wasm'), { ...recorder.imports, ...cellHost() }, CALLS);
    expect(traceBody(recorder.text())).toEqual(traceBody(recorded));
  }, 60_000);

  it("record: the app dropping its handle drops the real host's (its dispose runs), and one it moved on is not dropped", async () => {
    const stdio = capturedStdio();
    const disposed: number[] = [];
    class Cell {
      constructor(readonly v: number) {}
      get(): number {
        return this.v;
      }
      static swap(_c: Cell, v: number): Cell {
        return new Cell(v);
      }
      [Symbol.dispose](): void {
        disposed.push(this.v);
      }
    }
    const exports = (await (await loadJcoComponent(await readBuild('imported-record.wasm'))).instantiate({ ...stdio.imports, 'test:res/cells': { Cell, peek: (c: Cell) => c.v * 10 } })) as Record<string, (x?: number) => unknown>;
    expect(exports['run']?.(3)).toBe(47);
    // run drops the cell swap made (4); the one it made first (3) it gave to swap.
    expect(disposed).toEqual([4]);
    exports['keep']?.(8);
    exports['take']?.();
    expect(disposed).toEqual([4, 8]);
  }, 60_000);

  it('replay: the in-process trace replays under plain wasmtime, the handles minted by the replay component; and in-process', async () => {
    const underWasmtime = await replayUnderWasmtime(folder.path('imported-replay.wasm'), recorded);
    expect(underWasmtime.matched, underWasmtime.report).toBe(true);
    expect(await replayUnderJco(folder.path('imported-host-replay.wasm'), recorded, decodeComponentWorld(imported))).toMatchObject({ matched: true });
    expect(await replayInProcess(imported, recorded)).toEqual({ matched: true, report: '3 of 3' });
  }, 60_000);

  it('replay: a method answered for another handle than the trace has fails naming the call, under wasmtime and in-process', async () => {
    const altered = recorded.replace('[static]cell.swap(#1, 4) -> #2', '[static]cell.swap(#1, 4) -> #7');
    const underWasmtime = await replayUnderWasmtime(folder.path('imported-replay.wasm'), altered);
    const inProcess = await replayInProcess(imported, altered);
    expect(inProcess.matched).toBe(false);
    expect(endOf(underWasmtime.report)).toMatchObject({ kind: 'resource-handle', summary: inProcess.report });
  }, 60_000);

  it('fuzz: runs under plain wasmtime, the host making cells, and its trace replays in-process', async () => {
    const run = await invoke(folder.path('imported-fuzz.wasm'), 'start()');
    expect(run.exitCode, run.stderr).toBe(0);
    const trace = readTrace(run.stdout, decodeComponentWorld(imported));
    expect(trace.calls).toHaveLength(FUZZ.runs);
    expect(await replayInProcess(imported, run.stdout)).toEqual({ matched: true, report: `${FUZZ.runs} of ${FUZZ.runs}` });
  }, 60_000);
});

describe("imported resources crossing the app's exports (`front.handle(c: cell) -> cell`)", () => {
  // Written as a host module would make it: the host passes a cell of its own (#1) and gets one back.
  const TRACE = `# proxy-component trace v1 {"world":"root:component/root"}
export test:res/front.handle(#1)
  import test:res/cells.[method]cell.get(#1) -> 3
  import test:res/cells.[static]cell.swap(#1, 6) -> #2
return #2
export test:res/front.handle(#2)
  import test:res/cells.[method]cell.get(#2) -> 6
  import test:res/cells.[static]cell.swap(#2, 12) -> #3
return #3
`;

  it("record: the record build under jco takes the host's cell, hands it to the app, and the app's back; the recording replays", async () => {
    const stdio = capturedStdio();
    const host = cellHost();
    const Cell = (host['test:res/cells'] as { Cell: new (v: number) => { get(): number } }).Cell;
    const exports = (await (await loadJcoComponent(await readBuild('both-record.wasm'))).instantiate({ ...stdio.imports, ...host })) as Record<string, unknown>;
    const front = exports['test:res/front'] as { handle(c: unknown): { get(): number } };
    const first = front.handle(new Cell(3));
    expect(first.get()).toBe(6);
    front.handle(first);
    // A host's handle has no identity the component can see: one that comes back through an export is numbered afresh (#3, where jco's in-process recorder writes #2).
    expect(traceBody(stdio.stdout())).toEqual(traceBody(TRACE.replaceAll('#3', '#4').replaceAll('handle(#2)', 'handle(#3)').replaceAll('get(#2)', 'get(#3)').replaceAll('swap(#2', 'swap(#3')));
    expect(await replayInProcess(both, stdio.stdout())).toEqual({ matched: true, report: '2 of 2' });
    expect((await replayUnderWasmtime(folder.path('both-replay.wasm'), stdio.stdout())).matched).toBe(true);
  }, 60_000);

  it('replay: the trace replays under plain wasmtime and in-process; a changed answer fails both', async () => {
    const underWasmtime = await replayUnderWasmtime(folder.path('both-replay.wasm'), TRACE);
    expect(underWasmtime.matched, underWasmtime.report).toBe(true);
    expect(await replayInProcess(both, TRACE)).toEqual({ matched: true, report: '2 of 2' });
    const altered = TRACE.replace('get(#2) -> 6', 'get(#2) -> 7');
    expect((await replayUnderWasmtime(folder.path('both-replay.wasm'), altered)).matched).toBe(false);
    expect((await replayInProcess(both, altered)).matched).toBe(false);
  }, 60_000);

  it('fuzz: runs under plain wasmtime, and its trace replays in-process', async () => {
    const run = await invoke(folder.path('both-fuzz.wasm'), 'start()');
    expect(run.exitCode, run.stderr).toBe(0);
    expect(await replayInProcess(both, run.stdout)).toEqual({ matched: true, report: `${FUZZ.runs} of ${FUZZ.runs}` });
  }, 60_000);
});

async function readBuild(name: string): Promise<Uint8Array> {
  return new Uint8Array(await readFile(folder.path(name)));
}
