/**
 * The test module a trace becomes (src/trace-tests/generate.ts), in both
 * dialects, run for real: its imports (Vitest) or `require` (Jest) are
 * replaced by recording stand-ins, so the test sees exactly which tests it
 * registers and what it hands the runtime, whatever the trace holds.
 */
import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { jestDialect } from '../../jest/test-module.js';
import { generateTestModule, type TestModuleDialect } from '../../src/trace-tests/generate.js';
import { traceTestSettings, type TraceTestOptions } from '../../src/trace-tests/options.js';
import type { CallsPlan, TracePlan } from '../../src/trace-tests/plan.js';
import { testTimeout, traceRunSpec, UNREADABLE_TEST_NAME } from '../../src/trace-tests/suite.js';
import { vitestDialect } from '../../src/vitest/test-module.js';
import { decodeLineMap } from './source-map-decode.js';

interface Registered {
  readonly name: string;
  readonly fn: (context?: unknown) => unknown;
  readonly timeout: number | undefined;
  readonly skipped?: true;
}

interface Evaluated {
  readonly tests: Registered[];
  readonly specs: { spec: unknown; factories: [number, (message: string) => Error][] }[];
  readonly unreadable: unknown[][];
  /** What the module loaded our runtime by. */
  readonly runtime: string[];
}

/** The runtime's functions and the framework's test API, recorded. */
function standIns() {
  const evaluated: Evaluated = { tests: [], specs: [], unreadable: [], runtime: [] };
  const api = {
    test: Object.assign((name: string, fn: Registered['fn'], timeout?: number) => evaluated.tests.push({ name, fn, timeout }), {
      skip: (name: string, fn: Registered['fn'], timeout?: number) => evaluated.tests.push({ name, fn, timeout, skipped: true }),
    }),
  };
  const runtime = {
    traceTests: (spec: unknown, factories: [number, (message: string) => Error][]) => {
      evaluated.specs.push({ spec, factories });
      return { check: async (...args: unknown[]) => args };
    },
    unreadableTraceError: (...args: unknown[]) => {
      evaluated.unreadable.push(args);
      return new Error('unreadable');
    },
  };
  return { evaluated, api, runtime };
}

const DIALECTS: Record<string, { dialect: TestModuleDialect; evaluate(code: string): Evaluated }> = {
  vitest: {
    dialect: vitestDialect('file:///pkg/dist/src/vitest/runtime.js'),
    evaluate(code) {
      const { evaluated, api, runtime } = standIns();
      const body = code.replace(/^import \{ ([\w, ]+) \} from "(.*)";$/gm, (_line, _names, from: string) => {
        if (from !== 'vitest') evaluated.runtime.push(from);
        return '';
      });
      new Function('test', 'traceTests', 'unreadableTraceError', body)(api.test, runtime.traceTests, runtime.unreadableTraceError);
      return evaluated;
    },
  },
  jest: {
    dialect: jestDialect('/pkg/dist/jest/sandbox/trace-tests.cjs'),
    evaluate(code) {
      const { evaluated, api, runtime } = standIns();
      const globals = {
        ...api,
        jest: {
          requireActual: (path: string) => {
            evaluated.runtime.push(path);
            return runtime;
          },
        },
      };
      const require = (name: string) => {
        if (name !== '@jest/globals') throw new Error(`unexpected require(${name})`);
        return globals;
      };
      new Function('require', 'jest', code)(require, undefined);
      return evaluated;
    },
  },
};

function callsPlan(calls: { name: string; line: number; column: number }[], text = 'x'): CallsPlan {
  return {
    kind: 'calls',
    file: '/project/traces/a.trace',
    displayFile: 'traces/a.trace',
    text,
    component: '/project/app.wasm',
    calls,
    lines: calls.map(({ line, column }) => ({ line, column })),
  };
}

const settings = (options: TraceTestOptions = {}) => traceTestSettings(options, { root: '/project', where: 'proxy()' });

