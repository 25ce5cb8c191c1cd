/** Runs the CLI in-process, as a user would from a shell, and keeps what it printed. */
import { bufferIO } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';

export interface CliRun {
  readonly exitCode: number;
  readonly out: string;
  readonly err: string;
}

export async function runCli(...argv: string[]): Promise<CliRun> {
  const io = bufferIO();
  const exitCode = await main(argv, io);
  return { exitCode, out: io.out(), err: io.err() };
}
