/**
 * `componentTest` (proxy-component/vitest/property): property tests of a
 * component with @fast-check/vitest. Its own properties run here, on the app
 * component (`run(x) = double(x) + 1`, `greet(name) = lookup(name)`,
 * `crash()` traps); failures are checked with fast-check directly (their
 * counterexample, shrinking the import answers, replay by seed and path), and
 * once as a user meets them: a failing `prop` in a throwaway Vitest project,
 * reported with its seed, path and WAVE calls, and replayed from them.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { componentTest, ComponentRun, ComponentTrap, fc } from '../../src/vitest/property.js';
import type { Value } from '../../src/values/value.js';
import { appComponent } from '../support/app-component.js';
import { startTrapsComponent } from '../support/shapes/fuzz-shapes.js';
import { writeApp } from './support/app-traces.js';
import { createTraceProject, type TraceProject } from './support/trace-project.js';

// Arbitraries need the component's world while tests are collected: it is written first.
const root = await mkdtemp(join(tmpdir(), 'pc-component-test-'));
const appPath = join(root, 'app.wasm');
await writeFile(appPath, await appComponent());
const app = componentTest(appPath);
const startTrapsPath = join(root, 'start-traps.wasm');
await writeFile(startTrapsPath, await startTrapsComponent());
const START_TRAPS = `${startTrapsPath} cannot be started, so it cannot be fuzzed: it trapped while starting (in its start function): unreachable`;
const DOUBLE = 'test:app/math.double@0.1.0';
const LOOKUP = 'test:app/math.lookup@0.1.0';

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('componentTest(...).prop', () => {
  app.prop({ x: app.arg('run', 'x') }, { numRuns: 40 })('gives the body a fresh instance whose imports answer with generated values', async ({ x }, component) => {
    const result = await component.call('run', x);

    expect(component.calls).toHaveLength(1);
    const [double] = component.calls[0]?.imports ?? [];
    expect(double?.name).toBe(DOUBLE);
    expect(double?.args).toEqual([x]);
    const answer = (double?.outcome as { value: number }).value;
    expect(answer).toBe(component.answers[DOUBLE]?.[0]);
    expect(result).toBe((answer + 1) >>> 0);
  });

  app.prop([app.args('greet'), app.args('greet')], { numRuns: 25 })('spreads tuple arbitraries, and hands each import its answers in order, cycling', async (first, second, component) => {
    const answers = component.answers[LOOKUP] as readonly Value[];
    const results = [await component.call('greet', ...first), await component.call('greet', ...second), await component.call('greet', ...first)];

    expect(results).toEqual([0, 1, 2].map((i) => answers[i % answers.length]));
  });

  app.prop([app.calls({ exports: ['run', 'greet'], maxCalls: 5 })], { numRuns: 25 })('makes generated sequences of calls, none of which traps', async (calls, component) => {
    const records = await component.run(calls);

    expect(records.map((record) => record.name)).toEqual(calls.map((call) => call.name));
    for (const record of records) expect(record.result.kind).toBe('return');
  });
});

describe('ComponentRun', () => {
  it('rejects with a ComponentTrap when the export traps, and writes the call down', async () => {
    const [component] = fc.sample(app.instance(), { numRuns: 1, seed: 1 }) as [ComponentRun];

    const trap = await component.call('crash').then(
      () => undefined,
      (error: unknown) => error,
    );

    expect(trap).toBeInstanceOf(ComponentTrap);
    expect((trap as ComponentTrap).message).toMatch(/^`crash` trapped: /);
    expect(component.traceLines()).toEqual(['export crash()', expect.stringMatching(/^trap "wasm trap: /)]);
  });

  it('shows a failing run as WAVE calls with the import answers, shrunk, and replays it from seed and path', async () => {
    const property = fc.asyncProperty(app.arg('run', 'x'), app.instance(), async (x, component) => {
      expect(await component.call('run', x)).toBeLessThan(1000);
    });

    const details = await fc.check(property, { seed: 5 });
    expect(details.failed).toBe(true);
    const [x, component] = details.counterexample as [Value, ComponentRun];
    expect(x).toBe(0);
    // Shrunk to the smallest answer of `double` that breaks it.
    expect(fc.stringify(component)).toBe(['app.wasm:', '  export run(0)', `    import ${DOUBLE}(0) -> 999`, '  return 1000'].join('\n'));

    const replayed = await fc.check(property, { seed: details.seed, path: details.counterexamplePath as string, endOnFailure: true });
    expect(replayed.numRuns).toBe(1);
    expect(fc.stringify(replayed.counterexample)).toBe(fc.stringify(details.counterexample));
  });

  it('rejects with the reason when the component cannot start, and so does every later instance', async () => {
    const broken = componentTest(startTrapsPath);
    const [first, second] = fc.sample(broken.instance(), { numRuns: 2, seed: 1 }) as [ComponentRun, ComponentRun];

    await expect(first.call('run', 1)).rejects.toMatchObject({ code: 'COMPONENT_START', message: START_TRAPS });
    await expect(second.run([{ name: 'run', args: [2] }])).rejects.toMatchObject({ code: 'COMPONENT_START', message: START_TRAPS });
  });

  it('names what a call gets wrong', async () => {
    const [component] = fc.sample(app.instance(), { numRuns: 1, seed: 1 }) as [ComponentRun];

    await expect(component.call('nope')).rejects.toThrow(`${appPath} has no export \`nope\` (its exports: run, greet, crash, spin)`);
    await expect(component.call('run')).rejects.toThrow('`run` takes 1 argument, got 0');
  });
});

describe('componentTest', () => {
  it('names what it cannot find', () => {
    expect(() => componentTest(join(root, 'missing.wasm'))).toThrow(/missing\.wasm: cannot read the component/);
    expect(() => app.args('nope')).toThrow('has no export `nope`');
    expect(() => app.arg('run', 'y')).toThrow('`run` has no parameter `y` (its parameters: x)');
    expect(() => componentTest(appPath, { maxAnswers: 0 })).toThrow('`maxAnswers` must be a positive integer, got 0');
  });
});

describe('a failing prop in a Vitest project', () => {
  let project: TraceProject;

  /** A prop that breaks once `double` answers 999 or more. */
  const testFile = (params: string) => `import { expect } from 'vitest';
import { componentTest } from 'proxy-component/vitest/property';

const app = componentTest('app.wasm');

app.prop({ x: app.arg('run', 'x') }${params})('run stays small', async ({ x }, component) => {
  expect(await component.call('run', x)).toBeLessThan(1000);
});
`;

  beforeAll(async () => {
    project = await createTraceProject();
    await writeApp(project);
    await project.write('vitest.config.ts', "import { defineConfig } from 'vitest/config';\nexport default defineConfig({ test: { reporters: ['default', 'proxy-component/reporter'] } });\n");
    await project.write('run.test.ts', testFile(''));
  });

  afterAll(async () => {
    await project?.remove();
  });

  it('fails as a component that cannot start, not as a counterexample, when it cannot start', async () => {
    await project.write('start-traps.wasm', await startTrapsComponent());
    await project.write(
      'start.test.ts',
      `import { expect } from 'vitest';
import { componentTest } from 'proxy-component/vitest/property';

const broken = componentTest('start-traps.wasm');

broken.prop({ x: broken.arg('run', 'x') })('run returns x', async ({ x }, component) => {
  expect(await component.call('run', x)).toBe(x);
});
`,
    );
    const run = await project.vitest(['run', 'start.test.ts']);
    await rm(join(project.dir, 'start.test.ts'));

    expect(run.exitCode, run.output).toBe(1);
    expect(run.output).toContain('ProxyComponentError: start-traps.wasm cannot be started, so it cannot be fuzzed: it trapped while starting (in its start function): unreachable');
    expect(run.output).not.toContain('counterexample');
  });

  it('is reported with its seed, its path and the calls it made, and replays from them', async () => {
    const run = await project.vitest(['run']);

    expect(run.exitCode, run.output).toBe(1);
    expect(run.output).toContain('proxy-component: 1 property failure');
    const found = /seed (-?\d+), path ([\d:]+) \(failed at run \d+, shrunk in \d+ steps?\)/.exec(run.output);
    expect(found, run.output).not.toBeNull();
    const [, seed, path] = found as RegExpExecArray;
    expect(run.output).toContain(`run stays small (with seed=${seed})`);
    expect(run.output).toContain(['   counterexample (1 call):', '     export run(0)', `       import ${DOUBLE}(0) -> 999`, '     return 1000'].join('\n'));
    expect(run.output).toContain(`replay: { seed: ${seed}, path: "${path}", endOnFailure: true }`);
    expect(run.output).toContain('values: {"x":0}');
    expect(run.output).toContain('✗ app.wasm: property "run stays small" failed: expected 1000 to be less than 1000');

    await project.write('run.test.ts', testFile(`, { seed: ${seed}, path: ${JSON.stringify(path)}, endOnFailure: true }`));
    const replayed = await project.vitest(['run']);
    expect(replayed.exitCode, replayed.output).toBe(1);
    expect(replayed.output).toContain('Property failed after 1 tests');
    expect(replayed.output).toContain(`       import ${DOUBLE}(0) -> 999`);
  });
});
