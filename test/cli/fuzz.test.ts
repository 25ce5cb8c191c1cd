/** `proxy-component fuzz` end to end (the fuzz and replay workers run from dist: build first). */
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { limitsComponent } from '../fuzz/support/fuzz-components.js';
import { runCli } from '../support/cli.js';
import { startExitsComponent, startTrapsComponent } from '../support/shapes/fuzz-shapes.js';

let dir: string;

const run = runCli;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pc-cli-fuzz-'));
  await writeFile(join(dir, 'limits.wasm'), await limitsComponent());
  await writeFile(join(dir, 'fixed.wasm'), await limitsComponent(true));
  await writeFile(
    join(dir, 'properties.mjs'),
    "export const properties = { 'small-quotient': ({ call }) => call.name !== 'divide' || call.result.kind !== 'return' || call.result.value < 1000 };\n",
  );
  // The same in TypeScript: the fuzz worker and the replay worker load it on Node 20 too.
  await writeFile(
    join(dir, 'properties.mts'),
    "type Call = { name: string; result: { kind: string; value?: unknown } };\n" +
      "export const properties = { 'small-quotient': ({ call }: { call: Call }): boolean => call.name !== 'divide' || call.result.kind !== 'return' || (call.result.value as number) < 1000 };\n",
  );
});

