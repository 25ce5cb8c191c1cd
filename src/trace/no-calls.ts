/**
 * A trace that records no export call checks nothing: replaying it cannot
 * fail, so every replay (the in-process one, the instrumented replay
 * component's, diff, the test integrations) refuses it with an error at the
 * trace's end, never "0 calls matched". Apart from trace-file.ts so that the
 * replay component's tracer, which has no file system, shares it.
 */
import { ProxyComponentError } from '../errors.js';
import type { Trace } from './model.js';

/**
 * A trace with no export call checks nothing: replaying it cannot fail. That
 * is an error at the trace's end (an empty file, a header alone, or only
 * comments and program output), not a pass.
 */
export function requireCalls<T extends Pick<Trace, 'calls'>>(trace: T, text: string, file: string | undefined): T {
  if (trace.calls.length > 0) return trace;
  const lines = text.split('\n');
  throw noCallsError({ line: lines.length, column: [...(lines[lines.length - 1] ?? '')].length + 1 }, text.trim() === '', file);
}

/** The error for a trace that records no export call, at its end (`end`: its last line, and the column after it). */
export function noCallsError(end: { readonly line: number; readonly column: number }, empty: boolean, file: string | undefined): ProxyComponentError {
  const what = empty ? 'the trace is empty' : 'the trace records no export call';
  return new ProxyComponentError('TRACE_SYNTAX', `${what}: replaying it would check nothing (record at least one call)`, {
    location: { ...(file === undefined ? {} : { file }), ...end },
  });
}
