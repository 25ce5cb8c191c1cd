/**
 * The one error type of proxy-component.
 *
 * Every failure a user can cause (bad WIT, bad WAVE, a corrupt component, a bad
 * trace) is a `ProxyComponentError` with a stable `code`, a `location` when the
 * input has one, and the original `cause` kept. Errors are recognised by a
 * symbol brand, not `instanceof`, because Vitest and Jest load modules once per
 * worker and a second copy of this class would fail an `instanceof` check.
 */

import { abbreviate, MESSAGE_LIMIT } from './util/abbreviate.js';

const BRAND = Symbol.for('proxy-component.error');

/** Stable error codes; the CLI maps them to exit codes in one place. */
export type ErrorCode =
  /** WIT text that does not parse. */
  | 'WIT_SYNTAX'
  /** WIT that parses but does not resolve: unknown names, cycles, duplicates. */
  | 'WIT_RESOLVE'
  /** A shape that is recognised but not supported yet (future, stream, error-context, async, a function a mode cannot carry): the message names it and says why. */
  | 'WIT_UNSUPPORTED'
  /** Component bytes that are not a valid component. */
  | 'COMPONENT_DECODE'
  /** A component that cannot be started: instantiating it fails, its start function traps, or it exits while starting. */
  | 'COMPONENT_START'
  /** A fuzz campaign that ended with fewer runs than asked, for a reason other than a failure found. */
  | 'FUZZ_INCOMPLETE'
  /** WAVE text that does not parse. */
  | 'WAVE_SYNTAX'
  /** WAVE text that parses but does not fit the expected WIT type. */
  | 'WAVE_TYPE'
  /** A WAVE call naming a function the world does not have. */
  | 'WAVE_UNKNOWN_FUNCTION'
  /** A WAVE call with too few or too many arguments. */
  | 'WAVE_ARITY'
  /** A trace file that does not parse, or names calls its world does not have. */
  | 'TRACE_SYNTAX'
  /** A JS value that does not fit the expected WIT type. */
  | 'VALUE_TYPE'
  /** Bad command-line usage. */
  | 'USAGE'
  /** The component has nothing the command could call (it exports no function). */
  | 'NOTHING_TO_CALL'
  /** A module the user wrote (a host, properties, a native module) that does not parse or throws while it loads. */
  | 'USER_MODULE'
  /** A file that cannot be read or written. */
  | 'IO';

/** Where in an input an error is: 1-based line and column (columns count code points). */
export interface SourceLocation {
  readonly file?: string;
  readonly line: number;
  readonly column: number;
}

export interface ProxyComponentErrorOptions {
  readonly location?: SourceLocation;
  readonly cause?: unknown;
}

export class ProxyComponentError extends Error {
  readonly code: ErrorCode;
  readonly location: SourceLocation | undefined;
  /** The message without the location prefix or suffix. */
  readonly detail: string;
  readonly [BRAND] = true;

  constructor(code: ErrorCode, detail: string, options: ProxyComponentErrorOptions = {}) {
    // A last resort: a message that quotes a huge input whole is cut in the middle (its callers abbreviate values themselves).
    const shown = abbreviate(detail, MESSAGE_LIMIT);
    super(formatMessage(shown, options.location), options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ProxyComponentError';
    this.code = code;
    this.detail = shown;
    this.location = options.location;
  }
}

/** True for a ProxyComponentError from any copy of this module. */
export function isProxyComponentError(error: unknown): error is ProxyComponentError {
  return typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[BRAND] === true;
}

/** `file:line:col: detail`, `line:col: detail` or just `detail`. */
export function formatMessage(detail: string, location: SourceLocation | undefined): string {
  if (location === undefined) return detail;
  const where = `${location.line}:${location.column}`;
  return location.file === undefined ? `${detail} at ${where}` : `${location.file}:${where}: ${detail}`;
}
