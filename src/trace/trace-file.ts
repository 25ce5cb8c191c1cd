/**
 * Reading a trace file the user names, and refusing a trace that would check
 * nothing. One place for every command and integration that replays traces:
 * a folder, a FIFO or a device is refused before it is read (a FIFO or
 * `/dev/zero` would otherwise wait or grow for ever), bytes that are not UTF-8
 * are an error at their line and column (rather than silently becoming U+FFFD
 * in a value), a leading byte order mark is dropped, and a trace that records
 * no export call is an error at its end, never "0 calls matched".
 */
import { ProxyComponentError } from '../errors.js';
import { readTextInputFile, readTextInputFileSync, type InputFile } from '../util/input-file.js';
import type { Trace } from './model.js';

function traceFile(name: string | undefined): InputFile {
  return { what: 'trace', contentCode: 'TRACE_SYNTAX', ...(name === undefined ? {} : { name }) };
}

/** The text of a trace file; `name`: how messages name it (default: the path). */
export function readTraceFile(path: string, name?: string): Promise<string> {
  return readTextInputFile(path, traceFile(name));
}

export function readTraceFileSync(path: string, name?: string): string {
  return readTextInputFileSync(path, traceFile(name));
}

/**
 * A trace with no export call checks nothing: replaying it cannot fail. That
 * is an error at the trace's end (an empty file, a header alone, or only
 * comments and program output), not a pass.
 */
export function requireCalls<T extends Pick<Trace, 'calls'>>(trace: T, text: string, file: string | undefined): T {
  if (trace.calls.length > 0) return trace;
  const lines = text.split('\n');
  const line = lines.length;
  const location = { ...(file === undefined ? {} : { file }), line, column: [...(lines[line - 1] ?? '')].length + 1 };
  const what = text.trim() === '' ? 'the trace is empty' : 'the trace records no export call';
  throw new ProxyComponentError('TRACE_SYNTAX', `${what}: replaying it would check nothing (record at least one call)`, { location });
}
