/**
 * The CommonJS test module a trace becomes under Jest, run for real with
 * `require` replaced by recording stand-ins: which tests it registers, what it
 * hands the sandbox runtime, whatever the trace holds.
 */
import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { generateJestModule, UNREADABLE_TEST_NAME } from '../../jest/generate.js';
import { testTimeout } from '../../src/vitest/generate.js';
import type { CallsPlan, TracePlan } from '../../src/vitest/trace-plan.js';
import { decodeLineMap } from '../vitest/support/source-map-decode.js';

interface Registered {
  readonly name: string;
  readonly fn: () => unknown;
  readonly timeout: number | undefined;
}

const SANDBOX = '/pkg/dist/jest/sandbox/trace-tests.cjs';

/** Evaluates generated code as Jest would (a function of `require`), with Jest's globals and our sandbox module recorded. */
function evaluate(code: string) {
  const tests: Registered[] = [];
  const required: string[] = [];
  const specs: { spec: unknown; factories: [number, (message: string) => Error][] }[] = [];
  const unreadable: unknown[][] = [];
  const sandbox = {
    traceTests: (spec: unknown, factories: [number, (message: string) => Error][]) => {
      specs.push({ spec, factories });
      return { check: async (index: number) => `checked ${index}` };
    },
    unreadableTraceError: (...args: unknown[]) => {
      unreadable.push(args);
      return new Error('unreadable');
    },
  };
  const globals = {
    test: (name: string, fn: () => unknown, timeout?: number) => tests.push({ name, fn, timeout }),
    jest: {
      requireActual: (path: string) => {
        required.push(path);
        return sandbox;
      },
    },
  };
  const require = (name: string) => {
    if (name !== '@jest/globals') throw new Error(`unexpected require(${name})`);
    return globals;
  };
  new Function('require', 'jest', code)(require, undefined);
  return { tests, required, specs, unreadable };
}

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

describe('generateJestModule', () => {
  it('loads the sandbox runtime through jest.requireActual, by the path given', () => {
    const { required } = evaluate(generateJestModule(callsPlan([{ name: 'run(1)', line: 2, column: 1 }]), { sandbox: SANDBOX }).code);
    expect(required).toEqual([SANDBOX]);
  });

  test.prop([
    fc.array(fc.record({ name: fc.string({ unit: 'binary', maxLength: 40 }), line: fc.integer({ min: 1, max: 999 }), column: fc.integer({ min: 1, max: 9 }) }), {
      minLength: 1,
      maxLength: 8,
    }),
    fc.string({ unit: 'binary', maxLength: 40 }),
  ])('registers one literal test per call, in order, whatever the names and paths hold', (calls, folder) => {
    const plan = { ...callsPlan(calls), file: `/${folder}/a.trace`, displayFile: `${folder}\`\${x}*/a.trace` };
    const { tests, specs } = evaluate(generateJestModule(plan, { sandbox: `${folder}"');`, timeoutMs: 100, passthrough: ['wasi:*'] }).code);

    expect(tests.map((t) => t.name)).toEqual(calls.map((c) => c.name));
    expect(tests.every((t) => t.timeout === testTimeout(100, calls.length))).toBe(true);
    expect(specs).toHaveLength(1);
    expect(specs[0]?.spec).toEqual({ file: plan.file, displayFile: plan.displayFile, component: plan.component, calls, timeoutMs: 100, passthrough: ['wasi:*'] });
  });

  it('has each test check its own call', async () => {
    const { tests } = evaluate(generateJestModule(callsPlan([{ name: 'a()', line: 2, column: 1 }, { name: 'b()', line: 4, column: 1 }]), { sandbox: SANDBOX }).code);

    expect(await tests[1]?.fn()).toBe('checked 1');
  });

  it('gives Jest a timeout it reads as "no limit" when calls have none (0 would mean its default)', () => {
    const { tests } = evaluate(generateJestModule(callsPlan([{ name: 'a()', line: 2, column: 1 }]), { sandbox: SANDBOX, timeoutMs: 0 }).code);
    expect(tests[0]?.timeout).toBe(2 ** 31 - 1);
  });

  it('hands the runtime one error factory per trace line, each on a generated line mapped to that line', () => {
    const plan: CallsPlan = { ...callsPlan([{ name: 'run(1)', line: 2, column: 1 }]), lines: [{ line: 2, column: 1 }, { line: 3, column: 3 }, { line: 4, column: 1 }] };
    const { code, map } = generateJestModule(plan, { sandbox: SANDBOX });
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
  });

  it('turns an unreadable trace into one failing test raised at the error position', () => {
    const error = { name: 'ProxyComponentError', code: 'WAVE_TYPE', message: 'traces/a.trace:2:12: expected u32, found string', line: 2, column: 12 };
    const plan: TracePlan = { kind: 'unreadable', file: '/project/traces/a.trace', displayFile: 'traces/a.trace', text: 'x\ny', error };
    const { code, map } = generateJestModule(plan, { sandbox: SANDBOX });
    const { tests, unreadable } = evaluate(code);

    expect(tests.map((t) => t.name)).toEqual([UNREADABLE_TEST_NAME]);
    expect(() => tests[0]?.fn()).toThrow('unreadable');
    expect(unreadable[0]?.slice(0, 2)).toEqual([plan.file, error]);
    const testLine = code.split('\n').findIndex((text) => text.startsWith('test('));
    expect(decodeLineMap(map.mappings)[testLine]).toEqual([0, 1, 11]);
  });
});
