/**
 * The runner (`test.runner: 'proxy-component/runner'`) as a Vitest 4.1 user
 * without the plugin meets it, and together with the plugin.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordTrace, replaceLine, writeApp } from './support/app-traces.js';
import { createTraceProject, type TraceProject } from './support/trace-project.js';

let project: TraceProject;

const RUNNER_CONFIG = `import { defaultInclude, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [...defaultInclude, '**/*.trace'],
    runner: 'proxy-component/runner',
    provide: { proxyComponent: { component: 'app.wasm', timeoutMs: 500 } },
    reporters: ['default', 'proxy-component/reporter'],
  },
});
`;

beforeAll(async () => {
  project = await createTraceProject();
  await writeApp(project);
  await project.write('vitest.config.ts', RUNNER_CONFIG);
  const text = await recordTrace(project, 'app.wasm', 'traces/app.trace', ['run(1)', 'greet("ada")', 'run(2)', 'greet("bob")']);
  await project.write('altered/app.trace', replaceLine(text, 10, 'return 6'));
  // Line 9 is `  import test:app/math.double@0.1.0(2) -> 4`, inside run(2).
  await project.write('imports/app.trace', replaceLine(text, 9, '  import test:app/math.double@0.1.0(3) -> 4'));
  await project.write('malformed/bad.trace', '# proxy-component trace v1 {"componentPath":"../app.wasm"}\nexport run("two")\nreturn 5\n');
  await project.write('loose/spin.trace', 'export run(1)\n  import test:app/math.double@0.1.0(1) -> 2\nreturn 3\nexport spin()\nreturn\n');
});

afterAll(async () => {
  await project.remove();
});

describe('proxy-component/runner without the plugin', () => {
  it('collects a trace as one test per export call and passes it', async () => {
    const run = await project.vitest(['run', 'traces', '--reporter=verbose']);

    expect(run.exitCode, run.output).toBe(0);
    for (const name of ['run(1)', "greet('ada')", 'run(2)', "greet('bob')"]) expect(run.output).toContain(`✓ traces/app.trace > ${name}`);
  });

  it('fails the diverging call with the divergence in its meta, for the reporter, and later calls as not reached', async () => {
    const run = await project.vitest(['run', 'altered']);

    expect(run.exitCode, run.output).toBe(1);
    expect(run.output).toMatch(/Tests\s+2 failed \| 2 passed \(4\)/);
    expect(run.output).toContain('TraceDivergence: ✗ altered/app.trace:10 export call #3: wrong export result');
    expect(run.output).toContain('❯ altered/app.trace:10:1');
    expect(run.output).toContain('not reached: an earlier call diverged at line 10 (run(2))');
    expect(run.output).toContain('proxy-component: 1 trace divergence');
    expect(run.output).toContain('test: altered/app.trace > run(2)');
  });

  it('places a divergence on an import line at its line and column', async () => {
    const run = await project.vitest(['run', 'imports']);

    expect(run.exitCode, run.output).toBe(1);
    expect(run.output).toContain('❯ imports/app.trace:9:3\n');
  });

  it('fails a malformed trace with its line and column', async () => {
    const run = await project.vitest(['run', 'malformed']);

    expect(run.exitCode, run.output).toBe(1);
    expect(run.output).toContain('FAIL  malformed/bad.trace > reads the trace');
    expect(run.output).toContain('ProxyComponentError: malformed/bad.trace:2:12: expected u32, found string');
  });

  it('takes its settings from test.provide.proxyComponent', async () => {
    const run = await project.vitest(['run', 'loose']);

    expect(run.exitCode, run.output).toBe(1);
    expect(run.output).toMatch(/Tests\s+1 failed \| 1 passed \(2\)/);
    expect(run.output).toContain('`spin` did not return within 500 ms: stopped');
  });
});

describe('proxy-component/runner with the plugin', () => {
  it('leaves .trace files to the plugin: the same tests, once, with code frames from the source map', async () => {
    await project.write(
      'vitest.both.config.ts',
      `import { defineConfig } from 'vitest/config';
import { proxy } from 'proxy-component/vitest';

export default defineConfig({ plugins: [proxy()], test: { runner: 'proxy-component/runner' } });
`,
    );

    const run = await project.vitest(['run', 'altered', '--config', 'vitest.both.config.ts']);

    expect(run.exitCode, run.output).toBe(1);
    expect(run.output).toMatch(/Tests\s+2 failed \| 2 passed \(4\)/);
    expect(run.output).toMatch(/❯ altered\/app\.trace:10:1\n(.*\n){2}\s+10\| return 6/);
  });
});
