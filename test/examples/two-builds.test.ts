/**
 * examples/two-builds: one JavaScript source built by componentize-js
 * (SpiderMonkey) and by componentize-qjs (QuickJS). The builds disagree on
 * an `option<string>` that is none (`undefined` in one, `null` in the
 * other): `diff` finds it, exits 1 and names the build that differs from
 * the trace (recorded from the componentize-js build). The QuickJS
 * build uses Wasm extended-const, which gjs 1.74's SpiderMonkey 102 lacks:
 * that engine says so as its outcome, and the others still compare.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildTwoBuilds, twoBuildsDir } from '../../scripts/build-two-builds.js';
import { engineByName } from '../../src/engines/registry.js';
import { missingWasmFeature } from '../../src/engines/jco/wasm-features.js';
import { readTrace } from '../../src/trace/read.js';
import { decodeComponentWorld } from '../../src/wit/binary/decode.js';
import { requireEngine } from '../engines/support/engine-fixtures.js';
import { runCli } from '../support/cli.js';

const dir = twoBuildsDir();
const SPIDERMONKEY = join(dir, 'build', 'componentize-js.wasm');
const QUICKJS = join(dir, 'build', 'componentize-qjs.wasm');
const TRACE = join(dir, 'traces', 'greet.trace');
const NATIVE = join(dir, 'greeter.js');

// componentize-js takes half a minute or more the first time; later runs find both builds up to date.
beforeAll(() => buildTwoBuilds(), 600_000);

describe('the two builds of greeter.js', () => {
  it('are built once: a second build finds both up to date', async () => {
    const lines: string[] = [];
    await buildTwoBuilds({ log: (line) => lines.push(line) });
    expect(lines).toEqual(['up to date  examples/two-builds/build/componentize-js.wasm', 'up to date  examples/two-builds/build/componentize-qjs.wasm']);
  });

  it('differ on greet(none): diff exits 1 and shows both outcomes at the trace line', async () => {
    const result = await runCli('diff', SPIDERMONKEY, QUICKJS, '--engines', 'jco', '--trace', TRACE);
    expect(result.err).toBe('');
    expect(result.exitCode).toBe(1);
    expect(result.out).toContain(`${TRACE}:4 export call #2 greet(none): engines differ (outcome)`);
    // The trace, recorded from the componentize-js build, is the reference.
    expect(result.out).toContain('jco:componentize-qjs.wasm differs from the trace (jco:componentize-js.wasm agrees with it)');
    expect(result.out).toMatch(/jco:componentize-js\.wasm\s+│ return "Hello, stranger!"/);
    expect(result.out).toMatch(/jco:componentize-qjs\.wasm\s+│ return "Hello, null!"/);
  });

  it('three or more ways, the QuickJS build is the one that differs from the trace', async () => {
    // The source itself, run natively with jco's conventions, sides with the SpiderMonkey build.
    const result = await runCli('diff', SPIDERMONKEY, QUICKJS, '--engines', `jco,native:${NATIVE}`, '--trace', TRACE, '--json');
    expect(result.exitCode).toBe(1);
    const [report] = JSON.parse(result.out) as [{ divergentCalls: number; divergence: { call: string; oddOnesOut: string[]; verdict: string } }];
    expect(report.divergence.call).toBe('greet(none)');
    expect(report.divergence.oddOnesOut).toEqual(['jco:componentize-qjs.wasm']);
    expect(report.divergence.verdict).toMatch(/^jco:componentize-qjs\.wasm differs from the trace \(jco:componentize-js\.wasm, /);
    expect(report.divergentCalls).toBe(1);
  });
});

describe('an engine that cannot run a build', () => {
  it('gjs reports the missing extended-const as its outcome; jco, node and wasmtime run the QuickJS build alike', async () => {
    const gjs = engineByName('gjs');
    await requireEngine(gjs);
    await requireEngine(engineByName('wasmtime'));
    const status = await gjs.status();
    const [major, minor] = (status.available ? status.version : '0.0').split('.').map(Number) as [number, number];
    const result = await runCli('diff', QUICKJS, '--engines', 'jco,node,wasmtime,gjs', '--trace', TRACE, '--json');
    const [report] = JSON.parse(result.out) as [{ verdict: string; ran: string[]; couldNotRun: { engine: string; reason: string }[]; divergentCalls: number }];
    expect(report.divergentCalls).toBe(0);
    if (major > 1 || minor >= 76) {
      // A gjs whose SpiderMonkey has extended-const (Firefox 112 and later) runs it like the others.
      expect(report.verdict).toBe('agree');
      return;
    }
    // gjs could not run it, which is no divergence: the verdict is among the three that ran.
    expect(result.exitCode).toBe(0);
    expect(report).toMatchObject({ verdict: 'agree', ran: ['jco', 'node', 'wasmtime'] });
    expect(report.couldNotRun).toEqual([{ engine: 'gjs', reason: expect.stringMatching(/^CompileError: .*unrecognized opcode: 6a 0 \(the component uses Wasm extended-const, which gjs lacks\)$/) }]);
    const bytes = new Uint8Array(await readFile(QUICKJS));
    const trace = readTrace(await readFile(TRACE, 'utf8'), decodeComponentWorld(bytes));
    const run = await (await gjs.load({ bytes })).run(trace.calls);
    expect(run.calls.map((call) => call.outcome)).toEqual(trace.calls.map(() => ({ kind: 'not-run', reason: 'gjs lacks Wasm extended-const, which the component uses' })));
  });

  it('the missing feature is named from SpiderMonkey and V8 compile errors alike, and only from those', () => {
    expect(missingWasmFeature('CompileError: at offset 4581: unrecognized opcode: 6a 0')).toBe('Wasm extended-const');
    expect(missingWasmFeature('CompileError: WebAssembly.Module(): opcode i32.add is not allowed in constant expressions @+4578')).toBe('Wasm extended-const');
    expect(missingWasmFeature('CompileError: at offset 10: unrecognized opcode: fd 12')).toBeUndefined();
    expect(missingWasmFeature('RuntimeError: unreachable')).toBeUndefined();
  });
});
