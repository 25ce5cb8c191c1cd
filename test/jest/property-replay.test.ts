/**
 * Saved property failures replay from their file under the Jest preset with
 * its one-line configuration (`"jest": { "preset": "proxy-component" }`), in
 * a fresh Jest project: a failure of a properties module found by
 * `toSatisfyProperties`, and one of a CLI `fuzz --host` campaign. The
 * trace's header names the module, so the preset's trace tests and the
 * suggested `toReplayTrace` line find the property with no option; they fail
 * while the bug is there and pass once it is fixed. (Inline properties do not
 * exist under Jest: functions cannot leave its sandbox, and the matcher says
 * so; see test/vitest/property-replay.test.ts for them.)
 * (The project uses the built package: build first.)
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addsAnswerComponent, ADDS_UP_MODULE } from '../support/shapes/adds-answer.js';
import { addsAnswerFixedComponent } from '../support/shapes/adds-answer-fixed.js';
import { createJestProject, PRESET_MANIFEST, type JestProject } from './support/jest-project.js';

const MODULE_TEST = `test('adds up, from a module', async () => {
  await expect('adds.wasm').toSatisfyProperties({ seed: 2, corpus: 'fuzz-corpus/module', properties: './properties.mjs' });
}, 60000);
`;

let project: JestProject;

beforeAll(async () => {
  project = await createJestProject({ manifest: PRESET_MANIFEST });
  await project.write('adds.wasm', await addsAnswerComponent());
  await project.write('properties.mjs', ADDS_UP_MODULE);
  await project.write('module.test.js', MODULE_TEST);
}, 60_000);

afterAll(async () => {
  await project?.remove();
});

function cli(...args: string[]) {
  return execa(process.execPath, [join(project.dir, 'node_modules/proxy-component/dist/src/cli/bin.js'), ...args], { cwd: project.dir, reject: false, all: true, env: { NO_COLOR: '1' } });
}

async function savedIn(folder: string): Promise<string> {
  const files = await readdir(join(project.dir, folder));
  expect(files).toHaveLength(1);
  return `${folder}/${files[0] as string}`;
}

describe('saved property failures under the Jest preset', () => {
  let module: string;
  let fromCli: string;

  it('are saved naming their properties module, with a replay line that needs no option', async () => {
    const run = await project.jest(['module.test.js']);
    expect(run.exitCode, run.output).toBe(1);
    module = await savedIn('fuzz-corpus/module');
    expect(await project.read(module)).toMatch(/"properties":\{"adds-up":\{"module":"\.\.\/\.\.\/properties\.mjs"\}\}/);
    expect(run.output).toContain(`saved ${module} (replay: await expect('adds.wasm').toReplayTrace('${module}'))`);

    const fuzzed = await cli('fuzz', 'adds.wasm', '--host', 'properties.mjs', '--seed', '3', '--corpus', 'fuzz-corpus/cli');
    expect(fuzzed.exitCode, fuzzed.all).toBe(1);
    fromCli = await savedIn('fuzz-corpus/cli');
  });

  it('fail as trace tests of the preset while the bug is there, and as the pasted replay line', async () => {
    await project.write('pasted.test.js', `test('pasted', async () => {\n  await expect('adds.wasm').toReplayTrace('${module}');\n}, 60000);\n`);
    const run = await project.jest(['fuzz-corpus', 'pasted.test.js']);
    expect(run.exitCode, run.output).toBe(1);
    for (const file of [module, fromCli, './pasted.test.js']) expect(run.output).toContain(`FAIL ${file}`);
    expect(run.output).toContain('`add` breaks property `adds-up`');
    expect(run.output).not.toContain('not defined here');
    expect(run.output).toMatch(/Tests:\s+3 failed, 3 total/);
  });

  it('pass once the bug is fixed', async () => {
    await project.write('adds.wasm', await addsAnswerFixedComponent());
    const run = await project.jest([]);
    expect(run.exitCode, run.output).toBe(0);
    expect(run.output).toMatch(/Tests:\s+4 passed, 4 total/);
  });
});
