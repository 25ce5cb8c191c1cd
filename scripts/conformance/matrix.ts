/** The conformance matrix as text: one row per component, one column per mode, then why for every cell that is not ok. */
import type { Cell, CellStatus, Mode, Sizes } from './modes.js';

export interface ComponentRow {
  readonly name: string;
  readonly path: string;
  /** Why the file was not tried (a core module). */
  readonly skipped?: string;
  readonly cells: ReadonlyMap<string, Cell>;
}

const MARK: Record<CellStatus, string> = { ok: 'ok', failure: 'FAIL', refused: 'refused', 'n/a': 'n/a', error: 'ERROR' };

export function renderMatrix(rows: readonly ComponentRow[], modes: readonly Mode[], sizes: Sizes): string {
  const tried = rows.filter((row) => row.skipped === undefined);
  const nameWidth = Math.max(9, ...tried.map((row) => row.name.length));
  const widths = modes.map((mode) => Math.max(mode.name.length, 7));
  const line = (first: string, cells: readonly string[]) => `${first.padEnd(nameWidth)}  ${cells.map((c, i) => c.padEnd(widths[i] ?? 7)).join('  ')}`.trimEnd();
  const out: string[] = [line('component', modes.map((m) => m.name)), line('-'.repeat(nameWidth), widths.map((w) => '-'.repeat(w)))];
  for (const row of tried) out.push(line(row.name, modes.map((mode) => MARK[row.cells.get(mode.name)?.status ?? 'n/a'])));

  const counts = new Map<CellStatus, number>();
  const notes: string[] = [];
  for (const row of tried) {
    for (const mode of modes) {
      const cell = row.cells.get(mode.name);
      if (cell === undefined) continue;
      counts.set(cell.status, (counts.get(cell.status) ?? 0) + 1);
      if (cell.status !== 'ok') notes.push(`  ${row.name} × ${mode.name}: ${MARK[cell.status]}: ${cell.detail}`);
    }
  }
  out.push('', `${tried.length} components × ${modes.length} modes: ${(['ok', 'failure', 'refused', 'n/a', 'error'] as const).map((s) => `${counts.get(s) ?? 0} ${s === 'failure' ? 'failures found' : s === 'error' ? 'tool errors' : s}`).join(', ')}`);
  const skipped = rows.filter((row) => row.skipped !== undefined);
  if (skipped.length > 0) out.push(`not tried: ${skipped.map((row) => `${row.name} (${row.skipped})`).join(', ')}`);
  if (notes.length > 0) out.push('', 'cells that are not ok:', ...notes);
  out.push('', 'modes:', ...modes.map((mode) => `  ${mode.name.padEnd(Math.max(...modes.map((m) => m.name.length)))}  ${mode.description(sizes)}`));
  return `${out.join('\n')}\n`;
}
