/**
 * The plugin as a user meets it: a project with `plugins: [proxy()]`, a
 * component and traces recorded from it, and real `vitest run` / `vitest list`
 * runs (Vitest 4.1, this Node).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLUGIN_CONFIG, recordTrace, replaceLine, writeApp } from './support/app-traces.js';
import { createTraceProject, type TraceProject } from './support/trace-project.js';

let project: TraceProject;

beforeAll(async () => {
  project = await createTraceProject();
  await writeApp(project);
  await project.write('vitest.config.ts', PLUGIN_CONFIG);
  const text = await recordTrace(project, 'app.wasm', 'traces/app.trace', ['run(1)', 'greet("ada")', 'run(2)', 'greet("bob")']);
  // Line 10 is `return 5`, the outcome of run(2).
  await project.write('altered/app.trace', replaceLine(text, 10, 'return 6'));
  await project.write('malformed/bad.trace', '# proxy-component trace v1 {"componentPath":"../app.wasm"}\nexport run("two")\nreturn 5\n');
  await writeApp(project, 'seed/app.wasm');
  await recordTrace(project, 'seed/app.wasm', 'seed/app.trace', ['run(3)', 'greet("ada")'], 'seed');
});

afterAll(async () => {
  await project.remove();
});

describe('proxy() plugin, vitest run', () => {
  it('passes the traces recorded from the component, one test per export call named as written', async () => {
    const run = await project.vitest(['run', 'traces', '--reporter=verbose']);

    expect(run.exitCode, run.output).toBe(0);
    for (const name of ['run(1)', "greet('ada')", 'run(2)', "greet('bob')"]) expect(run.output).toContain(`✓ |traces| traces/app.trace > ${name}`);
    expect(run.output).toMatch(/Tests\s+4 passed \(4\)/);
  });

  it('fails an altered trace at the diverging call, with the rendered divergence and a code frame on the trace line', async () => {
    const run = await project.vitest(['run', 'altered']);

    expect(run.exitCode, run.output).toBe(1);
    expect(run.output).toMatch(/Tests\s+2 failed \| 2 passed \(4\)/);
    expect(run.output).toContain('FAIL  |traces| altered/app.trace > run(2)');
    expect(run.output).toContain('TraceDivergence: ✗ altered/app.trace:10 export call #3: wrong export result');
    expect(run.output).toContain('`run` returned 5, the trace expects 6');
    expect(run.output).toMatch(/❯ altered\/app\.trace:10:1\n(.*\n){2}\s+10\| return 6\n\s+\| \^/);
    expect(run.output).toContain("FAIL  |traces| altered/app.trace > greet('bob')");
    expect(run.output).toContain('TraceDivergence: not reached: an earlier call diverged at line 10 (run(2))');
  });

  it('shows the code frame of a divergence on an import line, at its column', async () => {
    // Line 9 is `  import test:app/math.double@0.1.0(2) -> 4`, inside run(2).
    await project.write('imports/app.trace', replaceLine(await project.read('traces/app.trace'), 9, '  import test:app/math.double@0.1.0(3) -> 4'));

    const run = await project.vitest(['run', 'imports']);

    expect(run.exitCode, run.output).toBe(1);
    expect(run.output).toContain('wrong import arguments');
    expect(run.output).toMatch(/❯ imports\/app\.trace:9:3\n(.*\n){2}\s+9\|   import test:app\/math\.double@0\.1\.0\(3\) -> 4\n\s+\| {3}\^/);
  });

  it('runs only the calls -t selects', async () => {
    const run = await project.vitest(['run', 'traces', '-t', 'greet', '--reporter=verbose']);

    expect(run.exitCode, run.output).toBe(0);
    expect(run.output).toMatch(/Tests\s+2 passed \| 2 skipped \(4\)/);
    expect(run.output).toContain("✓ |traces| traces/app.trace > greet('bob')");
  });

  it('still fails a call -t selects when an earlier call of its trace diverges', async () => {
    const run = await project.vitest(['run', 'altered', '-t', "greet\\('bob'\\)"]);

    expect(run.exitCode, run.output).toBe(1);
    expect(run.output).toMatch(/Tests\s+1 failed \| 3 skipped \(4\)/);
    expect(run.output).toContain('not reached: an earlier call diverged at line 10 (run(2))');
  });

  it('fails a malformed trace with one test naming the line and column', async () => {
    const run = await project.vitest(['run', 'malformed']);

    expect(run.exitCode, run.output).toBe(1);
    expect(run.output).toContain('FAIL  |traces| malformed/bad.trace > reads the trace');
    expect(run.output).toContain('ProxyComponentError: malformed/bad.trace:2:12: expected u32, found string');
    expect(run.output).toMatch(/2\| export run\("two"\)\n\s+\| {12}\^/);
  });

  it("replays a trace in the original tool's JSONL format, finding the component beside it", async () => {
    const run = await project.vitest(['run', 'seed', '--reporter=verbose']);

    expect(run.exitCode, run.output).toBe(0);
    expect(run.output).toContain('✓ |traces| seed/app.trace > run(3)');
    expect(run.output).toContain("✓ |traces| seed/app.trace > greet('ada')");
  });
});

describe('proxy() plugin, vitest list', () => {
  it('lists one test per export call', async () => {
    const run = await project.vitest(['list', 'traces', 'altered']);

    expect(run.exitCode, run.output).toBe(0);
    const listed = run.stdout.split('\n').filter((line) => line.includes('.trace > '));
    expect(listed.sort()).toEqual(
      ['altered', 'traces'].flatMap((folder) => ['run(1)', "greet('ada')", 'run(2)', "greet('bob')"].map((name) => `[traces] ${folder}/app.trace > ${name}`)).sort(),
    );
  });
});

describe('proxy() plugin in projects', () => {
  it('adds traces to projects that inherit it or list it, not to projects with their own include', async () => {
    await project.write(
      'vitest.projects.config.ts',
      `import { defineConfig } from 'vitest/config';
import { proxy } from 'proxy-component/vitest';

export default defineConfig({
  plugins: [proxy()],
  test: {
    projects: [
      { extends: true, test: { name: 'inherits' } },
      { plugins: [proxy()], test: { name: 'own-plugin' } },
      { test: { name: 'own-include', include: ['**/*.test.ts'] } },
    ],
  },
});
`,
    );

    const run = await project.vitest(['list', 'traces', '--config', 'vitest.projects.config.ts']);

    expect(run.exitCode, run.output).toBe(0);
    const listed = run.stdout.split('\n').filter((line) => line.includes('.trace > '));
    expect(listed).toHaveLength(8);
    expect(listed).toContain('[inherits:traces] traces/app.trace > run(1)');
    expect(listed).toContain("[own-plugin:traces] traces/app.trace > greet('bob')");
  });
});

describe('proxy() options and the divergence reporter', () => {
  it('uses the component option for a trace that names none, stops a call past timeoutMs, and reports it after the run', async () => {
    await project.write(
      'vitest.options.config.ts',
      `import { defineConfig } from 'vitest/config';
