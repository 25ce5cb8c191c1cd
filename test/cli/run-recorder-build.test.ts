/**
 * `run` as the host of `--use-host-recorder` builds, as a user drives it: the
 * record build run with `run --invoke … --save` writes the trace `record`
 * writes of the same calls on the app in-process, byte for byte (nested
 * import answers, an exported and an imported resource, a host failure);
 * the replay build run with `--trace` passes on it, and fails on an altered
 * trace or an altered build naming the call, with `replay`'s report. The app
 * is found in the composed component by the build section, or by shape in a
 * composition without one.
 */
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILD_SECTION } from '../../src/instrument/build-section.js';
import { readTopLevel, SECTION } from '../../src/instrument/compose/sections.js';
import { runCli } from '../support/cli.js';
import { dialogComponent } from '../support/shapes/dialog-shapes.js';

/**
 * A real host for the dialog shape's store: `a` holds 4, `no` is not allowed,
 * the weather is stormy. Stateless: the CLI runs in this process, so every
 * run imports the same module instance.
 */
const STORE_HOST = `class Log { write() {} }
export default {
  'test:dialog/store': {
    Log,
    allowed: (key) => key !== 'no',
    get: (key) => (key === 'a' ? 4 : undefined),
    put: () => { PUT },
    mood: () => 'stormy',
    openLog: () => new Log(),
  },
};
`;

const CALLS = ['bump("a")', 'bump("no")', 'test:dialog/counters.[constructor]counter(10)', 'test:dialog/counters.[method]counter.add(#1, 2)', 'journal("hello")'];

