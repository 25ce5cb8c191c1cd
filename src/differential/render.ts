/**
 * A differential report as a person reads it: one line when the engines
 * agree; otherwise the first differing call, the verdict, and a table of every
 * engine's outcome and import calls side by side, the odd ones out in red.
 * Engines that could not run the component follow, one line each with the
 * reason; the verdict is then among the engines that ran, and says so.
 *
 * ```text
 * ✗ traces/add.trace:4 export call #2 add(2, 2): engines differ (outcome)
 *   native:impl.mjs differs from the majority (jco, node)
 *   engine           │ outcome   │ imports
 *   ─────────────────┼───────────┼────────
 *   jco              │ return 4  │
 *   node             │ return 4  │
 *   native:impl.mjs  │ return 5  │
 * ```
 */
import { Chalk, type ChalkInstance } from 'chalk';
import { abbreviate, abbreviateDifference, LINE_LIMIT, MESSAGE_LIMIT } from '../util/abbreviate.js';
import type { DifferentialReport, EngineColumn } from './report.js';
import { listNames } from './vote.js';

export interface RenderOptions {
  /** Force colours on or off; default: on for a colour terminal, off when NO_COLOR is set. */
  readonly color?: boolean;
}

const CELL_LIMIT = 72;

export function renderDifferential(report: DifferentialReport, options: RenderOptions = {}): string {
  const c = chalkFor(options);
  const where = report.file ?? 'calls';
  const timing = report.engines.map((engine) => `${engine.name} ${engine.elapsedMs} ms`).join(', ');
  const lines: string[] = [];
  const divergence = report.divergence;
  const calls = `${report.calls} call${report.calls === 1 ? '' : 's'}`;
  const someCouldNotRun = report.couldNotRun.length > 0;
  if (report.verdict === 'agree') {
    const who = someCouldNotRun ? `the ${report.ran.length} engines that ran (${listNames(report.ran)}) agree` : `${report.ran.length} engines agree`;
    lines.push(`${c.green('✓')} ${where}: ${calls}, ${who} ${c.dim(`(${timing})`)}`);
  } else if (report.verdict === 'too-few-engines') {
    lines.push(`${c.yellow('!')} ${where}: nothing compared: ${whoCouldRun(report)}, and a comparison needs two ${c.dim(`(${timing})`)}`);
  } else if (divergence !== undefined) {
    const at = divergence.line === undefined ? where : `${where}:${divergence.line}`;
    lines.push(
      `${c.red('✗')} ${c.bold(at)} ${c.dim(`export call #${divergence.callIndex + 1}`)} ${abbreviate(divergence.call, LINE_LIMIT)}: ${c.red(`engines differ (${divergence.aspect === 'outcome' ? 'outcome' : 'import calls'})`)}`,
      `  ${abbreviate(divergence.verdict, MESSAGE_LIMIT)}${someCouldNotRun ? ` (among the engines that ran: ${listNames(report.ran)})` : ''}`,
    );
    const odd = new Set(divergence.oddOnesOut.length > 0 ? divergence.oddOnesOut : []);
    lines.push(...table(divergence.columns, odd, c).map((line) => `  ${line}`));
    if (report.divergentCalls > 1) lines.push(c.dim(`  ${report.divergentCalls} of ${report.calls} calls differ; the first is shown`));
    lines.push(c.dim(`  (${timing})`));
  }
  for (const notRun of report.couldNotRun) {
    lines.push(`  ${c.yellow('-')} ${c.bold(notRun.engine)} could not run it: ${abbreviate(notRun.reason, LINE_LIMIT)}`);
  }
  for (const part of report.partial) {
    lines.push(c.dim(`  ${part.engine} ran ${part.ran} of ${calls}; the rest were compared without it: ${abbreviate(part.reason, LINE_LIMIT)}`));
  }
  for (const timeout of report.timeouts) {
    lines.push(c.yellow(`  ! ${timeout.engine}: export call #${timeout.callIndex + 1} ${abbreviate(timeout.call, LINE_LIMIT)} timed out (not compared)`));
  }
  return lines.join('\n');
}

/** Of a report that compared nothing: `no engine could run it`, `only jco could run it`. */
export function whoCouldRun(report: DifferentialReport): string {
  return report.ran.length === 0 ? 'no engine could run it' : `only ${report.ran[0] ?? ''} could run it`;
}

function table(columns: readonly EngineColumn[], odd: ReadonlySet<string>, c: ChalkInstance): string[] {
  const hasImports = columns.some((column) => column.imports !== undefined && column.imports.length > 0);
  const header = hasImports ? ['engine', 'outcome', 'imports'] : ['engine', 'outcome'];
  const rows: string[][] = [];
  // Long cells are cut where the engines differ, the same way in every row of a column.
  const outcomes = abbreviateDifference(columns.map((column) => column.outcome), CELL_LIMIT);
  const importsOf = (column: EngineColumn) => (column.imports === undefined ? ['(not observed)'] : column.imports);
  const importRows = Math.max(0, ...columns.map((column) => importsOf(column).length));
  const importCells = Array.from({ length: importRows }, (_, i) => abbreviateDifference(columns.map((column) => importsOf(column)[i] ?? ''), CELL_LIMIT));
  columns.forEach((column, index) => {
    const height = hasImports ? Math.max(1, importsOf(column).length) : 1;
    for (let i = 0; i < height; i++) {
      const row = [i === 0 ? column.engine : '', i === 0 ? (outcomes[index] as string) : ''];
      if (hasImports) row.push(importCells[i]?.[index] ?? '');
      rows.push(row);
    }
  });
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => (row[i] ?? '').length)));
  const format = (cells: readonly string[]) => cells.map((cell, i) => cell.padEnd(widths[i] as number)).join(' │ ').trimEnd();
  const out = [c.bold(format(header)), c.dim(widths.map((width) => '─'.repeat(width)).join('─┼─'))];
  let engine = '';
  for (const row of rows) {
    if (row[0] !== '') engine = row[0] as string;
    const text = format(row);
    out.push(odd.has(engine) ? c.red(text) : text);
  }
  return out;
}

function chalkFor(options: RenderOptions): ChalkInstance {
  if (options.color !== undefined) return new Chalk({ level: options.color ? 1 : 0 });
  const noColor = process.env['NO_COLOR'];
  if (noColor !== undefined && noColor !== '') return new Chalk({ level: 0 });
  return new Chalk();
}
