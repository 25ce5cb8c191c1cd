/**
 * examples/http-handler end to end: a wasi:http handler (Python, built with
 * componentize-py) served live on jco's HTTP server, sent real requests with
 * fetch while it calls a second local server, the trace written as requests
 * arrive; then replayed with no network by the CLI: the committed trace
 * matches, an altered response header fails at its import call, the changed
 * build fails at the request whose behaviour changed, the same program built
 * by the previous componentize-py makes the same calls, and edited handle
 * numbers are divergences that name the handle. And the trace as tests, the
 * way the example's README runs them: with its vitest.config.ts (the plugin)
 * and its jest.config.cjs (the preset), in a throwaway project where
 * proxy-component is installed as a package. (One file: the builds are made
 * once, by one beforeAll.)
 */
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTTP_HANDLER, HTTP_HANDLER_CHANGED, HTTP_HANDLER_PREVIOUS_TOOLCHAIN, buildExample, exampleDir } from '../../scripts/build-examples.js';
import { sendRequests, startUpstream, type Upstream } from '../../scripts/http-requests.js';
import { bufferIO } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';
import { fuzzComponentFile } from '../../src/fuzz/session.js';
import { serveComponent } from '../../src/session/serve-component.js';
import { readTrace } from '../../src/trace/read.js';
import { decodeComponentWorld } from '../../src/wit/binary/decode.js';
import type { World } from '../../src/wit/world.js';
import { createJestProject, type JestProject } from '../jest/support/jest-project.js';
import { runCli } from '../support/cli.js';
import { requestHandlerComponent } from '../support/shapes/request-handler.js';

const dir = exampleDir(HTTP_HANDLER);
const MAIN = join(dir, HTTP_HANDLER.main.output);
const TRACE = join(dir, 'traces/requests.trace');
const REQUESTS = HTTP_HANDLER.traces[0]!.requests;

let world: World;
let project: JestProject;
let altered: string;
let upstream: Upstream;
let folder: string;

beforeAll(async () => {
  // componentize-py takes some seconds per build the first time; later runs find the builds up to date.
  await buildExample(HTTP_HANDLER);
  world = decodeComponentWorld(new Uint8Array(await readFile(MAIN)));
  upstream = await startUpstream(dir);
  folder = await mkdtemp(join(tmpdir(), 'pc-http-handler-'));
}, 600_000);

afterAll(async () => {
  await upstream?.close();
  await project?.remove();
});

