/**
 * Recording from inside a Vitest run, as a user of Polly.js or of Vitest
 * snapshots expects it: a project with `plugins: [proxy({ hostModule })]` and
 * nothing else, a test calling `toMatchRecording`, real `vitest run` runs.
 * The first run records with the host, a run on CI replays with no host at
 * all, a changed test fails with the divergence, `-u` records again, and
 * recordings no test uses are reported, then removed by `-u`; `.trace` file
 * tests are recorded again by `-u` too.
 */
import { existsSync } from 'node:fs';
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordComponent } from '../../src/session/record-component.js';
import { ENV_HOST, ENV_SECRET, envComponent, LOGGER_HOST, loggerComponent } from '../support/shapes/logger-env.js';
import { recordTrace, replaceLine, writeApp } from './support/app-traces.js';
import { createTraceProject, type TraceProject } from './support/trace-project.js';

const HOST = `export default { 'test:app/math': { double: (x) => x * 2, lookup: (key) => (key === 'ada' ? 'Hello, Ada' : undefined) } };\n`;

const CONFIG = `import { defineConfig } from 'vitest/config';
import { proxy } from 'proxy-component/vitest';

export default defineConfig({ plugins: [proxy({ hostModule: './host.mjs' })] });
`;

/** A test file whose recording `doubles` makes `calls`. */
function testFile(calls: string, more = ''): string {
  return `import { expect, test } from 'vitest';

test('run doubles then adds one', async () => {
  await expect('app.wasm').toMatchRecording('doubles', async (app) => {
${calls}
  });
});
${more}`;
}

const FIRST = testFile(`    expect(await app.call('run(20)')).toBe(41);
    expect(await app.call('greet', 'ada')).toEqual({ tag: 'some', value: 'Hello, Ada' });`);

const RECORDING = '__traces__/app.test.ts/doubles.trace';
/** The environment of a CI run: replay only. */
const CI = { CI: 'true' };

let project: TraceProject;

beforeAll(async () => {
  project = await createTraceProject();
  await writeApp(project);
  await project.write('vitest.config.ts', CONFIG);
  await project.write('host.mjs', HOST);
});

afterAll(async () => {
  await project.remove();
});

