/**
 * Fuzzing a wasi:http handler through resources: `proxy-component fuzz`
 * passes `wasi:http/incoming-handler.handle` a request and a response-outparam
 * of its own making, and answers every resource method the handler calls on
 * them (the request's method, path, headers, the headers' `get`, the body and
 * its stream) from generated values, handles included (`headers`, an alias of
 * `fields`, among them). The planted bug (a DELETE with an `x-mode` header
 * traps) is found and shrunk to the smallest such request: DELETE, no path,
 * one empty `x-mode` value, nothing after it; the same file from every seed.
 * The saved trace fails on the handler while the bug is there and passes on
 * the fixed one; the instrumented fuzz build finds it under wasmtime too.
 */
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { requireWasmtime } from '../../src/engines/wasmtime/wasmtime-cli.js';
import { instrumentComponent } from '../../src/instrument/instrument.js';
import { runCli } from '../support/cli.js';
import { httpFuzzHandlerComponent } from '../support/shapes/http-fuzz-handler.js';
import { invoke, scratchFolder } from '../instrument/support/wasmtime.js';

let folder: string;
let handler: string;
let fixed: string;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'pc-http-fuzz-'));
  handler = join(folder, 'handler.wasm');
  fixed = join(folder, 'handler-fixed.wasm');
  await writeFile(handler, await httpFuzzHandlerComponent());
  await writeFile(fixed, await httpFuzzHandlerComponent({ fixed: true }));
});

const HANDLE = 'wasi:http/incoming-handler.handle@0.2.0';

describe('fuzzing a wasi:http handler through resources', () => {
  it('finds the planted bug and shrinks it to the smallest failing request, one file from every seed', async () => {
    const corpus = join(folder, 'corpus');
    const runs = [];
    for (const seed of ['1', '2', '3']) runs.push(await runCli('fuzz', handler, '--seed', seed, '--runs', '200', '--corpus', corpus));
    for (const run of runs) {
      expect(run.exitCode, run.out + run.err).toBe(1);
      expect(run.out).toContain(`✗ property no-trap failed: \`${HANDLE}\` trapped: wasm trap: wasm \`unreachable\` instruction executed\n`);
      expect(run.out).toContain('  shrunk to 1 call in ');
    }
    const files = await readdir(corpus);
    expect(files).toHaveLength(1);
    expect(runs[1]?.out).toContain(`already in the corpus: ${join(corpus, files[0] as string)}`);
    const text = await readFile(join(corpus, files[0] as string), 'utf8');
    expect(text.split('\n').slice(1)).toEqual([
      `export ${HANDLE}(#1, #2)`,
      '  import wasi:http/types.[method]incoming-request.method@0.2.0(#1) -> delete',
      '  import wasi:http/types.[method]incoming-request.path-with-query@0.2.0(#1) -> none',
      '  import wasi:http/types.[method]incoming-request.headers@0.2.0(#1) -> #3',
      '  import wasi:http/types.[method]fields.get@0.2.0(#3, "x-mode") -> [[]]',
      '  # observed: trap "wasm trap: wasm `unreachable` instruction executed"',
      'expect well-typed no-trap',
      '',
    ]);

    const failing = await runCli('replay', handler, join(corpus, files[0] as string));
    expect(failing.exitCode).toBe(1);
    expect(failing.out).toContain(`  \`${HANDLE}\` trapped: wasm trap: wasm \`unreachable\` instruction executed (the trace expects property \`no-trap\`)\n`);
    expect(failing.out).toContain('     where #1 {method: delete, path-with-query: none}\n');
    const passing = await runCli('replay', fixed, join(corpus, files[0] as string));
    expect(passing.out).toBe(`✓ ${join(corpus, files[0] as string)}: 1 call matched\n`);
    expect(passing.exitCode).toBe(0);
  });

  it('finds nothing in the fixed handler, whose every request reads its body', async () => {
    const run = await runCli('fuzz', fixed, '--seed', '1', '--runs', '200');
    expect(run.exitCode, run.out + run.err).toBe(0);
    expect(run.out).toMatch(/^fuzzed handler-fixed\.wasm: 200 runs in /);
    // Bodies were read: the stream's answers were generated, both ways.
    expect(run.out).toContain('  result<list<u8>, variant stream-error>: 2/2 cases\n');
  });

  it('the instrumented fuzz build finds it under wasmtime, answering the same resource methods itself', async () => {
    requireWasmtime();
    const build = await instrumentComponent(await httpFuzzHandlerComponent(), { mode: 'fuzz', fuzz: { seed: 3, runs: 50 } });
    const scratch = await scratchFolder({ 'fuzz.wasm': build.component });
    try {
      const run = await invoke(scratch.path('fuzz.wasm'), 'start()');
      expect(run.exitCode).not.toBe(0);
      expect(run.stderr).toContain('wasm `unreachable` instruction executed');
      // The trap ends the run inside the last export call, whose lines are the end of stdout: a DELETE whose `x-mode` has a value.
      const lines = run.stdout.trimEnd().split('\n');
      const last = lines.slice(lines.findLastIndex((line) => line.startsWith('export ')));
      expect(last[0]).toMatch(/^export wasi:http\/incoming-handler\.handle@0\.2\.0\(#\d+, #\d+\)$/);
      expect(last.slice(1).map((line) => /\.\[method\]([^@]+)@/.exec(line)?.[1])).toEqual(['incoming-request.method', 'incoming-request.path-with-query', 'incoming-request.headers', 'fields.get']);
      expect(last[1]).toMatch(/ -> delete$/);
      expect(last[4]).toMatch(/, "x-mode"\) -> \[\[.*\]\]$/);
    } finally {
      await scratch.remove();
    }
  }, 120_000);
});
