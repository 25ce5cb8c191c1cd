import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { appComponent, changedAppComponent } from '../support/app-component.js';
import { runCli } from '../support/cli.js';

let dir: string;

const run = runCli;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pc-cli-rr-'));
  await writeFile(join(dir, 'app.wasm'), await appComponent());
  await writeFile(join(dir, 'app-v2.wasm'), await changedAppComponent());
  await writeFile(
    join(dir, 'host.mjs'),
    "export default { 'test:app/math': { double: (x) => x * 2, lookup: (key) => (key === 'ada' ? 'Hello, Ada' : undefined) } };\n",
  );
});

describe('proxy-component record and replay', () => {
  it('records, replays the trace (exit 0), and flags the changed build (exit 1) at the call that changed', async () => {
    const trace = join(dir, 'app.trace');
    const recorded = await run('record', join(dir, 'app.wasm'), '--host', join(dir, 'host.mjs'), '--invoke', 'greet("ada")', 'run(20)', '-o', trace);
    expect(recorded).toMatchObject({ exitCode: 0, err: `wrote ${trace}\n` });
    expect(recorded.out).toContain('export run(20)\n  import test:app/math.double@0.1.0(20) -> 40\nreturn 41\n');
    expect(await readFile(trace, 'utf8')).toContain('"componentPath":"app.wasm"');

    const replayed = await run('replay', join(dir, 'app.wasm'), trace);
    expect(replayed).toEqual({ exitCode: 0, out: `✓ ${trace}: 2 calls matched\n`, err: '' });

    const diverged = await run('replay', join(dir, 'app-v2.wasm'), trace);
    expect(diverged.exitCode).toBe(1);
    expect(diverged.out).toContain(`${trace}:7 export call #2: wrong export result`);
    expect(diverged.out).toContain('`run` returned 42, the trace expects 41');
  });

  it('ends a replay of several traces with a summary naming the ones that diverged, after the reports in the order given', async () => {
    const greet = join(dir, 'greet.trace');
    const both = join(dir, 'both.trace');
    await run('record', join(dir, 'app.wasm'), '--host', join(dir, 'host.mjs'), '--invoke', 'greet("ada")', '-o', greet);
    await run('record', join(dir, 'app.wasm'), '--host', join(dir, 'host.mjs'), '--invoke', 'greet("ada")', 'run(20)', '-o', both);

    const replayed = await run('replay', join(dir, 'app-v2.wasm'), greet, both, greet, '--jobs', '2');

    expect(replayed.exitCode).toBe(1);
    const lines = replayed.out.trimEnd().split('\n');
    expect(lines[0]).toBe(`✓ ${greet}: 1 call matched`);
    expect(lines.at(-1)).toBe(`✗ 3 traces: 2 matched, 1 diverged (${both})`);
    expect(replayed.out.indexOf(`${both}:7 export call #2`)).toBeLessThan(replayed.out.lastIndexOf(`✓ ${greet}`));

    const clean = await run('replay', join(dir, 'app.wasm'), greet, both);
    expect(clean).toMatchObject({ exitCode: 0, out: `✓ ${greet}: 1 call matched\n✓ ${both}: 2 calls matched\n\n✓ 2 traces: 2 matched\n` });
  });

  it('refuses a --timeout that is not a number of milliseconds instead of replacing it', async () => {
    const replayed = await run('replay', join(dir, 'app.wasm'), join(dir, 'greet.trace'), '--timeout', 'abc');
    expect(replayed).toMatchObject({ exitCode: 2, err: 'error: --timeout must be an integer from 0 to 9007199254740991, got `abc`\n' });
  });

  it('writes and replays the original tool\'s JSONL format', async () => {
    const trace = join(dir, 'app.jsonl');
    await run('record', join(dir, 'app.wasm'), '--host', join(dir, 'host.mjs'), '--invoke', 'run(1)', '-o', trace, '--format', 'seed');
    expect(await readFile(trace, 'utf8')).toBe(
      '{"ExportArgs":{"method":"run","args":["1"]}}\n' +
        '{"ImportArgs":{"method":"test:app/math.double","args":["1"]}}\n' +
        '{"ImportRet":{"method":"test:app/math.double","ret":"2"}}\n' +
        '{"ExportRet":{"method":"run","ret":"3"}}\n',
    );
    expect((await run('replay', join(dir, 'app.wasm'), trace)).exitCode).toBe(0);
  });

  it('exits 2 with one clear line for bad input', async () => {
    const noHost = await run('record', join(dir, 'app.wasm'), '--host', join(dir, 'missing.mjs'), '--invoke', 'run(1)');
    expect(noHost.exitCode).toBe(2);
    expect(noHost.err).toMatch(/^error: cannot load the host module .*missing\.mjs/);

    const badCall = await run('record', join(dir, 'app.wasm'), '--host', join(dir, 'host.mjs'), '--invoke', 'run("x")');
    expect(badCall).toMatchObject({ exitCode: 2, err: 'error: --invoke #1:1:5: expected u32, found string\n' });

    const corrupt = join(dir, 'corrupt.wasm');
    await writeFile(corrupt, Uint8Array.from([0, 97, 115, 109, 13, 0, 1, 0, 1, 2]));
    const badComponent = await run('replay', corrupt, join(dir, 'app.trace'));
    expect(badComponent.exitCode).toBe(2);
    expect(badComponent.err).toMatch(/^error: .*byte/);
  });
});
