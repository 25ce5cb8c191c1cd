/**
 * The Jest test module a `.trace` file becomes: CommonJS (Jest's default), one
 * literal `test("<call>", …)` per export call, all sharing one replay of the
 * trace; with `engines`, one `describe("<engine>", …)` per engine holding a
 * test per export call, all sharing one run of the trace on every engine; or,
 * for a trace that cannot be read, one failing test raising the error at its
 * line and column. Trace content reaches the code only through
 * JSON.stringify. The source map sends every generated line to a trace line,
 * so Jest's stack frames and code frames show the trace.
 *
 * The module loads only CommonJS of ours (jest/sandbox/*.cjs) through Jest's
 * own `require`: Jest runs test modules in a vm context whose `import()` needs
 * --experimental-vm-modules, so everything that is ESM runs in a worker
 * thread behind jest/sandbox/bridge.cjs.
 */
import type { SourcePosition, SourceMapV3 } from '../src/vitest/source-map.js';
import { lineSourceMap } from '../src/vitest/source-map.js';
import { testTimeout, UNREADABLE_TEST_NAME } from '../src/vitest/generate.js';
import type { TracePlan } from '../src/vitest/trace-plan.js';

export interface JestGenerateOptions {
  /** Absolute path of jest/sandbox/trace-tests.cjs, the module the tests call. */
  readonly sandbox: string;
  readonly timeoutMs?: number;
  readonly passthrough?: readonly string[];
  readonly hostModule?: string;
  /** Check every call on these engines instead (see JestTransformOptions). */
  readonly engines?: readonly string[];
}

export interface GeneratedJestModule {
  readonly code: string;
  readonly map: SourceMapV3;
}

export { UNREADABLE_TEST_NAME };

export function generateJestModule(plan: TracePlan, options: JestGenerateOptions): GeneratedJestModule {
  const lines: string[] = [];
  const positions: SourcePosition[] = [];
  const emit = (code: string, at: SourcePosition) => {
    lines.push(code);
    positions.push(at);
  };
  const top = { line: 1, column: 1 };
  const json = JSON.stringify;
  emit("'use strict';", top);
  // `@jest/globals` works with and without `injectGlobals`; `requireActual` keeps automock and jest.mock away from our module.
  // (`jest` itself is a parameter of Jest's module wrapper: not redeclared.)
  emit('const { describe, test } = require("@jest/globals");', top);
  emit(`const { traceTests, engineTraceTests, unreadableTraceError } = require("@jest/globals").jest.requireActual(${json(options.sandbox)});`, top);

  if (plan.kind === 'unreadable') {
    const { line, column } = plan.error;
    emit(
      `test(${json(UNREADABLE_TEST_NAME)}, () => { throw unreadableTraceError(${json(plan.file)}, ${json(plan.error)}, [[${line}, (message) => new Error(message)]]); });`,
      { line, column },
    );
    return finish(plan, lines, positions);
  }

  const { engines } = options;
  const onEngines = engines !== undefined && engines.length > 0;
  const base = { file: plan.file, displayFile: plan.displayFile, component: plan.component, calls: plan.calls, ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }) };
  const spec = onEngines
    ? { ...base, engines }
    : { ...base, ...(options.passthrough === undefined ? {} : { passthrough: options.passthrough }), ...(options.hostModule === undefined ? {} : { hostModule: options.hostModule }) };
  // One error factory per trace line that holds something, on a generated line mapped to it, so that
  // an error made there has its top stack frame (and Jest its code frame) on the trace line.
  emit(`const trace = ${onEngines ? 'engineTraceTests' : 'traceTests'}(${json(spec)}, [`, top);
  for (const position of plan.lines) emit(`  [${position.line}, (message) => new Error(message)],`, position);
  emit(']);', top);
  if (!onEngines) {
    const timeout = jestTimeout(testTimeout(options.timeoutMs, plan.calls.length));
    plan.calls.forEach((call, index) => emit(`test(${json(call.name)}, () => trace.check(${index}), ${timeout});`, call));
    return finish(plan, lines, positions);
  }
  // Each engine's first test may wait for the calls to run on every engine.
  const timeout = jestTimeout(testTimeout(options.timeoutMs, plan.calls.length) * engines.length);
  for (const engine of engines) {
    emit(`describe(${json(engine)}, () => {`, top);
    plan.calls.forEach((call, index) => emit(`  test(${json(call.name)}, () => trace.check(${json(engine)}, ${index}), ${timeout});`, call));
    emit('});', top);
  }
  return finish(plan, lines, positions);
}

/** Jest reads a timeout of 0 as "the default" (5 s): no limit is the longest timer Node has. */
function jestTimeout(timeout: number): number {
  return timeout <= 0 ? MAX_TIMER_MS : timeout;
}

const MAX_TIMER_MS = 2 ** 31 - 1;

function finish(plan: TracePlan, lines: readonly string[], positions: readonly SourcePosition[]): GeneratedJestModule {
  return { code: `${lines.join('\n')}\n`, map: lineSourceMap(plan.file, plan.text, positions) };
}
