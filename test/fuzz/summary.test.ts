import { describe, expect, it } from 'vitest';
import { progressDrawer, progressLine } from '../../src/fuzz/progress.js';
import type { FuzzFileResult } from '../../src/fuzz/session.js';
import { formatSummary } from '../../src/fuzz/summary.js';

const base: FuzzFileResult = {
  component: '/work/app/limits.wasm',
  seed: 42,
  runs: 1000,
  discarded: 0,
  shrinks: 0,
  searchMs: 500,
  elapsedMs: 700,
  coverage: { lines: [{ label: 'enum color', unit: 'cases', all: ['red', 'green', 'blue'], seen: ['red', 'green'] }] },
  skippedFunctions: [],
};

describe('the fuzz summary', () => {
  it('says how many runs, how fast, with which seed, and the coverage', () => {
    expect(formatSummary(base, { componentArgument: 'limits.wasm', cwd: '/work/app' })).toBe(
      ['fuzzed limits.wasm: 1000 runs in 0.50 s (2000 runs/s), seed 42', '✓ no property failed', 'coverage:', '  enum color: 2/3 cases (missing: blue)', ''].join('\n'),
    );
  });

  it('names the failure, where it was saved and how to replay it', () => {
    const result: FuzzFileResult = {
      ...base,
      runs: 3,
      shrinks: 12,
      searchMs: 20,
      failure: {
        property: 'no-trap',
        reason: '`divide` trapped: wasm trap: integer divide by zero',
        path: '2:0:1',
        exportName: 'divide',
        calls: 1,
        traceText: 'ignored',
        timedOut: false,
        saved: { file: '/work/app/corpus/divide-no-trap-0123456789abcdef.trace', duplicate: false },
      },
      skippedFunctions: [{ name: 'stream-it', reason: 'stream values are not supported yet' }],
    };
    expect(formatSummary(result, { componentArgument: 'limits.wasm', cwd: '/work/app' }).split('\n').slice(0, 7)).toEqual([
      'fuzzed limits.wasm: 3 runs in 0.02 s (150 runs/s), seed 42',
      '  not fuzzed: stream-it (stream values are not supported yet)',
      '✗ property no-trap failed: `divide` trapped: wasm trap: integer divide by zero',
      '  shrunk to 1 call in 12 steps (path 2:0:1)',
      '  repeat it: proxy-component fuzz limits.wasm --seed 42 --path 2:0:1',
      '  saved corpus/divide-no-trap-0123456789abcdef.trace',
      '  replay it: proxy-component replay limits.wasm corpus/divide-no-trap-0123456789abcdef.trace',
    ]);
  });

  it('prints the shrunk run when there is no corpus to save it to', () => {
    const failure = { property: 'no-trap', reason: 'r', path: '0', exportName: 'f', calls: 1, traceText: '# header\nexport f()\nexpect no-trap\n', timedOut: false };
    expect(formatSummary({ ...base, failure }, { componentArgument: 'x.wasm' })).toContain(
      '  not saved (give --corpus <dir> to keep it); the shrunk run:\n    # header\n    export f()\n    expect no-trap\n',
    );
  });
});

describe('the progress bar', () => {
  it('shows runs done against the total and the speed, then the shrinking', () => {
    expect(progressLine({ runs: 50, shrinks: 0, elapsedMs: 100, failed: false }, 100)).toBe(`fuzzing ${'█'.repeat(12)}${'░'.repeat(12)}  50/100 runs  500 runs/s`);
    expect(progressLine({ runs: 7, shrinks: 3, elapsedMs: 100, failed: true }, 100)).toBe('shrinking a failure: 3 candidates tried');
  });

  it('redraws one line in place and clears it at the end', () => {
    let written = '';
    const drawer = progressDrawer((text) => (written += text));
    drawer.clear();
    expect(written).toBe('');
    drawer.draw('a');
    drawer.draw('b');
    drawer.clear();
    expect(written).toBe('\ra\u001b[K\rb\u001b[K\r\u001b[K');
  });
});
