/**
 * What `proxy-component/jest/runner` runs for each test file, in Jest's worker
 * processes (outside any vm sandbox, so our ESM loads directly): a `.trace`
 * file as one test result per export call, replayed once in the watched
 * replay worker. `-t` is applied here as jest-circus applies it (the pattern,
 * case-insensitive, against the test's full name); tests it leaves out are
 * pending. With `engines`, the trace runs once on every engine and each call
 * is a result per engine (`<call> [<engine>]`), judged as the preset judges it.
 */
import type { AssertionResult, TestResult } from '@jest/test-result';
import type { CallFailure } from '../src/trace-tests/failure.js';
import { recordMode, traceTestSettings, type SnapshotUpdate, type TraceTestOptions } from '../src/trace-tests/options.js';
import { planTrace } from '../src/trace-tests/plan.js';
import { runTrace, traceFailures } from '../src/trace-tests/run.js';
import { suiteTests, traceRunSpec, UNREADABLE_TEST_NAME } from '../src/trace-tests/suite.js';

/** The parts of create-jest-runner's RunTestOptions used here. */
export interface TraceRunOptions {
  readonly testPath: string;
  readonly config: { readonly rootDir: string; readonly testEnvironmentOptions?: Record<string, unknown> };
  readonly globalConfig: { readonly testNamePattern?: string | null | undefined; readonly updateSnapshot?: SnapshotUpdate };
}

interface TestOutcome {
  readonly title: string;
  /** Undefined: left out by -t. A failure marked `couldNotRun` is reported as skipped. */
  readonly failure?: CallFailure | null;
  readonly duration: number;
}

/** Where the runner's options are written, for messages. */
const WHERE = 'testEnvironmentOptions.proxyComponent.';

export default async function runTraceFile(options: TraceRunOptions): Promise<TestResult> {
  const start = Date.now();
  const { testPath, config } = options;
  const pattern = options.globalConfig.testNamePattern ? new RegExp(options.globalConfig.testNamePattern, 'i') : undefined;
  const selected = (test: Pick<TestOutcome, 'title'>) => pattern === undefined || pattern.test(test.title);
  const fail = (message: string, name = 'Error') => result(testPath, start, [{ title: UNREADABLE_TEST_NAME, failure: { name, message, line: 1, column: 1 }, duration: 0 }], '');
  let settings;
  try {
    settings = traceTestSettings(config.testEnvironmentOptions?.['proxyComponent'] as TraceTestOptions | undefined, { root: config.rootDir, where: WHERE });
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error), 'ProxyComponentError');
  }
  if (!testPath.endsWith('.trace')) {
    return fail(`proxy-component/jest/runner runs .trace files only; give ${testPath} to another project (Jest's \`projects\`), or use the preset for traces next to other tests`);
  }

  const plan = await planTrace(testPath, { root: config.rootDir, ...(settings.component === undefined ? {} : { component: settings.component }) });
  if (plan.kind === 'unreadable') {
    const outcome = selected({ title: UNREADABLE_TEST_NAME }) ? { failure: plan.error } : {};
    return result(testPath, start, [{ title: UNREADABLE_TEST_NAME, duration: 0, ...outcome }], plan.text, plan.displayFile);
  }
  const spec = traceRunSpec(plan, settings);
  const tests = suiteTests(spec).map((test) => ({ title: test.name }));
  if (!tests.some(selected)) return result(testPath, start, tests.map((test) => ({ ...test, duration: 0 })), plan.text, plan.displayFile);
  const runStart = Date.now();
  const failures = traceFailures(spec, await runTrace(spec, { mode: recordMode(settings, options.globalConfig.updateSnapshot) }));
  // The one run is the time of the first test that waited for it.
  let runTime = Date.now() - runStart;
  const outcomes = tests.map((test, index): TestOutcome => {
    if (!selected(test)) return { ...test, duration: 0 };
    const duration = runTime;
    runTime = 0;
    return { ...test, failure: failures[index] ?? null, duration };
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
    failureMessage: failed.length === 0 ? null : failed.map((test) => failureMessage(test.title, test.failure as CallFailure, text, displayFile)).join('\n'),
  };
}

function assertion(test: TestOutcome, testPath: string): AssertionResult {
  // An engine that could not run the call: skipped, no failure (Jest has no place for a skip's reason).
  const skipped = test.failure === undefined || test.failure?.couldNotRun === true;
  const failure = skipped ? undefined : (test.failure ?? undefined);
  return {
    ancestorTitles: [],
    duration: test.duration,
    failureDetails: failure === undefined ? [] : [failureDetail(failure, testPath)],
    failureMessages: failure === undefined ? [] : [stackOf(failure, testPath)],
    fullName: test.title,
    numPassingAsserts: 0,
    status: skipped ? 'pending' : test.failure === null ? 'passed' : 'failed',
    title: test.title,
  };
}

/** As the preset's tests throw it: the Divergence (or the engines' comparison) in the cause, for proxy-component/jest/reporter. */
function failureDetail(failure: CallFailure, testPath: string): unknown {
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