import { proxy } from 'proxy-component/vitest';

export default defineConfig({
  plugins: [proxy({ component: 'app.wasm', timeoutMs: 500 })],
  test: { reporters: ['default', 'proxy-component/reporter'] },
});
`,
    );
    await project.write('loose/spin.trace', 'export run(1)\n  import test:app/math.double@0.1.0(1) -> 2\nreturn 3\nexport spin()\nreturn\n');

    const run = await project.vitest(['run', 'loose', '--config', 'vitest.options.config.ts']);

    expect(run.exitCode, run.output).toBe(1);
    expect(run.output).toMatch(/Tests\s+1 failed \| 1 passed \(2\)/);
    const report = run.output.slice(run.output.indexOf('proxy-component: 1 trace divergence'));
    expect(report).toContain('✗ loose/spin.trace:4 export call #2: timeout');
    expect(report).toContain('`spin` did not return within 500 ms: stopped');
    expect(report).toContain('test: loose/spin.trace > spin()');
  });
});

describe('proxy() and the project it is in', () => {
  const COUNTER_TEST = `import { expect, test } from 'vitest';
test('runs in a module graph of its own', () => {
  const state = globalThis as { proxyCount?: number };
  state.proxyCount = (state.proxyCount ?? 0) + 1;
  expect(state.proxyCount).toBe(1);
});
`;

  it("runs traces in a project of their own without isolation, and leaves the project's other tests isolated", async () => {
    await project.write('unit/one.test.ts', COUNTER_TEST);
    await project.write('unit/two.test.ts', COUNTER_TEST);

    const run = await project.vitest(['run', 'unit', 'traces', '--reporter=verbose', '--maxWorkers=1']);

    expect(run.exitCode, run.output).toBe(0);
    expect(run.output).toContain('✓ unit/one.test.ts > runs in a module graph of its own');
    expect(run.output).toContain('✓ unit/two.test.ts > runs in a module graph of its own');
    expect(run.output).toContain('✓ |traces| traces/app.trace > run(1)');
  });

  it('keeps traces isolated in their own project when asked to', async () => {
    await project.write('vitest.isolated.config.ts', PLUGIN_CONFIG.replace('proxy()', 'proxy({ isolate: true })'));

    const run = await project.vitest(['run', 'traces', '--reporter=verbose', '--config', 'vitest.isolated.config.ts']);

    expect(run.exitCode, run.output).toBe(0);
    expect(run.output).toContain('✓ traces/app.trace > run(1)');
    expect(run.output).not.toContain('|traces|');
  });

  it("runs only the traces the user's include names", async () => {
    await project.write('scale/app.trace', await project.read('traces/app.trace'));
    await project.write(
      'vitest.include.config.ts',
      PLUGIN_CONFIG.replace('plugins: [proxy()]', "plugins: [proxy()], test: { include: ['scale/**/*.trace', 'unit/**/*.test.ts'] }"),
    );

    const run = await project.vitest(['list', '--config', 'vitest.include.config.ts']);

    expect(run.exitCode, run.output).toBe(0);
    const files = new Set(run.stdout.split('\n').filter((line) => line.includes(' > ')).map((line) => line.split(' > ')[0]));
    expect([...files].sort()).toEqual(['[traces] scale/app.trace', 'unit/one.test.ts', 'unit/two.test.ts']);
  });
});
