import { realpathSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { LoadedEngineComponent } from '../../src/engines/engine.js';
import { isProxyComponentError } from '../../src/errors.js';
import { LANGUAGES } from '../../src/interpreters/languages.js';
import { errShape, isNativeCommand, nativeCommandEngine, parseCommand } from '../../src/interpreters/native-command-engine.js';
import { nativeInterpreterEngine, resolveNativeInterpreter } from '../../src/interpreters/native-interpreter.js';
import { programCalls } from '../../src/interpreters/run-programs.js';
import { primitive } from '../../src/wit/types.js';
import { worldFunctions, type WorldFunction } from '../../src/wit/world.js';
import { componentFromWit } from '../support/component-from-wit.js';

const RECORD_WORLD = `package test:interp;
world interpreter {
  record failure { output: string, error: string }
  export run: func(program: string) -> result<string, failure>;
}`;
const STRING_WORLD = `package test:interp;
world interpreter {
  export run: func(program: string) -> result<string, string>;
  export count: func(program: string) -> u32;
}`;

/** A dummy component of the world: the native engine only reads its world, never runs it. */
async function load(command: string, wit = RECORD_WORLD): Promise<{ loaded: LoadedEngineComponent; fn: (name: string) => WorldFunction }> {
  const loaded = await nativeCommandEngine(command).load({ bytes: await componentFromWit(wit) });
  const fn = (name: string) => worldFunctions(loaded.world, 'export').find((candidate) => candidate.function.name === name) as WorldFunction;
  return { loaded, fn };
}

describe('native-command engine', () => {
  it('returns ok(stdout) for a program that ends normally', async () => {
    const { loaded, fn } = await load('python3');

    const run = await loaded.run(programCalls(fn('run'), ['print("hé")\nprint(1 + 1)\n']));

    expect(run.calls[0]?.outcome).toEqual({ kind: 'return', value: { tag: 'ok', value: 'hé\n2\n' } });
    expect(run.engine).toBe('native-command:python3');
  });

  it('returns err({output, error}) for a program that fails: what it printed first, and its stderr', async () => {
    const { loaded, fn } = await load('python3');

    const run = await loaded.run(programCalls(fn('run'), ['print(1)\nraise ValueError("stop")\n']));

    expect(run.calls[0]?.outcome).toEqual({
      kind: 'return',
      value: { tag: 'err', value: { output: '1\n', error: 'Traceback (most recent call last):\n  File "<stdin>", line 2, in <module>\nValueError: stop\n' } },
    });
  });

  it('returns err(stderr) when the error type is a string, and runs each program in a process of its own', async () => {
    const { loaded, fn } = await load('node', STRING_WORLD);

    const run = await loaded.run(programCalls(fn('run'), ['globalThis.x = 1; console.log(1);', 'console.log(typeof x);', 'console.error("bad"); process.exit(3);']));

    expect(run.calls.map((call) => call.outcome)).toEqual([
      { kind: 'return', value: { tag: 'ok', value: '1\n' } },
      { kind: 'return', value: { tag: 'ok', value: 'undefined\n' } },
      { kind: 'return', value: { tag: 'err', value: 'bad\n' } },
    ]);
  });

  it('reports a program still running at the time limit as a timeout, and the next program still runs', async () => {
    const { loaded, fn } = await load('python3');

    const run = await loaded.run(programCalls(fn('run'), ['while True:\n    pass\n', 'print(2)\n']), { timeoutMs: 500 });

    expect(run.calls.map((call) => call.outcome)).toEqual([
      { kind: 'timeout', ms: 500 },
      { kind: 'return', value: { tag: 'ok', value: '2\n' } },
    ]);
  });

  it('reports an interpreter killed by a signal as a trap naming it', async () => {
    const { loaded, fn } = await load('python3');

    const run = await loaded.run(programCalls(fn('run'), ['import os, signal\nos.kill(os.getpid(), signal.SIGKILL)\n']));

    expect(run.calls[0]?.outcome).toMatchObject({ kind: 'trap', message: expect.stringContaining('SIGKILL') });
  });

  it('does not run an export of another shape, and says why', async () => {
    const { loaded, fn } = await load('python3', STRING_WORLD);

    const run = await loaded.run([{ name: 'count', function: fn('count'), args: ['1'], imports: [] }]);

    expect(run.calls[0]?.outcome).toEqual({ kind: 'not-run', reason: expect.stringContaining('returns result<string, ...>') });
  });

  it('knows which error shapes it can produce', () => {
    const str = primitive.string;
    const program = [{ name: 'program', type: str }];

    expect(errShape(program, { kind: 'result', ok: str, err: str })).toEqual({ kind: 'string' });
    expect(errShape(program, { kind: 'result', ok: str, err: { kind: 'record', fields: [{ name: 'error', type: str }, { name: 'output', type: str }] } })).toEqual({ kind: 'record' });
    expect(errShape(program, { kind: 'result', ok: str, err: primitive.u32 }).kind).toBe('unsupported');
    expect(errShape([], { kind: 'result', ok: str, err: str }).kind).toBe('unsupported');
  });

  it('parses a command with arguments, and refuses none', () => {
    expect(parseCommand(' node  --stack-size=500 ')).toEqual({ executable: 'node', args: ['--stack-size=500'] });
    let caught: unknown;
    try {
      parseCommand('  ');
    } catch (error) {
      caught = error;
    }
    expect(isProxyComponentError(caught) && caught.code === 'USAGE').toBe(true);
  });

  it('is unavailable, with the reason, when the command does not exist', async () => {
    const status = await nativeCommandEngine('no-such-interpreter-here --flag').status();

    expect(status).toEqual({ available: false, reason: 'no-such-interpreter-here not found', install: expect.stringContaining('native-command:<command>') });
  });

  it('tells its version and the command it runs', async () => {
    const status = await nativeCommandEngine('python3 -S').status();

    expect(status).toMatchObject({ available: true, version: expect.stringMatching(/^Python 3\.\d+\.\d+ \(python3 -S\)$/) });
  });

  it('names native engines', () => {
    expect(['native', 'native-command:python3', 'node', 'jco', 'native:impl.mjs'].map(isNativeCommand)).toEqual([true, true, false, false, false]);
  });
});

describe('the native interpreter of a language', () => {
  it('runs the real python3 executable, not a shim in front of it, with its declared arguments', async () => {
    const resolved = await resolveNativeInterpreter(LANGUAGES.python.native);

    expect(resolved?.args).toEqual(['-I', '-S', '-X', 'utf8']);
    expect(realpathSync(resolved?.executable ?? '')).toMatch(/python3[.\d]*$/);
  });

  it('is the `native` engine, and runs programs as python3 does', async () => {
    const engine = await nativeInterpreterEngine(LANGUAGES.python.native);
    const loaded = await engine.load({ bytes: await componentFromWit(RECORD_WORLD) });
    const run = worldFunctions(loaded.world, 'export')[0] as WorldFunction;

    const result = await loaded.run(programCalls(run, ['print("λ")\n']));

    expect(engine.name).toBe('native');
    expect(result.calls[0]?.outcome).toEqual({ kind: 'return', value: { tag: 'ok', value: 'λ\n' } });
  });
});
