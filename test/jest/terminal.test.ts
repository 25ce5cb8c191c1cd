/**
 * The Jest preset and proxy-component/jest/reporter in a real terminal (a
 * pseudo-terminal, through `script`): Jest colours the failure and draws the
 * code frame of the diverging trace line, with its marker at the diverging
 * column, and the reporter repeats the divergence in colour after the run.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTerminal } from '../support/terminal.js';
import { createJestProject, type JestProject } from './support/jest-project.js';
import { recordTrace, replaceLine, writeApp } from './support/traces.js';

let project: JestProject;

beforeAll(async () => {
  project = await createJestProject({ manifest: { name: 'terminal', private: true, jest: { preset: 'proxy-component', reporters: ['default', 'proxy-component/jest/reporter'] } } });
  await writeApp(project);
  const text = await recordTrace(project, 'app.wasm', 'traces/app.trace', ['run(1)', 'greet("ada")', 'run(2)']);
  // Line 9 is `  import test:app/math.double@0.1.0(2) -> 4`, inside run(2).
  await project.write('imports/app.trace', replaceLine(text, 9, '  import test:app/math.double@0.1.0(3) -> 4'));
}, 120_000);

afterAll(async () => {
  await project.remove();
});

const jest = (env: Record<string, string> = {}) => inTerminal([process.execPath, `${project.dir}/node_modules/jest/bin/jest.js`, '--no-cache', 'imports'], project.dir, env);

describe('jest in a terminal', () => {
  it('colours the failure, draws the code frame at the diverging column, and the reporter repeats the divergence in colour', async () => {
    const run = await jest();

    expect(run.exitCode, run.text).toBe(1);
    // Jest's own colours: the failed test's bullet in bold red.
    expect(run.raw).toMatch(/\u001b\[31m {2}\u001b\[1m● [^\n]*run\(2\)/);
    // The code frame of line 9, its marker under the line's first character (column 3).
    expect(run.text).toMatch(/> +9 \|   import test:app\/math\.double@0\.1\.0\(3\) -> 4\n\s+\| {3}\^/);
    expect(run.text).toContain('at imports/app.trace:9:3');
    // proxy-component/jest/reporter, after the run: its heading in magenta, the ✗ in red.
    expect(run.raw).toMatch(/\u001b\[35m proxy-component: 1 trace divergence/);
    expect(run.raw).toContain('\u001b[31m✗\u001b[39m');
  });

  it('leaves the reporter uncoloured with NO_COLOR', async () => {
    const run = await jest({ NO_COLOR: '1' });

    expect(run.exitCode).toBe(1);
    expect(run.raw).not.toContain('\u001b[35m proxy-component');
    expect(run.text).toContain('proxy-component: 1 trace divergence');
  });
});
