/**
 * The Vitest adapter of the trace-tests core (src/vitest/runtime.ts): a
 * failure becomes an error on the trace line, its report lands in the task's
 * meta, an engine that could not run a call skips its test.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Divergence } from '../../src/divergence/divergence.js';
import { recordComponent } from '../../src/session/record-component.js';
import { traceTestSettings } from '../../src/trace-tests/options.js';
import type { TraceRunSpec } from '../../src/trace-tests/suite.js';
import { traceTests, unreadableTraceError } from '../../src/vitest/runtime.js';
import { appComponent, appHost } from '../support/app-component.js';
import { replaceLine } from './support/app-traces.js';

let root: string;
let spec: TraceRunSpec;

function context() {
  return { task: { meta: {} as { proxyDivergence?: Divergence } } };
}

async function rejection(run: () => Promise<void>): Promise<Error> {
  return run().then(
    () => {
      throw new Error('did not throw');
    },
    (error: unknown) => error as Error,
  );
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'pc-vitest-runtime-'));
  await writeFile(join(root, 'app.wasm'), await appComponent());
  const file = join(root, 'app.trace');
  const recorded = await recordComponent(join(root, 'app.wasm'), { host: appHost(), invocations: ['run(1)', 'run(2)', 'run(3)'], output: file });
  const text = await readFile(file, 'utf8');
  // Line 7 is `return 5`, the outcome of run(2).
  await writeFile(file, replaceLine(text, 7, 'return 6'));
  // Written as it was recorded (no trace kept): each call is three lines after the header.
  const calls = Array.from({ length: recorded.calls }, (_, index) => ({ name: `run(${index + 1})`, line: 2 + 3 * index, column: 1 }));
  spec = { file, displayFile: 'traces/app.trace', component: join(root, 'app.wasm'), calls, settings: traceTestSettings({}, { root, where: 'proxy()' }) };
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('traceTests().check', () => {
  it('passes the calls before a divergence and runs the trace once for all its tests', async () => {
    const trace = traceTests(spec);
    const ctx = context();
    await trace.check(ctx, 0);
    expect(ctx.task.meta.proxyDivergence).toBeUndefined();
    expect(trace.failures()).toBe(trace.failures());
  });

  it('fails the diverging call on the trace line, through the error factory of that line, with the Divergence in the task meta', async () => {
    const made: string[] = [];
    const trace = traceTests(spec, [[7, (message) => (made.push(message), new Error(message))]]);
    const ctx = context();
    const error = await rejection(() => trace.check(ctx, 1));

    expect(error.name).toBe('TraceDivergence');
    expect(made).toEqual([error.message]);
    expect(error.stack?.split('\n').filter((line) => line.startsWith('    at '))).toHaveLength(1);
    expect(ctx.task.meta.proxyDivergence).toMatchObject({ kind: 'export-result', line: 7, callIndex: 1, file: 'traces/app.trace' });
    expect(JSON.parse(JSON.stringify(ctx.task.meta))).toEqual(ctx.task.meta);
  });

  it('fails later calls as not reached, with one frame at the trace position when no factory is given', async () => {
    const error = await rejection(() => traceTests(spec).check(context(), 2));
    expect(error.stack).toBe(`TraceDivergence: not reached: an earlier call diverged at line 7 (run(2))\n    at ${spec.file}:8:1`);
  });

  it('skips, saying why, a test whose engine could not run the call', async () => {
    const onEngines = { ...spec, settings: traceTestSettings({ engines: ['jco', 'native:./missing.mjs'] }, { root, where: 'proxy()' }) };
    const skipped: (string | undefined)[] = [];
    // Test 3 is the first call on the native engine, whose module does not exist.
    await traceTests(onEngines).check({ ...context(), skip: (note) => void skipped.push(note) }, 3);
    expect(skipped).toEqual([expect.stringContaining('native:./missing.mjs could not run it')]);
  });
});

describe('unreadableTraceError', () => {
  it('raises the planning error with its name, code and position', () => {
    const error = unreadableTraceError('/p/a.trace', { name: 'ProxyComponentError', code: 'WAVE_TYPE', message: 'a.trace:2:12: expected u32', line: 2, column: 12 });
    expect(error).toMatchObject({ name: 'ProxyComponentError', code: 'WAVE_TYPE', message: 'a.trace:2:12: expected u32' });
    expect(error.stack).toBe('ProxyComponentError: a.trace:2:12: expected u32\n    at /p/a.trace:2:12');
  });
});
