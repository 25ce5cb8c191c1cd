/**
 * What `proxy-component/jest/runner` runs for each test file, in Jest's worker
 * processes (outside any vm sandbox, so our ESM loads directly): a `.trace`
 * file as one test result per export call, replayed once in the watched
 * replay worker. `-t` is applied here as jest-circus applies it (the pattern,
 * case-insensitive, against the test's full name); tests it leaves out are
 * pending. With `engines`, the trace runs once on every engine and each call
 * is a result per engine (`<engine> <call>`), judged as the preset judges it.
 */
import { resolve } from 'node:path';
import type { AssertionResult, TestResult } from '@jest/test-result';
import { engineCallFailure, runEngineTrace, type EngineCallFailure, type EngineTraceOutcome } from '../src/differential/trace-agreement.js';
import { UNREADABLE_TEST_NAME } from '../src/vitest/generate.js';
import { callFailure, traceReplay, type CallFailure } from '../src/vitest/runtime.js';
import { planTrace, type CallsPlan } from '../src/vitest/trace-plan.js';
import { engineOption, type JestTraceOptions } from './options.js';

/** The parts of create-jest-runner's RunTestOptions used here. */
export interface TraceRunOptions {
  readonly testPath: string;
  readonly config: { readonly rootDir: string; readonly testEnvironmentOptions?: Record<string, unknown> };
  readonly globalConfig: { readonly testNamePattern?: string | null | undefined };
}

interface TestOutcome {
  readonly title: string;
  /** The describe blocks around it: the engine, with `engines`. */
  readonly ancestors?: readonly string[];
  /** Undefined: left out by -t. A failure marked `couldNotRun` is reported as skipped. */
  readonly failure?: EngineCallFailure | null;
  readonly duration: number;
}

/** As Jest names a test: its ancestors' titles and its own, space-separated. */
function fullName(test: Pick<TestOutcome, 'title' | 'ancestors'>): string {
  return [...(test.ancestors ?? []), test.title].join(' ');
}

export default async function runTraceFile(options: TraceRunOptions): Promise<TestResult> {
  const start = Date.now();
  const { testPath, config } = options;
  const settings = (config.testEnvironmentOptions?.['proxyComponent'] ?? {}) as JestTraceOptions;
  const pattern = options.globalConfig.testNamePattern ? new RegExp(options.globalConfig.testNamePattern, 'i') : undefined;
  const selected = (title: string) => pattern === undefined || pattern.test(title);
  let engines: string[] | undefined;
  try {
    engines = settings.engines === undefined ? undefined : engineOption(settings.engines, 'testEnvironmentOptions.proxyComponent.engines');
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return result(testPath, start, [{ title: UNREADABLE_TEST_NAME, failure: { name: 'ProxyComponentError', message, line: 1, column: 1 }, duration: 0 }], '');
  }
  if (!testPath.endsWith('.trace')) {
    const message = `proxy-component/jest/runner runs .trace files only; give ${testPath} to another project (Jest's \`projects\`), or use the preset for traces next to other tests`;
    return result(testPath, start, [{ title: UNREADABLE_TEST_NAME, failure: { name: 'Error', message, line: 1, column: 1 }, duration: 0 }], '');
  }

  const plan = await planTrace(testPath, { root: config.rootDir, ...(settings.component === undefined ? {} : { component: settings.component }) });
  if (plan.kind === 'unreadable') {
    const outcome = selected(UNREADABLE_TEST_NAME) ? { failure: plan.error } : {};
    return result(testPath, start, [{ title: UNREADABLE_TEST_NAME, duration: 0, ...outcome }], plan.text, plan.displayFile);
  }
  if (engines !== undefined) return runOnEngines(testPath, start, plan, engines, settings, selected);
  if (!plan.calls.some((call) => selected(call.name))) {
    return result(testPath, start, plan.calls.map((call) => ({ title: call.name, duration: 0 })), plan.text, plan.displayFile);
  }
  const spec = {
    file: plan.file,
    displayFile: plan.displayFile,
    component: plan.component,
    calls: plan.calls,
    ...(settings.timeoutMs === undefined ? {} : { timeoutMs: settings.timeoutMs }),
    ...(settings.passthrough === undefined ? {} : { passthrough: settings.passthrough }),
    ...(settings.hostModule === undefined ? {} : { hostModule: resolve(config.rootDir, settings.hostModule) }),
  };
  const replayStart = Date.now();
  const outcome = await traceReplay(spec).outcome();
  // The one replay is the time of the first test that waited for it.
  let replayTime = Date.now() - replayStart;
  const tests = plan.calls.map((call, index): TestOutcome => {
    if (!selected(call.name)) return { title: call.name, duration: 0 };
    const duration = replayTime;
    replayTime = 0;
    return { title: call.name, failure: callFailure(spec, index, outcome) ?? null, duration };
  });
  return result(testPath, start, tests, plan.text, plan.displayFile);
}

