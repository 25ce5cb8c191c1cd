/**
 * What the Vitest reporter (reporter/index.ts) and the Jest reporter
 * (jest/reporter.ts) print after a run, from what each collected in its own
 * way: failed properties, engine disagreements and trace divergences, one
 * section each, every entry followed by the test it came from.
 */
import { Chalk } from 'chalk';
import { renderCounterexample, type FuzzCounterexample } from '../matchers/property-report.js';
import { renderDifferential } from '../src/differential/render.js';
import type { DifferentialReport } from '../src/differential/report.js';
import type { Divergence } from '../src/divergence/divergence.js';
import { renderDivergence } from '../src/divergence/render.js';

/** Each failure with the name of its test, as the framework shows it (`file > name`, `file › name`). */
export interface ReportedFailures {
  readonly counterexamples: readonly { readonly test: string; readonly counterexample: FuzzCounterexample }[];
  readonly disagreements: readonly { readonly test: string; readonly report: DifferentialReport }[];
  readonly divergences: readonly { readonly test: string; readonly divergence: Divergence }[];
}

/** The same, being collected during a run. */
export type CollectedFailures = { -readonly [K in keyof ReportedFailures]: ReportedFailures[K][number][] };

export function emptyFailures(): CollectedFailures {
  return { counterexamples: [], disagreements: [], divergences: [] };
}

/** The sections of the failures there are, or '' when there are none. */
export function renderFailureSections(failures: ReportedFailures, color: boolean): string {
  const options = { color };
  return [
    section('property', 'failure', failures.counterexamples, (found) => renderCounterexample(found.counterexample, options), color),
    section('engine', 'disagreement', failures.disagreements, (found) => renderDifferential(found.report, options), color),
    section('trace', 'divergence', failures.divergences, (found) => renderDivergence(found.divergence, options), color),
  ]
    .filter((text) => text !== '')
    .join('\n');
}

function section<T extends { readonly test: string }>(kind: string, noun: string, found: readonly T[], render: (entry: T) => string, color: boolean): string {
  if (found.length === 0) return '';
  const c = new Chalk({ level: color ? 1 : 0 });
  const lines = ['', c.bold.magenta(` proxy-component: ${found.length} ${kind} ${noun}${found.length === 1 ? '' : 's'}`), ''];
  for (const entry of found) {
    lines.push(indent(render(entry)));
    lines.push(`   ${c.dim(`test: ${entry.test}`)}`, '');
  }
  return lines.join('\n');
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => ` ${line}`)
    .join('\n');
}

/** Chalk's detection (terminal, FORCE_COLOR), but NO_COLOR wins, as in Vitest's and Jest's own output. */
export function defaultColor(): boolean {
  const noColor = process.env['NO_COLOR'];
  if (noColor !== undefined && noColor !== '') return false;
  return new Chalk().level > 0;
}
