/**
 * Recording appends: each completed export call is added to the trace file as
 * it completes, the file is never rewritten (so a long recording costs the
 * same per call), and a recording stopped at any point, even by SIGKILL,
 * leaves a trace of every call that completed and nothing beside it.
 */
import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { readdir, readFile, stat, writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { recordComponent } from '../../src/session/record-component.js';
import { appComponent } from '../support/app-component.js';
import { runCli } from '../support/cli.js';

let dir: string;
let app: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pc-record-append-'));
  app = join(dir, 'app.wasm');
  await writeFile(app, await appComponent());
});

describe('recording to a file', () => {
  it('appends each call to the same file as it completes: never rewritten, never a temporary file', async () => {
    const trace = join(dir, 'growing.trace');
    const seen: { ino: number; size: number; temporary: string[] }[] = [];
    const host = {
      'test:app/math': {
        double: (x: number) => {
          // What the file looks like while the next call runs.
          const info = statSync(trace);
          seen.push({ ino: info.ino, size: info.size, temporary: readdirSync(dir).filter((name) => name.endsWith('.tmp')) });
          return x * 2;
        },
        lookup: () => undefined,
      },
    };
    await recordComponent(app, { host, invocations: ['run(1)', 'run(2)', 'run(3)', 'run(4)'], output: trace });
    const final = await stat(trace);
    expect(seen.map((s) => s.ino)).toEqual([final.ino, final.ino, final.ino, final.ino]);
    const sizes = seen.map((s) => s.size);
    expect(sizes).toEqual([...sizes].sort((a, b) => a - b));
    expect(new Set(sizes).size).toBe(4);
    expect(seen.flatMap((s) => s.temporary)).toEqual([]);
    expect((await readdir(dir)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    const replayed = await runCli('replay', app, trace);
    expect(replayed.out).toBe(`✓ ${trace}: 4 calls matched\n`);
  });

  it('a recording killed (SIGKILL) in the middle of a call leaves every completed call, and no .tmp file', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'pc-record-kill-'));
    await writeFile(join(folder, 'app.wasm'), await appComponent());
    // The host kills its own process in the third call: the first two completed.
    await writeFile(
      join(folder, 'killer.mjs'),
      "let calls = 0;\nexport default { 'test:app/math': { double: (x) => { if (++calls === 3) process.kill(process.pid, 'SIGKILL'); return x * 2; }, lookup: () => undefined } };\n",
    );
    const trace = join(folder, 'killed.trace');
    const child = spawn(process.execPath, [resolve('dist/src/cli/bin.js'), 'record', join(folder, 'app.wasm'), '--host', join(folder, 'killer.mjs'), '--invoke', 'run(1)', 'run(2)', 'run(3)', 'run(4)', '-o', trace], { stdio: 'ignore' });
    const signal = await new Promise((done) => child.on('exit', (_code, sig) => done(sig)));
    expect(signal).toBe('SIGKILL');
    expect((await readdir(folder)).sort()).toEqual(['app.wasm', 'killed.trace', 'killer.mjs']);
    expect(await readFile(trace, 'utf8')).toMatch(/^# proxy-component trace v1 .*\nexport run\(1\)\n.*\nreturn 3\nexport run\(2\)\n.*\nreturn 5\n$/);
    expect((await runCli('replay', join(folder, 'app.wasm'), trace)).out).toBe(`✓ ${trace}: 2 calls matched\n`);
  });

  it('checks every --invoke before the first call: a bad tenth call is not found after nine', async () => {
    const trace = join(dir, 'never.trace');
    const run = await runCli('record', app, '--invoke', 'run(1)', 'run("x")', '-o', trace);
    expect(run).toMatchObject({ exitCode: 2, out: '' });
    expect(run.err).toBe('error: --invoke #2:1:5: expected u32, found string\n');
    await expect(stat(trace)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
