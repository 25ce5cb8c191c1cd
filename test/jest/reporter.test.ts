import { afterEach, describe, expect, it, vi } from 'vitest';
import ProxyJestDivergenceReporter, { divergenceOf, type JestTestResultLike } from '../../jest/reporter.js';
import type { Divergence } from '../../src/divergence/divergence.js';
import { renderDivergence } from '../../src/divergence/render.js';

const divergence: Divergence = {
  kind: 'export-result',
  summary: '`run` returned 5, the trace expects 6',
  file: 'traces/a.trace',
  line: 7,
  callIndex: 1,
  path: ['export run(2)'],
  expected: '6',
  actual: '5',
  type: 'u32',
};

/** A Jest test file result as the reporter receives it (failureDetails as they come out of Jest's workers). */
function fileResult(tests: { name: string; status: string; details?: unknown[] }[]): JestTestResultLike {
  return {
    testFilePath: '/project/traces/a.trace',
    testResults: tests.map(({ name, status, details = [] }) => ({ fullName: name, status, failureDetails: details })),
  };
}

const ANSI = /\u001b\[/;

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

describe('ProxyJestDivergenceReporter', () => {
  it('prints each divergence of a failed trace test after the run, with the test it came from, on stderr', () => {
    const written: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((text) => written.push(String(text)) > 0);
    const reporter = new ProxyJestDivergenceReporter({ rootDir: '/project' }, { color: false });

    reporter.onRunStart();
    reporter.onTestResult(
      {},
      fileResult([
        { name: 'run(1)', status: 'passed' },
        { name: 'run(2)', status: 'failed', details: [{ message: 'x', cause: { proxyDivergence: divergence } }] },
        { name: 'greet()', status: 'failed', details: [{ message: 'not reached' }] },
      ]),
    );
    reporter.onRunComplete();

    expect(written).toHaveLength(1);
    expect(written[0]).toContain('proxy-component: 1 trace divergence\n');
    expect(written[0]).toContain(renderDivergence(divergence, { color: false }).split('\n')[0]);
    expect(written[0]).toContain('test: traces/a.trace › run(2)');
    expect(written[0]).not.toMatch(ANSI);
  });

  it('prints nothing for a run without divergences, and starts afresh with each run (watch mode)', () => {
    const written: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((text) => written.push(String(text)) > 0);
    const reporter = new ProxyJestDivergenceReporter({ rootDir: '/project' }, { color: false });
    reporter.onRunStart();
    reporter.onTestResult({}, fileResult([{ name: 'run(2)', status: 'failed', details: [{ cause: { proxyDivergence: divergence } }] }]));

    reporter.onRunStart();
    reporter.onTestResult({}, fileResult([{ name: 'run(1)', status: 'passed' }]));
    reporter.onRunComplete();

    expect(written).toEqual([]);
  });

  it('colours the report when asked, and not under NO_COLOR by default', () => {
    const coloured = new ProxyJestDivergenceReporter({ rootDir: '/project' }, { color: true });
    coloured.onTestResult({}, fileResult([{ name: 'run(2)', status: 'failed', details: [{ cause: { proxyDivergence: divergence } }] }]));
    expect(coloured.report()).toMatch(ANSI);

    vi.stubEnv('NO_COLOR', '1');
    const plain = new ProxyJestDivergenceReporter({ rootDir: '/project' });
    plain.onTestResult({}, fileResult([{ name: 'run(2)', status: 'failed', details: [{ cause: { proxyDivergence: divergence } }] }]));
    expect(plain.report()).not.toMatch(ANSI);
  });
});

describe('divergenceOf', () => {
  it('finds the Divergence only in a cause shaped as the trace tests make it', () => {
    expect(divergenceOf({ cause: { proxyDivergence: divergence } })).toEqual(divergence);
    for (const detail of [undefined, null, 'text', {}, { cause: 'text' }, { cause: { proxyDivergence: { kind: 'export-result' } } }, { proxyDivergence: divergence }]) {
      expect(divergenceOf(detail)).toBeUndefined();
    }
  });
});
