import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TestCase, Vitest } from 'vitest/node';
import ProxyDivergenceReporter from '../../reporter/index.js';
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

/** The parts of a Vitest TestCase the reporter reads. */
function testCase(name: string, state: 'passed' | 'failed', meta: { proxyDivergence?: Divergence } = {}): TestCase {
  return { fullName: name, module: { relativeModuleId: 'traces/a.trace' }, meta: () => meta, result: () => ({ state }) } as unknown as TestCase;
}

function started(reporter: ProxyDivergenceReporter): string[] {
  const logged: string[] = [];
  reporter.onInit({ logger: { log: (text: string) => logged.push(text) } } as unknown as Vitest);
  reporter.onTestRunStart();
  return logged;
}

const ANSI = /\u001b\[/;

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('ProxyDivergenceReporter', () => {
  it('prints each divergence of a failed trace test after the run, with the test it came from', () => {
    const reporter = new ProxyDivergenceReporter({ color: false });
    const logged = started(reporter);

    reporter.onTestCaseResult(testCase('run(1)', 'passed'));
    reporter.onTestCaseResult(testCase('run(2)', 'failed', { proxyDivergence: divergence }));
    reporter.onTestCaseResult(testCase('run(3)', 'failed'));
    reporter.onTestRunEnd();

    const output = logged.join('\n');
    expect(output).toContain('proxy-component: 1 trace divergence');
    expect(output).toContain(
      renderDivergence(divergence, { color: false })
        .split('\n')
        .map((line) => ` ${line}`)
        .join('\n'),
    );
    expect(output).toContain('test: traces/a.trace > run(2)');
    expect(output).not.toMatch(ANSI);
  });

  it('prints nothing for a run without divergences', () => {
    const reporter = new ProxyDivergenceReporter();
    const logged = started(reporter);
    reporter.onTestCaseResult(testCase('run(1)', 'passed'));
    reporter.onTestRunEnd();
    expect(logged).toEqual([]);
  });

  it('reports each run of watch mode on its own', () => {
    const reporter = new ProxyDivergenceReporter({ color: false });
    const logged = started(reporter);
    reporter.onTestCaseResult(testCase('run(2)', 'failed', { proxyDivergence: divergence }));
    reporter.onTestRunEnd();
    reporter.onTestRunStart();
    reporter.onTestRunEnd();
    expect(logged).toHaveLength(1);
  });

  it('colours when asked, and not when NO_COLOR is set', () => {
    const coloured = new ProxyDivergenceReporter({ color: true });
    const colouredLog = started(coloured);
    coloured.onTestCaseResult(testCase('run(2)', 'failed', { proxyDivergence: divergence }));
    coloured.onTestRunEnd();
    expect(colouredLog.join('\n')).toMatch(ANSI);

    vi.stubEnv('FORCE_COLOR', '1');
    vi.stubEnv('NO_COLOR', '1');
    const plain = new ProxyDivergenceReporter();
    const plainLog = started(plain);
    plain.onTestCaseResult(testCase('run(2)', 'failed', { proxyDivergence: divergence }));
    plain.onTestRunEnd();
    expect(plainLog.join('\n')).not.toMatch(ANSI);
  });
});