/** Every call on every engine: the trace runs once per engine, each result judged against the trace and the others. */
async function runOnEngines(testPath: string, start: number, plan: CallsPlan, engines: readonly string[], settings: JestTraceOptions, selected: (name: string) => boolean): Promise<TestResult> {
  const tests = engines.flatMap((engine) => plan.calls.map((call, index) => ({ engine, index, title: call.name, ancestors: [engine] })));
  if (!tests.some((test) => selected(fullName(test)))) return result(testPath, start, tests.map((test) => ({ ...test, duration: 0 })), plan.text, plan.displayFile);
  const spec = {
    file: plan.file,
    displayFile: plan.displayFile,
    component: plan.component,
    calls: plan.calls,
    engines,
    ...(settings.timeoutMs === undefined ? {} : { timeoutMs: settings.timeoutMs }),
  };
  const runStart = Date.now();
  const outcome: EngineTraceOutcome = await runEngineTrace(spec).catch((error: unknown) => ({ error }));
  let runTime = Date.now() - runStart;
  const outcomes = tests.map((test): TestOutcome => {
    if (!selected(fullName(test))) return { title: test.title, ancestors: test.ancestors, duration: 0 };
    const duration = runTime;
    runTime = 0;
    return { title: test.title, ancestors: test.ancestors, failure: engineCallFailure(spec, test.engine, test.index, outcome) ?? null, duration };
  });
  return result(testPath, start, outcomes, plan.text, plan.displayFile);
}

function result(testPath: string, start: number, tests: readonly TestOutcome[], text: string, displayFile = testPath): TestResult {
  const testResults = tests.map((test) => assertion(test, testPath));
  const failed = tests.filter((test) => test.failure !== undefined && test.failure !== null && test.failure.couldNotRun !== true);
  const end = Date.now();
  return {
    leaks: false,
    numFailingTests: failed.length,
    numPassingTests: tests.filter((test) => test.failure === null).length,
    numPendingTests: tests.filter((test) => test.failure === undefined || test.failure?.couldNotRun === true).length,
    numTodoTests: 0,
    openHandles: [],
    perfStats: {
      start,
      end,
      runtime: end - start,
      slow: false,
      loadTestEnvironmentStart: start,
      loadTestEnvironmentEnd: start,
      setupAfterEnvStart: start,
      setupAfterEnvEnd: start,
      setupFilesStart: start,
      setupFilesEnd: start,
    },
    skipped: tests.every((test) => test.failure === undefined || test.failure?.couldNotRun === true),
    snapshot: { added: 0, fileDeleted: false, matched: 0, unchecked: 0, uncheckedKeys: [], unmatched: 0, updated: 0 },
    testFilePath: testPath,
    testResults,
    failureMessage: failed.length === 0 ? null : failed.map((test) => failureMessage([...(test.ancestors ?? []), test.title].join(' › '), test.failure as CallFailure, text, displayFile)).join('\n'),
  };
}

function assertion(test: TestOutcome, testPath: string): AssertionResult {
  // An engine that could not run the call: skipped, no failure (Jest has no place for a skip's reason).
  const skipped = test.failure === undefined || test.failure?.couldNotRun === true;
  const failure = skipped ? undefined : (test.failure ?? undefined);
  return {
    ancestorTitles: [...(test.ancestors ?? [])],
    duration: test.duration,
    failureDetails: failure === undefined ? [] : [failureDetail(failure, testPath)],
    failureMessages: failure === undefined ? [] : [stackOf(failure, testPath)],
    fullName: fullName(test),
    numPassingAsserts: 0,
    status: skipped ? 'pending' : test.failure === null ? 'passed' : 'failed',
    title: test.title,
  };
}

/** As the preset's tests throw it: the Divergence (or the engines' comparison) in the cause, for proxy-component/jest/reporter. */
function failureDetail(failure: EngineCallFailure, testPath: string): unknown {
  return {
    name: failure.name,
    message: failure.message,
    stack: stackOf(failure, testPath),
    ...(failure.code === undefined ? {} : { code: failure.code }),
    ...(failure.divergence === undefined ? {} : { cause: { proxyDivergence: failure.divergence } }),
    ...(failure.differential === undefined ? {} : { cause: { proxyDifferential: failure.differential } }),
  };
}

function stackOf(failure: CallFailure, testPath: string): string {
  return `${failure.name}: ${failure.message}\n    at ${testPath}:${failure.line}:${failure.column}`;
}

/** Like Jest's own failure report: the bullet, the error, the trace lines around it, the location. */
function failureMessage(title: string, failure: CallFailure, text: string, displayFile: string): string {
  const body = `${failure.name}: ${failure.message}`;
  return [`  ● ${title}`, '', indent(body, 4), '', indent(codeFrame(text, failure.line, failure.column), 4), '', `      at ${displayFile}:${failure.line}:${failure.column}`, ''].join('\n');
}

function codeFrame(text: string, line: number, column: number): string {
  const lines = text.split('\n');
  const first = Math.max(1, line - 2);
  const last = Math.min(lines.length, line + 2);
  const width = String(last).length;
  const frame: string[] = [];
  for (let number = first; number <= last; number++) {
    const marker = number === line ? '>' : ' ';
    frame.push(`${marker} ${String(number).padStart(width)} | ${lines[number - 1] ?? ''}`.trimEnd());
    if (number === line) frame.push(`  ${' '.repeat(width)} | ${' '.repeat(Math.max(0, column - 1))}^`);
  }
  return frame.join('\n');
}

function indent(text: string, spaces: number): string {
  const pad = ' '.repeat(spaces);
  return text
    .split('\n')
    .map((line) => (line === '' ? line : `${pad}${line}`))
    .join('\n');
}

