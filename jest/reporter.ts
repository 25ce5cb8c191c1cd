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
 * test's `failureDetails`, where this reporter reads it.
 */
import { relative } from 'node:path';
import { Chalk } from 'chalk';
import type { Divergence } from '../src/divergence/divergence.js';
import { renderDivergence } from '../src/divergence/render.js';

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
  private readonly color: boolean;
  private readonly rootDir: string;

  constructor(globalConfig: { readonly rootDir?: string } = {}, options: ProxyJestReporterOptions = {}) {
    this.rootDir = globalConfig.rootDir ?? process.cwd();
    this.color = options.color ?? defaultColor();
  }

  // Watch mode: each run reports its own divergences.
  onRunStart(): void {
    this.found = [];
  }

  onTestResult(_test: unknown, result: JestTestResultLike): void {
    for (const test of result.testResults) {
      if (test.status !== 'failed') continue;
      for (const detail of test.failureDetails) {
        const divergence = divergenceOf(detail);
        if (divergence !== undefined) this.found.push({ file: relative(this.rootDir, result.testFilePath) || result.testFilePath, test: test.fullName, divergence });
      }
    }
  }

  onRunComplete(): void {
    if (this.found.length === 0) return;
    process.stderr.write(`${this.report()}\n`);
  }

  /** The report printed after the run. */
  report(): string {
    const c = new Chalk({ level: this.color ? 1 : 0 });
    const count = this.found.length;
    const lines = ['', c.bold.magenta(` proxy-component: ${count} trace ${count === 1 ? 'divergence' : 'divergences'}`), ''];
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
