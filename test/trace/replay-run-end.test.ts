/**
 * How a program reads a run of the replay component (trace/replay-end.ts,
 * `replayRunEnd`): the last end line, except that a trap right after
 * `trap-expected` is the trap the trace records, which matches when it is
 * the trace's last call (a golden trace ends at its trap).
 */
import { describe, expect, it } from 'vitest';
import { formatReplayEnd, replayRunEnd, type ReplayEnd } from '../../src/trace/replay-end.js';

const expected = (callIndex: number, total: number): Extract<ReplayEnd, { kind: 'trap-expected' }> => ({ kind: 'trap-expected', matched: callIndex, total, callIndex });
const TRAP = 'Error: failed to run main module\n\nCaused by:\n    1: wasm trap: wasm `unreachable` instruction executed\n';

describe('replayRunEnd', () => {
  it('is the last end line when the run ended on its own', () => {
    const matched: ReplayEnd = { kind: 'matched', matched: 2, total: 2 };
    expect(replayRunEnd(`replay: 2 of 2 export call(s) matched\n${formatReplayEnd(matched)}`, false)).toEqual(matched);
    expect(replayRunEnd('no line at all\n', true)).toBeUndefined();
  });

  it('matches a trace whose last call traps when the run traps right after saying it expects that trap', () => {
    expect(replayRunEnd(`${formatReplayEnd(expected(2, 3))}${TRAP}`, true)).toEqual({ kind: 'matched', matched: 3, total: 3 });
  });

  it('keeps what the trace answered that the host answered instead', () => {
    const leftToHost = { calls: 4, first: 'wasi:cli/stderr.get-stderr@0.2.0' };
    expect(replayRunEnd(`${formatReplayEnd({ ...expected(0, 1), leftToHost })}${TRAP}`, true)).toEqual({ kind: 'matched', matched: 1, total: 1, leftToHost });
  });

  it('says that the calls after a trapping call could not be replayed', () => {
    expect(replayRunEnd(`${formatReplayEnd(expected(1, 4))}${TRAP}`, true)).toEqual({
      kind: 'stopped',
      message: 'export call #2 trapped as the trace records; a trapped instance cannot be entered again, so the 2 call(s) after it were not replayed',
    });
  });

  it('is not a match when the run ended without the trap', () => {
    expect(replayRunEnd(formatReplayEnd(expected(0, 1)), false)).toEqual({
      kind: 'stopped',
      message: 'the run ended during export call #1, which the trace records as trapping, without a trap',
    });
  });

  it('is the divergence when the call the trace records as trapping returned', () => {
    const diverged: ReplayEnd = { kind: 'diverged', matched: 0, total: 1, divergence: { kind: 'missing-trap', summary: '`f` returned, the trace expects it to trap', callIndex: 0, path: ['export f()'] } };
    expect(replayRunEnd(`${formatReplayEnd(expected(0, 1))}${formatReplayEnd(diverged)}${TRAP}`, true)).toEqual(diverged);
  });

  it('matches a trace that ends where the host failed (a component exiting) when the run stops there in a trap', () => {
    const hostFailed = (callIndex: number, total: number): ReplayEnd => ({ kind: 'host-failed', matched: callIndex, total, callIndex, import: 'wasi:cli/exit.exit@0.2.0', message: 'the component exited' });
    const lines = (end: ReplayEnd): string => `${formatReplayEnd(expected(0, 1))}${formatReplayEnd(end)}${TRAP}`;
    expect(replayRunEnd(lines(hostFailed(5, 6)), true)).toEqual({ kind: 'matched', matched: 6, total: 6 });
    expect(replayRunEnd(lines(hostFailed(1, 3)), true)).toEqual({
      kind: 'stopped',
      message: 'export call #2 stopped where the trace records that the host failed `wasi:cli/exit.exit@0.2.0`; a trapped instance cannot be entered again, so the 1 call(s) after it were not replayed',
    });
    expect(replayRunEnd(formatReplayEnd(hostFailed(0, 1)), false)).toEqual(hostFailed(0, 1));
  });
});
