/**
 * How a run of the instrumented replay component ended, for the program that
 * ran it: one JSON line on stderr, after the report for people, starting
 * with a marker (`proxy-component-replay-end {...}`). The tracer writes it
 * (instrument/tracer/replay.ts); the wasmtime engine reads it
 * (engines/wasmtime/replay-trace.ts) instead of the human report. A run that
 * traps in the component itself ends without one.
 */
import type { Divergence } from '../divergence/divergence.js';

export type ReplayEnd =
  /** Every export call matched the trace. */
  | { readonly kind: 'matched'; readonly matched: number; readonly total: number }
  /** The first difference. */
  | { readonly kind: 'diverged'; readonly matched: number; readonly total: number; readonly divergence: Divergence }
  /**
   * The trace records that the host failed an import call (`import ... trap`):
   * the component cannot be made to see a failure, so the replay stops there,
   * as the recorded run did.
   */
  | { readonly kind: 'host-failed'; readonly matched: number; readonly total: number; readonly callIndex: number; readonly import: string; readonly message: string }
  /** The replay could not go on: the trace is unreadable, or holds what this replay cannot do; `message` says which. */
  | { readonly kind: 'stopped'; readonly message: string };

export const REPLAY_END_MARKER = 'proxy-component-replay-end ';

/** The line that says how the replay ended (with its newline). */
export function formatReplayEnd(end: ReplayEnd): string {
  return `${REPLAY_END_MARKER}${JSON.stringify(end)}\n`;
}

const KINDS: ReadonlySet<string> = new Set(['matched', 'diverged', 'host-failed', 'stopped']);

/** The end line in a run's stderr: undefined when there is none (the run trapped or did not start); an error when it is not one we wrote. */
export function findReplayEnd(stderr: string): ReplayEnd | undefined {
  const line = stderr
    .split('\n')
    .reverse()
    .find((text) => text.startsWith(REPLAY_END_MARKER));
  if (line === undefined) return undefined;
  let end: unknown;
  try {
    end = JSON.parse(line.slice(REPLAY_END_MARKER.length));
  } catch (cause) {
    throw new Error(`unreadable replay end line: ${line}`, { cause });
  }
  if (typeof end !== 'object' || end === null || !KINDS.has(String((end as { kind?: unknown }).kind))) throw new Error(`unreadable replay end line: ${line}`);
  return end as ReplayEnd;
}
