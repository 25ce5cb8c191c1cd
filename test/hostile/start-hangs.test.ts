/**
 * A component whose start function never returns: the time limit covers
 * starting as it covers each export call, in replay (and the Vitest and Jest
 * replays, which share its worker), diff (in-process and subprocess engines,
 * and the planning instance of --fuzz) and fuzz; and stopping `diff` from
 * outside leaves nothing in the temporary folder.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { RUN_TRACE, startLoopsComponent } from '../support/shapes/hostile-shapes.js';

let dir: string;
let loops: string;
let trace: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pc-start-hangs-'));
  loops = join(dir, 'loops.wasm');
  await writeFile(loops, await startLoopsComponent());
  trace = join(dir, 'run.trace');
  await writeFile(trace, RUN_TRACE);
});

describe('a start function that never returns', () => {
  it('replay stops it after --timeout and says the component did not start (exit 2)', async () => {
    const started = performance.now();
    const run = await runCli('replay', loops, trace, '--timeout', '300');
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(run).toMatchObject({ exitCode: 2, out: '' });
    expect(run.err).toBe(`error: ${loops} did not finish starting within 300 ms: stopped (a start function that does not return, or a limit too low for it: --timeout)\n`);
  });

  it('diff stops it on the in-process and the subprocess engines: each could not run it, for that reason (exit 2)', async () => {
    const run = await runCli('diff', loops, '--engines', 'jco,node', '--trace', trace, '--timeout', '300');
    expect(run.exitCode).toBe(2);
    expect(run.out).toContain('nothing compared: no engine could run it');
    expect(run.err).toBe(`error: ${trace}: nothing compared: no engine could run it (jco, node: see the report)\n`);
    for (const engine of ['jco', 'node']) {
      expect(run.out).toContain(`${engine} could not run it: the component did not finish starting within 300 ms: stopped (a start function that does not return, or a limit too low for it: --timeout)`);
    }
  });
});

describe('a start function that never returns, fuzzed', () => {
  it('fuzz stops it after --timeout: the component cannot be started (exit 2), never a hang', async () => {
    const run = await runCli('fuzz', loops, '--runs', '2', '--seed', '1', '--timeout', '300');
    expect(run).toMatchObject({ exitCode: 2, out: '' });
    expect(run.err).toBe(`error: ${loops} cannot be started, so it cannot be fuzzed: it did not finish starting within 300 ms: stopped (a start function that does not return, or a limit too low for it: --timeout)\n`);
  });

  it('diff --fuzz stops the planning instance after --timeout (exit 2)', async () => {
    const run = await runCli('diff', loops, '--engines', 'jco,node', '--fuzz', '2', '--seed', '1', '--timeout', '300');
    expect(run).toMatchObject({ exitCode: 2, out: '' });
    expect(run.err).toContain(`${loops} did not finish starting within 300 ms: stopped (a start function that does not return, or a limit too low for it: --timeout)`);
  });
});

const BIN = resolve('dist/src/cli/bin.js');

/** Runs `diff` on a JS shell in a process of its own, with its own temporary folder, and stops it with `signal` once the shell has its data file. */
async function stopDiff(signal: NodeJS.Signals): Promise<{ left: string[]; code: number | null; signal: NodeJS.Signals | null; shells: string[] }> {
  const temp = join(dir, `tmp-${signal}`);
  await mkdir(temp);
  const child = spawn(process.execPath, [BIN, 'diff', loops, loops, '--engines', 'node', '--trace', trace, '--timeout', '60000'], {
    env: { ...process.env, TMPDIR: temp },
    stdio: 'ignore',
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => child.on('exit', (code, sig) => done({ code, signal: sig })));
  const deadline = Date.now() + 60_000;
  const dataFile = async () => (await readdir(temp)).some((name) => name.startsWith('proxy-component-engine-') && existsSync(join(temp, name, 'data.json')));
  while (!(await dataFile())) {
    if (Date.now() > deadline) throw new Error('the shell never got its data file');
    await new Promise((wait) => setTimeout(wait, 50));
  }
  child.kill(signal);
  const end = await exited;
  return { left: await readdir(temp), ...end, shells: await processesMentioning(temp) };
}

/** Processes whose command line mentions `text` (Linux's /proc), after giving them a moment to end. */
async function processesMentioning(text: string): Promise<string[]> {
  await new Promise((wait) => setTimeout(wait, 500));
  const found: string[] = [];
  for (const pid of (await readdir('/proc')).filter((name) => /^\d+$/.test(name))) {
    const command = await readFile(join('/proc', pid, 'cmdline'), 'utf8').catch(() => '');
    if (command.includes(text)) found.push(`${pid}: ${command.replaceAll('\0', ' ')}`);
  }
  return found;
}

describe('stopping diff from outside', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)('%s ends it and leaves no proxy-component-engine-* folder and no shell behind', async (signal) => {
    const stopped = await stopDiff(signal);
    expect(stopped.left).toEqual([]);
    expect(stopped.signal).toBe(signal);
    expect(stopped.shells).toEqual([]);
  }, 90_000);
});
