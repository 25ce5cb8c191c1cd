/**
 * The property matchers under Vitest, as a test author uses them (registered
 * by the setup module): fuzz campaigns against the built-in properties, user
 * properties as functions and as a module, failures with their seed, path and
 * shrunk counterexample as WAVE calls, saved to a corpus that replays; the
 * seed a shard derives; the counterexample in the test's meta, and the
 * reporter that prints it.
 */
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fc, test } from '@fast-check/vitest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestCase } from 'vitest/node';
import '../../matchers/setup.js';
import { campaignSeed, shardSeed } from '../../matchers/property.js';
import type { FuzzCounterexample } from '../../matchers/property-report.js';
import ProxyDivergenceReporter from '../../reporter/index.js';
import { defineProperty } from '../../src/fuzz/property.js';
import { limitsComponent, sleeperComponent } from '../fuzz/support/fuzz-components.js';
import { startTrapsComponent } from '../support/shapes/fuzz-shapes.js';

let root: string;
let buggy: string;
let fixed: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'pc-property-matchers-'));
  buggy = join(root, 'limits.wasm');
  fixed = join(root, 'fixed/limits.wasm');
  await writeFile(buggy, await limitsComponent());
  await mkdir(join(root, 'fixed'));
  await writeFile(fixed, await limitsComponent(true));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** The message a matcher fails with. */
async function failureOf(assertion: Promise<unknown>): Promise<string> {
  const error = await assertion.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof Error)) throw new Error('the matcher passed');
  return error.message;
}

