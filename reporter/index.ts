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
import type { Reporter, TestCase, Vitest } from 'vitest/node';
import type {} from '../src/vitest/vitest-types.js';
import type {} from '../src/vitest/property-types.js';
import { defaultColor, emptyFailures, renderFailureSections } from './sections.js';

export interface ProxyReporterOptions {
  /** Force colours on or off; default: on for a terminal, off with NO_COLOR. */
  readonly color?: boolean;
}

export default class ProxyDivergenceReporter implements Reporter {
  private vitest: Vitest | undefined;
  private failures = emptyFailures();
  private readonly color: boolean;

  constructor(options: ProxyReporterOptions = {}) {
    this.color = options.color ?? defaultColor();
  }

  onInit(vitest: Vitest): void {
    this.vitest = vitest;
  }

  // Watch mode: each run reports its own divergences.
  onTestRunStart(): void {
    this.failures = emptyFailures();
  }

  onTestCaseResult(test: TestCase): void {
    if (test.result().state !== 'failed') return;
    const name = `${test.module.relativeModuleId} > ${test.fullName}`;
    const { proxyDivergence: divergence, proxyDifferential: report, proxyCounterexample: counterexample } = test.meta();
    if (counterexample !== undefined) this.failures.counterexamples.push({ test: name, counterexample });
    if (report !== undefined) this.failures.disagreements.push({ test: name, report });
    if (divergence !== undefined) this.failures.divergences.push({ test: name, divergence });
  }

  onTestRunEnd(): void {
    const text = renderFailureSections(this.failures, this.color);
    if (text !== '') this.log(text);
  }

  private log(text: string): void {
    if (this.vitest === undefined) process.stdout.write(`${text}\n`);
    else this.vitest.logger.log(text);
  }
}
