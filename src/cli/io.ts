/** Where a command writes; the real process streams in the bin, buffers in tests. */
import type { Terminal } from '../dialog/prompter.js';
import type { CommandFailure } from './exit-code.js';

export interface CliIO {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Told of an error that ended the command, as data (after its line is printed). */
  readonly failure?: (failure: CommandFailure) => void;
  /** The terminal an interactive command (dialog) asks its questions on: absent when stdin or stdout is not one. */
  readonly terminal?: Terminal;
}

export const processIO: CliIO = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  ...(process.stdin.isTTY === true && process.stdout.isTTY === true ? { terminal: { input: process.stdin, output: process.stdout } } : {}),
};

/** An IO that keeps what was written, for tests and for embedding the CLI. */
export function bufferIO(): CliIO & { readonly out: () => string; readonly err: () => string } {
  let out = '';
  let err = '';
  return {
    stdout: (text) => void (out += text),
    stderr: (text) => void (err += text),
    out: () => out,
    err: () => err,
  };
}
