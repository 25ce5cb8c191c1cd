/**
 * Exit codes, in one place: 0 success, 1 the check found a problem in what was
 * checked (an invalid call, a divergence, a failed property), 2 the input or the
 * usage is bad (unreadable WIT, corrupt component, unknown option), or the
 * check could not be made (fewer than two engines could run the component),
 * 130 an interactive command (dialog) ended by Ctrl-C, as shells report SIGINT.
 */
import type { DifferentialVerdict } from '../differential/report.js';
import { isProxyComponentError, type ErrorCode } from '../errors.js';

export const EXIT_OK = 0;
export const EXIT_FOUND_PROBLEM = 1;
export const EXIT_BAD_INPUT = 2;
export const EXIT_INTERRUPTED = 130;

/** An error that escaped a command, as data: for programs that run the CLI (see CliIO.failure). */
export interface CommandFailure {
  readonly exitCode: number;
  /** The error's stable code; absent for an internal error (a bug in proxy-component). */
  readonly code?: ErrorCode;
  /** The line printed on stderr. */
  readonly message: string;
}

/**
 * `diff`: 1 when engines that ran differ on any plan; else 2 when fewer than
 * two engines could run some plan; else 0.
 */
export function differentialExitCode(verdicts: readonly DifferentialVerdict[]): number {
  if (verdicts.includes('diverge')) return EXIT_FOUND_PROBLEM;
  if (verdicts.includes('too-few-engines')) return EXIT_BAD_INPUT;
  return EXIT_OK;
}

/** The exit code for an error that escaped a command, and the one line to print for it. */
export function describeFailure(error: unknown): CommandFailure {
  if (isProxyComponentError(error)) return { exitCode: EXIT_BAD_INPUT, code: error.code, message: `error: ${error.message}` };
  const message = error instanceof Error ? error.message : String(error);
  // Not ours: a bug in proxy-component. Keep the stack, it is what a bug report needs.
  const stack = error instanceof Error && error.stack !== undefined ? `\n${error.stack}` : '';
  return { exitCode: EXIT_BAD_INPUT, message: `internal error: ${message}${stack}` };
}
