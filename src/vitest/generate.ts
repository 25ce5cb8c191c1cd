/**
 * The test module a `.trace` file becomes: one literal `test("<call>", …)` per
 * export call (Vitest 5's static `vitest list` reads exactly that), all sharing
 * one replay of the trace; or, for a trace that cannot be read, one failing
 * test raising the error at its line and column. Trace content reaches the
 * code only through JSON.stringify. The source map sends every generated line
 * to a trace line, so test locations, stack frames and code frames show the
 * trace.
 */
import { DEFAULT_CALL_TIMEOUT_MS } from '../engines/jco/worker/replay-worker.js';
import type { SourcePosition, SourceMapV3 } from './source-map.js';
import { lineSourceMap } from './source-map.js';
import type { TracePlan } from './trace-plan.js';

export interface GenerateOptions {
  /** Import specifier of the runtime module (an absolute file URL). */
  readonly runtime: string;
  /** Import specifier of Vitest's test API. */
  readonly vitest?: string;
  readonly timeoutMs?: number;
  readonly passthrough?: readonly string[];
  readonly hostModule?: string;
  /** Run every call on these engines instead (one test per engine and call), through `engineRuntime`. */
  readonly engines?: readonly string[];
  /** Import specifier of engine-trace.js (an absolute file URL); needed with `engines`. */
  readonly engineRuntime?: string;
}

export interface GeneratedModule {
  readonly code: string;
  readonly map: SourceMapV3;
}

/** Name of the one test of a trace that cannot be read. */
export const UNREADABLE_TEST_NAME = 'reads the trace';

/** Time Vitest allows one test, beyond the per-call limits: loading (and on first use transpiling) the component. */
const LOAD_ALLOWANCE_MS = 60_000;

export function generateTraceModule(plan: TracePlan, options: GenerateOptions): GeneratedModule {
  const lines: string[] = [];
  const positions: SourcePosition[] = [];
  const emit = (code: string, at: SourcePosition) => {
    lines.push(code);
    positions.push(at);
  };
  const top = { line: 1, column: 1 };
  const json = JSON.stringify;
  emit(`import { test } from ${json(options.vitest ?? 'vitest')};`, top);

  if (plan.kind === 'unreadable') {
    emit(`import { unreadableTraceError } from ${json(options.runtime)};`, top);
    const { line, column } = plan.error;
    emit(
      `test(${json(UNREADABLE_TEST_NAME)}, () => { throw unreadableTraceError(${json(plan.file)}, ${json(plan.error)}, [[${line}, (message) => new Error(message)]]); });`,
      { line, column },
    );
    return finish(plan, lines, positions);
  }

  if (options.engines !== undefined && options.engines.length > 0) return finish(plan, ...engineTests(plan, options.engines, options));
  emit(`import { traceReplay } from ${json(options.runtime)};`, top);
  const spec = {
    file: plan.file,
    displayFile: plan.displayFile,
    component: plan.component,
    calls: plan.calls,
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    ...(options.passthrough === undefined ? {} : { passthrough: options.passthrough }),
    ...(options.hostModule === undefined ? {} : { hostModule: options.hostModule }),
  };
  // One error factory per trace line that holds something, on a generated line mapped to it.
  // Written inside the call, so that V8 infers no name for them: stack frames then show just the trace position.
  emit(`const trace = traceReplay(${json(spec)}, [`, top);
  for (const position of plan.lines) emit(`  [${position.line}, (message) => new Error(message)],`, position);
  emit(']);', top);
  const timeout = testTimeout(options.timeoutMs, plan.calls.length);
  plan.calls.forEach((call, index) => {
    emit(`test(${json(call.name)}, async (context) => trace.check(${index}, await trace.outcome(), context), ${timeout});`, call);
  });
  return finish(plan, lines, positions);
}

/** Under `proxy({ engines })`: a describe block per engine, a test per call, all sharing one run of the trace on every engine. */
function engineTests(plan: Extract<TracePlan, { kind: 'calls' }>, engines: readonly string[], options: GenerateOptions): [string[], SourcePosition[]] {
  if (options.engineRuntime === undefined) throw new Error('proxy-component: generateTraceModule needs `engineRuntime` with `engines`');
  const lines: string[] = [`import { describe, test } from ${JSON.stringify(options.vitest ?? 'vitest')};`];
  const top = { line: 1, column: 1 };
  const positions: SourcePosition[] = [top];
  const emit = (code: string, at: SourcePosition) => {
    lines.push(code);
    positions.push(at);
  };
  const json = JSON.stringify;
  emit(`import { engineTraceChecks } from ${json(options.engineRuntime)};`, top);
  const spec = { file: plan.file, displayFile: plan.displayFile, component: plan.component, calls: plan.calls, engines, ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }) };
  emit(`const trace = engineTraceChecks(${json(spec)}, [`, top);
  for (const position of plan.lines) emit(`  [${position.line}, (message) => new Error(message)],`, position);
  emit(']);', top);
  // The calls run on every engine before the first test's outcome is known.
  const timeout = testTimeout(options.timeoutMs, plan.calls.length) * engines.length;
  for (const engine of engines) {
    emit(`describe(${json(engine)}, () => {`, top);
    plan.calls.forEach((call, index) => {
      emit(`  test(${json(call.name)}, async (context) => trace.check(${json(engine)}, ${index}, await trace.outcome(), context), ${timeout});`, call);
    });
    emit('});', top);
  }
  return [lines, positions];
}

/** Every test may wait for the whole replay: loading plus every call's limit (0: no limit, like the calls). */
export function testTimeout(callTimeoutMs: number | undefined, calls: number): number {
  const perCall = callTimeoutMs ?? DEFAULT_CALL_TIMEOUT_MS;
  return perCall <= 0 ? 0 : LOAD_ALLOWANCE_MS + perCall * calls;
}

function finish(plan: TracePlan, lines: readonly string[], positions: readonly SourcePosition[]): GeneratedModule {
  return { code: `${lines.join('\n')}\n`, map: lineSourceMap(plan.file, plan.text, positions) };
}
