/**
 * Hostile paths and files where a component or a trace is expected: every
 * command that reads one says what is wrong with it, naming the path (and the
 * line and column for a trace's bytes), and exits 2; none crashes with a stack
 * trace, says "does not exist" of a FIFO, or waits for ever on one.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { appComponent } from '../support/app-component.js';
import { runCli } from '../support/cli.js';
import { planTrace, planTraceSync } from '../../src/trace-tests/plan.js';

let dir: string;
let app: string;
let trace: string;
let folder: string;
let fifo: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pc-hostile-files-'));
  app = join(dir, 'app.wasm');
  await writeFile(app, await appComponent());
  trace = join(dir, 'app.trace');
  await writeFile(trace, '# proxy-component trace v1 {}\nexport run(1)\n  import test:app/math.double@0.1.0(1) -> 2\nreturn 3\n');
  folder = join(dir, 'folder.wasm');
  await mkdir(folder);
  fifo = join(dir, 'pipe.wasm');
  execFileSync('mkfifo', [fifo]);
});

/** Each command that reads a user's component, with the component's path in it. */
const componentCommands: [string, (component: string) => string[]][] = [
  ['record', (c) => ['record', c, '--invoke', 'run(1)']],
  ['replay', (c) => ['replay', c, trace]],
  ['fuzz', (c) => ['fuzz', c, '--runs', '1']],
  ['diff', (c) => ['diff', c, app, '--trace', trace]],
  ['instrument', (c) => ['instrument', '-m', 'record', c, '-o', join(dir, 'out.wasm')]],
];

describe('a component path that is no component file', () => {
  it.each(componentCommands)('%s names a folder, a FIFO and /dev/zero for what they are', async (_name, argv) => {
    for (const [path, said] of [
      [folder, /folder\.wasm: is a folder, not a component \(\.wasm\) file/],
      [fifo, /pipe\.wasm: is not a regular file \(a FIFO\)/],
      ['/dev/zero', /\/dev\/zero: is not a regular file \(a device\)/],
    ] as const) {
      const run = await runCli(...argv(path));
      expect(run.exitCode, `${argv(path).join(' ')}: ${run.err}`).toBe(2);
      expect(run.err).toMatch(said);
      expect(run.err).not.toMatch(/\n\s+at |does not exist|EISDIR/);
    }
  });

  it('a trace whose header names a FIFO as its component says so, not "does not exist"', async () => {
    const named = join(dir, 'named.trace');
    await writeFile(named, '# proxy-component trace v1 {"componentPath":"pipe.wasm"}\nexport run(1)\n  import test:app/math.double@0.1.0(1) -> 2\nreturn 3\n');
    const run = await runCli('replay', app, named);
    expect(run.exitCode).toBe(0);
    const { replayTraceFile } = await import('../../src/session/replay-file.js');
    await expect(replayTraceFile(named)).rejects.toThrow(/pipe\.wasm: is not a regular file \(a FIFO\)/);
  });

  it('the Vitest and Jest trace plans name the component for what it is', async () => {
    const named = join(dir, 'folder-named.trace');
    await writeFile(named, '# proxy-component trace v1 {"componentPath":"folder.wasm"}\nexport run(1)\nreturn 3\n');
    for (const plan of [await planTrace(named, { root: dir }), planTraceSync(named, { root: dir })]) {
      expect(plan.kind).toBe('unreadable');
      expect(plan.kind === 'unreadable' && plan.error.message).toMatch(/^folder\.wasm: is a folder, not a component/);
    }
  });
});

describe('a trace path that is no trace file', () => {
  it.each([
    ['replay', (t: string) => ['replay', app, t]],
    ['diff', (t: string) => ['diff', app, app, '--trace', t]],
  ])('%s names a folder, a FIFO and /dev/zero for what they are', async (_name, argv) => {
    const traceFifo = join(dir, `pipe-${_name}.trace`);
    execFileSync('mkfifo', [traceFifo]);
    for (const [path, said] of [
      [dir, /is a folder, not a trace file/],
      [traceFifo, /is not a regular file \(a FIFO\)/],
      ['/dev/zero', /\/dev\/zero: is not a regular file \(a device\)/],
    ] as const) {
      const run = await runCli(...argv(path));
      expect(run.exitCode).toBe(2);
      expect(run.err).toMatch(said);
      expect(run.err).not.toMatch(/\n\s+at /);
    }
  });

  it('bytes that are not UTF-8 are an error at their line and column, not U+FFFD in a value', async () => {
    const broken = join(dir, 'latin1.trace');
    const text = Buffer.from('# proxy-component trace v1 {}\nexport run(1)\n  import test:app/math.double@0.1.0(1) -> 2\nreturn 3\n');
    const bytes = Buffer.concat([text.subarray(0, 41), Buffer.from([0xe9]), text.subarray(41)]);
    await writeFile(broken, bytes);
    const run = await runCli('replay', app, broken);
    expect(run.exitCode).toBe(2);
    expect(run.err).toBe(`error: ${broken}:2:12: bytes that are not UTF-8 (0xe9)\n`);
  });

  it('a byte order mark before the header is dropped: the header is still the header', async () => {
    const bom = join(dir, 'bom.trace');
    await writeFile(bom, `\uFEFF# proxy-component trace v1 {"componentPath":"app.wasm"}\nexport run(1)\n  import test:app/math.double@0.1.0(1) -> 2\nreturn 3\n`);
    const { replayTraceFile } = await import('../../src/session/replay-file.js');
    expect(await replayTraceFile(bom)).toMatchObject({ matched: 1, component: app });
  });
});

describe('a trace that records no call', () => {
  it.each([
    ['an empty file', '', 1, 1, 'the trace is empty'],
    ['a header alone', '# proxy-component trace v1 {}\n', 2, 1, 'the trace records no export call'],
    ['comments alone', '# proxy-component trace v1 {}\n# nothing here\n', 3, 1, 'the trace records no export call'],
    ['JSONL with no event', '\n', 2, 1, 'the trace is empty'],
  ])('%s fails replay and diff at its end (exit 2), never "0 calls matched"', async (_what, text, line, column, said) => {
    const empty = join(dir, `empty-${line}-${text.length}.trace`);
    await writeFile(empty, text);
    const replayed = await runCli('replay', app, empty);
    expect(replayed.exitCode).toBe(2);
    expect(replayed.out).not.toMatch(/matched/);
    expect(replayed.err).toBe(`error: ${empty}:${line}:${column}: ${said}: replaying it would check nothing (record at least one call)\n`);
    const diffed = await runCli('diff', app, app, '--trace', empty);
    expect(diffed.exitCode).toBe(2);
    expect(diffed.err).toContain(`${empty}:${line}:${column}: ${said}`);
    const plan = await planTrace(empty, { root: dir, component: app });
    expect(plan).toMatchObject({ kind: 'unreadable', error: { line, column, code: 'TRACE_SYNTAX' } });
  });
});
