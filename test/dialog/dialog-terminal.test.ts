/**
 * The dialog as a user drives it: the built CLI in a real terminal (tmux),
 * keys typed into its prompts. A session of four export calls answers nested
 * import calls (an option's payload, an enum, a handle picked by name, a new
 * handle), is interrupted by Ctrl-C, and leaves a trace that replays (exit 0)
 * and catches the altered build (exit 1), and a terminal put back as it was.
 * `--trace` replays a trace and asks only where the component leaves it;
 * `--host` answers what it implements and the dialog asks for the rest.
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
  dir = await mkdtemp(join(tmpdir(), 'pc-dialog-'));
  await writeFile(join(dir, 'app.wasm'), await dialogComponent());
  await writeFile(join(dir, 'altered.wasm'), await dialogComponent(true));
});

afterEach(async () => {
  await terminal?.close();
  terminal = undefined;
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function dialog(...args: string[]): Promise<TmuxTerminal> {
  terminal = await TmuxTerminal.start(dir, ['dialog', ...args], { cwd: dir });
  return terminal;
}

/** The trace without its header line (which holds the component's hash). */
async function traceBody(name: string): Promise<string> {
  const text = await readFile(join(dir, name), 'utf8');
  expect(text).toMatch(/^# proxy-component trace v1 \{.*"componentPath":"app\.wasm"/);
  return text.slice(text.indexOf('\n') + 1);
}

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

describe('proxy-component dialog, in a terminal', () => {
  it('types a session of export calls with nested import answers; Ctrl-C keeps a valid trace that replays and catches the altered build', async () => {
    const tty = await dialog('app.wasm', '--save', 'session.trace');
    await tty.prompt('export to call');
    const menu = await tty.screen();
    expect(menu).toContain('bump: func(key: string) -> u32');
    expect(menu).toContain('test:dialog/counters.[method]counter.add: func(self: borrow<counter>, n: u32) -> u32 (no counter handle held yet)');

    // bump("a"): allowed -> true, get -> some(4) (the payload a level deeper), put needs no answer.
    await tty.keys('Enter');
    await tty.prompt('key: string');
    await tty.line('a');
    await tty.prompt('result: bool');
    await tty.keys('Enter');
    await tty.prompt('result: option<u32>');
    await tty.keys('Down', 'Enter');
    await tty.prompt('some: u32');
    await tty.line('x1');
    await tty.waitFor('expected u32, found label `x1` (column 1)');
    await tty.keys('BSpace', 'BSpace');
    await tty.line('4');
    await tty.waitFor(/^◀ return 5$/m);

    // A counter, then add on it: the handle offered by where it came from; mood -> stormy.
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

    // journal("hello"): open-log answered with a new log handle the dialog makes.
    await tty.prompt('export to call');
    await tty.keys('Down', 'Enter');
    await tty.prompt('line: string');
    await tty.line('hello');
    await tty.prompt('result: log');
    await tty.waitFor('❯ a new log (#2)');
    await tty.keys('Enter');
    const screen = await tty.waitFor(/^◀ return$/m);
    expect(screen).toContain('\n  import test:dialog/store.open-log()\n  ✔ result: log new #2\n');
    expect(screen).toContain('\n  import test:dialog/store.[method]log.write(#2, "hello")   (returns nothing: not asked)\n');
    expect(screen).toContain('\n  ✔ result: option<u32> some\n    ✔ some: u32 4\n');

    await tty.prompt('export to call');
    await tty.keys('C-c');
    const exit = await tty.exit();
    expect(exit.code).toBe(130);
    expect(exit.screen).toContain('interrupted: session.trace keeps the 4 export calls that completed');
    // The terminal is back in its line mode, echoing, with its cursor shown.
    expect(exit.screen).toMatch(/(^|\s)icanon\s/m);
    expect(exit.screen).toMatch(/(^|\s)echo\s/m);
    expect(await tty.cursorVisible()).toBe(true);

    expect(await traceBody('session.trace')).toBe(SESSION);
    expect(await runCli('replay', join(dir, 'app.wasm'), join(dir, 'session.trace'))).toMatchObject({ exitCode: 0 });
    const altered = await runCli('replay', join(dir, 'altered.wasm'), join(dir, 'session.trace'));
    expect(altered.exitCode).toBe(1);
    expect(altered.out).toContain('+ actual   test:dialog/store.put("a", 6)');
  });

  it('--trace replays a trace and asks only where the component leaves it; Ctrl-C in an import prompt keeps the calls that completed', async () => {
    // The trace with another argument to allowed (the component's call stands in for it) and without mood() (new to the trace).
    const edited = SESSION.replace('allowed("a") -> true', 'allowed("z") -> false').replace('  import test:dialog/store.mood() -> stormy\n', '');
    await writeFile(join(dir, 'edited.trace'), `# proxy-component trace v1\n${edited}`);
    const tty = await dialog('app.wasm', '--trace', 'edited.trace', '--save', 'repaired.trace');
    await tty.prompt('result: bool');
    expect(await tty.screen()).toContain('replaying 4 export calls of edited.trace');
    expect(await tty.screen()).toContain('`test:dialog/store.allowed` was called with a different `key` than the trace records: asking');
    await tty.keys('Enter');
    await tty.prompt('result: weather');
    const asked = await tty.screen();
    expect(asked).toContain('  import test:dialog/store.get("a") -> some(4)   (trace line 4)');
    expect(asked).toContain('but the trace has no more import calls in `test:dialog/counters.[method]counter.add`');
    expect(asked).not.toMatch(/result: option/);
    await tty.keys('Enter');
    await tty.waitFor('`test:dialog/counters.[method]counter.add` returned 12, the trace expects 14 (the session keeps what it did now)');

    // A new call, interrupted while the component waits for an import's answer.
    await tty.prompt('export to call');
    await tty.keys('Enter');
    await tty.prompt('key: string');
    await tty.line('b');
    await tty.prompt('result: bool');
    await tty.keys('C-c');
    const exit = await tty.exit();
    expect(exit.code).toBe(130);
    expect(exit.screen).toContain('interrupted: repaired.trace keeps the 4 export calls that completed');
    expect(exit.screen).toMatch(/(^|\s)icanon\s/m);

    expect(await traceBody('repaired.trace')).toBe(SESSION.replace('mood() -> stormy\nreturn 14', 'mood() -> sunny\nreturn 12'));
    expect(await runCli('replay', join(dir, 'app.wasm'), join(dir, 'repaired.trace'))).toMatchObject({ exitCode: 0 });
  });

  it('exits 2 with the place of bad input, and refuses to run without a terminal', async () => {
    await writeFile(join(dir, 'bad.trace'), '# proxy-component trace v1\nexport bump(1)\nreturn 1\n');
    const tty = await dialog('app.wasm', '--trace', 'bad.trace');
    const exit = await tty.exit();
    expect(exit.code).toBe(2);
    expect(exit.screen).toContain('error: bad.trace:2:13: expected string, found number `1`');

    const noTerminal = await runCli('dialog', join(dir, 'app.wasm'));
    expect(noTerminal).toMatchObject({ exitCode: 2, err: 'error: dialog asks questions: run it in a terminal (to make calls without one, use `record --invoke`)\n' });
  });

  it('--host answers the imports it implements and the dialog asks for the rest; ending the session exits 0', async () => {
    // The host writes to stderr as the component's WASI stderr does (the same stream of the session's thread): shown marked, between prompts.
    await writeFile(join(dir, 'host.mjs'), "export default { 'test:dialog/store': { allowed: (key) => { process.stderr.write(`checking ${key}\\n`); return key !== 'no'; }, mood: () => 'stormy' } };\n");
    const tty = await dialog('app.wasm', '--host', 'host.mjs', '--save', 'hosted.trace');
    await tty.prompt('export to call');
    await tty.keys('Enter');
    await tty.prompt('key: string');
    await tty.line('"a\\u{e9}"');
    await tty.prompt('result: option<u32>');
    const screen = await tty.screen();
    expect(screen).toContain('\n  │ stderr: checking aé\n  import test:dialog/store.allowed("aé") -> true   (host)\n  import test:dialog/store.get("aé")\n');
    await tty.keys('Enter');
    await tty.waitFor(/^◀ return 1$/m);
    await tty.prompt('export to call');
    await tty.keys('Up', 'Enter');
    const exit = await tty.exit();
    expect(exit.code).toBe(0);
    expect(exit.screen).toContain('session ended: 1 export call in hosted.trace');

    expect(await traceBody('hosted.trace')).toBe(
      'export bump("aé")\n  import test:dialog/store.allowed("aé") -> true\n  import test:dialog/store.get("aé") -> none\n  import test:dialog/store.put("aé", 1)\nreturn 1\n',
    );
    expect(await runCli('replay', join(dir, 'app.wasm'), join(dir, 'hosted.trace'))).toMatchObject({ exitCode: 0 });
  });
});
