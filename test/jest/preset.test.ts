/**
 * The preset as a user meets it: a folder holding only a component, traces
 * recorded from it (in our format and in the original tool's JSONL format),
 * and `{ "jest": { "preset": "proxy-component" } }`; real runs of the
 * project's installed Jest 30 (plain `jest`, no flags, this Node).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJestProject, type JestProject } from './support/jest-project.js';
import { listedTests, recordTrace, replaceLine, writeApp } from './support/traces.js';

const CALLS = ['run(1)', "greet('ada')", 'run(2)', "greet('bob')"];
let project: JestProject;
let recorded: string;

beforeAll(async () => {
  project = await createJestProject();
  await writeApp(project);
  recorded = await recordTrace(project, 'app.wasm', 'app.trace', ['run(1)', 'greet("ada")', 'run(2)', 'greet("bob")']);
  await recordTrace(project, 'app.wasm', 'seed.trace', ['run(3)', 'greet("ada")'], 'seed');
});

afterAll(async () => {
  await project.remove();
});

describe('{ "preset": "proxy-component" }', () => {
  it('passes the true traces, ours and JSONL, one test per export call named after the call', async () => {
    const run = await project.jest(['--verbose']);

    expect(run.exitCode, run.output).toBe(0);
    expect(run.output).toContain('PASS ./app.trace');
    expect(run.output).toContain('PASS ./seed.trace');
    expect(listedTests(run.output, '✓').sort()).toEqual([...CALLS, 'run(3)', "greet('ada')"].sort());
    expect(run.output).toMatch(/Tests:\s+6 passed, 6 total/);
  });

  it("leaves nothing behind that Jest's --detectLeaks or --detectOpenHandles would report", async () => {
    const leaks = await project.jest(['--detectLeaks', '--maxWorkers=2']);
    expect(leaks.exitCode, leaks.output).toBe(0);

    const handles = await project.jest(['--detectOpenHandles']);
    expect(handles.exitCode, handles.output).toBe(0);
    expect(handles.output).not.toContain('open handle');
  });

  it('fails once an altered trace is added, naming the diverging call, its trace line and the calls it kept from running', async () => {
    // Line 10 is `return 5`, the outcome of run(2).
    await project.write('altered.trace', replaceLine(recorded, 10, 'return 6'));
    try {
      const run = await project.jest();

      expect(run.exitCode, run.output).toBe(1);
      expect(run.output).toMatch(/Tests:\s+2 failed, 8 passed, 10 total/);
      expect(run.output).toContain('● run(2)');
      expect(run.output).toContain('TraceDivergence: ✗ altered.trace:10 export call #3: wrong export result');
      expect(run.output).toContain('`run` returned 5, the trace expects 6');
      expect(run.output).toMatch(/> 10 \| return 6\n\s+\| \^/);
      expect(run.output).toContain('at altered.trace:10:1');
      expect(run.output).toContain("● greet('bob')");
      expect(run.output).toContain('TraceDivergence: not reached: an earlier call diverged at line 10 (run(2))');
    } finally {
      await project.delete('altered.trace');
    }
  });

  it('runs only the calls -t selects, and still fails a selected call that an earlier divergence kept from running', async () => {
    await project.write('altered.trace', replaceLine(recorded, 10, 'return 6'));
    try {
      const passing = await project.jest(['app.trace', '-t', 'greet', '--verbose']);
      expect(passing.exitCode, passing.output).toBe(0);
      expect(listedTests(passing.output, '✓')).toEqual(["greet('ada')", "greet('bob')"]);
      expect(passing.output).toMatch(/Tests:\s+2 skipped, 2 passed, 4 total/);

      const failing = await project.jest(['altered.trace', '-t', "greet\\('bob'\\)"]);
      expect(failing.exitCode, failing.output).toBe(1);
      expect(failing.output).toMatch(/Tests:\s+1 failed, 3 skipped, 4 total/);
      expect(failing.output).toContain('not reached: an earlier call diverged at line 10 (run(2))');
    } finally {
      await project.delete('altered.trace');
    }
  });
});

describe('the preset next to other tests, with options and the divergence reporter', () => {
  let other: JestProject;

  beforeAll(async () => {
    other = await createJestProject({ manifest: { name: 'traces-and-tests', private: true } });
    await writeApp(other, 'build/app.wasm');
    await writeApp(other, 'build/app-copy.wasm');
    const text = await recordTrace(other, 'build/app.wasm', 'traces/app.trace', ['run(1)', 'run(2)']);
    // Two components beside it and no header: only the transformer's `component` option can say which.
    await other.write('traces/loose.trace', 'export run(1)\n  import test:app/math.double@0.1.0(1) -> 2\nreturn 3\nexport spin()\nreturn\n');
    await other.write('traces/altered.trace', replaceLine(text, 7, 'return 6'));
    await other.write('traces/bad.trace', '# proxy-component trace v1 {"componentPath":"../build/app.wasm"}\nexport run("two")\nreturn 5\n');
    await other.write('sum.test.js', "const sum = (a, b) => a + b;\ntest('adds', () => { expect(sum(1, 2)).toBe(3); });\n");
    await other.write(
      'jest.config.cjs',
      `module.exports = {
  preset: 'proxy-component',
  transform: { '\\\\.trace$': ['proxy-component/jest/transform', { component: 'build/app.wasm', timeoutMs: 500 }] },
  reporters: ['default', 'proxy-component/jest/reporter'],
};
`,
    );
  });

  afterAll(async () => {
    await other?.remove();
  });

  it("keeps the project's JavaScript tests, takes transformer options, and reports every divergence after the run", async () => {
    const run = await other.jest(['--maxWorkers=2']);

    expect(run.exitCode, run.output).toBe(1);
    expect(run.output).toContain('PASS ./sum.test.js');
    expect(run.output).toMatch(/Tests:\s+3 failed, 5 passed, 8 total/);
    const report = run.output.slice(run.output.indexOf('proxy-component: 2 trace divergences'));
    expect(report).toContain('✗ traces/altered.trace:7 export call #2: wrong export result');
    expect(report).toContain('test: traces/altered.trace › run(2)');
    expect(report).toContain('✗ traces/loose.trace:4 export call #2: timeout');
    expect(report).toContain('`spin` did not return within 500 ms: stopped');
  });

  it('fails a malformed trace with one test naming its line and column, with a code frame', async () => {
    const run = await other.jest(['traces/bad.trace']);

    expect(run.exitCode, run.output).toBe(1);
    expect(run.output).toContain('● reads the trace');
    expect(run.output).toContain('ProxyComponentError: traces/bad.trace:2:12: expected u32, found string');
    expect(run.output).toMatch(/> 2 \| export run\("two"\)\n\s+\| {12}\^/);
  });
});

describe('saved fuzz failures under the preset', () => {
  let fuzz: JestProject;

  beforeAll(async () => {
    fuzz = await createJestProject();
    await writeApp(fuzz, 'corpus/app.wasm');
    const header = '# proxy-component trace v1 {"componentPath":"app.wasm","fuzz":{"seed":42,"path":"0:1","property":"no-trap"}}';
    await fuzz.write('corpus/crash-no-trap.trace', `${header}\nexport run(2)\n  import test:app/math.double@0.1.0(2) -> 4\nexpect no-trap well-typed\nexport crash()\n  # observed: trap "unreachable"\nexpect no-trap\n`);
  });

  afterAll(async () => {
    await fuzz?.remove();
  });

  it('replays them against their properties: the call that still breaks one fails, named after the call', async () => {
    const run = await fuzz.jest(['--verbose']);

    expect(run.exitCode, run.output).toBe(1);
    expect(run.output).toContain('FAIL corpus/crash-no-trap.trace');
    expect(listedTests(run.output, '✓')).toEqual(['run(2)']);
    expect(listedTests(run.output, '✕')).toEqual(['crash()']);
    expect(run.output).toContain('✗ corpus/crash-no-trap.trace:');
    expect(run.output).toContain('no-trap');
  });
});

describe('the preset with a host module', () => {
  let hosted: JestProject;

  beforeAll(async () => {
    hosted = await createJestProject({ manifest: { name: 'hosted-traces', private: true } });
    await writeApp(hosted);
    // A host that keeps state: shared between traces, the second would see `double` answer differently.
    // In TypeScript: the replay worker loads it on Node 20 too.
    await hosted.write('host.mts', "let calls: number = 0;\nexport default { 'test:app/math': { double: (x: number): number => x * 2 + calls++, lookup: (): undefined => undefined } };\n");
    for (const name of ['a', 'b']) await hosted.write(`${name}.trace`, 'export run(1)\nreturn 3\n');
    await hosted.write(
      'jest.config.cjs',
      `module.exports = {
  preset: 'proxy-component',
  transform: { '\\\\.trace$': ['proxy-component/jest/transform', { component: 'app.wasm', passthrough: ['test:app/math'], hostModule: 'host.mts' }] },
};
`,
    );
  });

  afterAll(async () => {
    await hosted?.remove();
  });

  it('passes imports through to it, loaded afresh for each trace even in one process', async () => {
    const run = await hosted.jest(['--runInBand']);

    expect(run.exitCode, run.output).toBe(0);
    expect(run.output).toMatch(/Tests:\s+2 passed, 2 total/);
  });
});
