/**
 * Runs one proxy-component command as a user would, in its own process (a
 * crash, an exit or a hang there cannot take the conformance run down), and
 * reads how it failed from the CLI's diagnostics file rather than its text.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import type { CommandFailure } from '../../src/cli/exit-code.js';

/** The built CLI: dist/src/cli/bin.js, from dist/scripts/conformance/ or from this repository's scripts/conformance/ (tests). */
const HERE = dirname(fileURLToPath(import.meta.url));
const BIN = HERE.includes(`${sep}dist${sep}`) ? resolve(HERE, '../../src/cli/bin.js') : resolve(HERE, '../../dist/src/cli/bin.js');

export interface ProcessRun {
  /** The exit code; undefined when the process was killed (timeout, signal). */
  readonly exitCode: number | undefined;
  readonly stdout: string;
  readonly stderr: string;
  readonly timedOut: boolean;
  /** How long it ran, in ms. */
  readonly elapsedMs: number;
}

export interface CliRun extends ProcessRun {
  /** The error that ended the command, as the CLI reported it (none on success or on a crash outside main). */
  readonly failure?: CommandFailure;
}

export interface RunOptions {
  readonly timeoutMs: number;
  readonly input?: string;
  readonly cwd?: string;
}

export async function runProcess(file: string, args: readonly string[], options: RunOptions & { env?: Record<string, string> }): Promise<ProcessRun> {
  const started = performance.now();
  const result = await execa(file, [...args], {
    reject: false,
    input: options.input ?? '',
    timeout: options.timeoutMs,
    forceKillAfterDelay: 2000,
    env: { RUST_BACKTRACE: '0', ...options.env },
    ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
    maxBuffer: 256 * 1024 * 1024,
  });
  return {
    exitCode: result.exitCode,
    stdout: String(result.stdout),
    stderr: String(result.stderr),
    timedOut: result.timedOut,
    elapsedMs: performance.now() - started,
  };
}

export async function runCli(args: readonly string[], options: RunOptions): Promise<CliRun> {
  const folder = await mkdtemp(join(tmpdir(), 'proxy-component-conformance-'));
  const diagnostics = join(folder, 'failure.json');
  try {
    const run = await runProcess(process.execPath, [BIN, ...args], { ...options, env: { PROXY_COMPONENT_DIAGNOSTICS: diagnostics } });
    const text = await readFile(diagnostics, 'utf8').catch(() => undefined);
    return text === undefined ? run : { ...run, failure: JSON.parse(text) as CommandFailure };
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
