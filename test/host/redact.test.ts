/**
 * Redaction (src/host/redact.ts): secrets out of a recording before it is
 * written, placeholders that replay answers with and compares as equal to
 * anything, and rules checked against the component's world.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadJcoComponent } from '../../src/engines/jco/load.js';
import { ReplayWorker } from '../../src/engines/jco/worker/replay-worker.js';
import { checkRedactionAgainstWorld, redactTrace } from '../../src/host/redact.js';
import { startRecording } from '../../src/host/record.js';
import { traceFunctionResolver } from '../../src/trace/resolve-names.js';
import { formatTrace } from '../../src/trace/write.js';
import { decodeComponentWorld } from '../../src/wit/binary/decode.js';
import { appComponent, appHost } from '../support/app-component.js';
import { ENV_SECRET, envComponent } from '../support/shapes/logger-env.js';

let folder: string;
const worker = new ReplayWorker();

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'pc-redact-'));
});

afterAll(async () => {
  await worker.close();
  await rm(folder, { recursive: true, force: true });
});

async function record(bytes: Uint8Array, host: object, calls: readonly [string, readonly unknown[]][]) {
  const component = await loadJcoComponent(bytes);
  const recording = await startRecording(component, host as never, { componentPath: 'c.wasm' });
  const resolve = traceFunctionResolver(component.world, 'export');
  for (const [name, args] of calls) recording.call(resolve(name)!, args as never);
  return recording.trace();
}

describe('redactTrace', () => {
  it("keeps an environment variable's value out of the recording, and the replay answers with the placeholder", async () => {
    const bytes = await envComponent();
    const host = { 'wasi:cli/environment': { getEnvironment: () => [['API_TOKEN', ENV_SECRET], ['HOME', '/home/ada']] } };
    const trace = await record(bytes, host, [['env-count', []]]);

    const text = formatTrace(redactTrace(trace, [{ env: 'API_TOKEN', as: 'api-token' }]));

    expect(text).not.toContain(ENV_SECRET);
    expect(text).toContain('[("API_TOKEN", "[REDACTED:api-token]"), ("HOME", "/home/ada")]');
    await writeFile(join(folder, 'env.wasm'), bytes);
    expect(await worker.replay(join(folder, 'env.wasm'), { text }, 'env.trace')).toEqual({ matched: 1, total: 1 });
  });

  it('redacts a place by import and path, and every other occurrence of what was there, which then compares equal to anything', async () => {
    const bytes = await appComponent();
    const trace = await record(bytes, appHost(), [['greet', ['ada']], ['run', [2]]]);

    const text = formatTrace(redactTrace(trace, [{ import: 'test:app/math.lookup', path: 'result.some', as: 'greeting' }]));

    expect(text).not.toContain('Hello, Ada');
    // The answer, and the export's result that echoed it.
    expect(text.match(/\[REDACTED:greeting\]|\[REDACTED\]/g)).toHaveLength(2);
    await writeFile(join(folder, 'app.wasm'), bytes);
    expect(await worker.replay(join(folder, 'app.wasm'), { text }, 'app.trace')).toEqual({ matched: 2, total: 2 });
  });

  it('refuses rules that name no function, a path not there, or a place that is neither a string nor a number', async () => {
    const world = decodeComponentWorld(await appComponent());
    expect(() => checkRedactionAgainstWorld(world, [{ import: 'test:app/math.lookpu', path: 'result' }])).toThrow('redact rule #1 (import test:app/math.lookpu): the component imports no function `test:app/math.lookpu` (did you mean `math.lookup`?)');
    expect(() => checkRedactionAgainstWorld(world, [{ import: 'test:app/math.lookup', path: 'query' }])).toThrow('a path starts with `result` or a parameter of `test:app/math.lookup@0.1.0` (key)');
    expect(() => checkRedactionAgainstWorld(world, [{ import: 'test:app/math.lookup', path: 'result.ok' }])).toThrow("an option's value is `.some`, not `.ok`");
    const trace = await record(await appComponent(), appHost(), [['greet', ['ada']]]);
    expect(() => redactTrace(trace, [{ import: 'test:app/math.lookup', path: 'result' }])).toThrow('redaction replaces strings, numbers, booleans and lists of them; the value there is a option');
  });
});
