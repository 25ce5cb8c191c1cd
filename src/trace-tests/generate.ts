/**
 * The test module a `.trace` file becomes, for any framework that reads test
 * files as modules (Vitest's plugin, Jest's transformer): one literal
 * `test("<call>", …)` per test of `suiteTests` (Vitest 5's static
 * `vitest list` reads exactly that), all sharing one run of the trace; or, for a trace
 * that cannot be read, one failing test raising the error at its line and
 * column. Trace content reaches the code only through JSON.stringify.
 *
 * The source map sends every generated line to a trace line, so test
 * locations, stack frames and code frames show the trace. Each trace line
 * that holds something gets an error factory on a generated line mapped to
 * it: an error made there has its top frame, and the framework its code
 * frame, on that trace line.
 *
 * A dialect says how the framework's module imports its test API and our
 * runtime, which must export `traceTests(spec, errorsAt)` (whose `check`
 * judges one test) and `unreadableTraceError(file, error, errorsAt)`.
 */
import type { TraceTestSettings } from './options.js';
import type { TracePlan } from './plan.js';
import type { SourcePosition, SourceMapV3 } from './source-map.js';
import { lineSourceMap } from './source-map.js';
import { replayedElsewhere, suiteTests, testTimeout, traceRunSpec, UNREADABLE_TEST_NAME } from './suite.js';

export interface TestModuleDialect {
  /** Lines that bind `test` and, from the runtime, the names given. */
  prelude(runtime: readonly string[]): string[];
  /** The function test `index` runs, as code (`trace` is the runtime's `traceTests` result). */
  testBody(index: number): string;
  /** A test's timeout as the framework reads it. */
  timeout(ms: number): number;
}

export interface GeneratedModule {
  readonly code: string;
  readonly map: SourceMapV3;
}

export function generateTestModule(plan: TracePlan, settings: TraceTestSettings, dialect: TestModuleDialect): GeneratedModule {
  const lines: string[] = [];
  const positions: SourcePosition[] = [];
  const emit = (code: string, at: SourcePosition) => {
    lines.push(code);
    positions.push(at);
  };
  const top = { line: 1, column: 1 };
  const json = JSON.stringify;

  if (plan.kind === 'unreadable') {
    for (const line of dialect.prelude(['unreadableTraceError'])) emit(line, top);
    const { line, column } = plan.error;
    emit(
      `test(${json(UNREADABLE_TEST_NAME)}, () => { throw unreadableTraceError(${json(plan.file)}, ${json(plan.error)}, [[${line}, (message) => new Error(message)]]); });`,
      { line, column },
    );
    return finish(plan, lines, positions);
  }

  const spec = traceRunSpec(plan, settings);
  const tests = suiteTests(spec);
  for (const line of dialect.prelude(['traceTests'])) emit(line, top);
  // Written inside the call, so that V8 infers no name for the factories: stack frames then show just the trace position.
  // The spec is one string literal, parsed when the module runs: a test runner that parses the module (Vite's SSR
  // transform) walks one node instead of an object literal's many, for every trace file.
  emit(`const trace = traceTests(JSON.parse(${json(json(spec))}), [`, top);
  for (const position of plan.lines) emit(`  [${position.line}, (message) => new Error(message)],`, position);
  emit(']);', top);
  const timeout = dialect.timeout(testTimeout(spec));
  // A saved failure of inline properties replays in the test that defines them: here its tests are skipped, saying where.
  const elsewhere = spec.replayedBy === undefined ? undefined : replayedElsewhere(spec.replayedBy);
  tests.forEach((test, index) => {
    const declared = elsewhere === undefined ? `test(${json(test.name)}` : `test.skip(${json(`${test.name} [${elsewhere}]`)}`;
    emit(`${declared}, ${dialect.testBody(index)}, ${timeout});`, plan.calls[test.call] as SourcePosition);
  });
  return finish(plan, lines, positions);
}

function finish(plan: TracePlan, lines: readonly string[], positions: readonly SourcePosition[]): GeneratedModule {
  return { code: `${lines.join('\n')}\n`, map: lineSourceMap(plan.file, plan.text, positions) };
}
