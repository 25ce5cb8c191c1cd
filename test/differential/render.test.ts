import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DifferentialReport } from '../../src/differential/report.js';
import { renderDifferential } from '../../src/differential/render.js';

const ANSI = /\u001b\[/;

const agreeing: DifferentialReport = {
  file: 'traces/add.trace',
  engines: [
    { name: 'jco', elapsedMs: 210 },
    { name: 'node', elapsedMs: 95 },
  ],
  calls: 3,
  verdict: 'agree',
  ran: ['jco', 'node'],
  couldNotRun: [],
  partial: [],
  divergentCalls: 0,
  timeouts: [],
};

const differing: DifferentialReport = {
  ...agreeing,
  engines: [...agreeing.engines, { name: 'native:impl.mjs', elapsedMs: 40 }],
  verdict: 'diverge',
  ran: ['jco', 'node', 'native:impl.mjs'],
  divergentCalls: 2,
  divergence: {
    callIndex: 1,
    call: 'run(2)',
    line: 4,
    aspect: 'outcome',
    columns: [
      { engine: 'jco', outcome: 'return 5', imports: ['test:app/math.double@0.1.0(2)'] },
      { engine: 'node', outcome: 'return 5', imports: ['test:app/math.double@0.1.0(2)'] },
      { engine: 'native:impl.mjs', outcome: 'return 6', imports: [] },
    ],
    groups: [['jco', 'node'], ['native:impl.mjs']],
    oddOnesOut: ['native:impl.mjs'],
    verdict: 'native:impl.mjs differs from the majority (jco, node)',
  },
  timeouts: [{ engine: 'node', callIndex: 2, call: 'spin()' }],
};

afterEach(() => vi.unstubAllEnvs());

describe('rendering a differential report', () => {
  it('says in one line that the engines agree, with their times', () => {
    expect(renderDifferential(agreeing, { color: false })).toBe('✓ traces/add.trace: 3 calls, 2 engines agree (jco 210 ms, node 95 ms)');
  });

  it('shows the first differing call with every engine side by side', () => {
    const text = renderDifferential(differing, { color: false });
    expect(text.split('\n')).toEqual([
      '✗ traces/add.trace:4 export call #2 run(2): engines differ (outcome)',
      '  native:impl.mjs differs from the majority (jco, node)',
      '  engine          │ outcome  │ imports',
      '  ────────────────┼──────────┼──────────────────────────────',
      '  jco             │ return 5 │ test:app/math.double@0.1.0(2)',
      '  node            │ return 5 │ test:app/math.double@0.1.0(2)',
      '  native:impl.mjs │ return 6 │',
      '  2 of 3 calls differ; the first is shown',
      '  (jco 210 ms, node 95 ms, native:impl.mjs 40 ms)',
      '  ! node: export call #3 spin() timed out (not compared)',
    ]);
  });

  it('colours the odd one out when colours are on', () => {
    const text = renderDifferential(differing, { color: true });
    expect(text).toMatch(ANSI);
    expect(text).toContain('  \u001b[31mnative:impl.mjs │ return 6 │');
  });

  it('respects NO_COLOR', () => {
    vi.stubEnv('NO_COLOR', '1');
    vi.stubEnv('FORCE_COLOR', '3');
    expect(renderDifferential(differing)).not.toMatch(ANSI);
  });

  it('lists an engine that could not run it, one line, and gives the verdict among those that ran', () => {
    const withGjs: DifferentialReport = { ...agreeing, engines: [...agreeing.engines, { name: 'gjs', elapsedMs: 30 }], couldNotRun: [{ engine: 'gjs', reason: 'gjs lacks Wasm extended-const, which the component uses' }] };
    expect(renderDifferential(withGjs, { color: false }).split('\n')).toEqual([
      '✓ traces/add.trace: 3 calls, the 2 engines that ran (jco and node) agree (jco 210 ms, node 95 ms, gjs 30 ms)',
      '  - gjs could not run it: gjs lacks Wasm extended-const, which the component uses',
    ]);
  });

  it('says how many calls an engine ran when it stopped early', () => {
    const stopped: DifferentialReport = { ...agreeing, engines: [...agreeing.engines, { name: 'wasmtime', elapsedMs: 50 }], ran: ['jco', 'node', 'wasmtime'], partial: [{ engine: 'wasmtime', ran: 1, reason: 'export call #1 trapped: a trapped instance cannot be entered again' }] };
    expect(renderDifferential(stopped, { color: false }).split('\n')).toEqual([
      '✓ traces/add.trace: 3 calls, 3 engines agree (jco 210 ms, node 95 ms, wasmtime 50 ms)',
      '  wasmtime ran 1 of 3 calls; the rest were compared without it: export call #1 trapped: a trapped instance cannot be entered again',
    ]);
  });

  it('says when fewer than two engines could run it', () => {
    const alone: DifferentialReport = { ...agreeing, verdict: 'too-few-engines', ran: ['jco'], couldNotRun: [{ engine: 'wasmtime', reason: 'cannot run this component: the import `make` uses a resource handle' }] };
    expect(renderDifferential(alone, { color: false }).split('\n')).toEqual([
      '! traces/add.trace: nothing compared: only jco could run it, and a comparison needs two (jco 210 ms, node 95 ms)',
      '  - wasmtime could not run it: cannot run this component: the import `make` uses a resource handle',
    ]);
  });

  it('says which engines the verdict is among when one could not run it', () => {
    const report: DifferentialReport = { ...differing, engines: [...differing.engines, { name: 'gjs', elapsedMs: 0 }], couldNotRun: [{ engine: 'gjs', reason: 'not installed' }] };
    const lines = renderDifferential(report, { color: false }).split('\n');
    expect(lines[1]).toBe('  native:impl.mjs differs from the majority (jco, node) (among the engines that ran: jco, node and native:impl.mjs)');
    expect(lines).toContain('  - gjs could not run it: not installed');
  });
});
