/**
 * `proxy-component/jest/reporter`: after each run, every trace divergence in
 * full, coloured (unless NO_COLOR is set or the output is not a terminal),
 * after Jest's own summary:
 *
 * ```json
 * "reporters": ["default", "proxy-component/jest/reporter"]
 * ```
 *
 * Jest has no per-test metadata, so trace tests (the preset's and the
 * runner's) carry their Divergence as the cause of their error,
 * `{ proxyDivergence }`; Jest keeps it through its worker processes in each
 * test's `failureDetails`, where this reporter reads it. `toAgreeAcrossEngines`
 * returns its differential report with its result, which Jest keeps in the
 * failure's `matcherResult`: printed too, every engine's outcome side by side.
 * The property matchers return a failed property's seed, path and shrunk
 * counterexample the same way (`proxyCounterexample`): printed as WAVE calls.
 */
import { relative } from 'node:path';
import type { DifferentialReport } from '../src/differential/report.js';
import type { Divergence } from '../src/divergence/divergence.js';
import { asCounterexample, type FuzzCounterexample } from '../matchers/property-report.js';
import { defaultColor, emptyFailures, renderFailureSections } from '../reporter/sections.js';

export interface ProxyJestReporterOptions {
  /** Force colours on or off; default: on for a terminal, off with NO_COLOR. */
  readonly color?: boolean;
}

/** The parts of Jest's reporter API used here (@jest/reporters' Reporter, TestResult). */
export interface JestAssertionResultLike {
  readonly status: string;
  readonly fullName: string;
  readonly failureDetails: readonly unknown[];
}

export interface JestTestResultLike {
  readonly testFilePath: string;
  readonly testResults: readonly JestAssertionResultLike[];
}

export default class ProxyJestDivergenceReporter {
  private failures = emptyFailures();
  private readonly color: boolean;
  private readonly rootDir: string;

  constructor(globalConfig: { readonly rootDir?: string } = {}, options: ProxyJestReporterOptions = {}) {
    this.rootDir = globalConfig.rootDir ?? process.cwd();
    this.color = options.color ?? defaultColor();
  }

  // Watch mode: each run reports its own divergences.
  onRunStart(): void {
    this.failures = emptyFailures();
  }

  onTestResult(_test: unknown, result: JestTestResultLike): void {
    const file = relative(this.rootDir, result.testFilePath) || result.testFilePath;
    for (const test of result.testResults) {
      if (test.status !== 'failed') continue;
      const name = `${file} › ${test.fullName}`;
      for (const detail of test.failureDetails) {
        const counterexample = counterexampleOf(detail);
        if (counterexample !== undefined) this.failures.counterexamples.push({ test: name, counterexample });
        const report = differentialOf(detail);
        if (report !== undefined) this.failures.disagreements.push({ test: name, report });
        const divergence = divergenceOf(detail);
        if (divergence !== undefined) this.failures.divergences.push({ test: name, divergence });
      }
    }
  }

  onRunComplete(): void {
    const text = this.report();
    if (text !== '') process.stderr.write(`${text}\n`);
  }

  /** The report printed after the run ('' when nothing failed with a report). */
  report(): string {
    return renderFailureSections(this.failures, this.color);
  }

  getLastError(): Error | undefined {
    return undefined;
  }
}

/** The counterexample a property matcher's failure carries in its `matcherResult` (`proxyCounterexample`). */
export function counterexampleOf(detail: unknown): FuzzCounterexample | undefined {
  if (typeof detail !== 'object' || detail === null) return undefined;
  const result = (detail as { matcherResult?: unknown }).matcherResult;
  if (typeof result !== 'object' || result === null) return undefined;
  return asCounterexample((result as { proxyCounterexample?: unknown }).proxyCounterexample);
}

/** The Divergence a failure detail carries: a trace test's (in its cause) or toMatchRecording's (in its `matcherResult`). */
export function divergenceOf(detail: unknown): Divergence | undefined {
  if (typeof detail !== 'object' || detail === null) return undefined;
  for (const holder of [(detail as { cause?: unknown }).cause, (detail as { matcherResult?: unknown }).matcherResult]) {
    if (typeof holder !== 'object' || holder === null) continue;
    const divergence = (holder as { proxyDivergence?: unknown }).proxyDivergence;
    if (typeof divergence !== 'object' || divergence === null) continue;
    const candidate = divergence as Partial<Divergence>;
    if (typeof candidate.kind === 'string' && typeof candidate.summary === 'string' && typeof candidate.callIndex === 'number') return divergence as Divergence;
  }
  return undefined;
}

/** The differential report a failure detail carries: toAgreeAcrossEngines' (in `matcherResult`) or a trace test's (in `cause`). */
export function differentialOf(detail: unknown): DifferentialReport | undefined {
  if (typeof detail !== 'object' || detail === null) return undefined;
  for (const holder of [(detail as { matcherResult?: unknown }).matcherResult, (detail as { cause?: unknown }).cause]) {
    if (typeof holder !== 'object' || holder === null) continue;
    const report = (holder as { proxyDifferential?: unknown }).proxyDifferential;
    if (typeof report !== 'object' || report === null) continue;
    const candidate = report as Partial<DifferentialReport>;
    if (typeof candidate.verdict === 'string' && Array.isArray(candidate.engines) && Array.isArray(candidate.couldNotRun)) return report as DifferentialReport;
  }
  return undefined;
}
