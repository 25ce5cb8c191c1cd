/**
 * The conformance run: every mode on every component of a folder, as a user
 * would run them, and a matrix of what happened (see conformance/modes.ts for
 * what each cell means).
 *
 *   npm run conformance -- <folder or component...> [--modes wit,fuzz,...] [--json out.json]
 *                          [--jobs 2] [--timeout <s>] [--golden-runs 20] [--fuzz-runs 100] [--calls 20]
 *
 * Exit 1 when any cell is a tool error, 2 on bad usage, else 0.
 */
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import { Command } from 'commander';
import { integerOption } from '../src/cli/option-values.js';
import { isProxyComponentError } from '../src/errors.js';
import { writeFileAtomic } from '../src/util/atomic-write.js';
import { wasmKind } from '../src/util/component-file.js';
import { componentUnderTest, DEFAULT_SIZES, MODES, type Cell, type Mode, type Sizes } from './conformance/modes.js';
import { renderMatrix, type ComponentRow } from './conformance/matrix.js';

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
  readonly modes?: readonly Mode[];
  readonly timeoutMs?: number;
  readonly sizes?: Partial<Sizes>;
  /** Components tried at once (each runs its modes in order). Default 1. */
  readonly jobs?: number;
  readonly onCell?: (component: string, mode: string, cell: Cell) => void;
}

/** Runs every mode on every component under the folders (or named as files); rows in path order. */
export async function conformance(paths: readonly string[], options: ConformanceOptions = {}): Promise<ComponentRow[]> {
  const modes = options.modes ?? MODES;
  const sizes: Sizes = { ...DEFAULT_SIZES, ...options.sizes };
  const timeoutMs = options.timeoutMs ?? 600_000;
  const found: { name: string; path: string }[] = [];
  for (const root of paths) {
    const files = (await stat(root)).isDirectory() ? await findWasm(root) : [root];
    for (const path of files) found.push({ name: relative(root, path) || basename(path), path });
  }
  const scratch = await mkdtemp(join(tmpdir(), 'proxy-component-conformance-'));
  const rows: ComponentRow[] = new Array(found.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < found.length; i = next++) {
      const { name, path } = found[i] as (typeof found)[number];
      const kind = wasmKind(new Uint8Array(await readFile(path)));
      if (kind !== 'component') {
        rows[i] = { name, path, skipped: kind === 'core' ? 'a core module, not a component' : 'not WebAssembly', cells: new Map() };
        continue;
      }
      const component = await componentUnderTest(path, name, join(scratch, String(i)), timeoutMs, sizes);
      const cells = new Map<string, Cell>();
      for (const mode of modes) {
        const cell = await mode.run(component).catch((error: unknown): Cell => ({ status: 'error', detail: `conformance runner: ${String(error)}`, elapsedMs: 0 }));
        cells.set(mode.name, cell);
        options.onCell?.(name, mode.name, cell);
      }
      rows[i] = { name, path, cells };
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, options.jobs ?? 1) }, worker));
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
  return rows;
}

async function cli(argv: readonly string[]): Promise<number> {
  const program = new Command('conformance')
    .argument('<path...>', 'folders of components (.wasm, searched recursively), or component files')
    .option('--modes <names>', `modes, comma-separated (default: all: ${MODES.map((m) => m.name).join(',')})`)
    .option('--json <file>', 'also write every cell as JSON')
    .option('--jobs <n>', 'components tried at once', '1')
    .option('--timeout <seconds>', 'longest one command may run', '600')
    .option('--golden-runs <n>', 'runs of the golden corpus', String(DEFAULT_SIZES.goldenRuns))
    .option('--fuzz-runs <n>', 'runs of fuzz', String(DEFAULT_SIZES.fuzzRuns))
    .option('--calls <n>', 'generated calls of diff --fuzz and of the instrumented fuzz build', String(DEFAULT_SIZES.calls))
    .exitOverride();
  program.parse([...argv], { from: 'user' });
  const opts = program.opts<{ modes?: string; json?: string; jobs: string; timeout: string; goldenRuns: string; fuzzRuns: string; calls: string }>();
  const wanted = opts.modes?.split(',').map((m) => m.trim());
  const unknown = wanted?.filter((name) => !MODES.some((mode) => mode.name === name)) ?? [];
  if (unknown.length > 0) throw new Error(`unknown mode ${unknown.join(', ')} (modes: ${MODES.map((m) => m.name).join(', ')})`);
  const modes = wanted === undefined ? MODES : MODES.filter((mode) => wanted.includes(mode.name));
  const sizes: Sizes = {
    ...DEFAULT_SIZES,
    goldenRuns: integerOption(opts.goldenRuns, '--golden-runs', 1),
    fuzzRuns: integerOption(opts.fuzzRuns, '--fuzz-runs', 1),
    calls: integerOption(opts.calls, '--calls', 1),
  };
  const rows = await conformance(program.args, {
    modes,
    sizes,
    jobs: integerOption(opts.jobs, '--jobs', 1, 64),
    timeoutMs: integerOption(opts.timeout, '--timeout', 1) * 1000,
    onCell: (component, mode, cell) => process.stderr.write(`  ${component} × ${mode}: ${cell.status}${cell.detail === '' ? '' : ` (${cell.detail})`}\n`),
  });
  process.stdout.write(renderMatrix(rows, modes, sizes));
  if (opts.json !== undefined) {
    const data = rows.map((row) => ({ ...row, cells: Object.fromEntries(row.cells) }));
    await writeFileAtomic(opts.json, `${JSON.stringify(data, null, 2)}\n`);
  }
  return rows.some((row) => [...row.cells.values()].some((cell) => cell.status === 'error')) ? 1 : 0;
}

if (process.argv[1] !== undefined && import.meta.url.endsWith(basename(process.argv[1]))) {
  process.exitCode = await cli(process.argv.slice(2)).catch((error: unknown) => {
    // commander has printed its own usage errors.
    if (error instanceof Error && 'exitCode' in error) return 2;
    process.stderr.write(`error: ${isProxyComponentError(error) || error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  });
}
