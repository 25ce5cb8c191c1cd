/**
 * The wasmtime engine learns how a run of the replay component ended from
 * the JSON end line (trace/replay-end.ts), never from the report for people:
 * a report without an end line is a failure to explain, not a verdict; with
 * no end line, a wasm trap is the component's own.
 */
import { describe, expect, it } from 'vitest';
import type { Divergence } from '../../src/divergence/divergence.js';
import { renderDivergence } from '../../src/divergence/render.js';
import { readVerdict } from '../../src/engines/wasmtime/replay-trace.js';
import type { WasmtimeInvocation } from '../../src/engines/wasmtime/wasmtime-cli.js';
import { formatReplayEnd } from '../../src/trace/replay-end.js';

const run = (stderr: string, exitCode = 134): WasmtimeInvocation => ({ exitCode, stdout: '', stderr, timedOut: false, elapsedMs: 1 });

const DIVERGENCE: Divergence = {
  kind: 'export-result',
  summary: '`run` returned 4, the trace expects 3',
  file: '<stdin>',
  line: 3,
  callIndex: 0,
  path: ['export run(1)'],
  expected: '3',
  actual: '4',
  type: 'u32',
};

describe('readVerdict', () => {
  it('reads the divergence from the end line, whatever the report above it says', () => {
    const stderr = `${renderDivergence(DIVERGENCE, { color: false })}\nreplay: 0 of 1 export call(s) matched before the divergence\n${formatReplayEnd({ kind: 'diverged', matched: 0, total: 1, divergence: DIVERGENCE })}Error: wasm trap: unreachable\n`;
    expect(readVerdict(run(stderr), 1)).toEqual({ kind: 'divergence', divergence: DIVERGENCE, line: 3 });
  });

  it('does not take the report for people as a verdict', () => {
    const stderr = `${renderDivergence(DIVERGENCE, { color: false })}\nreplay: 1 of 1 export call(s) matched\n`;
    expect(readVerdict(run(stderr, 0), 1).kind).toBe('failed');
  });

  it('reads matched, host-failed and stopped ends', () => {
    expect(readVerdict(run(formatReplayEnd({ kind: 'matched', matched: 2, total: 2 }), 0), 2)).toEqual({ kind: 'matched' });
    expect(readVerdict(run(formatReplayEnd({ kind: 'matched', matched: 1, total: 1 }), 0), 2).kind).toBe('failed');
    expect(readVerdict(run(formatReplayEnd({ kind: 'host-failed', matched: 0, total: 1, callIndex: 0, import: 'get', message: 'gone' })), 1)).toEqual({ kind: 'host-failed', import: 'get', message: 'gone' });
    expect(readVerdict(run(formatReplayEnd({ kind: 'stopped', message: '<stdin>:1:1: bad' })), 1)).toEqual({ kind: 'failed', message: 'the replay component stopped: <stdin>:1:1: bad' });
  });

  it("takes a trap without an end line as the component's own", () => {
    expect(readVerdict(run('Error: failed to run\n\nCaused by:\n    0: error while executing\n    1: wasm trap: integer divide by zero\n'), 1)).toEqual({ kind: 'trap', message: 'wasm trap: integer divide by zero' });
  });

  it('takes a trap after the trap-expected line as the trap of the call the trace records as trapping, as without the line', () => {
    const stderr = `${formatReplayEnd({ kind: 'trap-expected', matched: 1, total: 2, callIndex: 1 })}Error: failed to run\n\nCaused by:\n    1: wasm trap: wasm \`unreachable\` instruction executed\n`;
    expect(readVerdict(run(stderr), 2)).toEqual({ kind: 'trap', message: 'wasm trap: wasm `unreachable` instruction executed' });
  });

  it("takes the component model's own check failing after the trap-expected line (an invalid handle) as that call's trap, and not without the line", () => {
    const frames = '    0: error while executing at wasm backtrace:\n    0:    0x504 - <unknown>!<wasm function 35>\n    1: 0x60731a - <unknown>!<wasm function 1>\n';
    const failure = `Error: failed to run main module \`x.cwasm\`\n\nCaused by:\n${frames}    1: unknown handle index 100000\n`;
    const expected = formatReplayEnd({ kind: 'trap-expected', matched: 9, total: 10, callIndex: 9 });
    expect(readVerdict(run(`${expected}${failure}`), 10)).toEqual({ kind: 'trap', message: 'unknown handle index 100000' });
    const borrow = failure.replace('unknown handle index 100000', 'borrow handles still remain at the end of the call');
    expect(readVerdict(run(`${expected}${borrow}`), 10)).toEqual({ kind: 'trap', message: 'borrow handles still remain at the end of the call' });
    expect(readVerdict(run(failure), 10).kind).toBe('failed');
  });

  it('refuses an end line it cannot read', () => {
    expect(readVerdict(run('proxy-component-replay-end {"kind":"maybe"}\n'), 1)).toEqual({ kind: 'failed', message: 'unreadable replay end line: proxy-component-replay-end {"kind":"maybe"}' });
  });
});
