/**
 * The plugin under Vitest 5 on Node 24 (Vitest 5 needs Node >= 22.12), both
 * installed from the npm registry by scripts/setup-vitest5.sh into
 * .cache/vitest5 (or $PROXY_COMPONENT_VITEST5_DIR). Without them these tests
 * fail and say how to install them: never skipped, so CI cannot pass without
 * checking Vitest 5. The features built on Vitest's runtime (property
 * matchers, componentTest, shards, engines, reporter sections) are checked
 * under Vitest 5 in vitest5-features.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLUGIN_CONFIG, recordTrace, replaceLine, writeApp } from './support/app-traces.js';
import { createTraceProject, type TraceProject } from './support/trace-project.js';
import { vitest5Install } from './support/vitest5-install.js';

const install = vitest5Install();
let project: TraceProject;

beforeAll(async () => {
  if (typeof install === 'string') return;
  project = await createTraceProject(install);
  await writeApp(project);
  await project.write('vitest.config.ts', PLUGIN_CONFIG);
  const text = await recordTrace(project, 'app.wasm', 'traces/app.trace', ['run(1)', 'greet("ada")', 'run(2)']);
  await project.write('altered/app.trace', replaceLine(text, 10, 'return 6'));
  // Line 9 is `  import test:app/math.double@0.1.0(2) -> 4`, inside run(2).
  await project.write('imports/app.trace', replaceLine(text, 9, '  import test:app/math.double@0.1.0(3) -> 4'));
});

afterAll(async () => {
  await project?.remove();
});

describe('proxy() plugin under Vitest 5 (Node 24)', () => {
  it('is installed', () => {
    expect(typeof install === 'string' ? install : 'installed').toBe('installed');
  });

  it('passes recorded traces', async () => {
    const run = await requireInstall().vitest(['run', 'traces']);

    expect(run.exitCode, run.output).toBe(0);
    expect(run.output).toContain('RUN  v5.');
    expect(run.output).toMatch(/Tests\s+3 passed \(3\)/);
  });

  it('fails an altered trace at the diverging call', async () => {
    const run = await requireInstall().vitest(['run', 'altered']);

    expect(run.exitCode, run.output).toBe(1);
    expect(run.output).toMatch(/Tests\s+1 failed \| 2 passed \(3\)/);
    expect(run.output).toContain('TraceDivergence: ✗ altered/app.trace:10 export call #3: wrong export result');
  });

  it('shows the code frame of a divergence on an import line, at its column', async () => {
    const run = await requireInstall().vitest(['run', 'imports']);

    expect(run.exitCode, run.output).toBe(1);
    expect(run.output).toMatch(/❯ imports\/app\.trace:9:3\n(.*\n){2}\s+9\|   import test:app\/math\.double@0\.1\.0\(3\) -> 4\n\s+\| {3}\^/);
  });

  it('lists one test per export call (statically)', async () => {
    const run = await requireInstall().vitest(['list', 'traces']);

    expect(run.exitCode, run.output).toBe(0);
    expect(run.stdout.split('\n').filter((line) => line.includes('.trace > '))).toEqual([
      '[traces] traces/app.trace > run(1)',
      "[traces] traces/app.trace > greet('ada')",
      '[traces] traces/app.trace > run(2)',
    ]);
  });
});

function requireInstall(): TraceProject {
  if (typeof install === 'string') throw new Error(install);
  return project;
}
