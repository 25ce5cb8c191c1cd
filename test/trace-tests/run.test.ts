/**
 * Running a trace as tests and judging each test (src/trace-tests/run.ts),
 * as every framework adapter does: from outcomes made up here, and from real
 * replays of the app component.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Divergence } from '../../src/divergence/divergence.js';
import { renderDivergence } from '../../src/divergence/render.js';
import { ProxyComponentError } from '../../src/errors.js';
import { recordComponent } from '../../src/session/record-component.js';
import { traceTestSettings } from '../../src/trace-tests/options.js';
import { callFailure, runTrace, traceFailures, type TraceOutcome } from '../../src/trace-tests/run.js';
import type { TraceRunSpec } from '../../src/trace-tests/suite.js';
import { appComponent, appHost } from '../support/app-component.js';

const calls = [
  { name: 'run(1)', line: 2, column: 1 },
  { name: 'run(2)', line: 5, column: 1 },
  { name: 'run(3)', line: 8, column: 1 },
];
const settings = traceTestSettings({}, { root: '/p', where: 'proxy()' });
const spec: TraceRunSpec = { file: '/p/traces/a.trace', displayFile: 'traces/a.trace', component: '/p/app.wasm', calls, settings };
const divergence: Divergence = {
  kind: 'export-result',
  summary: '`run` returned 5, the trace expects 6',
  file: 'traces/a.trace',
  line: 7,
  callIndex: 1,
  path: ['export run(2)'],
  expected: '6',
  actual: '5',
  type: 'u32',
};
const diverged: TraceOutcome = { kind: 'replayed', report: { matched: 1, total: 3, divergence } };

describe('a saved failure of inline properties', () => {
  it('is not run: each test is skipped (runners skip what could not run), naming the test that replays it', async () => {
    const inline: TraceRunSpec = { ...spec, replayedBy: { test: 'test/app.test.ts' } };
    const outcome = await runTrace(inline);
    expect(outcome).toEqual({ kind: 'elsewhere', reason: 'replayed by test/app.test.ts, which defines its properties inline' });
    expect(traceFailures(inline, outcome)[0]).toEqual({ name: 'ReplayedElsewhere', message: 'replayed by test/app.test.ts, which defines its properties inline', line: 2, column: 1, couldNotRun: true });
  });
});

describe('callFailure', () => {
  it('passes every call of a trace that matched', () => {
    for (const index of [0, 1, 2]) expect(callFailure(spec, index, { kind: 'replayed', report: { matched: 3, total: 3 } })).toBeUndefined();
  });

  it('passes the calls before a divergence', () => {
    expect(callFailure(spec, 0, diverged)).toBeUndefined();
  });

  it('fails the diverging call with the rendered divergence, at its line, carrying the Divergence as plain JSON', () => {
    const failure = callFailure(spec, 1, diverged);

    expect(failure).toEqual({ name: 'TraceDivergence', message: renderDivergence(divergence, { color: false }), line: 7, column: 1, divergence });
    expect(JSON.parse(JSON.stringify(failure))).toEqual(failure);
  });

  it('places a divergence on an import line at that line and its indentation', () => {
    const text = ['# header', 'export run(1)', '  import f(1) -> 2', 'return 3', 'export run(2)', '  import f(2) -> 4', '  import f(3) -> 6', 'return 5'].join('\n');
    const atImport: TraceOutcome = { kind: 'replayed', text, report: { matched: 1, total: 3, divergence: { ...divergence, kind: 'import-arguments', line: 7 } } };
    expect(callFailure(spec, 1, atImport)).toMatchObject({ line: 7, column: 3 });
  });

  it('fails later calls as not reached, naming where the trace diverged', () => {
    expect(callFailure(spec, 2, diverged)).toEqual({ name: 'TraceDivergence', message: 'not reached: an earlier call diverged at line 7 (run(2))', line: 8, column: 1 });
    const { line: _line, ...withoutLine } = divergence;
    expect(callFailure(spec, 2, { kind: 'replayed', report: { matched: 1, total: 3, divergence: withoutLine } })?.message).toBe('not reached: an earlier call diverged (run(2))');
  });

  it('fails every call with the error of a trace that could not run, at its location', () => {
    const failure: TraceOutcome = { kind: 'error', error: new ProxyComponentError('TRACE_SYNTAX', 'bad line', { location: { file: 'traces/a.trace', line: 4, column: 3 } }) };
    for (const index of [0, 2]) {
      expect(callFailure(spec, index, failure)).toEqual({ name: 'ProxyComponentError', code: 'TRACE_SYNTAX', message: 'traces/a.trace:4:3: bad line', line: 4, column: 3 });
    }
    expect(traceFailures(spec, failure)).toHaveLength(3);
  });
});

describe('runTrace', () => {
  let root: string;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'pc-trace-run-'));
    await writeFile(join(root, 'app.wasm'), await appComponent());
  });

  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('replays the whole trace in the replay worker, and every test passes', async () => {
    const file = join(root, 'app.trace');
    await recordComponent(join(root, 'app.wasm'), { host: appHost(), invocations: ['run(1)', 'run(2)'], output: file });
    const ran = { file, displayFile: 'app.trace', component: join(root, 'app.wasm'), calls: calls.slice(0, 2), settings };

    const outcome = await runTrace(ran);

    expect(outcome).toMatchObject({ kind: 'replayed', report: { matched: 2, total: 2 } });
    expect(traceFailures(ran, outcome)).toEqual([null, null]);
  });

  it('names the trace by its display path in divergences', async () => {
    const file = join(root, 'changed.trace');
    await writeFile(file, 'export run(1)\n  import test:app/math.double@0.1.0(1) -> 2\nreturn 4\n');
    const outcome = await runTrace({ file, displayFile: 'traces/changed.trace', component: join(root, 'app.wasm'), calls: calls.slice(0, 1), settings });

    expect(outcome).toMatchObject({ kind: 'replayed', report: { matched: 0, total: 1, divergence: { file: 'traces/changed.trace', line: 3, callIndex: 0 } } });
  });

  it('never rejects: a trace that cannot be read is an outcome every test fails with', async () => {
    const gone = { file: join(root, 'gone.trace'), displayFile: 'gone.trace', component: join(root, 'app.wasm'), calls: calls.slice(0, 1), settings };
    const outcome = await runTrace(gone);

    expect(outcome.kind).toBe('error');
    expect(traceFailures(gone, outcome)).toEqual([expect.objectContaining({ name: 'ProxyComponentError', code: 'IO', message: expect.stringContaining('gone.trace: cannot read the trace') })]);
  });
});
