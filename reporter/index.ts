/**
 * `proxy-component/reporter`: after each run, every trace divergence in full,
 * coloured (unless NO_COLOR is set or the output is not a terminal), after
 * Vitest's own summary:
 *
 * ```ts
 * test: { reporters: ['default', 'proxy-component/reporter'] }
 * ```
 *
 * Reads the Divergence that trace tests leave in `task.meta.proxyDivergence`,
 * so it works the same with the plugin, the runner, and blob reports merged
 * from shards.
 * Engine checks (`proxy({ engines })` trace tests, `toAgreeAcrossEngines`) leave
 * their differential report in `task.meta.proxyDifferential`: it is printed
 * too, with every engine's outcome side by side.
 * Failed properties (the property matchers, `componentTest(...).prop` tests)
 * leave their seed, path and shrunk counterexample in
 * `task.meta.proxyCounterexample`: printed as WAVE calls, with how to replay.
 */
import { Chalk } from 'chalk';
import type { Reporter, TestCase, Vitest } from 'vitest/node';
import { renderDifferential } from '../src/differential/render.js';
import type { DifferentialReport } from '../src/differential/report.js';
import type { Divergence } from '../src/divergence/divergence.js';
import { renderDivergence } from '../src/divergence/render.js';
import type {} from '../src/vitest/engine-trace.js';
import type {} from '../src/vitest/vitest-types.js';
import { renderCounterexampleSection, type FuzzCounterexample } from '../matchers/property-report.js';
import type {} from '../src/vitest/property-types.js';

export interface ProxyReporterOptions {
  /** Force colours on or off; default: on for a terminal, off with NO_COLOR. */
  readonly color?: boolean;
}

interface Found {
  readonly test: TestCase;
  readonly divergence: Divergence;
}

export default class ProxyDivergenceReporter implements Reporter {
  private vitest: Vitest | undefined;
  private found: Found[] = [];
  /** Engine disagreements (`proxy({ engines })` trace tests, toAgreeAcrossEngines), each shown as a table per engine. */
  private disagreements: { readonly test: TestCase; readonly report: DifferentialReport }[] = [];
  /** Failed properties, each with its seed, path and shrunk counterexample. */
  private counterexamples: { readonly test: string; readonly counterexample: FuzzCounterexample }[] = [];
  private readonly color: boolean;

  constructor(options: ProxyReporterOptions = {}) {
    this.color = options.color ?? defaultColor();
  }

  onInit(vitest: Vitest): void {
    this.vitest = vitest;
  }

  // Watch mode: each run reports its own divergences.
  onTestRunStart(): void {
    this.found = [];
    this.disagreements = [];
    this.counterexamples = [];
  }

  onTestCaseResult(test: TestCase): void {
    const divergence = test.meta().proxyDivergence;
    if (divergence !== undefined && test.result().state === 'failed') this.found.push({ test, divergence });
    const report = test.meta().proxyDifferential;
    if (report !== undefined && test.result().state === 'failed') this.disagreements.push({ test, report });
    const counterexample = test.meta().proxyCounterexample;
    if (counterexample !== undefined && test.result().state === 'failed') this.counterexamples.push({ test: `${test.module.relativeModuleId} > ${test.fullName}`, counterexample });
  }

  onTestRunEnd(): void {
    if (this.counterexamples.length > 0) this.log(renderCounterexampleSection(this.counterexamples, { color: this.color }));
    if (this.disagreements.length > 0) this.log(this.disagreementReport());
    if (this.found.length === 0) return;
    const c = new Chalk({ level: this.color ? 1 : 0 });
    const count = this.found.length;
    const lines = ['', c.bold.magenta(` proxy-component: ${count} trace ${count === 1 ? 'divergence' : 'divergences'}`), ''];
    for (const { test, divergence } of this.found) {
      lines.push(indent(renderDivergence(divergence, { color: this.color })));
      lines.push(`   ${c.dim(`test: ${test.module.relativeModuleId} > ${test.fullName}`)}`, '');
    }
    this.log(lines.join('\n'));
  }

  private disagreementReport(): string {
    const c = new Chalk({ level: this.color ? 1 : 0 });
    const count = this.disagreements.length;
    const lines = ['', c.bold.magenta(` proxy-component: ${count} engine ${count === 1 ? 'disagreement' : 'disagreements'}`), ''];
    for (const { test, report } of this.disagreements) {
      lines.push(indent(renderDifferential(report, { color: this.color })));
      lines.push(`   ${c.dim(`test: ${test.module.relativeModuleId} > ${test.fullName}`)}`, '');
    }
    return lines.join('\n');
  }

  private log(text: string): void {
    if (this.vitest === undefined) process.stdout.write(`${text}\n`);
    else this.vitest.logger.log(text);
  }
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => ` ${line}`)
    .join('\n');
}

/** Chalk's detection (terminal, FORCE_COLOR), but NO_COLOR wins, as in Vitest's own output. */
function defaultColor(): boolean {
  const noColor = process.env['NO_COLOR'];
  if (noColor !== undefined && noColor !== '') return false;
  return new Chalk().level > 0;
}
