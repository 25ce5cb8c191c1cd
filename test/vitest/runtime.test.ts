import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Divergence } from '../../src/divergence/divergence.js';
import { renderDivergence } from '../../src/divergence/render.js';
import { ProxyComponentError } from '../../src/errors.js';
import { recordComponent } from '../../src/session/record-component.js';
import { traceReplay, unreadableTraceError, type ReplayOutcome, type TraceReplaySpec } from '../../src/vitest/runtime.js';
import { appComponent, appHost } from '../support/app-component.js';

const calls = [
  { name: 'run(1)', line: 2, column: 1 },
  { name: 'run(2)', line: 5, column: 1 },
  { name: 'run(3)', line: 8, column: 1 },
];
const spec: TraceReplaySpec = { file: '/p/traces/a.trace', displayFile: 'traces/a.trace', component: '/p/app.wasm', calls };
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
const diverged: ReplayOutcome = { report: { matched: 1, total: 3, divergence } };

function context() {
  return { task: { meta: {} as { proxyDivergence?: Divergence } } };
}

function thrown(run: () => void): Error {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error('did not throw');
}

describe('traceReplay().check', () => {
  it('passes every call of a trace that matched', () => {
    const replay = traceReplay(spec);
    for (const index of [0, 1, 2]) expect(() => replay.check(index, { report: { matched: 3, total: 3 } }, context())).not.toThrow();
  });

  it('passes the calls before a divergence', () => {
    const ctx = context();
    traceReplay(spec).check(0, diverged, ctx);
    expect(ctx.task.meta.proxyDivergence).toBeUndefined();
  });

  it('fails the diverging call with the rendered divergence, leaving the Divergence in the task meta', () => {
    const ctx = context();
    const error = thrown(() => traceReplay(spec).check(1, diverged, ctx));

    expect(error.name).toBe('TraceDivergence');
    expect(error.message).toBe(renderDivergence(divergence, { color: false }));
    expect(ctx.task.meta.proxyDivergence).toEqual(divergence);
    expect(JSON.parse(JSON.stringify(ctx.task.meta))).toEqual(ctx.task.meta);
  });

  it('fails later calls as not reached, naming where the trace diverged', () => {
    const ctx = context();
    const error = thrown(() => traceReplay(spec).check(2, diverged, ctx));

    expect(error.message).toBe('not reached: an earlier call diverged at line 7 (run(2))');
    expect(ctx.task.meta.proxyDivergence).toBeUndefined();
    const { line: _line, ...withoutLine } = divergence;
    const unplaced = thrown(() => traceReplay(spec).check(2, { report: { matched: 1, total: 3, divergence: withoutLine } }, context()));
    expect(unplaced.message).toBe('not reached: an earlier call diverged (run(2))');
  });

  it('points the stack at the trace line: through the error factory of that line, or directly without one', () => {
    const made: string[] = [];
    const withFactories = traceReplay(spec, [[7, (message) => (made.push(message), new Error(message))]]);
    const error = thrown(() => withFactories.check(1, diverged, context()));
    expect(made).toEqual([error.message]);
    expect(error.stack?.split('\n').filter((line) => line.startsWith('    at '))).toHaveLength(1);

    const direct = thrown(() => traceReplay(spec).check(2, diverged, context()));
    expect(direct.stack).toBe(`TraceDivergence: ${direct.message}\n    at /p/traces/a.trace:8:1`);
  });

  it('fails every call with the replay error, at its location', () => {
    const failure: ReplayOutcome = { error: new ProxyComponentError('TRACE_SYNTAX', 'bad line', { location: { file: 'traces/a.trace', line: 4, column: 3 } }) };
    for (const index of [0, 2]) {
      const error = thrown(() => traceReplay(spec).check(index, failure, context()));
      expect(error).toMatchObject({ name: 'ProxyComponentError', code: 'TRACE_SYNTAX', message: 'traces/a.trace:4:3: bad line' });
      expect(error.stack).toContain('at /p/traces/a.trace:4:3');
    }
  });
});

describe('unreadableTraceError', () => {
  it('raises the planning error with its name, code and position', () => {
    const error = unreadableTraceError('/p/a.trace', { name: 'ProxyComponentError', code: 'WAVE_TYPE', message: 'a.trace:2:12: expected u32', line: 2, column: 12 });
    expect(error).toMatchObject({ name: 'ProxyComponentError', code: 'WAVE_TYPE', message: 'a.trace:2:12: expected u32' });
    expect(error.stack).toBe('ProxyComponentError: a.trace:2:12: expected u32\n    at /p/a.trace:2:12');
  });
});

describe('traceReplay().outcome', () => {
  let root: string;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'pc-vitest-runtime-'));
    await writeFile(join(root, 'app.wasm'), await appComponent());
  });

  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('replays the whole trace once, in the replay worker, for all the tests of the trace', async () => {
    const file = join(root, 'app.trace');
    await recordComponent(join(root, 'app.wasm'), { host: appHost(), invocations: ['run(1)', 'run(2)'], output: file });
    const replay = traceReplay({ file, displayFile: 'app.trace', component: join(root, 'app.wasm'), calls: calls.slice(0, 2) });

    const first = replay.outcome();
    const second = replay.outcome();

    expect(second).toBe(first);
    expect(await first).toEqual({ report: { matched: 2, total: 2 } });
  });

  it('names the trace by its display path in divergences', async () => {
    const file = join(root, 'changed.trace');
    await writeFile(file, 'export run(1)\n  import test:app/math.double@0.1.0(1) -> 2\nreturn 4\n');
    const replay = traceReplay({ file, displayFile: 'traces/changed.trace', component: join(root, 'app.wasm'), calls: calls.slice(0, 1) });

    expect(await replay.outcome()).toMatchObject({ report: { matched: 0, total: 1, divergence: { file: 'traces/changed.trace', line: 3, callIndex: 0 } } });
  });
});
