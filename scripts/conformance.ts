/**
 * The conformance run: every mode on every component of a folder, as a user
 * would run them, and a matrix of what happened (see conformance/modes.ts for
 * what each cell means).
 *
 *   npm run conformance -- <folder...> [--modes wit,fuzz,...] [--json out.json] [--timeout <s>]
 *
 * Exit 1 when any cell is a tool error, 2 on bad usage, else 0.
 */
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import { Command } from 'commander';
import { writeFileAtomic } from '../src/util/atomic-write.js';
import { componentUnderTest, MODES, type Cell, type Mode } from './conformance/modes.js';
import { renderMatrix, type ComponentRow } from './conformance/matrix.js';

/** The component-model layer in the preamble: core modules are not components. */
function isComponent(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && bytes[0] === 0 && bytes[1] === 0x61 && bytes[2] === 0x73 && bytes[3] === 0x6d && bytes[6] === 1 && bytes[7] === 0;
}

async function findWasm(folder: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) found.push(...(await findWasm(path)));
    else if (entry.name.endsWith('.wasm')) found.push(path);
  }
  return found.sort();
}

export interface ConformanceOptions {
  readonly modes: readonly Mode[];
  readonly timeoutMs: number;
  readonly onCell?: (component: string, mode: string, cell: Cell) => void;
}

/** Runs every mode on every component under the folders. */
export async function conformance(folders: readonly string[], options: ConformanceOptions): Promise<ComponentRow[]> {
  const scratch = await mkdtemp(join(tmpdir(), 'proxy-component-conformance-'));
  const rows: ComponentRow[] = [];
  try {
    for (const folder of folders) {
      const paths = (await stat(folder)).isDirectory() ? await findWasm(folder) : [folder];
      for (const path of paths) {
        const name = relative(folder, path) || basename(path);
        const bytes = new Uint8Array(await readFile(path));
        if (!isComponent(bytes)) {
          rows.push({ name, path, skipped: 'a core module, not a component', cells: new Map() });
          continue;
        }
        const work = join(scratch, String(rows.length));
        const component = await componentUnderTest(path, name, work, options.timeoutMs);
        const cells = new Map<string, Cell>();
        for (const mode of options.modes) {
          const cell = await mode.run(component).catch((error: unknown): Cell => ({ status: 'error', detail: `conformance runner: ${String(error)}`, elapsedMs: 0 }));
          cells.set(mode.name, cell);
          options.onCell?.(name, mode.name, cell);
        }
        rows.push({ name, path, cells });
      }
    }
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
  return rows;
}

async function cli(argv: readonly string[]): Promise<number> {
  const program = new Command('conformance')
    .argument('<folder...>', 'folders of components (.wasm, searched recursively), or component files')
    .option('--modes <names>', `modes, comma-separated (default: all: ${MODES.map((m) => m.name).join(',')})`)
    .option('--json <file>', 'also write every cell as JSON')
    .option('--timeout <seconds>', 'longest one command may run', '600')
    .exitOverride();
  program.parse([...argv], { from: 'user' });
  const opts = program.opts<{ modes?: string; json?: string; timeout: string }>();
  const timeout = Number(opts.timeout);
  if (!Number.isInteger(timeout) || timeout <= 0) {
    process.stderr.write(`error: --timeout must be a whole number of seconds, got ${opts.timeout}\n`);
    return 2;
  }
  const wanted = opts.modes?.split(',').map((m) => m.trim());
  const unknown = wanted?.filter((name) => !MODES.some((mode) => mode.name === name)) ?? [];
  if (unknown.length > 0) {
    process.stderr.write(`error: unknown mode ${unknown.join(', ')} (modes: ${MODES.map((m) => m.name).join(', ')})\n`);
    return 2;
  }
  const modes = wanted === undefined ? MODES : MODES.filter((mode) => wanted.includes(mode.name));
  const rows = await conformance(program.args, {
    modes,
    timeoutMs: timeout * 1000,
    onCell: (component, mode, cell) => process.stderr.write(`  ${component} × ${mode}: ${cell.status}${cell.detail === '' ? '' : ` (${cell.detail})`}\n`),
  });
  process.stdout.write(renderMatrix(rows, modes));
  if (opts.json !== undefined) {
    const data = rows.map((row) => ({ ...row, cells: Object.fromEntries(row.cells) }));
    await writeFileAtomic(opts.json, `${JSON.stringify(data, null, 2)}\n`);
  }
  return rows.some((row) => [...row.cells.values()].some((cell) => cell.status === 'error')) ? 1 : 0;
}

if (process.argv[1] !== undefined && import.meta.url.endsWith(basename(process.argv[1]))) {
  process.exitCode = await cli(process.argv.slice(2)).catch((error: unknown) => {
    if (error instanceof Error && 'exitCode' in error) return 2;
    process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  });
}
