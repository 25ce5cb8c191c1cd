/**
 * `proxy-component instrument`: writes the composed component (which then
 * runs under wasmtime), says which imports pass through, and refuses bad
 * input with exit code 2.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeComponentWorld } from '../../src/wit/binary/decode.js';
import { appComponent } from '../support/app-component.js';
import { wasiAppComponent } from '../instrument/support/wasi-app.js';
import { invoke, scratchFolder } from '../instrument/support/wasmtime.js';
import { runCli } from '../support/cli.js';

let folder: Awaited<ReturnType<typeof scratchFolder>>;
beforeAll(async () => {
  folder = await scratchFolder({ 'wasi-app.wasm': await wasiAppComponent(), 'app.wasm': await appComponent(), 'not-a-component.wasm': 'hello' });
});
afterAll(async () => folder?.remove());

describe('proxy-component instrument', () => {
  it('writes a replay component that replays a recording of the record component under wasmtime', async () => {
    const record = await runCli('instrument', '-m', 'record', folder.path('wasi-app.wasm'), '-o', folder.path('record.wasm'));
    expect(record.exitCode, record.err).toBe(0);
    expect(record.err).toContain(`wrote ${folder.path('record.wasm')}`);
    const replay = await runCli('instrument', '-m', 'replay', folder.path('wasi-app.wasm'), '-o', folder.path('replay.wasm'));
    expect(replay.exitCode, replay.err).toBe(0);
    const recorded = await invoke(folder.path('record.wasm'), 'roll(100)');
    expect(recorded.exitCode, recorded.stderr).toBe(0);
    const replayed = await invoke(folder.path('replay.wasm'), 'start()', { input: recorded.stdout });
    expect(replayed.exitCode, replayed.stderr).toBe(0);
    expect(replayed.stderr).toContain('1 of 1 export call(s) matched');
  }, 120_000);

  it('keeps --passthrough interfaces as imports of the replay component', async () => {
    const run = await runCli('instrument', '-m', 'replay', folder.path('app.wasm'), '--passthrough', 'test:app/math', '-o', folder.path('math.wasm'));
    expect(run.exitCode, run.err).toBe(0);
    expect(decodeComponentWorld(new Uint8Array(await readFile(folder.path('math.wasm')))).imports.has('test:app/math@0.1.0')).toBe(true);
  }, 120_000);

  it('writes a fuzz component from a seed', async () => {
    const run = await runCli('instrument', '-m', 'fuzz', '--seed', '11', '--runs', '3', folder.path('wasi-app.wasm'), '-o', folder.path('fuzz.wasm'));
    expect(run.exitCode, run.err).toBe(0);
    expect([...decodeComponentWorld(new Uint8Array(await readFile(folder.path('fuzz.wasm')))).exports.keys()]).toContain('start');
  }, 120_000);

  it('refuses bad input with exit code 2 and one line', async () => {
    const missingMode = await runCli('instrument', folder.path('app.wasm'));
    expect(missingMode.exitCode).toBe(2);
    expect(missingMode.err).toContain('-m record');
    const hostFuzz = await runCli('instrument', '-m', 'fuzz', '--use-host-recorder', folder.path('app.wasm'));
    expect(hostFuzz.exitCode).toBe(2);
    expect(hostFuzz.err).toContain('record and replay mode only');
    for (const seed of ['x', '1e3', '-1', '4294967296']) {
      const badSeed = await runCli('instrument', '-m', 'fuzz', '--seed', seed, folder.path('app.wasm'));
      expect(badSeed.exitCode).toBe(2);
      expect(badSeed.err.trim()).toBe(`error: --seed must be an integer from 0 to 4294967295, got \`${seed}\``);
    }
    const notComponent = await runCli('instrument', '-m', 'record', folder.path('not-a-component.wasm'));
    expect(notComponent.exitCode).toBe(2);
    expect(notComponent.err.trim().split('\n')).toHaveLength(1);
    const missing = await runCli('instrument', '-m', 'record', folder.path('nope.wasm'));
    expect(missing.exitCode).toBe(2);
    expect(missing.err).toContain('no such file');
  }, 120_000);
});
