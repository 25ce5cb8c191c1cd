/**
 * proxy-component/jest/reporter's engine tables, from made-up test results:
 * the differential report a failed test carries (toAgreeAcrossEngines' in
 * `matcherResult`, or a `cause`), printed once per test after the run.
 */
import { describe, expect, it } from 'vitest';
import ProxyJestDivergenceReporter, { differentialOf } from '../../jest/reporter.js';
import type { DifferentialReport } from '../../src/differential/report.js';
import { renderDifferential } from '../../src/differential/render.js';

const report: DifferentialReport = {
  engines: [
    { name: 'jco', elapsedMs: 10 },
    { name: 'node', elapsedMs: 20 },
    { name: 'native:impl.mjs', elapsedMs: 1 },
  ],
  calls: 2,
  verdict: 'diverge',
  ran: ['jco', 'node', 'native:impl.mjs'],
  couldNotRun: [],
  partial: [],
  divergentCalls: 1,
  divergence: {
    callIndex: 1,
    call: 'add(2, 2)',
    aspect: 'outcome',
    columns: [
      { engine: 'jco', outcome: 'return 4', imports: [] },
      { engine: 'node', outcome: 'return 4', imports: [] },
      { engine: 'native:impl.mjs', outcome: 'return 5', imports: [] },
    ],
    groups: [['jco', 'node'], ['native:impl.mjs']],
    oddOnesOut: ['native:impl.mjs'],
    verdict: 'native:impl.mjs differs from the majority (jco, node)',
  },
  timeouts: [],
};

function result(status: string, failureDetails: unknown[]) {
  return { testFilePath: '/project/agree.test.js', testResults: [{ status, fullName: 'agrees', failureDetails }] };
}

describe('the Jest reporter and engine disagreements', () => {
  it('finds the report in a matcher result or a cause, and nowhere else', () => {
    expect(differentialOf({ matcherResult: { pass: false, message: 'x', proxyDifferential: report } })).toBe(report);
    expect(differentialOf({ cause: { proxyDifferential: report } })).toBe(report);
    expect(differentialOf({ matcherResult: { pass: false, message: 'x' } })).toBeUndefined();
    expect(differentialOf({ matcherResult: { proxyDifferential: { verdict: 'agree' } } })).toBeUndefined();
    expect(differentialOf('failed')).toBeUndefined();
  });

  it('prints the table of each failed test after the run, naming the test, and nothing for passed ones', () => {
    const reporter = new ProxyJestDivergenceReporter({ rootDir: '/project' }, { color: false });
    reporter.onRunStart();

    reporter.onTestResult(undefined, result('passed', [{ matcherResult: { proxyDifferential: report } }]));
    reporter.onTestResult(undefined, result('failed', [{ matcherResult: { pass: false, proxyDifferential: report } }]));

    const printed = reporter.report();
    expect(printed).toContain('proxy-component: 1 engine disagreement\n');
    expect(printed).toContain(
      renderDifferential(report, { color: false })
        .split('\n')
        .map((line) => ` ${line}`)
        .join('\n'),
    );
    expect(printed).toContain('test: agree.test.js › agrees');
    expect(printed).not.toContain('trace divergence');
  });
});
