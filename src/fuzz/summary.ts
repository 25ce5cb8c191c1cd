/**
 * The summary a fuzz session prints: runs and speed, the failure (property,
 * reason, shrunk size, where it was saved and how to replay it), and type
 * coverage.
 *
 * ```text
 * fuzzed limits.wasm: 200 runs in 0.04 s (5680 runs/s), seed 1
 * ✗ property no-trap failed: `divide` trapped: wasm trap: integer divide by zero
 *   shrunk to 1 call in 27 steps (path 3:2:1:1:2:2:2:2:2:2:0:0)
 *   repeat it: proxy-component fuzz limits.wasm --seed 1 --path 3:2:1:1:2:2:2:2:2:2:0:0
 *   saved corpus/divide-no-trap-8de949ce9632b94e.trace
 *   replay it: proxy-component replay limits.wasm corpus/divide-no-trap-8de949ce9632b94e.trace
 * coverage:
 *   u32: 4/4 edges
 *   string: 3/4 edges (missing: long)
 * ```
 */
import { basename, isAbsolute, relative } from 'node:path';
import { formatCoverage } from './coverage.js';
import type { FuzzFileResult } from './session.js';
import { abbreviate } from '../util/abbreviate.js';

export interface SummaryOptions {
  /** The component as the command line named it. */
  readonly componentArgument: string;
  readonly cwd?: string;
  /** Further command-line arguments the failure depends on (`--max-calls 4`, `--host p.mjs`), for the line that repeats it. */
  readonly repeatArguments?: readonly string[];
}

export function formatSummary(result: FuzzFileResult, options: SummaryOptions): string {
  const cwd = options.cwd ?? process.cwd();
  const seconds = result.searchMs / 1000;
  const rate = result.searchMs > 0 ? Math.round((result.runs * 1000) / result.searchMs) : 0;
  const lines = [`fuzzed ${basename(result.component)}: ${result.runs} run${result.runs === 1 ? '' : 's'} in ${seconds.toFixed(2)} s (${rate} runs/s), seed ${result.seed}`];
  if (result.discarded > 0) lines.push(`  ${result.discarded} run${result.discarded === 1 ? '' : 's'} discarded, besides (an import call the host could not answer: a handle it did not have, a type it cannot generate)`);
  for (const skipped of result.skippedFunctions) lines.push(`  not fuzzed: ${skipped.name} (${skipped.reason})`);
  const { failure } = result;
  if (failure === undefined) {
    lines.push('✓ no property failed');
  } else {
    lines.push(`✗ property ${failure.property} failed: ${failure.reason}`);
    lines.push(`  shrunk to ${failure.calls} call${failure.calls === 1 ? '' : 's'} in ${result.shrinks} step${result.shrinks === 1 ? '' : 's'} (path ${shortPath(failure.path)})`);
    const repeat = ['proxy-component fuzz', options.componentArgument, '--seed', String(result.seed), '--path', failure.path, ...(options.repeatArguments ?? [])];
    lines.push(`  repeat it: ${repeat.join(' ')}`);
    if (failure.saved !== undefined) {
      const near = relative(cwd, failure.saved.file);
      const shown = near === '' || near.startsWith('..') || isAbsolute(near) ? failure.saved.file : near;
      lines.push(failure.saved.duplicate ? `  already in the corpus: ${shown}` : `  saved ${shown}`);
      lines.push(`  replay it: proxy-component replay ${options.componentArgument} ${shown}`);
    } else {
      lines.push('  not saved (give --corpus <dir> to keep it); the shrunk run:');
      lines.push(...failure.traceText.trimEnd().split('\n').map((line) => `    ${line}`));
    }
  }
  const coverage = formatCoverage(result.coverage);
  if (coverage.length > 0) lines.push('coverage:', ...coverage.map((line) => `  ${line}`));
  return `${lines.join('\n')}\n`;
}

/** A long shrink path, shortened for reading (the saved trace keeps it whole). */
function shortPath(path: string): string {
  return abbreviate(path, 40);
}
