/**
 * How a run of the instrumented replay component ended, for the program that
 * ran it: one JSON line on stderr, after the report for people, starting
 * with a marker (`proxy-component-replay-end {...}`). The tracer writes it
 * (instrument/tracer/replay.ts); the wasmtime engine reads it
 * (engines/wasmtime/replay-trace.ts) instead of the human report. A run that
 * traps in the component itself ends without one, after the `trap-expected`
 * line when the trace records that trap (see `replayRunEnd`).
 */
import type { Divergence } from '../divergence/divergence.js';

/**
 * Import calls the trace answers that the replay component left to the host
 * (passed through: `--passthrough`, or what the virtualizers cannot carry):
 * their recorded answers were not given and their arguments not compared.
 * `first` names the first such import.
 */
export interface LeftToHost {
  readonly calls: number;
  readonly first: string;
}

export type ReplayEnd =
  /** Every export call matched the trace. */
  | { readonly kind: 'matched'; readonly matched: number; readonly total: number; readonly leftToHost?: LeftToHost }
  /** The first difference; with `leftToHost`, what the host answered instead of the trace may explain it. */
  | { readonly kind: 'diverged'; readonly matched: number; readonly total: number; readonly divergence: Divergence; readonly leftToHost?: LeftToHost }
  /**
   * The trace records that the host failed an import call (`import ... trap`):
   * the component cannot be made to see a failure, so the replay stops there,
   * as the recorded run did.
   */
  | { readonly kind: 'host-failed'; readonly matched: number; readonly total: number; readonly callIndex: number; readonly import: string; readonly message: string }
  /**
   * Written before making an export call that the trace records as trapping
   * (`callIndex`, 0-based), with the calls matched before it. A composed
   * component cannot survive a trap and no line can follow one, so a run
   * whose last end line this is and that ended in a trap trapped where the
   * trace says; a call that returns instead ends the run with `diverged`.
   */
  | { readonly kind: 'trap-expected'; readonly matched: number; readonly total: number; readonly callIndex: number; readonly leftToHost?: LeftToHost }
  /** The replay could not go on: the trace is unreadable, or holds what this replay cannot do; `message` says which. */
  | { readonly kind: 'stopped'; readonly message: string };

export const REPLAY_END_MARKER = 'proxy-component-replay-end ';

/** The line that says how the replay ended (with its newline). */
export function formatReplayEnd(end: ReplayEnd): string {
  return `${REPLAY_END_MARKER}${JSON.stringify(end)}\n`;
}

const KINDS: ReadonlySet<string> = new Set(['matched', 'diverged', 'host-failed', 'trap-expected', 'stopped']);

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

/**
 * How a run of the replay component ended, for a program that ran it: its
 * last end line, except that a run that trapped (`trapped`: wasmtime reported
 * a wasm trap) right after `trap-expected` trapped where the trace says. That
 * is every call matched when the trapping call is the trace's last (a golden
 * trace ends at its trap); else the calls after it could not be replayed, as
 * a trapped instance cannot be entered again, and the run is `stopped`.
 * A run that trapped after `host-failed` stopped where the trace records the
 * host failing: matched when that is the trace's last call, as in a golden
 * trace whose run ended in the component exiting. Undefined when the run
 * wrote no end line (it trapped before, or never reached the tracer).
 */
export function replayRunEnd(stderr: string, trapped: boolean): ReplayEnd | undefined {
  const end = findReplayEnd(stderr);
  // The host failed as the trace records and the replay component trapped to stop there, as the recorded run stopped.
  if (end?.kind === 'host-failed' && trapped) {
    if (end.callIndex === end.total - 1) return { kind: 'matched', matched: end.matched + 1, total: end.total };
    return { kind: 'stopped', message: `export call #${end.callIndex + 1} stopped where the trace records that the host failed \`${end.import}\`; a trapped instance cannot be entered again, so the ${end.total - end.matched - 1} call(s) after it were not replayed` };
  }
  if (end?.kind !== 'trap-expected') return end;
  if (!trapped) return { kind: 'stopped', message: `the run ended during export call #${end.callIndex + 1}, which the trace records as trapping, without a trap` };
  const matched = end.matched + 1;
  if (end.callIndex === end.total - 1) return { kind: 'matched', matched, total: end.total, ...(end.leftToHost === undefined ? {} : { leftToHost: end.leftToHost }) };
  return {
    kind: 'stopped',
    message: `export call #${end.callIndex + 1} trapped as the trace records; a trapped instance cannot be entered again, so the ${end.total - matched} call(s) after it were not replayed`,
  };
}
