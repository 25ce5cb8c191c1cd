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
import { Chalk } from 'chalk';
import { renderDifferential } from '../src/differential/render.js';
import type { DifferentialReport } from '../src/differential/report.js';
import type { Divergence } from '../src/divergence/divergence.js';
import { renderDivergence } from '../src/divergence/render.js';
import { asCounterexample, renderCounterexampleSection, type FuzzCounterexample } from '../matchers/property-report.js';

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

interface Found {
  readonly file: string;
  readonly test: string;
  readonly divergence: Divergence;
}

export default class ProxyJestDivergenceReporter {
  private found: Found[] = [];
  private disagreements: { readonly file: string; readonly test: string; readonly report: DifferentialReport }[] = [];
  /** Failed property matchers, each with its seed, path and shrunk counterexample. */
  private counterexamples: { readonly test: string; readonly counterexample: FuzzCounterexample }[] = [];
  private readonly color: boolean;
  private readonly rootDir: string;

  constructor(globalConfig: { readonly rootDir?: string } = {}, options: ProxyJestReporterOptions = {}) {
    this.rootDir = globalConfig.rootDir ?? process.cwd();
    this.color = options.color ?? defaultColor();
  }

  // Watch mode: each run reports its own divergences.
  onRunStart(): void {
    this.found = [];
    this.disagreements = [];
    this.counterexamples = [];
  }

  onTestResult(_test: unknown, result: JestTestResultLike): void {
    for (const test of result.testResults) {
      if (test.status !== 'failed') continue;
      for (const detail of test.failureDetails) {
        const divergence = divergenceOf(detail);
        if (divergence !== undefined) this.found.push({ file: relative(this.rootDir, result.testFilePath) || result.testFilePath, test: test.fullName, divergence });
        const report = differentialOf(detail);
        if (report !== undefined) this.disagreements.push({ file: relative(this.rootDir, result.testFilePath) || result.testFilePath, test: test.fullName, report });
        const counterexample = counterexampleOf(detail);
        if (counterexample !== undefined) this.counterexamples.push({ test: `${relative(this.rootDir, result.testFilePath) || result.testFilePath} › ${test.fullName}`, counterexample });
      }
    }
  }

  onRunComplete(): void {
    if (this.found.length === 0 && this.disagreements.length === 0 && this.counterexamples.length === 0) return;
    process.stderr.write(`${this.report()}\n`);
  }

  /** The report printed after the run. */
  report(): string {
    const c = new Chalk({ level: this.color ? 1 : 0 });
    const count = this.found.length;
    const lines: string[] = [];
    if (this.counterexamples.length > 0) lines.push(renderCounterexampleSection(this.counterexamples, { color: this.color }));
    if (this.disagreements.length > 0) {
      const disagreements = this.disagreements.length;
      lines.push('', c.bold.magenta(` proxy-component: ${disagreements} engine ${disagreements === 1 ? 'disagreement' : 'disagreements'}`), '');
      for (const { file, test, report } of this.disagreements) {
        lines.push(indent(renderDifferential(report, { color: this.color })));
        lines.push(`   ${c.dim(`test: ${file} › ${test}`)}`, '');
      }
    }
    if (count === 0) return lines.join('\n');
    lines.push('', c.bold.magenta(` proxy-component: ${count} trace ${count === 1 ? 'divergence' : 'divergences'}`), '');
    for (const { file, test, divergence } of this.found) {
      lines.push(indent(renderDivergence(divergence, { color: this.color })));
      lines.push(`   ${c.dim(`test: ${file} › ${test}`)}`, '');
    }
    return lines.join('\n');
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

/** The Divergence a failure detail carries in its cause, if it is a trace test's. */
export function divergenceOf(detail: unknown): Divergence | undefined {
  if (typeof detail !== 'object' || detail === null) return undefined;
  const cause = (detail as { cause?: unknown }).cause;
  if (typeof cause !== 'object' || cause === null) return undefined;
  const divergence = (cause as { proxyDivergence?: unknown }).proxyDivergence;
  if (typeof divergence !== 'object' || divergence === null) return undefined;
  const candidate = divergence as Partial<Divergence>;
  return typeof candidate.kind === 'string' && typeof candidate.summary === 'string' && typeof candidate.callIndex === 'number' ? (divergence as Divergence) : undefined;
}

/** The differential report a failure detail carries: toAgreeAcrossEngines' (in `matcherResult`) or a trace test's (in `cause`). */
export function differentialOf(detail: unknown): DifferentialReport | undefined {
  if (typeof detail !== 'object' || detail === null) return undefined;
  for (const holder of [(detail as { matcherResult?: unknown }).matcherResult, (detail as { cause?: unknown }).cause]) {
    if (typeof holder !== 'object' || holder === null) continue;
    const report = (holder as { proxyDifferential?: unknown }).proxyDifferential;
    if (typeof report !== 'object' || report === null) continue;
    const candidate = report as Partial<DifferentialReport>;
    if (typeof candidate.agreed === 'boolean' && Array.isArray(candidate.engines) && Array.isArray(candidate.failures)) return report as DifferentialReport;
  }
  return undefined;
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => ` ${line}`)
    .join('\n');
}

/** Chalk's detection (terminal, FORCE_COLOR), but NO_COLOR wins, as in Jest's own output. */
function defaultColor(): boolean {
  const noColor = process.env['NO_COLOR'];
  if (noColor !== undefined && noColor !== '') return false;
  return new Chalk().level > 0;
}
