/**
 * Reading a trace file the user names, and refusing a trace that would check
 * nothing. One place for every command and integration that replays traces:
 * a folder, a FIFO or a device is refused before it is read (a FIFO or
 * `/dev/zero` would otherwise wait or grow for ever), bytes that are not UTF-8
 * are an error at their line and column (rather than silently becoming U+FFFD
 * in a value), a leading byte order mark is dropped, and a trace that records
 * no export call is an error at its end, never "0 calls matched". A trace is
 * read whole, or as it streams, a line at a time (to replay one longer than
 * memory holds).
 */
import { readTextInputFile, readTextInputFileSync, type InputFile } from '../util/input-file.js';
import { readTextLines } from '../util/text-lines.js';

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

/** The lines of a trace file, as they stream. */
export function readTraceFileLines(path: string, name?: string): AsyncGenerator<string> {
  return readTextLines(path, traceFile(name));
}

/** The first line of a trace file (its header, when it has one), without reading the rest. */
export async function readTraceFileFirstLine(path: string, name?: string): Promise<string> {
  const lines = readTraceFileLines(path, name);
  try {
    const first = await lines.next();
    return first.done === true ? '' : first.value;
  } finally {
    await lines.return(undefined);
  }
}

export { noCallsError, requireCalls } from './no-calls.js';