describe.each(Object.entries(DIALECTS))('generateTestModule, %s dialect', (framework, { dialect, evaluate }) => {
  it('loads the runtime by the specifier the dialect was given', () => {
    const { runtime } = evaluate(generateTestModule(callsPlan([{ name: 'run(1)', line: 2, column: 1 }]), settings(), dialect).code);
    expect(runtime).toEqual([framework === 'vitest' ? 'file:///pkg/dist/src/vitest/runtime.js' : '/pkg/dist/jest/sandbox/trace-tests.cjs']);
  });

  test.prop([
    fc.array(fc.record({ name: fc.string({ unit: 'binary', maxLength: 40 }), line: fc.integer({ min: 1, max: 999 }), column: fc.integer({ min: 1, max: 9 }) }), {
      minLength: 1,
      maxLength: 8,
    }),
    fc.string({ unit: 'binary', maxLength: 40 }),
  ])('registers one literal test per call, in order, whatever the names and paths hold', (calls, folder) => {
    const plan = { ...callsPlan(calls), file: `/${folder}/a.trace`, displayFile: `${folder}\`\${x}*/a.trace` };
    const given = settings({ timeoutMs: 100, passthrough: ['wasi:*'] });
    const { tests, specs } = evaluate(generateTestModule(plan, given, dialect).code);

    expect(tests.map((t) => t.name)).toEqual(calls.map((c) => c.name));
    expect(tests.every((t) => t.timeout === 60_000 + 100 * calls.length)).toBe(true);
    expect(specs).toHaveLength(1);
    expect(specs[0]?.spec).toEqual(traceRunSpec(plan, given));
    expect(specs[0]?.spec).toMatchObject({ file: plan.file, displayFile: plan.displayFile, component: plan.component, calls, settings: { timeoutMs: 100, passthrough: ['wasi:*'] } });
  });

  it('skips the tests of a saved failure of inline properties, naming the test that replays it', () => {
    const plan = { ...callsPlan([{ name: 'add(0, 0)', line: 2, column: 1 }]), replayedBy: { test: 'test/app.test.ts', testName: 'adds up' } };
    const { tests } = evaluate(generateTestModule(plan, settings(), dialect).code);
    expect(tests.map(({ name, skipped }) => ({ name, skipped }))).toEqual([{ name: 'add(0, 0) [replayed by test/app.test.ts ("adds up"), which defines its properties inline]', skipped: true }]);
  });

  it('has each test check its own test of the one shared run', async () => {
    const { tests } = evaluate(generateTestModule(callsPlan([{ name: 'a()', line: 2, column: 1 }, { name: 'b()', line: 4, column: 1 }]), settings(), dialect).code);
    // Vitest hands its test context on; Jest's tests take no parameter (jest-circus would read one as `done`).
    expect(await tests[1]?.fn('context')).toEqual(framework === 'vitest' ? ['context', 1] : [1]);
    expect(tests[1]?.fn.length).toBe(framework === 'vitest' ? 1 : 0);
  });

  it('gives the runtime one error factory per trace line, each on a generated line mapped to that line', () => {
    const plan: CallsPlan = { ...callsPlan([{ name: 'run(1)', line: 2, column: 1 }]), lines: [{ line: 2, column: 1 }, { line: 3, column: 3 }, { line: 4, column: 1 }] };
    const { code, map } = generateTestModule(plan, settings(), dialect);
    const { specs } = evaluate(code);
    const lines = code.split('\n');
    const mapped = decodeLineMap(map.mappings);

    expect(specs[0]?.factories.map(([line]) => line)).toEqual([2, 3, 4]);
    expect(specs[0]?.factories[1]?.[1]('boom')).toEqual(new Error('boom'));
    for (const { line, column } of plan.lines) {
      const generated = lines.findIndex((text) => text.trim().startsWith(`[${line}, `));
      expect(mapped[generated]).toEqual([0, line - 1, column - 1]);
    }
    const testLine = lines.findIndex((text) => text.startsWith('test('));
    expect(mapped[testLine]).toEqual([0, 1, 0]);
    expect(mapped).toHaveLength(lines.length - 1);
    expect(map.sourcesContent).toEqual([plan.text]);
  });

  it('turns an unreadable trace into one failing test raised at the error position', () => {
    const error = { name: 'ProxyComponentError', code: 'WAVE_TYPE', message: 'traces/a.trace:2:12: expected u32, found string', line: 2, column: 12 };
    const plan: TracePlan = { kind: 'unreadable', file: '/project/traces/a.trace', displayFile: 'traces/a.trace', text: 'x\ny', error };
    const { code, map } = generateTestModule(plan, settings(), dialect);
    const { tests, unreadable } = evaluate(code);

    expect(tests.map((t) => t.name)).toEqual([UNREADABLE_TEST_NAME]);
    expect(() => tests[0]?.fn()).toThrow('unreadable');
    expect(unreadable[0]?.slice(0, 2)).toEqual([plan.file, error]);
    const testLine = code.split('\n').findIndex((text) => text.startsWith('test('));
    expect(decodeLineMap(map.mappings)[testLine]).toEqual([0, 1, 11]);
  });

  it('with engines, has a test per engine and call, named after both, each checking its own', async () => {
    const plan = callsPlan([{ name: 'run(1)', line: 2, column: 1 }, { name: 'run(2)', line: 4, column: 1 }]);
    const given = settings({ engines: ['jco', 'native:./calc.mjs'], timeoutMs: 100 });
    const { tests, specs } = evaluate(generateTestModule(plan, given, dialect).code);

    expect(tests.map((t) => t.name)).toEqual(['run(1) [jco]', 'run(2) [jco]', 'run(1) [native:./calc.mjs]', 'run(2) [native:./calc.mjs]']);
    expect(await tests[3]?.fn('context')).toEqual(framework === 'vitest' ? ['context', 3] : [3]);
    // Each engine's first test may wait for the run on every engine.
    expect(tests.every((t) => t.timeout === (60_000 + 100 * 2) * 2)).toBe(true);
    expect(specs[0]?.spec).toMatchObject({ settings: { engines: ['jco', 'native:./calc.mjs'] } });
  });
});

describe('test timeouts', () => {
  it('allow each test the whole run: loading plus every call, or no limit when calls have none', () => {
    expect(testTimeout({ calls: [{ name: 'a', line: 1, column: 1 }, { name: 'b', line: 2, column: 1 }, { name: 'c', line: 3, column: 1 }], settings: settings({ timeoutMs: 1000 }) })).toBe(63_000);
    expect(testTimeout({ calls: [{ name: 'a', line: 1, column: 1 }], settings: settings() })).toBe(70_000);
    expect(testTimeout({ calls: [{ name: 'a', line: 1, column: 1 }], settings: settings({ timeoutMs: 0 }) })).toBe(0);
  });

  it('are "no limit" for Jest when calls have none (Jest reads 0 as its default)', () => {
    const { tests } = DIALECTS['jest']!.evaluate(generateTestModule(callsPlan([{ name: 'a()', line: 2, column: 1 }]), settings({ timeoutMs: 0 }), jestDialect('/s.cjs')).code);
    expect(tests[0]?.timeout).toBe(2 ** 31 - 1);
  });
});