let dir: string;
const at = (name: string) => join(dir, name);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pc-run-recorder-'));
  await writeFile(at('app.wasm'), await dialogComponent());
  await writeFile(at('altered.wasm'), await dialogComponent(true));
  await writeFile(at('host.mjs'), STORE_HOST.replace('PUT', ''));
  await writeFile(at('failing-host.mjs'), STORE_HOST.replace('PUT', "throw new Error('disk full');"));
  for (const [mode, app, out] of [['record', 'app.wasm', 'record.wasm'], ['replay', 'app.wasm', 'replay.wasm'], ['replay', 'altered.wasm', 'replay-altered.wasm']] as const) {
    expect(await runCli('instrument', '-m', mode, '--use-host-recorder', at(app), '-o', at(out))).toMatchObject({ exitCode: 0 });
  }
}, 600_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('run on a record build (--use-host-recorder)', () => {
  it('writes the trace that record writes of the same calls in-process, byte for byte, header included', async () => {
    const run = await runCli('run', at('record.wasm'), '--host', at('host.mjs'), '--invoke', ...CALLS, '--save', at('run.trace'));
    expect(run).toMatchObject({ exitCode: 0, out: '', err: `recorded 5 export calls in ${at('run.trace')}\n` });
    expect(await runCli('record', at('app.wasm'), '--host', at('host.mjs'), '--invoke', ...CALLS, '-o', at('in-process.trace'))).toMatchObject({ exitCode: 0 });
    const text = await readFile(at('run.trace'), 'utf8');
    expect(text).toBe(await readFile(at('in-process.trace'), 'utf8'));
    expect(text).toMatch(/^# proxy-component trace v1 \{"world":"root:component\/root","component":"sha256:[0-9a-f]{64}","componentPath":"app.wasm","tool":/);
    expect(text).toContain('export test:dialog/counters.[method]counter.add(#1, 2)\n  import test:dialog/store.mood() -> stormy\nreturn 14\n');
    expect(text).toContain('  import test:dialog/store.open-log() -> #2\n  import test:dialog/store.[method]log.write(#2, "hello")\n');
  }, 120_000);

  it('without --save writes the trace to stdout, as the original tool does', async () => {
    const run = await runCli('run', at('record.wasm'), '--host', at('host.mjs'), '--invoke', ...CALLS);
    expect(run.exitCode).toBe(0);
    const saved = await readFile(at('in-process.trace'), 'utf8');
    expect(run.out.slice(run.out.indexOf('\n'))).toBe(saved.slice(saved.indexOf('\n')));
    expect(run.out.slice(0, run.out.indexOf('\n'))).toContain(saved.slice(0, saved.indexOf(',"componentPath"')));
  }, 120_000);

  it('a call the host fails ends with the failed import and the trap, as record writes it; the calls after it are not made', async () => {
    const calls = ['bump("no")', 'bump("a")', 'bump("no")'];
    const run = await runCli('run', at('record.wasm'), '--host', at('failing-host.mjs'), '--invoke', ...calls, '--save', at('failing.trace'));
    expect(run.exitCode).toBe(0);
    expect(run.err).toContain('`bump` trapped (disk full): a trapped instance cannot be entered again, so the 1 call(s) after it were not made\n');
    expect(await runCli('record', at('app.wasm'), '--host', at('failing-host.mjs'), '--invoke', ...calls.slice(0, 2), '-o', at('failing-in-process.trace'))).toMatchObject({ exitCode: 0 });
    const text = await readFile(at('failing.trace'), 'utf8');
    expect(text).toBe(await readFile(at('failing-in-process.trace'), 'utf8'));
    expect(text).toContain('  import test:dialog/store.put("a", 5) trap "disk full"\ntrap "disk full"\n');
  }, 120_000);
});

describe('run on a replay build (--use-host-recorder) with --trace', () => {
  it('passes on the trace run recorded, and on the in-process recording', async () => {
    for (const trace of ['run.trace', 'in-process.trace', 'failing.trace']) {
      const calls = trace === 'failing.trace' ? 2 : 5;
      expect(await runCli('run', at('replay.wasm'), '--invoke', 'start()', '--trace', at(trace))).toMatchObject({ exitCode: 0, out: `✓ ${at(trace)}: ${calls} calls matched\n` });
    }
  }, 120_000);

  it("fails on an altered trace or an altered build, naming the call, with replay's report", async () => {
    const text = await readFile(at('run.trace'), 'utf8');
    await writeFile(at('altered.trace'), text.replace('-> some(4)', '-> some(7)'));
    const altered = await runCli('run', at('replay.wasm'), '--trace', at('altered.trace'));
    expect(altered.exitCode).toBe(1);
    expect(altered.out).toContain('export call #1: wrong import arguments');
    expect(altered.out).toContain('+ actual   test:dialog/store.put("a", 8)');
    expect(altered.out).toBe((await runCli('replay', at('app.wasm'), at('altered.trace'))).out);

    const build = await runCli('run', at('replay-altered.wasm'), '--trace', at('run.trace'));
    expect(build.exitCode).toBe(1);
    expect(build.out).toContain('+ actual   test:dialog/store.put("a", 6)');
    expect(build.out).toBe((await runCli('replay', at('altered.wasm'), at('run.trace'))).out);
  }, 120_000);
});

describe('the app inside the composed component', () => {
  it('is found by shape in a composition without the build section; the header then names it by hash only', async () => {
    const bytes = new Uint8Array(await readFile(at('record.wasm')));
    const kept = readTopLevel(bytes).sections.filter((s) => !(s.id === SECTION.custom && new TextDecoder().decode(s.content).includes(BUILD_SECTION)));
    expect(kept.length).toBe(readTopLevel(bytes).sections.length - 1);
    await writeFile(at('unmarked.wasm'), Buffer.concat([bytes.subarray(0, 8), ...kept.map((s) => s.bytes)]));
    const run = await runCli('run', at('unmarked.wasm'), '--host', at('host.mjs'), '--invoke', ...CALLS, '--save', at('unmarked.trace'));
    expect(run.exitCode).toBe(0);
    expect(run.err).toContain(`note: the trace's header names the app by hash only: ${at('unmarked.wasm')} does not say which file it was instrumented from\n`);
    const expected = (await readFile(at('in-process.trace'), 'utf8')).replace(',"componentPath":"app.wasm"', '');
    expect(await readFile(at('unmarked.trace'), 'utf8')).toBe(expected);
  }, 120_000);

  it('a composed component moved away from its app still records, its header naming the app by hash only', async () => {
    await mkdir(at('moved'));
    await copyFile(at('record.wasm'), at('moved/record.wasm'));
    const run = await runCli('run', at('moved/record.wasm'), '--host', at('host.mjs'), '--invoke', 'bump("a")', '--save', at('moved.trace'));
    expect(run.err).toContain(`note: the trace's header names the app by hash only: ${at('moved/app.wasm')}, which ${at('moved/record.wasm')} was instrumented from, is not there\n`);
    expect(await readFile(at('moved.trace'), 'utf8')).not.toContain('componentPath');
  }, 120_000);
});

describe('run refuses what does not fit the build, with exit 2', () => {
  it('names the build and what it needs', async () => {
    expect(await runCli('run', at('app.wasm'))).toMatchObject({
      exitCode: 2,
      err: `error: ${at('app.wasm')} imports neither proxy-component:dialog/prompt@0.1.0 nor proxy:recorder/record@0.1.0 nor proxy:recorder/replay@0.1.0: run hosts components instrumented with \`instrument -m dialog\` or \`--use-host-recorder\` (the others run in any host, wasmtime's too)\n`,
    });
    expect(await runCli('run', at('record.wasm'))).toMatchObject({ exitCode: 2, err: `error: ${at('record.wasm')} is a record build: it has the app's exports, not \`start\`; say which to call with --invoke '<call>'\n` });
    expect(await runCli('run', at('record.wasm'), '--invoke', 'bump("a")', '--trace', at('run.trace'))).toMatchObject({ exitCode: 2, err: `error: --trace: ${at('record.wasm')} is a record build: it records the calls --invoke makes (replay a trace with a replay build)\n` });
    expect(await runCli('run', at('record.wasm'), '--invoke', 'bump(1)')).toMatchObject({ exitCode: 2, err: 'error: --invoke #1:1:6: expected string, found number `1`\n' });
    expect(await runCli('run', at('replay.wasm'))).toMatchObject({ exitCode: 2, err: `error: ${at('replay.wasm')} is a replay build: give the trace to replay with --trace <file>\n` });
    expect(await runCli('run', at('replay.wasm'), '--invoke', 'bump("a")', '--trace', at('run.trace'))).toMatchObject({ exitCode: 2, err: 'error: run invokes `start()`, the entry point of a composed component, not `bump("a")`\n' });
    expect(await runCli('run', at('replay.wasm'), '--trace', at('run.trace'), '--save', at('x.trace'))).toMatchObject({ exitCode: 2, err: `error: --save: ${at('replay.wasm')} is a replay build: it checks a trace and writes none\n` });
  }, 60_000);
});