describe('toMatchRecording', () => {
  it('records on the first run, with the host, beside the test file', async () => {
    await project.write('app.test.ts', FIRST);

    const run = await project.vitest(['run', 'app.test.ts']);

    expect(run.exitCode, run.output).toBe(0);
    const recording = await project.read(RECORDING);
    expect(recording).toContain('export run(20)\n  import test:app/math.double@0.1.0(20) -> 40\nreturn 41\n');
    expect(recording).toContain('export greet("ada")');
    expect(recording).toContain('"componentPath":"../../app.wasm"');
  });

  it('replays on CI with no host at all', async () => {
    await rm(join(project.dir, 'host.mjs'));
    try {
      const run = await project.vitest(['run', 'app.test.ts'], { env: CI });
      expect(run.exitCode, run.output).toBe(0);
    } finally {
      await project.write('host.mjs', HOST);
    }
  });

  it('fails a test whose calls no longer match its recording, with the divergence and how to record again', async () => {
    await project.write('app.test.ts', testFile(`    expect(await app.call('run(21)')).toBe(43);`));

    const run = await project.vitest(['run', 'app.test.ts'], { env: CI });

    expect(run.exitCode, run.output).toBe(1);
    expect(run.output).toContain(`expected the calls of "doubles" to match the recording ${RECORDING}, but they diverged`);
    expect(run.output).toContain('unexpected export call');
    expect(run.output).toContain("the test called `run(21)`, the recording's next export call is `run(20)`");
    expect(run.output).toContain('run with -u (or PROXY_COMPONENT_RECORD=all) to record it again');
  });

  it('fails a test that makes fewer calls than its recording', async () => {
    await project.write('app.test.ts', testFile(`    expect(await app.call('run(20)')).toBe(41);`));

    const run = await project.vitest(['run', 'app.test.ts'], { env: CI });

    expect(run.exitCode, run.output).toBe(1);
    expect(run.output).toContain('missing export call');
    expect(run.output).toContain('the test ended without calling `greet("ada")` the recording has');
  });

  it('records again under -u, even on CI', async () => {
    await project.write('app.test.ts', testFile(`    expect(await app.call('run(21)')).toBe(43);`));

    const run = await project.vitest(['run', 'app.test.ts', '-u'], { env: CI });

    expect(run.exitCode, run.output).toBe(0);
    const recording = await project.read(RECORDING);
    expect(recording).toContain('export run(21)');
    expect(recording).not.toContain('greet');
    expect((await project.vitest(['run', 'app.test.ts'], { env: CI })).exitCode).toBe(0);
  });

  it('records with PROXY_COMPONENT_RECORD=all, and refuses to record on CI a recording that does not exist', async () => {
    await project.write('app.test.ts', testFile(`    expect(await app.call('run(21)')).toBe(43);`, `
test('a new one', async () => {
  await expect('app.wasm').toMatchRecording('new', async (app) => {
    expect(await app.call('run', 1)).toBe(3);
  });
});
`));

    const missing = await project.vitest(['run', 'app.test.ts'], { env: CI });
    expect(missing.exitCode, missing.output).toBe(1);
    expect(missing.output).toContain("there is no recording __traces__/app.test.ts/new.trace, and this run records none (record mode `none`, the default on CI)");

    const recorded = await project.vitest(['run', 'app.test.ts'], { env: { ...CI, PROXY_COMPONENT_RECORD: 'all' } });
    expect(recorded.exitCode, recorded.output).toBe(0);
    expect(existsSync(join(project.dir, '__traces__/app.test.ts/new.trace'))).toBe(true);
  });

  it('reports recordings no test uses any more, as obsolete snapshots are, and removes them under -u', async () => {
    await project.write('app.test.ts', testFile(`    expect(await app.call('run(21)')).toBe(43);`));

    const run = await project.vitest(['run', 'app.test.ts'], { env: CI });
    expect(run.exitCode, run.output).toBe(0);
    expect(run.output).toContain('proxy-component: 1 obsolete recording, which no test uses (run with -u to remove it)');
    expect(run.output).toContain('__traces__/app.test.ts/new.trace');

    const filtered = await project.vitest(['run', 'app.test.ts', '-t', 'doubles', '-u'], { env: CI });
    expect(filtered.output).not.toContain('obsolete');
    expect(existsSync(join(project.dir, '__traces__/app.test.ts/new.trace'))).toBe(true);

    const updated = await project.vitest(['run', 'app.test.ts', '-u'], { env: CI });
    expect(updated.exitCode, updated.output).toBe(0);
    expect(updated.output).toContain('proxy-component: removed 1 obsolete recording');
    expect(existsSync(join(project.dir, '__traces__/app.test.ts/new.trace'))).toBe(false);
    expect(existsSync(join(project.dir, RECORDING))).toBe(true);
  });

  it('is not a test file of its own: recordings replay inside the tests that made them', async () => {
    const run = await project.vitest(['list'], { env: CI });
    expect(run.stdout).not.toContain('__traces__');
  });
});

describe('.trace file tests and -u', () => {
  it('records a trace file again with the host, in place, and then it passes', async () => {
    const text = await recordTrace(project, 'app.wasm', 'traces/app.trace', ['run(1)', 'greet("ada")', 'run(2)']);
    // Line 10 is `return 5`, the outcome of run(2).
    await project.write('traces/app.trace', replaceLine(text, 10, 'return 6'));
    expect((await project.vitest(['run', 'traces'], { env: CI })).exitCode).toBe(1);

    const run = await project.vitest(['run', 'traces', '-u'], { env: CI });

    expect(run.exitCode, run.output).toBe(0);
    const rewritten = await project.read('traces/app.trace');
    expect(rewritten.split('\n').slice(1)).toEqual(text.split('\n').slice(1));
    expect(rewritten).toContain('"componentPath":"../app.wasm"');
    expect((await project.vitest(['run', 'traces'], { env: CI })).exitCode).toBe(0);
  });
});

