/**
 * The transformer's pieces that Jest calls synchronously: planning a trace
 * with sync reads (it must agree with the async planning Vitest uses), the
 * cache key (it must change when the component is rebuilt), and the
 * dependency extractor that makes a trace depend on its component.
 */
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extract } from '../../jest/dependency-extractor.js';
import transformModule, { traceTransformer } from '../../jest/transform.js';
import { findComponent, findComponentSync } from '../../src/session/find-component.js';
import { recordComponent } from '../../src/session/record-component.js';
import { readTraceHeader } from '../../src/trace/read.js';
import { planTrace, planTraceSync } from '../../src/trace-tests/plan.js';
import { appComponent, appHost } from '../support/app-component.js';

let root: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'pc-jest-transform-'));
  await mkdir(join(root, 'build'));
  await mkdir(join(root, 'loose'));
  await mkdir(join(root, 'two'));
  await writeFile(join(root, 'build/app.wasm'), await appComponent());
  await recordComponent(join(root, 'build/app.wasm'), { host: appHost(), invocations: ['run(1)', 'greet("ada")'], output: join(root, 'traces/app.trace') });
  await recordComponent(join(root, 'build/app.wasm'), { host: appHost(), invocations: ['run(2)'], output: join(root, 'build/seed.trace'), format: 'seed' });
  await writeFile(join(root, 'traces/bad.trace'), '# proxy-component trace v1 {"componentPath":"../build/app.wasm"}\nexport run("two")\nreturn 5\n');
  await writeFile(join(root, 'traces/gone.trace'), '# proxy-component trace v1 {"componentPath":"../build/gone.wasm"}\nexport run(1)\nreturn 3\n');
  await writeFile(join(root, 'loose/run.trace'), 'export run(1)\n  import test:app/math.double@0.1.0(1) -> 2\nreturn 3\n');
  await writeFile(join(root, 'two/a.wasm'), await appComponent());
  await writeFile(join(root, 'two/b.wasm'), await appComponent());
  await writeFile(join(root, 'two/run.trace'), 'export run(1)\n  import test:app/math.double@0.1.0(1) -> 2\nreturn 3\n');
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const CASES: [trace: string, component?: string][] = [
  ['traces/app.trace'],
  ['build/seed.trace'],
  ['traces/bad.trace'],
  ['traces/gone.trace'],
  ['traces/gone.trace', 'build/app.wasm'],
  ['loose/run.trace'],
  ['loose/run.trace', 'build/app.wasm'],
  ['two/run.trace'],
  ['two/run.trace', 'two/b.wasm'],
  ['missing.trace'],
];

describe('planTraceSync', () => {
  it.each(CASES)('plans %s (component option %s) exactly as planTrace does', async (trace, component) => {
    const options = { root, ...(component === undefined ? {} : { component }) };
    expect(planTraceSync(trace, options)).toEqual(await planTrace(trace, options));
  });

  it('finds components as findComponent does', async () => {
    for (const [trace, component] of CASES.slice(0, -1)) {
      const file = join(root, trace);
      const header = readTraceHeader(readFileSync(file, 'utf8'));
      const fallback = component === undefined ? undefined : join(root, component);
      const sync = (() => {
        try {
          return findComponentSync(file, header, fallback);
        } catch (error) {
          return (error as Error).message;
        }
      })();
      const async = await findComponent(file, header, fallback).catch((error: Error) => error.message);
      expect(sync).toBe(async);
    }
  });
});

describe('the transformer', () => {
  const options = (transformerConfig = {}) => ({ config: { rootDir: root }, configString: '{"rootDir":"x"}', transformerConfig });

  it('turns a trace into a CommonJS module loading the sandbox runtime', () => {
    const { code, map } = traceTransformer.process('', join(root, 'traces/app.trace'), options());

    expect(code).toContain('require("@jest/globals")');
    expect(code).toMatch(/jest\.requireActual\(".*trace-tests\.cjs"\)/);
    expect(code).toContain('test("run(1)", () => trace.check(0), 80000);');
    expect(code).toContain("test(\"greet('ada')\", () => trace.check(1), 80000);");
    expect(map.sources).toEqual([join(root, 'traces/app.trace')]);
  });

  it('keys its cache on the trace, the options and the build of the component', async () => {
    const file = join(root, 'traces/app.trace');
    const text = readFileSync(file, 'utf8');
    const key = () => traceTransformer.getCacheKey(text, file, options());
    const first = key();

    expect(key()).toBe(first);
    expect(traceTransformer.getCacheKey(`${text}\n`, file, options())).not.toBe(first);
    expect(traceTransformer.getCacheKey(text, file, options({ timeoutMs: 5 }))).not.toBe(first);
    const later = new Date(Date.now() + 60_000);
    await utimes(join(root, 'build/app.wasm'), later, later);
    expect(key()).not.toBe(first);
  });
});

describe('createTransformer', () => {
  it("gives Jest the transformer, and starts the process's bridge thread once, outside any test file", async () => {
    const key = Symbol.for('proxy-component.jest.bridge-thread');
    const realm = globalThis as unknown as Record<symbol, Worker | undefined>;

    expect(transformModule.createTransformer()).toBe(traceTransformer);
    const started = realm[key];
    transformModule.createTransformer();

    expect(started).toBeInstanceOf(Worker);
    expect(realm[key]).toBe(started);
    await started?.terminate();
    transformModule.createTransformer();
    expect(realm[key]).not.toBe(started);
    await realm[key]?.terminate();
  });
});

describe('the dependency extractor', () => {
  const defaultExtract = () => ['./from-default'];

  it("makes a trace depend on its component, wherever the header or the folder finds it", () => {
    expect([...extract('# proxy-component trace v1 {"componentPath":"../build/app.wasm"}\n', join(root, 'traces/app.trace'), defaultExtract)]).toEqual(['../build/app.wasm']);
    expect([...extract('{"type":"export"}\n', join(root, 'build/seed.trace'), defaultExtract)]).toEqual(['./app.wasm']);
    expect([...extract('export run(1)\n', join(root, 'loose/run.trace'), defaultExtract)]).toEqual([]);
  });

  it("leaves other files to Jest's extractor, and gives components none", () => {
    expect([...extract('require("x")', join(root, 'a.test.js'), defaultExtract)]).toEqual(['./from-default']);
    expect([...extract('\0asm', join(root, 'build/app.wasm'), defaultExtract)]).toEqual([]);
  });
});
