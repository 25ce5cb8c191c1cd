/**
 * The plugin and proxy-component/reporter in a real terminal (a pseudo-
 * terminal, through `script`): Vitest colours its output and draws the code
 * frame of a diverging trace line, at its column, and the reporter repeats
 * the divergence in colour after the run.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTerminal } from '../support/terminal.js';
import { recordTrace, replaceLine, writeApp } from './support/app-traces.js';
import { createTraceProject, PROJECT_VITEST, type TraceProject } from './support/trace-project.js';

let project: TraceProject;

beforeAll(async () => {
  project = await createTraceProject();
  await writeApp(project);
  await project.write(
    'vitest.config.ts',
    `import { defineConfig } from 'vitest/config';
import { proxy } from 'proxy-component/vitest';

export default defineConfig({ plugins: [proxy()], test: { reporters: ['default', 'proxy-component/reporter'] } });
`,
  );
  const text = await recordTrace(project, 'app.wasm', 'traces/app.trace', ['run(1)', 'greet("ada")', 'run(2)']);
  // Line 9 is `  import test:app/math.double@0.1.0(2) -> 4`, inside run(2).
  await project.write('imports/app.trace', replaceLine(text, 9, '  import test:app/math.double@0.1.0(3) -> 4'));
});

afterAll(async () => {
  await project.remove();
});

const vitest = (...args: string[]) => inTerminal([PROJECT_VITEST.node, `${PROJECT_VITEST.nodeModules}/vitest/vitest.mjs`, ...args], project.dir);

describe('vitest run in a terminal', () => {
  it('colours the failure, draws the code frame at the diverging column, and the reporter repeats the divergence in colour', async () => {
    const run = await vitest('run', 'imports');

    expect(run.exitCode, run.text).toBe(1);
    // Vitest's own colours: a red FAIL badge.
    expect(run.raw).toMatch(/\u001b\[[0-9;]*41m[^\n]*FAIL/);
    // The code frame of line 9, with the caret under its first character (column 3).
    expect(run.text).toMatch(/❯ imports\/app\.trace:9:3\n(.*\n){2}\s+9\|   import test:app\/math\.double@0\.1\.0\(3\) -> 4\n\s+\| {3}\^/);
    // proxy-component/reporter, after the run: its heading in bold magenta, the ✗ in red.
    expect(run.raw).toMatch(/\u001b\[35m proxy-component: 1 trace divergence/);
    expect(run.raw).toContain('\u001b[31m✗\u001b[39m');
    expect(run.text).toContain('imports/app.trace:9 export call #3: wrong import arguments');
  });

  it('leaves the colours out with NO_COLOR, even in a terminal', async () => {
    const run = await inTerminal([PROJECT_VITEST.node, `${PROJECT_VITEST.nodeModules}/vitest/vitest.mjs`, 'run', 'imports'], project.dir, { NO_COLOR: '1' });

    expect(run.exitCode).toBe(1);
    expect(run.raw).not.toContain('\u001b[35m proxy-component');
    expect(run.text).toContain('proxy-component: 1 trace divergence');
  });
});