/** Every file of the project but its host modules and node_modules, as text. */
async function projectFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  const files = entries.filter((entry) => entry.isFile() && !entry.parentPath.includes('node_modules') && !entry.name.endsWith('host.mjs'));
  return Promise.all(files.map((entry) => readFile(join(entry.parentPath, entry.name), 'latin1')));
}

describe('redaction and matching rules from the configuration', () => {
  it('keeps a redacted environment variable out of every file, and replays the recording offline', async () => {
    await project.write('env/env.wasm', await envComponent());
    await project.write('env/env-host.mjs', ENV_HOST);
    await project.write(
      'vitest.redact.config.ts',
      CONFIG.replace("proxy({ hostModule: './host.mjs' })", "proxy({ hostModule: './env/env-host.mjs', redact: [{ env: 'API_TOKEN', as: 'api-token' }] })"),
    );
    await project.write(
      'env/env.test.ts',
      `import { expect, test } from 'vitest';

test('reads its environment', async () => {
  await expect('env/env.wasm').toMatchRecording('environment', async (app) => {
    expect(await app.call('env-count()')).toBe(2);
  });
});
`,
    );

    const recorded = await project.vitest(['run', 'env', '--config', 'vitest.redact.config.ts']);

    expect(recorded.exitCode, recorded.output).toBe(0);
    const recording = await project.read('env/__traces__/env.test.ts/environment.trace');
    expect(recording).toContain('[("API_TOKEN", "[REDACTED:api-token]"), ("HOME", "/home/ada")]');
    for (const text of await projectFiles(project.dir)) expect(text).not.toContain(ENV_SECRET);
    await rm(join(project.dir, 'env/env-host.mjs'));
    const replayed = await project.vitest(['run', 'env', '--config', 'vitest.redact.config.ts'], { env: CI });
    expect(replayed.exitCode, replayed.output).toBe(0);
  });

  it('matches import calls by the configured rules, and names the rule that applied', async () => {
    await project.write('order/logger.wasm', await loggerComponent());
    await project.write('order/logger-host.mjs', LOGGER_HOST);
    await recordComponent(join(project.dir, 'order/logger.wasm'), { host: join(project.dir, 'order/logger-host.mjs'), invocations: ['both(1, 2)'], output: join(project.dir, 'order/both.trace') });
    const text = await project.read('order/both.trace');
    const [first, second] = text.split('\n').filter((line) => line.includes('.log@'));
    // The two log calls swapped, and the time of one changed.
    await project.write('order/both.trace', text.replace(`${first}\n`, '\u0000').replace(`${second}\n`, `${first}\n`).replace('\u0000', `${second?.replace('1001', '9999')}\n`));
    const rules = "[{ import: 'test:order/sink.log', anyOrder: true }, { import: 'test:order/sink.log', path: 'at', ignore: true }]";
    await project.write('vitest.match.config.ts', CONFIG.replace("proxy({ hostModule: './host.mjs' })", `proxy({ match: ${rules} })`));

    expect((await project.vitest(['run', 'order'])).exitCode).toBe(1);
    const matched = await project.vitest(['run', 'order', '--config', 'vitest.match.config.ts']);
    expect(matched.exitCode, matched.output).toBe(0);

    await project.write('order/both.trace', (await project.read('order/both.trace')).replace('log@0.1.0(2, ', 'log@0.1.0(3, '));
    const diverged = await project.vitest(['run', 'order', '--config', 'vitest.match.config.ts']);
    expect(diverged.exitCode, diverged.output).toBe(1);
    expect(diverged.output).toContain('rule applied: match rule #1: any order of test:order/sink.log');
    expect(diverged.output).toContain('rule applied: match rule #2: ignore test:order/sink.log at');
  });
});
