/**
 * Recording export calls made at the level of WAVE calls with the in-process
 * recorder (host/record.ts), on any component jco loads: the app itself, or
 * an instrumented build of it (whose own trace then comes out on its stdout).
 */
import { loadJcoComponent, type JcoImports } from '../../../src/engines/jco/load.js';
import { startRecording } from '../../../src/host/record.js';
import { formatTrace } from '../../../src/trace/write.js';
import { parseCall } from '../../../src/wave/index.js';
import { callNameOf } from '../../../src/wit/lookup.js';

/** Makes `calls` (WAVE, in order) on a fresh instance of `bytes` under jco, with `host` as its imports; the recorded trace. */
export async function recordCalls(bytes: Uint8Array, host: JcoImports, calls: readonly string[]): Promise<string> {
  const component = await loadJcoComponent(bytes);
  const recording = await startRecording(component, host);
  const functions = new Map(recording.exportFunctions.map((fn) => [callNameOf(fn), fn]));
  for (const text of calls) {
    const parsed = parseCall(text, (name) => functions.get(name)?.function);
    const fn = functions.get(parsed.name);
    if (fn === undefined) throw new Error(`no export ${parsed.name}`);
    recording.call(fn, parsed.args);
  }
  return formatTrace(recording.trace());
}

/** A trace's event lines, without its header and comments (which name the component and tool). */
export function traceBody(text: string): string[] {
  return text
    .split('\n')
    .filter((line) => /^(export|  import|return|trap)\b/.test(line) || line === 'return')
    .map((line) => line.trimEnd());
}
