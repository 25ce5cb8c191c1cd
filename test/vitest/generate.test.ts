/**
 * The generated test module, run for real: its imports are replaced by
 * recording stand-ins, so the test sees exactly which tests it registers and
 * what it hands the runtime, whatever the trace holds.
 */
import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { generateTraceModule, testTimeout, UNREADABLE_TEST_NAME } from '../../src/vitest/generate.js';
import type { CallsPlan, TracePlan } from '../../src/vitest/trace-plan.js';
import { decodeLineMap } from './support/source-map-decode.js';

interface Registered {
  readonly name: string;
  readonly fn: (context: unknown) => unknown;
  readonly timeout: number | undefined;
}

/** Evaluates generated code with `test` and the runtime's functions replaced by recorders. */
function evaluate(code: string) {
  const tests: Registered[] = [];
  const replays: { spec: unknown; factories: [number, (message: string) => Error][] }[] = [];
  const unreadable: unknown[][] = [];
  const body = code.replace(/^import \{ (\w+) \} from ".*";$/gm, '');
  new Function('test', 'traceReplay', 'unreadableTraceError', body)(
    (name: string, fn: Registered['fn'], timeout?: number) => tests.push({ name, fn, timeout }),
    (spec: unknown, factories: [number, (message: string) => Error][]) => {
      replays.push({ spec, factories });
      return { outcome: async () => 'outcome', check: (...args: unknown[]) => args };
    },
    (...args: unknown[]) => {
      unreadable.push(args);
      return new Error('unreadable');
    },
  );
  return { tests, replays, unreadable };
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

const RUNTIME = 'file:///pkg/dist/src/vitest/runtime.js';

describe('generateTraceModule', () => {
  it('imports test from vitest and the runtime by the specifier given', () => {
    const { code } = generateTraceModule(callsPlan([{ name: 'run(1)', line: 2, column: 1 }]), { runtime: RUNTIME });
    expect(code.split('\n').slice(0, 2)).toEqual(['import { test } from "vitest";', `import { traceReplay } from "${RUNTIME}";`]);
  });

  test.prop([
    fc.array(fc.record({ name: fc.string({ unit: 'binary', maxLength: 40 }), line: fc.integer({ min: 1, max: 999 }), column: fc.integer({ min: 1, max: 9 }) }), {
      minLength: 1,
      maxLength: 8,
    }),
    fc.string({ unit: 'binary', maxLength: 40 }),
  ])('registers one literal test per call, in order, whatever the names and paths hold', (calls, folder) => {
    const plan = { ...callsPlan(calls), file: `/${folder}/a.trace`, displayFile: `${folder}\`\${x}*/a.trace` };
    const { tests, replays } = evaluate(generateTraceModule(plan, { runtime: RUNTIME, timeoutMs: 100, passthrough: ['wasi:*'] }).code);

    expect(tests.map((t) => t.name)).toEqual(calls.map((c) => c.name));
    expect(tests.every((t) => t.timeout === testTimeout(100, calls.length))).toBe(true);
    expect(replays).toHaveLength(1);
    expect(replays[0]?.spec).toEqual({ file: plan.file, displayFile: plan.displayFile, component: plan.component, calls, timeoutMs: 100, passthrough: ['wasi:*'] });
  });

  it('has each test check its own call against the one shared replay', async () => {
    const { tests } = evaluate(generateTraceModule(callsPlan([{ name: 'a()', line: 2, column: 1 }, { name: 'b()', line: 4, column: 1 }]), { runtime: RUNTIME }).code);
    expect(await tests[1]?.fn('context')).toEqual([1, 'outcome', 'context']);
  });

  it('gives the runtime one error factory per trace line, each on a generated line mapped to that line', () => {
    const plan: CallsPlan = { ...callsPlan([{ name: 'run(1)', line: 2, column: 1 }]), lines: [{ line: 2, column: 1 }, { line: 3, column: 3 }, { line: 4, column: 1 }] };
    const { code, map } = generateTraceModule(plan, { runtime: RUNTIME });
    const { replays } = evaluate(code);
    const lines = code.split('\n');
    const mapped = decodeLineMap(map.mappings);

    expect(replays[0]?.factories.map(([line]) => line)).toEqual([2, 3, 4]);
    expect(replays[0]?.factories[1]?.[1]('boom')).toEqual(new Error('boom'));
    for (const { line, column } of plan.lines) {
      const generated = lines.findIndex((text) => text.trim().startsWith(`[${line}, `));
      expect(mapped[generated]).toEqual([0, line - 1, column - 1]);
    }
    const testLine = lines.findIndex((text) => text.startsWith('test('));
    expect(mapped[testLine]).toEqual([0, 1, 0]);
    expect(map.sourcesContent).toEqual([plan.text]);
  });

  it('turns an unreadable trace into one failing test raised at the error position', () => {
    const error = { name: 'ProxyComponentError', code: 'WAVE_TYPE', message: 'traces/a.trace:2:12: expected u32, found string', line: 2, column: 12 };
    const plan: TracePlan = { kind: 'unreadable', file: '/project/traces/a.trace', displayFile: 'traces/a.trace', text: 'x\ny', error };
    const { code, map } = generateTraceModule(plan, { runtime: RUNTIME });
    const { tests, unreadable } = evaluate(code);

    expect(tests.map((t) => t.name)).toEqual([UNREADABLE_TEST_NAME]);
    expect(() => tests[0]?.fn(undefined)).toThrow('unreadable');
    expect(unreadable[0]?.slice(0, 2)).toEqual([plan.file, error]);
    const testLine = code.split('\n').findIndex((text) => text.startsWith('test('));
    expect(decodeLineMap(map.mappings)[testLine]).toEqual([0, 1, 11]);
  });

  it('allows each test the whole replay: loading plus every call, or no limit when calls have none', () => {
    expect(testTimeout(1000, 3)).toBe(63_000);
    expect(testTimeout(undefined, 1)).toBe(70_000);
    expect(testTimeout(0, 5)).toBe(0);
  });
});