/** Waits until `check` answers something, for at most 10 s. */
async function eventually<T>(check: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const found = await check().catch(() => undefined);
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('serving the handler live, recording', () => {
  it('answers real requests with what the upstream said, and the trace file is a valid trace after every request', async () => {
    const output = join(folder, 'live.trace');
    const session = await serveComponent(MAIN, { record: output, wasi: { httpHosts: [upstream.authority] } });
    const bodies: string[] = [];
    try {
      for (const [index, request] of REQUESTS.entries()) {
        const [exchange] = await sendRequests(session.url, [request], upstream.authority);
        expect(exchange?.status).toBe(200);
        expect(exchange?.headers['x-greeting']).toBe('hello');
        bodies.push(exchange?.body ?? '');
        // Appended and committed after each request: every read parses, and soon holds this request.
        const calls = await eventually(async () => {
          const trace = readTrace(await readFile(output, 'utf8'), world);
          return trace.calls.length === index + 1 ? trace.calls : undefined;
        });
        expect(calls[index]?.outcome).toEqual({ kind: 'return' });
      }
      // Recorded to a file, the session keeps no calls in memory: the file has them.
      expect(() => session.trace()).toThrow(`the calls are written to ${output} as they are served, not kept in memory`);
    } finally {
      await session.close();
    }
    expect(bodies[0]).toMatch(/^GET \/hello: hello ada, you sent 0 bytes\. Upstream says: ada, \S/);
    expect(bodies[1]).toMatch(/^POST \/notes\?draft=1: hello grace, you sent 18 bytes\. Upstream says: grace, \S/);
    expect(bodies[2]).toMatch(/^GET \/: hello stranger, you sent 0 bytes\. Upstream says: stranger, \S/);
    const text = await readFile(output, 'utf8');
    expect(text).toContain(`  import wasi:http/types.[method]outgoing-request.set-authority@0.2.12(#7, some("${upstream.authority}")) -> ok\n`);
    expect(text).toContain('  import wasi:http/outgoing-handler.handle@0.2.12(#7, none) -> ok(#8)\n');

    const replayed = await runCli('replay', MAIN, output);
    expect(replayed.out + replayed.err).toBe(`✓ ${output}: 3 calls matched\n`);
    expect(replayed.exitCode).toBe(0);
  });

  it('gives the handler no network unless granted: its outgoing request is err(HTTP-request-denied)', async () => {
    const session = await serveComponent(MAIN);
    try {
      const [exchange] = await sendRequests(session.url, [{ method: 'GET', path: '/denied' }], upstream.authority);
      expect(exchange?.body).toBe('GET /denied: hello stranger, you sent 0 bytes. Upstream says: (upstream refused: ErrorCode_HttpRequestDenied)\n');
    } finally {
      await session.close();
    }
    const imports = session.trace().calls[0]?.imports.map((call) => call.name) ?? [];
    expect(imports).toContain('wasi:http/outgoing-handler.handle@0.2.12');
    expect(session.trace().calls[0]?.imports.find((call) => call.name === 'wasi:http/outgoing-handler.handle@0.2.12')?.outcome).toEqual({
      kind: 'return',
      value: { tag: 'err', value: { tag: 'HTTP-request-denied' } },
    });
  });

  it('answers 500 with the reason when the handler traps without answering, and records the trap', async () => {
    const session = await serveComponent(MAIN);
    try {
      // An authority the handler cannot set: componentize-py turns the uncaught error into a trap.
      const [exchange] = await sendRequests(session.url, [{ method: 'GET', path: '/x' }], 'not a host!');
      expect(exchange?.status).toBe(500);
      expect(exchange?.body).toBe('the handler trapped: wasm trap: wasm `unreachable` instruction executed\n');
    } finally {
      await session.close();
    }
    expect(session.trace().calls[0]?.outcome).toEqual({ kind: 'trap', message: 'wasm trap: wasm `unreachable` instruction executed' });
  });

  it('`proxy-component serve` records to a file, logs each request, and stops after --requests', async () => {
    const output = join(folder, 'cli.trace');
    let stderr = '';
    let announced: (url: string) => void = () => undefined;
    const url = new Promise<string>((resolve) => (announced = resolve));
    const io = bufferIO();
    const exited = main(['serve', MAIN, '--record', output, '--port', '0', '--allow-host', upstream.authority, '--requests', '2'], {
      ...io,
      stderr: (text) => {
        stderr += text;
        const found = /^serving (http:\/\/[^,\s]+)/m.exec(stderr)?.[1];
        if (found !== undefined) announced(found);
      },
    });
    await sendRequests(await url, REQUESTS.slice(0, 2), upstream.authority);
    expect(await exited).toBe(0);
    expect(io.out()).toBe('#1 GET /hello -> 200\n#2 POST /notes?draft=1 -> 200\n');
    expect(stderr).toMatch(/served 2 requests; wrote .*cli\.trace\n$/);
    expect(readTrace(await readFile(output, 'utf8'), world).calls).toHaveLength(2);
  });

  it('says so when the port is taken, and leaves nothing running', async () => {
    const first = await serveComponent(MAIN);
    try {
      const result = await runCli('serve', MAIN, '--port', String(first.port));
      expect(result.exitCode).toBe(2);
      expect(result.err).toMatch(new RegExp(`^error: cannot listen on 127\\.0\\.0\\.1:${first.port}: listen EADDRINUSE`));
    } finally {
      await first.close();
    }
  });

  it('refuses a component that is not an HTTP handler, naming what it exports', async () => {
    const component = join(folder, 'not-http.wasm');
    await writeFile(component, await requestHandlerComponent());
    const result = await runCli('serve', component, '--port', '0');
    expect(result.exitCode).toBe(2);
    expect(result.err).toBe(`error: ${component} is not an HTTP handler: it exports no wasi:http/incoming-handler (it exports handle)\n`);
  });
});

/** A copy of the committed trace, edited, in the test's folder; its path. */
async function editedTrace(name: string, edit: (lines: string[]) => void): Promise<string> {
  const lines = (await readFile(TRACE, 'utf8')).split('\n');
  edit(lines);
  const file = join(folder, name);
  await writeFile(file, lines.join('\n'));
  return file;
}

/** The 1-based line of the first line containing `text`, from line `from`. */
function lineOf(lines: readonly string[], text: string, from = 1): number {
  const index = lines.findIndex((line, i) => i >= from - 1 && line.includes(text));
  if (index < 0) throw new Error(`no line with ${text}`);
  return index + 1;
}

describe('replaying the recorded trace offline', () => {
  it('matches the committed trace, with no network', async () => {
    const result = await runCli('replay', MAIN, TRACE);
    expect(result.out).toBe(`✓ ${TRACE}: 3 calls matched\n`);
    expect(result.exitCode).toBe(0);
  });

  it('fails a trace whose response header was altered, naming the import call and its line', async () => {
    let line = 0;
    const file = await editedTrace('altered-header.trace', (lines) => {
      line = lineOf(lines, '[static]fields.from-list@0.2.12([("content-type"');
      // x-greeting: "hello" -> "hullo"
      lines[line - 1] = (lines[line - 1] as string).replace('("x-greeting", [104, 101, 108, 108, 111])', '("x-greeting", [104, 117, 108, 108, 111])');
    });
    const result = await runCli('replay', MAIN, file);
    expect(result.exitCode).toBe(1);
    const report = result.out.split('\n');
    expect(report[0]).toBe(`✗ ${file}:${line} export call #1: wrong import arguments`);
    expect(report[1]).toBe('  `wasi:http/types.[static]fields.from-list@0.2.12` was called with a different `entries` than the trace records');
    expect(report).toContain('     where #1 {method: get, path-with-query: some("/hello")}');
    expect(report.find((text) => text.startsWith('    in import wasi:http/types.[static]fields.from-list@0.2.12('))).toContain('("x-greeting", [104, 117, 108, 108, 111])');
    expect(report.find((text) => text.startsWith('  + actual'))).toContain('("x-greeting", [104, 101, 108, 108, 111])');
  });

  it('fails the changed build (POST answers 201) at the request whose behaviour changed, naming its method and path', async () => {
    const lines = (await readFile(TRACE, 'utf8')).split('\n');
    const line = lineOf(lines, 'set-status-code@0.2.12(#30, 200)');
    const result = await runCli('replay', join(dir, HTTP_HANDLER_CHANGED.output), TRACE);
    expect(result.exitCode).toBe(1);
    expect(result.out.split('\n')).toEqual([
      `✗ ${TRACE}:${line} export call #2: wrong import arguments`,
      '  `wasi:http/types.[method]outgoing-response.set-status-code@0.2.12` was called with a different `status-code` than the trace records',
      '  at export wasi:http/incoming-handler.handle@0.2.12(#17, #18)',
      '     where #17 {method: post, path-with-query: some("/notes?draft=1")}',
      '    in import wasi:http/types.[method]outgoing-response.set-status-code@0.2.12(#30, 200)',
      '  - expected wasi:http/types.[method]outgoing-response.set-status-code@0.2.12(#30, 200)',
      '  + actual   wasi:http/types.[method]outgoing-response.set-status-code@0.2.12(#30, 201)',
      '',
    ]);
  });

  it('passes on the same program built by the previous componentize-py: the same import calls, though it imports WASI CLI 0.2.4', async () => {
    const previous = join(dir, HTTP_HANDLER_PREVIOUS_TOOLCHAIN.output);
    const imports = [...decodeComponentWorld(new Uint8Array(await readFile(previous))).imports.keys()];
    expect(imports).toContain('wasi:cli/environment@0.2.4');
    expect([...world.imports.keys()]).toContain('wasi:cli/environment@0.2.9');
    const result = await runCli('replay', previous, TRACE);
    expect(result.out).toBe(`✓ ${TRACE}: 3 calls matched\n`);
    expect(result.exitCode).toBe(0);
  });
});

describe('fuzzing the handler through its request', () => {
  it("passes CPython's WASI through to the sandboxed host and finds that a header's bytes are decoded as UTF-8 unchecked", async () => {
    // Generated answers to CPython's own WASI calls make it exit before it reads the request.
    const generated = await fuzzComponentFile(MAIN, { seed: 1, runs: 20, exports: ['incoming-handler.handle'], maxShrinkMs: 5000 });
    expect(generated.failure?.reason).toContain('the component exited: it called wasi:cli/exit.exit');

    const corpus = join(folder, 'fuzz-corpus');
    const fuzzed = await fuzzComponentFile(MAIN, {
      seed: 1,
      runs: 20,
      exports: ['incoming-handler.handle'],
      passthrough: ['wasi:random/random', 'wasi:cli/environment'],
      maxShrinkMs: 10_000,
      corpus,
    });
    expect(fuzzed.failure).toMatchObject({ property: 'no-trap', exportName: 'wasi:http/incoming-handler.handle@0.2.12' });
    const text = fuzzed.failure?.traceText ?? '';
    expect(text).not.toContain('get-random-bytes');
    // The header's bytes, as the handler got them, and CPython's own account on its stderr.
    expect(text).toMatch(/fields\.get@0\.2\.12\(#\d+, "x-name"\) -> \[\[\d/);
    const stderr = [...text.matchAll(/output-stream\.write@0\.2\.12\(#\d+, \[([\d, ]*)\]\)/g)].flatMap((match) => (match[1] as string).split(', ').filter((byte) => byte !== '').map(Number));
    expect(Buffer.from(stderr).toString('latin1')).toContain('UnicodeDecodeError');
    const replayed = await runCli('replay', MAIN, fuzzed.failure?.saved?.file as string);
    expect(replayed.exitCode).toBe(1);
    expect(replayed.out).toContain('unexpected trap');
  }, 120_000);
});

describe('a trace whose handle numbers were edited', () => {
  it('a method on a handle the trace never made: a divergence naming the call and both handles', async () => {
    let line = 0;
    const file = await editedTrace('never-made.trace', (lines) => {
      line = lineOf(lines, '[method]fields.get@0.2.12(#19, "x-name")');
      lines[line - 1] = (lines[line - 1] as string).replace('(#19, "x-name")', '(#99, "x-name")');
    });
    const result = await runCli('replay', MAIN, file);
    expect(result.exitCode).toBe(1);
    const [heading, summary] = result.out.split('\n');
    expect(heading).toBe(`✗ ${file}:${line} export call #2: resource handle mismatch`);
    expect(summary).toBe(
      `  \`wasi:http/types.[method]fields.get@0.2.12\` was called on handle #19 (a fields made by \`wasi:http/types.[method]incoming-request.headers@0.2.12\` at line ${line - 1}), ` +
        'the trace records #99 (which no earlier call of the trace made)',
    );
  });

  it('a method on a handle an earlier request gave away (dropped for the handler): says where it went', async () => {
    let line = 0;
    let made = 0;
    let given = 0;
    const file = await editedTrace('given-away.trace', (lines) => {
      made = lineOf(lines, '[constructor]outgoing-response@0.2.12(#13) -> #14');
      given = lineOf(lines, '[static]response-outparam.set@0.2.12(#2, ok(#14))');
      line = lineOf(lines, 'set-status-code@0.2.12(#30, 200)');
      lines[line - 1] = (lines[line - 1] as string).replace('(#30, 200)', '(#14, 200)');
    });
    const result = await runCli('replay', MAIN, file);
    expect(result.exitCode).toBe(1);
    const [heading, summary] = result.out.split('\n');
    expect(heading).toBe(`✗ ${file}:${line} export call #2: resource handle mismatch`);
    expect(summary).toContain(
      `the trace records #14 (an outgoing-response made by \`wasi:http/types.[constructor]outgoing-response@0.2.12\` at line ${made} in export call #1, ` +
        `given away to \`wasi:http/types.[static]response-outparam.set@0.2.12\` at line ${given})`,
    );
  });

  it('an answer handing out a handle made as another resource: names the import call, its line and both resources', async () => {
    let line = 0;
    let headers = 0;
    const file = await editedTrace('other-resource.trace', (lines) => {
      headers = lineOf(lines, '[method]incoming-request.headers@0.2.12(#17) -> #19');
      line = lineOf(lines, '[method]incoming-request.consume@0.2.12(#17) -> ok(#20)');
      lines[line - 1] = (lines[line - 1] as string).replace('-> ok(#20)', '-> ok(#19)');
    });
    const result = await runCli('replay', MAIN, file);
    expect(result.exitCode).toBe(1);
    expect(result.out.split('\n').slice(0, 2)).toEqual([
      `✗ ${file}:${line} export call #2: resource handle mismatch`,
      "  the trace's answer to `wasi:http/types.[method]incoming-request.consume@0.2.12` cannot be handed to the component: resource handle #19 was made as `fields`, " +
        `not \`incoming-body\` (a fields made by \`wasi:http/types.[method]incoming-request.headers@0.2.12\` at line ${headers})`,
    ]);
  });
});

const NAMES = [
  "wasi:http/incoming-handler.handle@0.2.12(#1, #2) where #1 {method: get, path-with-query: some('/hello')}",
  "wasi:http/incoming-handler.handle@0.2.12(#17, #18) where #17 {method: post, path-with-query: some('/notes?draft=1')}",
  "wasi:http/incoming-handler.handle@0.2.12(#33, #34) where #33 {method: get, path-with-query: some('/')}",
];

let projectMade: Promise<void> | undefined;
/** The throwaway project both runners use, made once. */
const withProject = (): Promise<void> => (projectMade ??= makeProject());

async function makeProject(): Promise<void> {
  project = await createJestProject({ manifest: { name: 'http-handler-example', private: true, type: 'module' } });
  for (const file of ['vitest.config.ts', 'jest.config.cjs', 'traces/requests.trace', HTTP_HANDLER.main.output]) {
    await cp(join(dir, file), join(project.dir, 'http-handler', file), { recursive: true });
  }
  // The second request's response status changed in a copy of the trace: 200 -> 202.
  const text = await project.read('http-handler/traces/requests.trace');
  altered = text.replace('set-status-code@0.2.12(#30, 200) -> ok', 'set-status-code@0.2.12(#30, 202) -> ok');
  expect(altered).not.toBe(text);
}

describe('the Vitest plugin (examples/http-handler/vitest.config.ts)', () => {
  beforeAll(withProject, 120_000);

  it('runs the trace as one test per request, named by method and path', async () => {
    const run = await project.node('node_modules/vitest/vitest.mjs', ['run', '--root', 'http-handler', '--reporter=verbose']);
    expect(run.exitCode, run.output).toBe(0);
    for (const name of NAMES) expect(run.output).toContain(`✓ |traces| traces/requests.trace > ${name}`);
    expect(run.output).toMatch(/Tests\s+3 passed \(3\)/);
  });

  it('fails an altered trace at the request that diverges, and names its import call', async () => {
    await project.write('http-handler/traces/altered.trace', altered);
    try {
      const run = await project.node('node_modules/vitest/vitest.mjs', ['run', '--root', 'http-handler', 'altered']);
      expect(run.exitCode, run.output).toBe(1);
      expect(run.output).toContain(`FAIL  |traces| traces/altered.trace > ${NAMES[1]}`);
      expect(run.output).toContain('`wasi:http/types.[method]outgoing-response.set-status-code@0.2.12` was called with a different `status-code` than the trace records');
      expect(run.output).toContain('where #17 {method: post, path-with-query: some("/notes?draft=1")}');
    } finally {
      await project.delete('http-handler/traces/altered.trace');
    }
  });
});

describe('the Jest preset (examples/http-handler/jest.config.cjs)', () => {
  beforeAll(withProject, 120_000);

  it('runs the trace as one test per request, named by method and path', async () => {
    const run = await project.jest(['--config', 'jest.config.cjs', '--verbose'], { cwd: 'http-handler' });
    expect(run.exitCode, run.output).toBe(0);
    expect(run.output).toContain('PASS traces/requests.trace');
    for (const name of NAMES) expect(run.output).toContain(`✓ ${name}`);
    expect(run.output).toMatch(/Tests:\s+3 passed, 3 total/);
  });

  it('fails an altered trace, and the reporter names the request and the import call', async () => {
    await project.write('http-handler/traces/altered.trace', altered);
    try {
      const run = await project.jest(['--config', 'jest.config.cjs', 'altered'], { cwd: 'http-handler' });
      expect(run.exitCode, run.output).toBe(1);
      expect(run.output).toContain('FAIL traces/altered.trace');
      expect(run.output).toContain('proxy-component: 1 trace divergence');
      expect(run.output).toContain(`test: traces/altered.trace › ${NAMES[1]}`);
      expect(run.output).toContain('where #17 {method: post, path-with-query: some("/notes?draft=1")}');
    } finally {
      await project.delete('http-handler/traces/altered.trace');
    }
  });
});
