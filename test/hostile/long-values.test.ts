/**
 * Long values in messages and reports: a 10 MB string that differs gives a
 * report of short lines with the difference in view, never a 10 MB line; the
 * full value stays in the divergence's data. One function abbreviates them
 * all (util/abbreviate.ts).
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DifferentialReport } from '../../src/differential/report.js';
import { renderDifferential } from '../../src/differential/render.js';
import { replayTraceFile } from '../../src/session/replay-file.js';
import { abbreviate, abbreviateDifference } from '../../src/util/abbreviate.js';
import { parseValue } from '../../src/wave/index.js';
import { primitive } from '../../src/wit/types.js';
import { appComponent } from '../support/app-component.js';
import { runCli } from '../support/cli.js';

const MB10 = 10 * 1024 * 1024;
const DIFFERENCE_AT = 6_000_000;

let dir: string;
let app: string;
let big: string;
let bigChanged: string;

/** Every line of `text` short, and the whole of it too. */
function expectShort(text: string): void {
  expect(text.length).toBeLessThan(8000);
  for (const line of text.split('\n')) expect(line.length).toBeLessThan(1200);
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pc-long-values-'));
  app = join(dir, 'app.wasm');
  await writeFile(app, await appComponent());
  big = 'a'.repeat(MB10);
  bigChanged = `${big.slice(0, DIFFERENCE_AT)}X${big.slice(DIFFERENCE_AT + 1)}`;
});

describe('a 10 MB value that differs', () => {
  it('replay prints short lines with the difference in view; the divergence keeps both values whole', async () => {
    // greet returns what lookup answered: the trace expects another 10 MB string.
    const trace = join(dir, 'big.trace');
    await writeFile(trace, `# proxy-component trace v1 {}\nexport greet("ada")\n  import test:app/math.lookup@0.1.0("ada") -> some("${big}")\nreturn some("${bigChanged}")\n`);
    const run = await runCli('replay', app, trace);
    expect(run.exitCode).toBe(1);
    expectShort(run.out);
    const lines = run.out.split('\n');
    const expected = lines.find((line) => line.includes('- expected')) ?? '';
    const actual = lines.find((line) => line.includes('+ actual')) ?? '';
    expect(expected).toMatch(/characters\)…a+Xa+…\(\d+ characters\)/);
    expect(actual).toMatch(/characters\)…a+…\(\d+ characters\)/);
    // The window is at the same offset in both: the X stands over an a.
    expect(expected.indexOf('X')).toBeGreaterThan(0);
    expect(actual[expected.indexOf('X')]).toBe('a');
    expect(lines[1]).toMatch(/^ {2}`greet` returned \(\d+ characters\)…a+…\(\d+ characters\), the trace expects \(\d+ characters\)…a*Xa*…\(\d+ characters\)$/);
    const report = await replayTraceFile(trace, { component: app });
    expect(report.divergence?.expected).toBe(`some("${bigChanged}")`);
    expect(report.divergence?.actual).toBe(`some("${big}")`);
  });

  it('an argument of 10 MB is cut in the call path too', async () => {
    const trace = join(dir, 'big-arg.trace');
    await writeFile(trace, `# proxy-component trace v1 {}\nexport greet("${big}")\n  import test:app/math.lookup@0.1.0("${bigChanged}") -> none\nreturn none\n`);
    const run = await runCli('replay', app, trace);
    expect(run.exitCode).toBe(1);
    expectShort(run.out);
    expect(run.out).toContain('wrong import arguments');
  });

  it('a 10 MB token that is no value is an error of one short line, at its line and column', async () => {
    const trace = join(dir, 'big-token.trace');
    await writeFile(trace, `# proxy-component trace v1 {}\nexport run(${'z'.repeat(MB10)})\nreturn 1\n`);
    const run = await runCli('replay', app, trace);
    expect(run.exitCode).toBe(2);
    expectShort(run.err);
    expect(run.err).toMatch(new RegExp(`^error: ${trace.replaceAll('/', '\\/')}:2:12: `));
  });

  it('a 10-million-digit integer is out of range at once, not after minutes of BigInt arithmetic', () => {
    const started = performance.now();
    let message = '';
    try {
      parseValue('9'.repeat(MB10), primitive.u64);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(performance.now() - started).toBeLessThan(2000);
    expect(message).toMatch(/^integer 9+…\(\d+ characters\)…9+ out of range for u64 at 1:1$/);
  });

  it('diff cuts each cell where the engines differ', () => {
    const report: DifferentialReport = {
      file: 'big.trace',
      engines: [
        { name: 'jco', elapsedMs: 1 },
        { name: 'node', elapsedMs: 1 },
      ],
      calls: 1,
      verdict: 'diverge',
      ran: ['jco', 'node'],
      couldNotRun: [],
      partial: [],
      divergentCalls: 1,
      timeouts: [],
      divergence: {
        callIndex: 0,
        call: `greet("${big}")`,
        line: 2,
        aspect: 'outcome',
        columns: [
          { engine: 'jco', outcome: `return some("${big}")` },
          { engine: 'node', outcome: `return some("${bigChanged}")` },
        ],
        groups: [['jco'], ['node']],
        oddOnesOut: [],
        verdict: 'jco and node differ',
      },
    };
    const text = renderDifferential(report, { color: false });
    expectShort(text);
    expect(text).toMatch(/node +│ \(\d+ characters\)…a+Xa+…\(\d+ characters\)/);
  });
});

describe('abbreviate', () => {
  it('keeps short texts whole and says how much it cut from long ones', () => {
    expect(abbreviate('short')).toBe('short');
    expect(abbreviate('x'.repeat(1000), 30)).toBe(`${'x'.repeat(20)}…(970 characters)…${'x'.repeat(10)}`);
  });

  it('never splits a surrogate pair', () => {
    const text = '😀'.repeat(100);
    for (const limit of [10, 11, 31]) {
      const cut = abbreviate(text, limit);
      expect(cut).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
    }
  });

  it('puts the window of compared texts where they first differ, at the same offset', () => {
    const [left, right] = abbreviateDifference(['a'.repeat(5000) + 'L' + 'b'.repeat(5000), 'a'.repeat(5000) + 'R' + 'b'.repeat(5000)], 90);
    expect(left?.indexOf('L')).toBe(right?.indexOf('R'));
    expect(left).toMatch(/^\(\d+ characters\)…a+Lb+…\(\d+ characters\)$/);
  });
});