describe('toNeverTrap', () => {
  it('fails with the seed, the path and the shrunk counterexample as WAVE calls with the import answers', async () => {
    const message = await failureOf(expect(buggy).toNeverTrap({ runs: 200, seed: 7 }));

    expect(message).toContain('never to trap, but property no-trap failed');
    expect(message).toMatch(/seed 7, path \d+(:\d+)* \(failed at run \d+, shrunk in \d+ steps?\)/);
    // The two planted bugs: an import answer of 0 or of "" makes one call trap.
    expect(message).toMatch(
      /counterexample \(1 call\):\n {4}export divide\(0\)\n {6}import test:fuzz\/env\.get-limit@0\.1\.0\(\) -> 0\n|counterexample \(1 call\):\n {4}export name-length\(\)\n {6}import test:fuzz\/env\.get-name@0\.1\.0\(\) -> ""\n/,
    );
    expect(message).toMatch(/expect well-typed no-trap\n {2}replay: \{ seed: 7, path: "\d+(:\d+)*" \}/);
  });

  it('finds the same failure again from the same seed', async () => {
    const first = await failureOf(expect(buggy).toNeverTrap({ runs: 200, seed: 12345 }));
    const again = await failureOf(expect(buggy).toNeverTrap({ runs: 200, seed: 12345 }));

    expect(again).toBe(first);
  });

  it('replays a failure from the { seed, path } its message gives: the same counterexample, without searching again', async ({ expect: local, task }) => {
    const first = await failureOf(expect(buggy).toNeverTrap({ runs: 200, seed: 7 }));
    const [, path] = /replay: \{ seed: 7, path: "([\d:]+)" \}/.exec(first) as RegExpExecArray;

    await failureOf(local(buggy).toNeverTrap({ seed: 7, path: path as string }));
    const replayed = task.meta.proxyCounterexample as FuzzCounterexample;
    delete task.meta.proxyCounterexample;

    expect(replayed.path).toBe(path);
    expect(replayed.shrinks).toBe((path as string).split(':').length - 1);
    const counterexample = (message: string) => message.slice(message.indexOf('counterexample ('));
    expect(counterexample(await failureOf(expect(buggy).toNeverTrap({ seed: 7, path: path as string })))).toBe(counterexample(first));
  });

  it('replays a failure found by properties given as functions (in this thread) too', async () => {
    const smallSum = defineProperty('small-sum', ({ call }) => call.name !== 'add' || call.result.kind !== 'return' || (call.result.value as number) < 1000);
    const first = await failureOf(expect(fixed).toSatisfyProperties({ runs: 300, seed: 1, properties: [smallSum] }));
    const [, path] = /replay: \{ seed: 1, path: "([\d:]+)" \}/.exec(first) as RegExpExecArray;

    const again = await failureOf(expect(fixed).toSatisfyProperties({ seed: 1, path: path as string, properties: [smallSum] }));

    expect(again).toContain(`seed 1, path ${path} (failed at run `);
    expect(again.slice(again.indexOf('counterexample ('))).toBe(first.slice(first.indexOf('counterexample (')));
  });

  it('calls only the exports named, and refuses names the component does not export', async () => {
    const message = await failureOf(expect(buggy).toNeverTrap({ runs: 200, seed: 7, exports: ['add', 'name-length'] }));
    expect(message).toContain('property no-trap failed: `name-length` trapped');
    expect(message).not.toContain('export divide(');
    await expect(expect(buggy).toNeverTrap({ runs: 5, exports: ['divide', 'nope'] })).rejects.toMatchObject({
      code: 'USAGE',
      message: expect.stringContaining('no export `nope`; it exports `divide`, `name-length`, `add`'),
    });
    await expect(expect(buggy).toNeverTrap({ runs: 5, exports: [] })).rejects.toMatchObject({ code: 'USAGE' });
    await expect(expect(buggy).toNeverTrap({ seed: 1, path: 'x' })).rejects.toMatchObject({ code: 'USAGE' });
    await expect(expect(buggy).toNeverTrap({ path: '1:0' })).rejects.toMatchObject({ code: 'USAGE', message: expect.stringContaining('give the `seed`') });
  });

  it('passes on a component whose calls all return, and fails negated', async () => {
    await expect(fixed).toNeverTrap({ runs: 100 });
    const message = await failureOf(expect(fixed).not.toNeverTrap({ runs: 30, seed: 3 }));

    expect(message).toMatch(/to break a property, but none failed in 30 runs \(seed 3\)/);
  });

  it('passes negated when a property fails', async () => {
    await expect(buggy).not.toNeverTrap({ runs: 200, seed: 7 });
  });

  it('saves the failure to the corpus as a trace that fails on the buggy build and passes on the fixed one', async () => {
    const corpus = join(root, 'corpus-never-trap');
    const message = await failureOf(expect(buggy).toNeverTrap({ runs: 200, seed: 7, corpus }));
    const files = await readdir(corpus);

    expect(files).toHaveLength(1);
    const saved = join(corpus, files[0] as string);
    expect(message).toContain(`saved ${saved} (replay: await expect('${buggy}').toReplayTrace('${saved}'))`);
    expect(await readFile(saved, 'utf8')).toMatch(/^# proxy-component trace v1 .*"fuzz":\{"seed":7,"path":"[\d:]+","property":"no-trap"\}/);
    await expect(buggy).not.toReplayTrace(saved);
    await expect(fixed).toReplayTrace(saved);

    const twice = await failureOf(expect(buggy).toNeverTrap({ runs: 200, seed: 7, corpus }));
    expect(twice).toContain(`already in the corpus: ${saved}`);
    expect(await readdir(corpus)).toEqual(files);
  });

  it('stops a call that never returns, and reports it with the answer that made it hang', async () => {
    const sleeper = join(root, 'sleeper.wasm');
    await writeFile(sleeper, await sleeperComponent());

    const message = await failureOf(expect(sleeper).toNeverTrap({ runs: 50, seed: 3, timeoutMs: 300 }));

    expect(message).toContain('property no-trap failed: `nap` did not return within 300 ms');
    expect(message).toMatch(/counterexample \(1 call\):\n {4}export nap\(\d+\)\n {6}import test:fuzz\/env\.get-limit@0\.1\.0\(\) -> 0\n/);
  });

  it('puts the counterexample in the test meta, for the reporter', async ({ expect: local, task }) => {
    await local(buggy).not.toNeverTrap({ runs: 50, seed: 7 });
    expect(task.meta.proxyCounterexample).toBeUndefined();

    await failureOf(local(buggy).toNeverTrap({ runs: 200, seed: 7 }));
    const counterexample = task.meta.proxyCounterexample as FuzzCounterexample;
    expect(counterexample).toMatchObject({ kind: 'campaign', component: buggy, property: 'no-trap', seed: 7, callCount: 1 });
    expect(counterexample.calls.at(-1)).toBe('expect well-typed no-trap');
    // The test goes on: the meta must not fail it later.
    delete task.meta.proxyCounterexample;
  });
});

describe('toSatisfyProperties', () => {
  const smallSum = defineProperty('small-sum', ({ call }) => call.name !== 'add' || call.result.kind !== 'return' || (call.result.value as number) < 1000);

  it('checks user properties given as functions, after the built-ins', async () => {
    const message = await failureOf(expect(fixed).toSatisfyProperties({ runs: 300, seed: 1, properties: [smallSum] }));

    expect(message).toContain('to satisfy its properties, but property small-sum failed:\n\n✗ ');
    expect(message).toContain('limits.wasm: property small-sum failed: `add` breaks property `small-sum`');
    expect(message).toMatch(/counterexample \(1 call\):\n {4}export add\((\d+), (\d+)\)\n {6}# observed: return (\d+)\n {4}expect well-typed no-trap small-sum/);
    const [, a, b, sum] = /export add\((\d+), (\d+)\)\n {6}# observed: return (\d+)/.exec(message) as RegExpExecArray;
    // Shrunk to the edge: the smallest arguments whose sum is 1000.
    expect(Number(a) + Number(b)).toBe(1000);
    expect(Number(sum)).toBe(1000);
  });

  it('takes checks by name, and passes when they hold', async () => {
    await expect(fixed).toSatisfyProperties({ runs: 50, properties: { 'add-commutes': ({ call }) => call.name !== 'add' || call.result.kind === 'return' } });
  });

  it('checks the properties of a module, in the watched worker', async () => {
    const module = join(root, 'properties.mjs');
    await writeFile(module, "export const properties = { 'small-sum': ({ call }) => call.name !== 'add' || call.result.value < 1000 };\n");

    const message = await failureOf(expect(fixed).toSatisfyProperties({ runs: 300, seed: 1, properties: module, corpus: join(root, 'corpus-module') }));

    expect(message).toContain('property small-sum failed');
    // The saved trace names the module: its replay line needs no option, and replays.
    const [, saved] = /saved (\S+) \(replay: await expect\('[^']+'\)\.toReplayTrace\('\S+'\)\)/.exec(message) as RegExpExecArray;
    expect(await readFile(saved as string, 'utf8')).toContain('"properties":{"small-sum":{"module":"../properties.mjs"}}');
    await expect(fixed).not.toReplayTrace(saved as string);
  });

  it('replays the saved failures of inline properties in the test that defines them, before fuzzing', async ({ expect: local }) => {
    const corpus = join(root, 'corpus-inline');
    const first = await failureOf(local(fixed).toSatisfyProperties({ runs: 300, seed: 1, properties: [smallSum], corpus }));
    const [saved] = await readdir(corpus);
    expect(first).toContain(`(replayed by this test before it fuzzes, while the bug is there: npx vitest run test/vitest/property-matchers.test.ts -t`);
    expect(await readFile(join(corpus, saved as string), 'utf8')).toContain('"properties":{"small-sum":{"test":"../../../');

    // Another seed: the saved failure fails the test before any fuzzing.
    const again = await failureOf(local(fixed).toSatisfyProperties({ runs: 300, seed: 2, properties: [smallSum], corpus }));
    expect(again).toContain(`but its saved failure ${join(corpus, saved as string)} still fails`);
    expect(again).toContain('`add` breaks property `small-sum`');
    // Other properties of the same test leave it alone; so does a test without a test file (a script).
    await local(fixed).toSatisfyProperties({ runs: 20, properties: { 'anything-goes': () => true }, corpus });
  });

  it('without built-ins, checks only the user properties', async () => {
    await expect(buggy).toSatisfyProperties({ runs: 100, builtInProperties: false, properties: [defineProperty('anything', () => true)] });
  });

  it('rejects, saying why, a component that cannot start: in the watched worker and in this thread', async () => {
    const startTraps = join(root, 'start-traps.wasm');
    await writeFile(startTraps, await startTrapsComponent());
    const message = `${startTraps} cannot be started, so it cannot be fuzzed: it trapped while starting (in its start function): unreachable (in run 1 of 20)`;

    await expect(expect(startTraps).toNeverTrap({ runs: 20, seed: 1 })).rejects.toMatchObject({ code: 'COMPONENT_START', message });
    await expect(expect(startTraps).toSatisfyProperties({ runs: 20, seed: 1, properties: [defineProperty('anything', () => true)] })).rejects.toMatchObject({ code: 'COMPONENT_START', message });
  });

  it('rejects what is not a component or not a campaign', async () => {
    await expect(expect(42).toSatisfyProperties()).rejects.toThrow('toSatisfyProperties expects a component path or { component } as the received value, got number');
    await expect(expect(buggy).toNeverTrap({ runs: 0 })).rejects.toThrow('toNeverTrap: `runs` must be a positive integer, got 0');
    await expect(expect(join(root, 'missing.wasm')).toNeverTrap({ runs: 1 })).rejects.toThrow(/missing\.wasm/);
  });
});

describe('seeds', () => {
  test.prop([fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), fc.integer({ min: 2, max: 64 })])('every shard of a run gets its own 32-bit seed, shard 1 the base', (base, count) => {
    const seeds = Array.from({ length: count }, (_, i) => shardSeed(base, { index: i + 1, count }));

    expect(new Set(seeds).size).toBe(count);
    expect(seeds[0]).toBe(base);
    for (const seed of seeds) expect(seed).toBe(seed | 0);
  });

  it('leaves an unsharded run alone', () => {
    expect(shardSeed(42, undefined)).toBe(42);
    expect(shardSeed(42, { index: 1, count: 1 })).toBe(42);
  });

  it('uses an explicit seed as given, and derives the default one per shard', () => {
    const shard = { index: 2, count: 3 };

    expect(campaignSeed({ seed: 9 }, { defaultSeed: 5, shard })).toEqual({ seed: 9 });
    expect(campaignSeed({}, { defaultSeed: 5 })).toEqual({ seed: 5 });
    expect(campaignSeed({}, { defaultSeed: 5, shard })).toEqual({ seed: shardSeed(5, shard), shard: { index: 2, count: 3, baseSeed: 5 } });
  });

  it('takes fast-check’s global seed as the default', () => {
    const before = fc.readConfigureGlobal();
    fc.configureGlobal({ ...before, seed: 77 });
    try {
      expect(campaignSeed({}, {})).toEqual({ seed: 77 });
    } finally {
      fc.configureGlobal(before);
    }
  });
});

describe('proxy-component/reporter', () => {
  const counterexample: FuzzCounterexample = {
    kind: 'campaign',
    component: 'limits.wasm',
    property: 'no-trap',
    reason: '`divide` trapped: wasm trap: integer divide by zero',
    seed: 42,
    path: '3:0:1',
    runs: 4,
    shrinks: 12,
    calls: ['export divide(0)', '  import test:fuzz/env.get-limit@0.1.0() -> 0', '  # observed: trap "wasm trap: integer divide by zero"', 'expect well-typed no-trap'],
    callCount: 1,
    shard: { index: 2, count: 2, baseSeed: 7 },
    saved: { file: 'corpus/divide-no-trap-0123456789abcdef.trace', duplicate: false },
  };

  function testCase(state: 'passed' | 'failed', meta: object): TestCase {
    return { fullName: 'limits never trap', module: { relativeModuleId: 'limits.fuzz.test.ts' }, meta: () => meta, result: () => ({ state }) } as unknown as TestCase;
  }

  it('prints the seed, the path and the counterexample of failed properties after the run', () => {
    const reporter = new ProxyDivergenceReporter({ color: false });
    const printed: string[] = [];
    reporter.onInit({ logger: { log: (text: string) => printed.push(text) } } as never);

    reporter.onTestRunStart();
    reporter.onTestCaseResult(testCase('failed', { proxyCounterexample: counterexample }));
    reporter.onTestCaseResult(testCase('passed', { proxyCounterexample: { ...counterexample, seed: 1 } }));
    reporter.onTestRunEnd();

    expect(printed.join('\n')).toBe(
      [
        '',
        ' proxy-component: 1 property failure',
        '',
        ' ✗ limits.wasm: property no-trap failed: `divide` trapped: wasm trap: integer divide by zero',
        '   seed 42, path 3:0:1 (failed at run 4, shrunk in 12 steps; shard 2/2 of base seed 7)',
        '   counterexample (1 call):',
        '     export divide(0)',
        '       import test:fuzz/env.get-limit@0.1.0() -> 0',
        '       # observed: trap "wasm trap: integer divide by zero"',
        '     expect well-typed no-trap',
        '   replay: { seed: 42, path: "3:0:1" }',
        "   saved corpus/divide-no-trap-0123456789abcdef.trace (replay: await expect('limits.wasm').toReplayTrace('corpus/divide-no-trap-0123456789abcdef.trace'))",
        '   test: limits.fuzz.test.ts > limits never trap',
        '',
      ].join('\n'),
    );
  });

  it('starts afresh on each run', () => {
    const reporter = new ProxyDivergenceReporter({ color: false });
    const printed: string[] = [];
    reporter.onInit({ logger: { log: (text: string) => printed.push(text) } } as never);
    reporter.onTestCaseResult(testCase('failed', { proxyCounterexample: counterexample }));

    reporter.onTestRunStart();
    reporter.onTestRunEnd();

    expect(printed).toEqual([]);
  });
});
