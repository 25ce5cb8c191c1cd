/**
 * The instrumented replay component and the in-process replay match a trace
 * with one module (trace/match.ts): on the same trace they find the same
 * divergence, field for field. The component says how its run ended in one
 * JSON line on stderr after the report for people (trace/replay-end.ts),
 * which is what programs read.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadJcoComponent } from '../../src/engines/jco/load.js';
import { replayTrace } from '../../src/host/replay.js';
import { instrumentComponent } from '../../src/instrument/instrument.js';
import { readTrace } from '../../src/trace/read.js';
import { findReplayEnd, REPLAY_END_MARKER, type ReplayEnd } from '../../src/trace/replay-end.js';
import { inlineInterfacesComponent } from '../support/shapes/instrument-shapes.js';
import { invoke, scratchFolder } from './support/wasmtime.js';

const HEADER = '# proxy-component trace v1 {}';
const TRACE = `${HEADER}\nexport calc.sum-plus-one({a: 2, b: 3})\n  import numbers.add({a: 2, b: 3}) -> 32\nreturn 33\n`;

let folder: Awaited<ReturnType<typeof scratchFolder>>;
let app: Uint8Array;
beforeAll(async () => {
  app = await inlineInterfacesComponent();
  folder = await scratchFolder({ 'replay.wasm': (await instrumentComponent(app, { mode: 'replay' })).component });
}, 180_000);
afterAll(async () => folder?.remove());

/** The end line of a run of the replay component, and its whole stderr. */
async function underWasmtime(text: string): Promise<{ end: ReplayEnd | undefined; stderr: string; exitCode: number }> {
  const run = await invoke(folder.path('replay.wasm'), 'start()', { input: text });
  return { end: findReplayEnd(run.stderr), stderr: run.stderr, exitCode: run.exitCode };
}

/** The in-process replay of the same text, read as the component reads it (from `<stdin>`). */
async function inProcess(text: string) {
  const component = await loadJcoComponent(app);
  return replayTrace(component, readTrace(text, component.world, { file: '<stdin>' }));
}

describe('the replay end line', () => {
  it('says that every call matched, after the report for people, and the run exits 0', async () => {
    const run = await underWasmtime(TRACE);
    expect(run.exitCode).toBe(0);
    expect(run.end).toEqual({ kind: 'matched', matched: 1, total: 1 });
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines).toEqual(['replay: 1 of 1 export call(s) matched', `${REPLAY_END_MARKER}{"kind":"matched","matched":1,"total":1}`]);
    expect(await inProcess(TRACE)).toEqual({ matched: 1, total: 1 });
  }, 60_000);

  it.each([
    ['another export result', TRACE.replace('return 33', 'return 34'), 'export-result'],
    ['another import answer', TRACE.replace('-> 32', '-> 40'), 'export-result'],
    ['other import arguments', TRACE.replace('numbers.add({a: 2, b: 3})', 'numbers.add({a: 2, b: 4})'), 'import-arguments'],
    ['no import call', TRACE.replace('  import numbers.add({a: 2, b: 3}) -> 32\n', ''), 'unexpected-import'],
    ['one import call more', TRACE.replace('return 33', '  import numbers.add({a: 1, b: 1}) -> 11\nreturn 33'), 'missing-import'],
  ])('carries the divergence the in-process replay finds, field for field: %s', async (_what, text, kind) => {
    const [run, report] = [await underWasmtime(text), await inProcess(text)];
    expect(run.exitCode).not.toBe(0);
    expect(report.divergence?.kind).toBe(kind);
    expect(run.end).toEqual({ kind: 'diverged', matched: 0, total: 1, divergence: report.divergence });
  }, 60_000);

  it('says where the trace records a host failure, which the replay cannot give the component', async () => {
    const run = await underWasmtime(TRACE.replace('-> 32', 'trap "no numbers today"'));
    expect(run.exitCode).not.toBe(0);
    expect(run.end).toEqual({ kind: 'host-failed', matched: 0, total: 1, callIndex: 0, import: 'numbers.add', message: 'no numbers today' });
  }, 60_000);

  it('stops on a text that is not a trace with the error the in-process reader gives', async () => {
    const text = `33\n${TRACE}`;
    const run = await underWasmtime(text);
    expect(run.exitCode).not.toBe(0);
    let message = '';
    try {
      await inProcess(text);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toBe('<stdin>:1:1: expected `export`, `import`, `return` or `trap`, found `33`');
    expect(run.end).toEqual({ kind: 'stopped', message });
  }, 60_000);

  it('stops on a trace that records no call, as the in-process replay refuses it, never "0 of 0 matched"', async () => {
    const run = await underWasmtime(`${HEADER}\n`);
    expect(run.exitCode).not.toBe(0);
    expect(run.end).toEqual({ kind: 'stopped', message: '<stdin>:2:1: the trace records no export call: replaying it would check nothing (record at least one call)' });
  }, 60_000);
});
