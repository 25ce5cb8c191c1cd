/**
 * examples/http-handler under wasmtime, as a user of the original tool runs
 * it: the record-instrumented build served by `wasmtime serve`, real requests
 * sent with fetch while the handler calls the upstream server, the trace the
 * component writes on stdout; that trace replayed offline in-process and by
 * the replay-instrumented build under `wasmtime run --invoke 'start()'`, as
 * is the trace recorded in-process (traces/requests.trace); an altered
 * response header and the changed build fail there naming the call and the
 * request. And what wasmtime serve does by default, an instance per request
 * (one header each): both replays diverge at the second request, saying why.
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTTP_HANDLER, HTTP_HANDLER_CHANGED, buildExample, exampleDir } from '../../scripts/build-examples.js';
import { sendRequests, startUpstream, type Upstream } from '../../scripts/http-requests.js';
import { wasmtimeServe } from '../../scripts/wasmtime-serve.js';
import { invokeCompiled, precompiled, requireWasmtime } from '../../src/engines/wasmtime/wasmtime-cli.js';
import { instrumentComponent } from '../../src/instrument/instrument.js';
import { findReplayEnd } from '../../src/trace/replay-end.js';
import { readTrace } from '../../src/trace/read.js';
import { ResourceHandle } from '../../src/values/value.js';
import { decodeComponentWorld } from '../../src/wit/binary/decode.js';
import type { World } from '../../src/wit/world.js';
import { runCli } from '../support/cli.js';

const dir = exampleDir(HTTP_HANDLER);
const MAIN = join(dir, HTTP_HANDLER.main.output);
const COMMITTED = join(dir, 'traces/requests.trace');
const REQUESTS = HTTP_HANDLER.traces[0]!.requests;

let binary: string;
let world: World;
let recordBuild: Uint8Array;
/** The replay build of the main handler, compiled by wasmtime. */
let replayBuild: string;
let upstream: Upstream;
let folder: string;
/** The trace `wasmtime serve` wrote, as a file. */
let served: string;

beforeAll(async () => {
  binary = requireWasmtime();
  await buildExample(HTTP_HANDLER);
  const app = new Uint8Array(await readFile(MAIN));
  world = decodeComponentWorld(app);
  recordBuild = (await instrumentComponent(app, { mode: 'record' })).component;
  // Compiled ahead of time here (wasmtimeServe finds it compiled), so that no test pays for it.
  await precompiled(binary, recordBuild);
  replayBuild = await precompiled(binary, (await instrumentComponent(app, { mode: 'replay' })).component);
  upstream = await startUpstream(dir);
  folder = await mkdtemp(join(tmpdir(), 'pc-http-wasmtime-'));
}, 900_000);

afterAll(async () => {
  await upstream?.close();
});

/** Waits until `check` answers something, for at most 10 s. */
async function eventually<T>(check: () => T | undefined): Promise<T> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const found = check();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** `wasmtime run --invoke 'start()'` of a compiled replay build with `trace` on stdin: its exit code, stderr and end line. */
async function replayUnderWasmtime(compiled: string, trace: string) {
  const run = await invokeCompiled(binary, compiled, 'start()', { input: trace, timeoutMs: 300_000 });
  return { exitCode: run.exitCode, stderr: run.stderr, end: findReplayEnd(run.stderr) };
}

