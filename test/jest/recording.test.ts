/**
 * Recording from inside a Jest run: a project with the preset and nothing
 * else, a test calling `toMatchRecording` with its host, real `jest` runs
 * (`--ci` except for a developer's plain first run). It records on a plain
 * run, refuses to record under `--ci`, records when PROXY_COMPONENT_RECORD asks, replays with no host, fails a changed test with the
 * divergence, records again under `-u`, reports and removes obsolete
 * recordings, and `-u` records `.trace` file tests again with the
 * transformer's `hostModule`.
 */
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJestProject, type JestProject } from './support/jest-project.js';
import { ENV_HOST, ENV_SECRET, envComponent } from '../support/shapes/logger-env.js';
import { recordTrace, replaceLine, writeApp } from './support/traces.js';

const HOST = `export default { 'test:app/math': { double: (x) => x * 2, lookup: (key) => (key === 'ada' ? 'Hello, Ada' : undefined) } };\n`;

function testFile(calls: string, more = ''): string {
  return `const { expect, test } = require('@jest/globals');

test('run doubles then adds one', async () => {
  await expect({ component: 'app.wasm', hostModule: './host.mjs' }).toMatchRecording('doubles', async (app) => {
${calls}
  });
});
${more}`;
}

const RECORDING = '__traces__/app.test.js/doubles.trace';

let project: JestProject;

beforeAll(async () => {
  project = await createJestProject({
    manifest: {
      name: 'recording-under-jest',
      private: true,
      jest: { preset: 'proxy-component', transform: { '\\.trace$': ['proxy-component/jest/transform', { hostModule: './host.mjs' }] } },
    },
  });
  await writeApp(project);
  await project.write('host.mjs', HOST);
}, 120_000);

afterAll(async () => {
  await project.remove();
});

describe('toMatchRecording under Jest', () => {
  it('records on a plain first run, with the host, beside the test file; refuses to under --ci; records when asked', async () => {
    await project.write('app.test.js', testFile(`    expect(await app.call('run(20)')).toBe(41);\n    expect(await app.call('greet', 'ada')).toEqual({ tag: 'some', value: 'Hello, Ada' });`));

    const onCi = await project.jest(['app.test.js']);
    expect(onCi.exitCode, onCi.output).toBe(1);
    expect(existsSync(join(project.dir, RECORDING))).toBe(false);

    const plain = await project.jest(['app.test.js'], { ci: false });
    expect(plain.exitCode, plain.output).toBe(0);
    expect(await project.read(RECORDING)).toContain('export run(20)\n  import test:app/math.double@0.1.0(20) -> 40\nreturn 41\n');

    await project.delete(RECORDING);
    const asked = await project.jest(['app.test.js'], { env: { PROXY_COMPONENT_RECORD: 'missing' } });
    expect(asked.exitCode, asked.output).toBe(0);
    expect(await project.read(RECORDING)).toContain('export run(20)\n  import test:app/math.double@0.1.0(20) -> 40\nreturn 41\n');
  });

  it('replays with no host at all', async () => {
    await rm(join(project.dir, 'host.mjs'));
    try {
      const run = await project.jest(['app.test.js']);
      expect(run.exitCode, run.output).toBe(0);
    } finally {
      await project.write('host.mjs', HOST);
    }
  });

  it('fails a test whose calls no longer match, with the divergence, and records again under -u', async () => {
    await project.write('app.test.js', testFile(`    expect(await app.call('run(21)')).toBe(43);`));

    const diverged = await project.jest(['app.test.js']);
    expect(diverged.exitCode, diverged.output).toBe(1);
    expect(diverged.output).toContain(`expected the calls of "doubles" to match the recording ${RECORDING}, but they diverged`);
    expect(diverged.output).toContain("the test called `run(21)`, the recording's next export call is `run(20)`");

    const updated = await project.jest(['app.test.js', '-u']);
    expect(updated.exitCode, updated.output).toBe(0);
    expect(await project.read(RECORDING)).toContain('export run(21)');
    expect((await project.jest(['app.test.js'])).exitCode).toBe(0);
  });

  it('reports recordings no test uses any more, and removes them under -u', async () => {
    await project.write('__traces__/app.test.js/gone.trace', await project.read(RECORDING));

    const run = await project.jest(['app.test.js']);
    expect(run.exitCode, run.output).toBe(0);
    expect(run.output).toContain('proxy-component: 1 obsolete recording, which no test uses (run with -u to remove it)');
    expect(run.output).toContain('__traces__/app.test.js/gone.trace');

    const filtered = await project.jest(['app.test.js', '-t', 'nothing matches this', '-u']);
    expect(filtered.output).not.toContain('obsolete');
    expect(existsSync(join(project.dir, '__traces__/app.test.js/gone.trace'))).toBe(true);

    const updated = await project.jest(['app.test.js', '-u']);
    expect(updated.exitCode, updated.output).toBe(0);
    expect(updated.output).toContain('proxy-component: removed 1 obsolete recording');
    expect(existsSync(join(project.dir, '__traces__/app.test.js/gone.trace'))).toBe(false);
  });
});

describe('redaction under Jest', () => {
  it('keeps a redacted environment variable out of the recording, and replays it with no host', async () => {
    await project.write('env/env.wasm', await envComponent());
    await project.write('env/env-host.mjs', ENV_HOST);
    await project.write(
      'env/env.test.js',
      `const { expect, test } = require('@jest/globals');

test('reads its environment', async () => {
  await expect({ component: 'env/env.wasm', hostModule: './env/env-host.mjs', redact: [{ env: 'API_TOKEN' }] }).toMatchRecording('environment', async (app) => {
    expect(await app.call('env-count()')).toBe(2);
  });
});
`,
    );

    const recorded = await project.jest(['env'], { env: { PROXY_COMPONENT_RECORD: 'missing' } });

    expect(recorded.exitCode, recorded.output).toBe(0);
    const recording = await project.read('env/__traces__/env.test.js/environment.trace');
    expect(recording).toContain('("API_TOKEN", "[REDACTED]")');
    expect(recording).not.toContain(ENV_SECRET);
    await rm(join(project.dir, 'env/env-host.mjs'));
    const replayed = await project.jest(['env']);
    expect(replayed.exitCode, replayed.output).toBe(0);
  });
});

describe('.trace file tests under the preset and -u', () => {
  it('records a trace file again with the transformer\'s hostModule, and then it passes', async () => {
    const text = await recordTrace(project, 'app.wasm', 'traces/app.trace', ['run(1)', 'greet("ada")', 'run(2)']);
    // Line 10 is `return 5`, the outcome of run(2).
    await project.write('traces/app.trace', replaceLine(text, 10, 'return 6'));
    expect((await project.jest(['traces'])).exitCode).toBe(1);

    const run = await project.jest(['traces', '-u']);

    expect(run.exitCode, run.output).toBe(0);
    expect((await project.read('traces/app.trace')).split('\n').slice(1)).toEqual(text.split('\n').slice(1));
    expect((await project.jest(['traces'])).exitCode).toBe(0);
  });
});
