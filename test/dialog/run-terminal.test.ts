/**
 * `instrument -m dialog` and `run` as a user drives them: the app composed
 * for dialog, then the built CLI's `run` in a real terminal (tmux), keys
 * typed into the prompts the composed component asks for through
 * proxy-component:dialog/prompt. The saved session replays (exit 0) on the
 * app and catches the altered build (exit 1); `run` refuses other components.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { dialogComponent } from '../support/shapes/dialog-shapes.js';
import { TmuxTerminal } from './support/tmux-terminal.js';

let dir: string;
let terminal: TmuxTerminal | undefined;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pc-run-dialog-'));
  await writeFile(join(dir, 'app.wasm'), await dialogComponent());
  await writeFile(join(dir, 'altered.wasm'), await dialogComponent(true));
  const built = await runCli('instrument', '-m', 'dialog', join(dir, 'app.wasm'), '-o', join(dir, 'dialog.wasm'));
  expect(built).toMatchObject({ exitCode: 0 });
}, 300_000);

afterEach(async () => {
  await terminal?.close();
  terminal = undefined;
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const SESSION = `export bump("a")
  import test:dialog/store.allowed("a") -> true
  import test:dialog/store.get("a") -> some(4)
  import test:dialog/store.put("a", 5)
return 5
export test:dialog/counters.[constructor]counter(10)
return #1
export test:dialog/counters.[method]counter.add(#1, 2)
  import test:dialog/store.mood() -> stormy
return 14
export journal("hello")
  import test:dialog/store.open-log() -> #2
  import test:dialog/store.[method]log.write(#2, "hello")
return
`;

describe('proxy-component run, on a dialog build, in a terminal', () => {
  it('types a session through the composed component: nested import answers, indented choices, handles by name; the saved trace replays and catches the altered build', async () => {
    terminal = await TmuxTerminal.start(dir, ['run', 'dialog.wasm', '--invoke', 'start()', '--save', 'session.trace'], { cwd: dir });
    const tty = terminal;
    await tty.prompt('export to call');
    expect(await tty.screen()).toContain('- test:dialog/counters.[method]counter.add: func(self: borrow<counter>, n: u32) -> u32 (no counter handle held yet)');

    // bump("a"): the import's choices sit under it, the option's payload a level deeper.
    await tty.keys('Enter');
    await tty.prompt('key: string');
    await tty.line('a');
    await tty.prompt('result: bool');
    await tty.keys('Enter');
    await tty.prompt('result: option<u32>');
    await tty.keys('Down');
    expect(await tty.waitFor('\n  ❯ some(u32)\n')).toContain('\n    none\n  ❯ some(u32)\n    ✎ type WAVE\n');
    await tty.keys('Enter');
    await tty.prompt('some: u32');
    await tty.line('x1');
    await tty.waitFor('    > expected u32, found label `x1` (column 1)');
    await tty.keys('BSpace', 'BSpace');
    await tty.line('4');
    await tty.waitFor(/^◀ return 5$/m);

    // A counter, then add on it: the handle the component made, offered by name.
    await tty.prompt('export to call');
    await tty.keys('Down', 'Down', 'Enter');
    await tty.prompt('start: u32');
    await tty.line('10');
    await tty.waitFor(/^◀ return #1$/m);
    await tty.prompt('export to call');
    await tty.keys('Down', 'Down', 'Down', 'Enter');
    await tty.prompt('self: borrow<counter>');
    await tty.waitFor('❯ counter #1, made by [constructor]counter(10) in call 2');
    await tty.keys('Enter');
    await tty.prompt('n: u32');
    await tty.line('2');
    await tty.prompt('result: weather');
    await tty.keys('Down', 'Enter');
    await tty.waitFor(/^◀ return 14$/m);

    // journal("hello"): open-log answered with a new log handle the host makes.
    await tty.prompt('export to call');
    await tty.keys('Down', 'Enter');
    await tty.prompt('line: string');
    await tty.line('hello');
    await tty.prompt('result: log');
    await tty.waitFor('\n  ❯ a new log (#2)\n');
    await tty.keys('Enter');
    const screen = await tty.waitFor(/^◀ return$/m);
    expect(screen).toContain('\n  import test:dialog/store.[method]log.write(#2, "hello")   (returns nothing: not asked)\n');

    await tty.prompt('export to call');
    await tty.keys('Up', 'Enter');
    const exit = await tty.exit(60_000);
    expect(exit.code).toBe(0);
    expect(exit.screen).toContain('session ended: 4 export calls in session.trace');

    const text = await readFile(join(dir, 'session.trace'), 'utf8');
    // The app's hash and, as it is where dialog.wasm was instrumented from, its path: a .trace file test finds it.
    expect(text).toMatch(/^# proxy-component trace v1 \{"world":"root:component\/root","component":"sha256:[0-9a-f]{64}","componentPath":"app.wasm","tool":/);
    expect(text.slice(text.indexOf('\n') + 1)).toBe(SESSION);
    expect(await runCli('replay', join(dir, 'app.wasm'), join(dir, 'session.trace'))).toMatchObject({ exitCode: 0 });
    const altered = await runCli('replay', join(dir, 'altered.wasm'), join(dir, 'session.trace'));
    expect(altered.exitCode).toBe(1);
    expect(altered.out).toContain('+ actual   test:dialog/store.put("a", 6)');
  }, 180_000);

  it('Ctrl-C while the composed component waits for an answer keeps the calls that completed, and the terminal usable', async () => {
    terminal = await TmuxTerminal.start(dir, ['run', 'dialog.wasm', '--save', 'cut.trace'], { cwd: dir });
    const tty = terminal;
    await tty.prompt('export to call');
    await tty.keys('Down', 'Down', 'Enter');
    await tty.prompt('start: u32');
    await tty.line('3');
    await tty.waitFor(/^◀ return #1$/m);
    await tty.prompt('export to call');
    await tty.keys('Enter');
    await tty.prompt('key: string');
    await tty.line('b');
    await tty.prompt('result: bool');
    await tty.keys('C-c');
    const exit = await tty.exit(60_000);
    expect(exit.code).toBe(130);
    expect(exit.screen).toContain('interrupted: cut.trace keeps the 1 export call that completed');
    expect(exit.screen).toMatch(/(^|\s)icanon\s/m);
    expect(await tty.cursorVisible()).toBe(true);
    const text = await readFile(join(dir, 'cut.trace'), 'utf8');
    expect(text.slice(text.indexOf('\n') + 1)).toBe('export test:dialog/counters.[constructor]counter(3)\nreturn #1\n');
    expect(await runCli('replay', join(dir, 'app.wasm'), join(dir, 'cut.trace'))).toMatchObject({ exitCode: 0 });
  }, 120_000);

  it('refuses what it cannot host, with exit 2: a component built for no host of run, a call other than start(), no terminal, a --trace or --host a dialog build has no use for', async () => {
    expect(await runCli('run', join(dir, 'app.wasm'))).toMatchObject({
      exitCode: 2,
      err: `error: ${join(dir, 'app.wasm')} imports neither proxy-component:dialog/prompt@0.1.0 nor proxy:recorder/record@0.1.0 nor proxy:recorder/replay@0.1.0: run hosts components instrumented with \`instrument -m dialog\` or \`--use-host-recorder\` (the others run in any host, wasmtime's too)\n`,
    });
    expect(await runCli('run', join(dir, 'dialog.wasm'), '--invoke', 'bump("a")')).toMatchObject({ exitCode: 2, err: 'error: run invokes `start()`, the entry point of a composed component, not `bump("a")`\n' });
    expect(await runCli('run', join(dir, 'dialog.wasm'))).toMatchObject({ exitCode: 2, err: `error: ${join(dir, 'dialog.wasm')} asks questions (a dialog build): run it in a terminal\n` });
    expect(await runCli('run', join(dir, 'dialog.wasm'), '--trace', join(dir, 'session.trace'))).toMatchObject({ exitCode: 2, err: `error: --trace: ${join(dir, 'dialog.wasm')} is a dialog build: its imports are all answered in the dialog\n` });
    expect(await runCli('instrument', '-m', 'dialog', '--use-host-recorder', join(dir, 'app.wasm'), '-o', join(dir, 'x.wasm'))).toMatchObject({ exitCode: 2 });
  });
});
