/**
 * Saved property failures replay from their file with the documented
 * configuration only (`plugins: [proxy()]`), in a fresh Vitest project: a
 * failure of inline properties, of a properties module, and of a CLI `fuzz
 * --host` campaign. The trace's header names where its properties are
 * defined: a module's are found by the plugin, `toReplayTrace` and `replay`
 * with no option; inline ones replay in the test that defined them (it
 * replays its corpus before fuzzing), and the plugin skips their trace tests,
 * saying so. The replay lines the messages suggest work when pasted, fail
 * while the bug is there and pass once it is fixed.
 * (The project uses the built package: build first.)
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addsAnswerComponent, ADDS_UP_MODULE } from '../support/shapes/adds-answer.js';
import { addsAnswerFixedComponent } from '../support/shapes/adds-answer-fixed.js';
import { createTraceProject, type TraceProject } from './support/trace-project.js';

const CONFIG = `import { defineConfig } from 'vitest/config';
import { proxy } from 'proxy-component/vitest';

export default defineConfig({ plugins: [proxy()], test: { testTimeout: 120_000 } });
`;

const INLINE_TEST = `import { expect, test } from 'vitest';

test('adds up', async () => {
  await expect('adds.wasm').toSatisfyProperties({
    seed: 1,
    corpus: 'fuzz-corpus/inline',
    properties: { 'adds-up': ({ call }) => call.result.kind !== 'return' || call.result.value === ((call.args[0] + call.args[1]) >>> 0) },
  });
});
`;

const MODULE_TEST = `import { expect, test } from 'vitest';

test('adds up, from a module', async () => {
  await expect('adds.wasm').toSatisfyProperties({ seed: 2, corpus: 'fuzz-corpus/module', properties: './properties.mjs' });
});
`;

let project: TraceProject;

beforeAll(async () => {
  project = await createTraceProject();
  await project.write('vitest.config.ts', CONFIG);
  await project.write('adds.wasm', await addsAnswerComponent());
  await project.write('properties.mjs', ADDS_UP_MODULE);
  await project.write('test/inline.test.ts', INLINE_TEST);
  await project.write('test/module.test.ts', MODULE_TEST);
}, 60_000);

afterAll(async () => {
  await project?.remove();
});

/** The CLI as the project has it installed. */
function cli(...args: string[]) {
  return execa(process.execPath, [join(project.dir, 'node_modules/proxy-component/dist/src/cli/bin.js'), ...args], { cwd: project.dir, reject: false, all: true, env: { NO_COLOR: '1' } });
}

async function savedIn(folder: string): Promise<string> {
  const files = await readdir(join(project.dir, folder));
  expect(files).toHaveLength(1);
  return `${folder}/${files[0] as string}`;
}

describe('saved property failures under the Vitest plugin', () => {
  let inline: string;
  let module: string;
  let fromCli: string;

  it('are saved with where their properties are defined, and say how they replay', async () => {
    const run = await project.vitest(['run', 'test/']);
    expect(run.exitCode, run.output).toBe(1);
    inline = await savedIn('fuzz-corpus/inline');
    module = await savedIn('fuzz-corpus/module');
    expect(await project.read(inline)).toMatch(/^# proxy-component trace v1 .*"properties":\{"adds-up":\{"test":"\.\.\/\.\.\/test\/inline\.test\.ts","testName":"adds up"\}\}/);
    expect(await project.read(module)).toMatch(/^# proxy-component trace v1 .*"properties":\{"adds-up":\{"module":"\.\.\/\.\.\/properties\.mjs"\}\}/);
    expect(run.output).toContain(`saved ${inline} (replayed by this test before it fuzzes, while the bug is there: npx vitest run test/inline.test.ts -t 'adds up')`);
    expect(run.output).toContain(`saved ${module} (replay: await expect('adds.wasm').toReplayTrace('${module}'))`);

    const fuzzed = await cli('fuzz', 'adds.wasm', '--host', 'properties.mjs', '--seed', '3', '--corpus', 'fuzz-corpus/cli');
    expect(fuzzed.exitCode, fuzzed.all).toBe(1);
    fromCli = await savedIn('fuzz-corpus/cli');
    expect(fuzzed.all).toContain(`replay it: proxy-component replay adds.wasm ${fromCli}`);
  });

  it('fail while the bug is there: module and CLI traces as tests of the plugin, inline ones in their test', async () => {
    const run = await project.vitest(['run']);
    expect(run.exitCode, run.output).toBe(1);
    // The module's and the CLI's saved failures: trace tests that find `adds-up` with no option.
    for (const file of [module, fromCli]) expect(run.output).toMatch(new RegExp(`FAIL .*${file.replaceAll('.', '\\.')} > add\\(0, 0\\)`));
    expect(run.output).toContain('`add` breaks property `adds-up`');
    expect(run.output).not.toContain('not defined here');
    // The inline one: its trace tests are skipped, naming the test that replays it, which fails on it.
    expect(run.output).toContain(`its saved failure ${inline} still fails`);
    expect(run.output).toMatch(/Tests\s+4 failed \| 1 skipped/);
  });

  it('replay as their messages say, pasted', async () => {
    // The line the module failure suggests, pasted into a test.
    await project.write('test/pasted.test.ts', `import { expect, test } from 'vitest';\n\ntest('pasted', async () => {\n  await expect('adds.wasm').toReplayTrace('${module}');\n});\n`);
    const pasted = await project.vitest(['run', 'test/pasted.test.ts']);
    expect(pasted.exitCode, pasted.output).toBe(1);
    expect(pasted.output).toContain('`add` breaks property `adds-up`');

    // The command the inline failure suggests.
    const rerun = await project.vitest(['run', 'test/inline.test.ts', '-t', 'adds up']);
    expect(rerun.exitCode, rerun.output).toBe(1);
    expect(rerun.output).toContain(`its saved failure ${inline} still fails`);

    // The CLI's replay line, and `replay` of the module's file: no --host.
    for (const file of [fromCli, module]) {
      const replayed = await cli('replay', 'adds.wasm', file);
      expect(replayed.exitCode, replayed.all).toBe(1);
      expect(replayed.all).toContain('`add` breaks property `adds-up`');
    }
    // The inline one, replayed outside its test, says where it replays.
    const outside = await cli('replay', 'adds.wasm', inline);
    expect(outside.exitCode).toBe(2);
    expect(outside.all).toContain('defined inline in test/inline.test.ts (test "adds up")');
    expect(outside.all).toContain("run `npx vitest run test/inline.test.ts -t 'adds up'`");
  });

  it('pass once the bug is fixed', async () => {
    await project.write('adds.wasm', await addsAnswerFixedComponent());
    const run = await project.vitest(['run']);
    expect(run.exitCode, run.output).toBe(0);
    expect(run.output).toMatch(/Tests\s+5 passed \| 1 skipped/);
    for (const file of [fromCli, module, inline]) expect((await cli('replay', 'adds.wasm', file)).exitCode).toBe(file === inline ? 2 : 0);
  });
});
