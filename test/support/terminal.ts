/**
 * Running a command in a real pseudo-terminal, as a person at a terminal
 * does: `script` (util-linux) gives it a tty, so Vitest, Jest and our
 * reporters colour their output and draw code frames as they do for people.
 */
import { execa } from 'execa';

export interface TerminalRun {
  readonly exitCode: number;
  /** Everything the terminal received, escape sequences included. */
  readonly raw: string;
  /** The same without escape sequences. */
  readonly text: string;
}

// eslint-disable-next-line no-control-regex
const ESCAPES = /\u001b\[[0-9;?]*[A-Za-z]|\u001b\][^\u0007]*\u0007|\r/g;

export async function inTerminal(command: readonly string[], cwd: string, env: Record<string, string> = {}): Promise<TerminalRun> {
  const line = command.map((part) => `'${part.replaceAll("'", "'\\''")}'`).join(' ');
  const clean: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined || key.startsWith('VITEST') || key.startsWith('JEST') || ['TEST', 'NODE_ENV', 'NO_COLOR', 'FORCE_COLOR', 'NODE_OPTIONS', 'CI'].includes(key)) continue;
    clean[key] = value;
  }
  const result = await execa('script', ['-qec', line, '/dev/null'], {
    cwd,
    reject: false,
    env: { ...clean, TERM: 'xterm-256color', COLUMNS: '160', LINES: '50', ...env },
    extendEnv: false,
    timeout: 180_000,
    stdin: 'ignore',
  });
  const raw = String(result.stdout);
  return { exitCode: result.exitCode ?? -1, raw, text: raw.replace(ESCAPES, '') };
}
