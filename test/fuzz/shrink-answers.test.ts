/**
 * A bug found through an import answer shrinks to the same smallest failure
 * wherever it is found: CLI `fuzz`, `toSatisfyProperties` (module and inline
 * properties) and `componentTest`. The component (shapes/adds-answer.ts)
 * returns `a + b + store.get()`; `adds-up` fails whenever the import answers
 * something other than 0, so the smallest failure is `add(0, 0)` answered 1.
 * Being the failure's identity, it is one corpus file however many seeds find
 * it; the coverage counts its values; PROXY_COMPONENT_SEED fixes the seed.
 * (The fuzz workers run from dist: build first.)
 */
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { checkProperties } from '../../matchers/property.js';
import { componentTest, ComponentRun, fc } from '../../src/vitest/property.js';
import type { Value } from '../../src/values/value.js';
import { runCli } from '../support/cli.js';
import { addsAnswerComponent, ADDS_UP_MODULE } from '../support/shapes/adds-answer.js';

const GET = 'test:shapes/store.get';
const SHRUNK = ['export add(0, 0)', `  import ${GET}() -> 1`, '  # observed: return 1', 'expect well-typed no-trap adds-up', ''];

// componentTest reads the component while tests are collected: it is written first.
const dir = await mkdtemp(join(tmpdir(), 'pc-shrink-answers-'));
const component = join(dir, 'adds.wasm');
const properties = join(dir, 'adds-up.mjs');
await writeFile(component, await addsAnswerComponent());

beforeAll(async () => {
  await writeFile(properties, ADDS_UP_MODULE);
});

afterEach(() => {
  vi.unstubAllEnvs();
});

const context = { isNot: false, utils: { printReceived: String, printExpected: String } };
const addsUp = { 'adds-up': ({ call }: { call: { name: string; args: readonly Value[]; result: { kind: string; value?: Value } } }) => call.result.kind !== 'return' || call.result.value === ((call.args[0] as number) + (call.args[1] as number)) >>> 0 };

/** The saved files of a corpus, as text without their header line (which names the seed). */
async function corpusBodies(corpus: string): Promise<string[][]> {
  const names = await readdir(corpus);
  return Promise.all(names.map(async (name) => (await readFile(join(corpus, name), 'utf8')).split('\n').slice(1)));
}

describe('CLI fuzz', () => {
  it('shrinks the import answer to 1 from every seed, and keeps the failure once', async () => {
    const corpus = join(dir, 'corpus-cli');
    for (const seed of ['1', '2', '3']) {
      const fuzzed = await runCli('fuzz', component, '--host', properties, '--seed', seed, '--corpus', corpus);
      expect(fuzzed.exitCode, fuzzed.out).toBe(1);
      expect(fuzzed.out).toContain('✗ property adds-up failed: `add` breaks property `adds-up`\n  shrunk to 1 call in');
    }
    expect(await corpusBodies(corpus)).toEqual([SHRUNK]);
  });

  it('counts the counterexample in the coverage: its arguments 0 and its answer 1 are produced values', async () => {
    const fuzzed = await runCli('fuzz', component, '--host', properties, '--seed', '2');
    const line = /\n {2}u32: (\d+)\/4 edges(?: \(missing: ([^)]*)\))?\n/.exec(fuzzed.out);
    expect(line, fuzzed.out).not.toBeNull();
    const missing = (line?.[2] ?? '').split(', ');
    expect(missing).not.toContain('0');
    expect(missing).not.toContain('1');
  });

  it('takes its seed from PROXY_COMPONENT_SEED when given no --seed, and refuses a seed that is not an integer', async () => {
    vi.stubEnv('PROXY_COMPONENT_SEED', '41');
    const first = await runCli('fuzz', component, '--host', properties);
    const second = await runCli('fuzz', component, '--host', properties);
    expect(first.out).toMatch(/^fuzzed adds\.wasm: \d+ runs? in .*, seed 41\n/);
    expect(second.out.split('\n').slice(1)).toEqual(first.out.split('\n').slice(1));
    // An explicit seed wins.
    expect((await runCli('fuzz', component, '--host', properties, '--seed', '7')).out).toMatch(/, seed 7\n/);

    vi.stubEnv('PROXY_COMPONENT_SEED', 'abc');
    const refused = await runCli('fuzz', component, '--host', properties);
    expect(refused.exitCode).toBe(2);
    expect(refused.err).toContain('PROXY_COMPONENT_SEED must be an integer seed, got `abc`');
  });

  it('says so in --help', async () => {
    const help = await runCli('fuzz', '--help');
    expect(help.out).toContain('PROXY_COMPONENT_SEED=<n> fixes the seed of every campaign given no --seed');
  });
});

describe('toSatisfyProperties', () => {
  it('shrinks the import answer to 1 with module properties (in the watched worker), and keeps the failure once', async () => {
    const corpus = join(dir, 'corpus-module');
    for (const seed of [1, 2, 3]) {
      const outcome = await checkProperties(context, component, { seed, properties, corpus }, {}, 'toSatisfyProperties');
      expect(outcome.pass).toBe(false);
      expect(outcome.proxyCounterexample?.calls).toEqual(SHRUNK.slice(0, 4));
    }
    expect(await corpusBodies(corpus)).toEqual([SHRUNK]);
  });

  it('shrinks the import answer to 1 with inline properties (in this thread)', async () => {
    const corpus = join(dir, 'corpus-inline');
    for (const seed of [4, 5, 6]) {
      const outcome = await checkProperties(context, component, { seed, properties: addsUp, corpus }, {}, 'toSatisfyProperties');
      expect(outcome.proxyCounterexample?.calls).toEqual(SHRUNK.slice(0, 4));
    }
    expect(await readdir(corpus)).toHaveLength(1);
  });

  it('takes its seed from PROXY_COMPONENT_SEED when given none', async () => {
    vi.stubEnv('PROXY_COMPONENT_SEED', '12');
    const outcome = await checkProperties(context, component, { properties }, {}, 'toSatisfyProperties');
    expect(outcome.proxyCounterexample?.seed).toBe(12);
  });
});

describe('componentTest', () => {
  const adds = componentTest(component);
  const property = fc.asyncProperty(adds.args('add'), adds.instance(), async (args, run) => {
    const [a, b] = args as [number, number];
    if ((await run.call('add', a, b)) !== (a + b) >>> 0) throw new Error('add does not add up');
  });

  it('shrinks the import answer to 1 from every seed', async () => {
    for (const seed of [1, 2, 3]) {
      const details = await fc.check(property, { seed });
      expect(details.failed).toBe(true);
      const [args, run] = details.counterexample as [Value[], ComponentRun];
      expect(args).toEqual([0, 0]);
      expect(run.traceLines()).toEqual(SHRUNK.slice(0, 2).concat('return 1'));
    }
  });
});