describe('recording live under wasmtime serve (the record-instrumented build, the trace on stdout)', () => {
  it('answers real requests with what the upstream said, one instance serving them all, each request on stdout once it is answered', async () => {
    const server = await wasmtimeServe(recordBuild, { oneInstance: true });
    const bodies: string[] = [];
    let text: string;
    try {
      for (const [index, request] of REQUESTS.entries()) {
        const [exchange] = await sendRequests(server.url, [request], upstream.authority);
        expect(exchange?.status, exchange?.body).toBe(200);
        expect(exchange?.headers['x-greeting']).toBe('hello');
        bodies.push(exchange?.body ?? '');
        // Written as it happens: the request's `return` line is there while the server still runs.
        await eventually(() => (server.stdout().match(/^return$/gm)?.length === index + 1 ? true : undefined));
      }
    } finally {
      text = (await server.close()).stdout;
    }
    expect(bodies[0]).toMatch(/^GET \/hello: hello ada, you sent 0 bytes\. Upstream says: ada, \S/);
    expect(bodies[1]).toMatch(/^POST \/notes\?draft=1: hello grace, you sent 18 bytes\. Upstream says: grace, \S/);
    expect(bodies[2]).toMatch(/^GET \/: hello stranger, you sent 0 bytes\. Upstream says: stranger, \S/);
    // One header, then the three requests, handles numbered across them as jco's server numbers them.
    expect(text.match(/^# proxy-component trace v1 /gm)).toHaveLength(1);
    const trace = readTrace(text, world);
    expect(trace.calls.map((call) => call.name)).toEqual(Array(3).fill('wasi:http/incoming-handler.handle@0.2.12'));
    expect(trace.calls.map((call) => call.args)).toEqual([1, 17, 33].map((id) => [new ResourceHandle(id), new ResourceHandle(id + 1)]));
    expect(text).toContain(`  import wasi:http/types.[method]outgoing-request.set-authority@0.2.12(#7, some("${upstream.authority}")) -> ok\n`);
    expect(text).toContain('  import wasi:http/outgoing-handler.handle@0.2.12(#7, none) -> ok(#8)\n');
    served = join(folder, 'served.trace');
    await writeFile(served, text);
  });

  it('replays that trace in-process, with no network', async () => {
    const result = await runCli('replay', MAIN, served);
    expect(result.out + result.err).toBe(`✓ ${served}: 3 calls matched\n`);
    expect(result.exitCode).toBe(0);
  });

  it("replays it under `wasmtime run --invoke 'start()'` with the replay build", async () => {
    const run = await replayUnderWasmtime(replayBuild, await readFile(served, 'utf8'));
    expect(run.end).toEqual({ kind: 'matched', matched: 3, total: 3 });
    expect(run.stderr).toContain('replay: 3 of 3 export call(s) matched\n');
    expect(run.exitCode).toBe(0);
  });

  it('with an instance per request (wasmtime serve by default), each instance writes a header: both replays diverge at request 2 and say why', async () => {
    const server = await wasmtimeServe(recordBuild);
    try {
      const answers = await sendRequests(server.url, REQUESTS.slice(0, 2), upstream.authority);
      expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
      await eventually(() => (server.stdout().match(/^return$/gm)?.length === 2 ? true : undefined));
    } finally {
      await server.close();
    }
    const text = server.stdout();
    expect(text.match(/^# proxy-component trace v1 /gm)).toHaveLength(2);
    const rows = text.split('\n');
    const header = rows.findIndex((row, index) => index > 0 && row.startsWith('# proxy-component trace v1 ')) + 1;
    // Request 2's instance starts CPython again: its first import is the runtime's, which the instance replaying request 1 does not make again.
    const line = header + 2;
    expect(rows[line - 1]).toMatch(/^ {2}import wasi:cli\/environment\.get-environment@0\.2\.9\(\) -> /);
    const file = join(folder, 'per-request.trace');
    await writeFile(file, text);
    const summary =
      'the component called `wasi:http/types.[method]incoming-request.method@0.2.12`, the trace expects `wasi:cli/environment.get-environment@0.2.9` next; ' +
      `the trace holds recordings of several instances (another header at line ${header}) and a replay runs every call on one instance, ` +
      'so calls recorded by a fresh instance (what a program does on its first call) are not made again ' +
      '(`wasmtime serve` starts an instance per request unless `--max-instance-reuse-count` and `--idle-instance-timeout` keep one)';

    const result = await runCli('replay', MAIN, file);
    expect(result.out.split('\n').slice(0, 2)).toEqual([`✗ ${file}:${line} export call #2: unexpected import call`, `  ${summary}`]);
    expect(result.exitCode).toBe(1);

    const run = await replayUnderWasmtime(replayBuild, text);
    expect(run.end).toMatchObject({ kind: 'diverged', matched: 1, total: 2, divergence: { line, summary } });
    expect(run.exitCode).not.toBe(0);
  });
});

describe("the trace recorded in-process, under `wasmtime run --invoke 'start()'`", () => {
  it('matches with the replay build', async () => {
    const run = await replayUnderWasmtime(replayBuild, await readFile(COMMITTED, 'utf8'));
    expect(run.end).toEqual({ kind: 'matched', matched: 3, total: 3 });
    expect(run.exitCode).toBe(0);
  });

  it('fails an altered response header at its import call and line, in the words of the in-process replay', async () => {
    const lines = (await readFile(COMMITTED, 'utf8')).split('\n');
    const line = lines.findIndex((row) => row.includes('[static]fields.from-list@0.2.12([("content-type"')) + 1;
    lines[line - 1] = (lines[line - 1] as string).replace('("x-greeting", [104, 101, 108, 108, 111])', '("x-greeting", [104, 117, 108, 108, 111])');
    const altered = lines.join('\n');
    const file = join(folder, 'altered.trace');
    await writeFile(file, altered);

    const run = await replayUnderWasmtime(replayBuild, altered);
    expect(run.end?.kind).toBe('diverged');
    const divergence = run.end?.kind === 'diverged' ? run.end.divergence : undefined;
    expect(divergence?.line).toBe(line);
    expect(divergence?.summary).toBe('`wasi:http/types.[static]fields.from-list@0.2.12` was called with a different `entries` than the trace records');
    expect(run.exitCode).not.toBe(0);
    // The report on stderr is the in-process one, but for the name of the input.
    const inProcess = await runCli('replay', MAIN, file);
    expect(inProcess.exitCode).toBe(1);
    expect(run.stderr).toContain(inProcess.out.replace(file, '<stdin>'));
  });

  it('fails the changed build (POST answers 201) at the request whose behaviour changed, naming its method and path', async () => {
    const changed = new Uint8Array(await readFile(join(dir, HTTP_HANDLER_CHANGED.output)));
    const build = await precompiled(binary, (await instrumentComponent(changed, { mode: 'replay' })).component);
    const run = await replayUnderWasmtime(build, await readFile(COMMITTED, 'utf8'));
    expect(run.end).toMatchObject({ kind: 'diverged', matched: 1, total: 3 });
    expect(run.stderr).toContain('<stdin>');
    expect(run.stderr).toContain(' export call #2: wrong import arguments\n');
    expect(run.stderr).toContain('     where #17 {method: post, path-with-query: some("/notes?draft=1")}\n');
    expect(run.stderr).toContain('  + actual   wasi:http/types.[method]outgoing-response.set-status-code@0.2.12(#30, 201)\n');
  }, 600_000);
});