describe('proxy-component fuzz', () => {
  it('exits 1 and saves a small trace that fails on the buggy build and passes on the fixed one', async () => {
    const corpus = join(dir, 'corpus');
    const fuzzed = await run('fuzz', join(dir, 'limits.wasm'), '--seed', '3', '--runs', '200', '--corpus', corpus);
    expect(fuzzed.exitCode).toBe(1);
    expect(fuzzed.err).toBe('');
    expect(fuzzed.out).toMatch(/^fuzzed limits\.wasm: \d+ runs? in \d+\.\d\d s \(\d+ runs\/s\), seed 3\n/);
    expect(fuzzed.out).toContain('✗ property no-trap failed: `divide` trapped: wasm trap: integer divide by zero\n  shrunk to 1 call in');
    expect(fuzzed.out).toContain('\ncoverage:\n  u32: ');

    const [name] = await readdir(corpus);
    expect(name).toMatch(/^divide-no-trap-[0-9a-f]{16}\.trace$/);
    const saved = join(corpus, name as string);
    expect(fuzzed.out).toContain(`  saved ${saved}\n  replay it: proxy-component replay ${join(dir, 'limits.wasm')} ${saved}\n`);
    const text = await readFile(saved, 'utf8');
    expect(text.split('\n')).toHaveLength(6);
    expect(text.split('\n').slice(1)).toEqual([
      'export divide(0)',
      '  import test:fuzz/env.get-limit@0.1.0() -> 0',
      '  # observed: trap "wasm trap: integer divide by zero"',
      'expect well-typed no-trap',
      '',
    ]);

    const buggy = await run('replay', join(dir, 'limits.wasm'), saved);
    expect(buggy.exitCode).toBe(1);
    expect(buggy.out).toContain(`${saved}:5 export call #1: unexpected trap`);
    expect(await run('replay', join(dir, 'fixed.wasm'), saved)).toEqual({ exitCode: 0, out: `✓ ${saved}: 1 call matched\n`, err: '' });
  });

  it('finds the same failure for the same seed, and does not save it twice', async () => {
    const corpus = join(dir, 'corpus-again');
    const first = await run('fuzz', join(dir, 'limits.wasm'), '--seed', '17', '--corpus', corpus);
    const second = await run('fuzz', join(dir, 'limits.wasm'), '--seed', '17', '--corpus', corpus);
    expect(second.exitCode).toBe(1);
    const [name] = await readdir(corpus);
    expect(await readdir(corpus)).toHaveLength(1);
    expect(first.out).toContain(`  saved ${join(corpus, name as string)}`);
    expect(second.out).toContain(`  already in the corpus: ${join(corpus, name as string)}`);
    expect(second.out.split('\n').slice(1)).toEqual(first.out.split('\n').slice(1).map((line) => line.replace('  saved ', '  already in the corpus: ')));
  });

  it('prints how to repeat a failure with --seed and --path, which replays it after one run', async () => {
    const limits = join(dir, 'limits.wasm');
    const fuzzed = await run('fuzz', limits, '--seed', '3', '--runs', '200', '--max-calls', '4');
    const repeat = /\n {2}repeat it: proxy-component fuzz (\S+) --seed 3 --path (\d+(?::\d+)*) --max-calls 4\n/.exec(fuzzed.out);
    expect(repeat?.[1]).toBe(limits);
    const path = repeat?.[2] as string;

    const replayed = await run('fuzz', limits, '--seed', '3', '--path', path, '--max-calls', '4');

    expect(replayed.exitCode).toBe(1);
    expect(replayed.out).toMatch(/^fuzzed limits\.wasm: 1 run in /);
    expect(replayed.out).toContain(`repeat it: proxy-component fuzz ${limits} --seed 3 --path ${path} --max-calls 4\n`);
    const shrunkRun = (out: string) => out.slice(out.indexOf('  not saved'), out.indexOf('coverage:'));
    expect(shrunkRun(replayed.out)).toBe(shrunkRun(fuzzed.out));
  });

  it('--exports fuzzes only the exports named', async () => {
    const fuzzed = await run('fuzz', join(dir, 'limits.wasm'), '--seed', '3', '--runs', '100', '--exports', 'add,name-length');
    expect(fuzzed.exitCode).toBe(1);
    expect(fuzzed.out).toContain('✗ property no-trap failed: `name-length` trapped');
    expect(fuzzed.out).not.toContain('export divide(');
    expect(fuzzed.out).toContain('--exports add,name-length\n');
  });

  it('exits 0 when no property fails, and prints the coverage', async () => {
    const fuzzed = await run('fuzz', join(dir, 'fixed.wasm'), '--seed', '1', '--runs', '120');
    expect(fuzzed.exitCode).toBe(0);
    expect(fuzzed.out).toMatch(/^fuzzed fixed\.wasm: 120 runs in /);
    expect(fuzzed.out).toContain('✓ no property failed\ncoverage:\n  u32: 4/4 edges\n  string: ');
  });

  it.each(['properties.mjs', 'properties.mts'])('checks the properties a --host module exports; the saved trace names the module, so replay finds them with no option (%s)', async (module) => {
    const corpus = join(dir, `corpus-${module}`);
    const host = join(dir, module);
    const fuzzed = await run('fuzz', join(dir, 'fixed.wasm'), '--seed', '2', '--runs', '300', '--host', host, '--corpus', corpus);
    expect(fuzzed.exitCode).toBe(1);
    expect(fuzzed.out).toContain('✗ property small-quotient failed: `divide` breaks property `small-quotient`');
    const [name] = await readdir(corpus);
    const saved = join(corpus, name as string);
    expect(await readFile(saved, 'utf8')).toContain('\nexpect well-typed no-trap small-quotient\n');

    expect(await readFile(saved, 'utf8')).toContain(`"properties":{"small-quotient":{"module":"../${module}"}}`);

    expect((await run('replay', join(dir, 'fixed.wasm'), saved, '--host', host)).exitCode).toBe(1);
    const withoutHost = await run('replay', join(dir, 'fixed.wasm'), saved);
    expect(withoutHost.exitCode, withoutHost.err).toBe(1);
    expect(withoutHost.out).toContain('`divide` breaks property `small-quotient`');

    // A header naming a module that lacks the property, or none: said so, at the expect line.
    const text = await readFile(saved, 'utf8');
    await writeFile(join(dir, 'other.mjs'), "export const properties = { 'something-else': () => true };\n");
    await writeFile(join(corpus, 'moved.trace'), text.replace(`"module":"../${module}"`, '"module":"../other.mjs"'));
    const lacking = await run('replay', join(dir, 'fixed.wasm'), join(corpus, 'moved.trace'));
    expect(lacking.exitCode).toBe(2);
    expect(lacking.err).toMatch(/moved\.trace:5:1: the trace expects property `small-quotient`, which .*other\.mjs \(named by the trace's header\) does not export as `properties`/);
    await writeFile(join(corpus, 'bare.trace'), text.replace(/,"properties":\{[^}]*\}\}/, ''));
    const bare = await run('replay', join(dir, 'fixed.wasm'), join(corpus, 'bare.trace'));
    expect(bare.exitCode).toBe(2);
    expect(bare.err).toContain('the trace expects property `small-quotient`, which is not defined here: give the host module that exports it as `properties`');
  });

  it('exits 2, saying why, for a component that cannot start: its start function traps, or exits', async () => {
    await writeFile(join(dir, 'start-traps.wasm'), await startTrapsComponent());
    await writeFile(join(dir, 'start-exits.wasm'), await startExitsComponent());
    expect(await run('fuzz', join(dir, 'start-traps.wasm'), '--runs', '100', '--seed', '1')).toEqual({
      exitCode: 2,
      out: '',
      err: `error: ${join(dir, 'start-traps.wasm')} cannot be started, so it cannot be fuzzed: it trapped while starting (in its start function): unreachable (in run 1 of 100)\n`,
    });
    expect(await run('fuzz', join(dir, 'start-exits.wasm'), '--runs', '100', '--seed', '1')).toEqual({
      exitCode: 2,
      out: '',
      err: `error: ${join(dir, 'start-exits.wasm')} cannot be started, so it cannot be fuzzed: it exited while starting: it called wasi:cli/exit.exit@0.2.0(err) (in run 1 of 100)\n`,
    });
  });

  it('exits 2 with one clear line for bad input', async () => {
    const missing = await run('fuzz', join(dir, 'missing.wasm'));
    expect(missing).toMatchObject({ exitCode: 2, err: `error: ${join(dir, 'missing.wasm')}: cannot read the component: no such file or directory\n` });
    expect(await run('fuzz', join(dir, 'fixed.wasm'), '--runs', '0')).toMatchObject({ exitCode: 2, err: 'error: --runs must be an integer from 1 to 9007199254740991, got `0`\n' });
    expect((await run('fuzz', join(dir, 'fixed.wasm'), '--seed', 'abc')).exitCode).toBe(2);
    const corrupt = join(dir, 'corrupt.wasm');
    await writeFile(corrupt, Uint8Array.from([0, 97, 115, 109, 13, 0, 1, 0, 1, 2]));
    const badComponent = await run('fuzz', corrupt);
    expect(badComponent.exitCode).toBe(2);
    expect(badComponent.err).toMatch(/^error: /);
    expect(await run('fuzz', join(dir, 'fixed.wasm'), '--exports', 'divide,nope')).toMatchObject({
      exitCode: 2,
      err: 'error: the component has no export `nope`; it exports `divide`, `name-length`, `add`\n',
    });
    expect((await run('fuzz', join(dir, 'fixed.wasm'), '--exports', 'divide,')).exitCode).toBe(2);
    expect(await run('fuzz', join(dir, 'fixed.wasm'), '--seed', '3', '--path', '1:a')).toMatchObject({ exitCode: 2, err: expect.stringContaining('got `1:a`') });
    expect(await run('fuzz', join(dir, 'fixed.wasm'), '--path', '1:0')).toMatchObject({ exitCode: 2, err: expect.stringContaining('give the --seed') });
    const badHost = await run('fuzz', join(dir, 'fixed.wasm'), '--host', join(dir, 'nope.mjs'));
    expect(badHost.exitCode).toBe(2);
    expect(badHost.err).toMatch(/^error: cannot load the host module .*nope\.mjs/);
  });
});
