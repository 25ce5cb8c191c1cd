/**
 * The `native-command:<command>` engine: a native interpreter standing in for
 * an interpreter component, so that the differential machinery compares it
 * like any other engine. It runs exports of the shape
 *
 *   run: func(program: string) -> result<string, E>
 *
 * where E is `string` (the error report) or a record of two strings
 * `{ output, error }`: each call starts the command with the program on
 * standard input and turns what it did into that result, the way the
 * component reports its own runs:
 *
 * - exit status 0: `ok(<stdout>)`;
 * - any other exit status: `err({output: <stdout>, error: <stderr>})` (or
 *   `err(<stderr>)`);
 * - killed by a signal (a crash): a trap naming the signal;
 * - still running after the time limit: a timeout (never compared).
 *
 * `<command>` is an executable (on PATH, or a path) and its arguments,
 * separated by spaces: `native-command:python3`, `native-command:node --stack-size=500`.
 * The campaign's `native` engine is one of these too, with the language's
 * interpreter resolved (native-interpreter.ts).
 */
import { isAbsolute, resolve } from 'node:path';
import { execa } from 'execa';
import { ProxyComponentError } from '../errors.js';
import { findTool } from '../engines/tools.js';
import type { CallReport, ComponentInput, Engine, EngineOutcome, EngineStatus, LoadedEngineComponent, PlannedCall, RunOptions } from '../engines/engine.js';
import { DEFAULT_ENGINE_TIMEOUT_MS } from '../engines/engine.js';
import type { Value } from '../values/value.js';
import type { WitType } from '../wit/types.js';
import { decodeComponentWorld } from '../wit/binary/decode.js';

export const NATIVE_COMMAND_PREFIX = 'native-command:';

/** The campaign's name for the language's own native interpreter (native-interpreter.ts). */
export const NATIVE_ENGINE = 'native';

/** Whether an engine name is a native command's (the side a component is compared against). */
export function isNativeCommand(engine: string): boolean {
  return engine === NATIVE_ENGINE || engine.startsWith(NATIVE_COMMAND_PREFIX);
}

export interface NativeInvocation {
  readonly executable: string;
  readonly args: readonly string[];
}

/** How an export's error case is shaped, or why the engine cannot run the export. */
type ErrShape = { readonly kind: 'string' } | { readonly kind: 'record' } | { readonly kind: 'unsupported'; readonly reason: string };

export function errShape(params: readonly { readonly type: WitType }[], result: WitType | undefined): ErrShape {
  const unsupported = (reason: string): ErrShape => ({ kind: 'unsupported', reason: `native-command runs only \`func(program: string) -> result<string, ...>\` exports: ${reason}` });
  if (params.length !== 1 || params[0]?.type.kind !== 'string') return unsupported('it takes one string');
  if (result?.kind !== 'result' || result.ok?.kind !== 'string') return unsupported('it returns result<string, ...>');
  const err = result.err;
  if (err?.kind === 'string') return { kind: 'string' };
  if (err?.kind === 'record' && err.fields.length === 2 && err.fields.every((field) => field.type.kind === 'string')) {
    const names = err.fields.map((field) => field.name).sort();
    if (names[0] === 'error' && names[1] === 'output') return { kind: 'record' };
  }
  return unsupported('its error is a string or a record { output: string, error: string }');
}

/** The executable and arguments of `native-command:<command>`. */
export function parseCommand(command: string): NativeInvocation {
  const [executable = '', ...args] = command.trim().split(/\s+/);
  if (executable === '') throw new ProxyComponentError('USAGE', `\`${NATIVE_COMMAND_PREFIX}\` needs a command, like \`${NATIVE_COMMAND_PREFIX}python3\``);
  return { executable, args };
}

function locate(executable: string): string | undefined {
  if (executable.includes('/')) {
    const path = isAbsolute(executable) ? executable : resolve(executable);
    return findTool({ system: [path] });
  }
  return findTool({ onPath: [executable] });
}

/** Shown for a command: its words, as given. */
function commandLine(invocation: NativeInvocation): string {
  return [invocation.executable, ...invocation.args].join(' ');
}

/**
 * The engine running `command` (`python3 -X utf8`, or an executable and its
 * arguments), named `native-command:<command>` unless `name` is given. Its
 * version is the command's `--version` line, followed by the command itself,
 * so that a report says exactly what ran.
 */
export function nativeCommandEngine(command: string | NativeInvocation, name?: string): Engine {
  const invocation = typeof command === 'string' ? parseCommand(command) : command;
  const { executable, args } = invocation;
  const shown = commandLine(invocation);
  const engineName = name ?? `${NATIVE_COMMAND_PREFIX}${shown}`;
  const install = `install ${executable}, or name another interpreter: ${NATIVE_COMMAND_PREFIX}<command>`;
  return {
    name: engineName,
    description: `the native command \`${shown}\`, the program on standard input`,
    async status(): Promise<EngineStatus> {
      const binary = locate(executable);
      if (binary === undefined) return { available: false, reason: `${executable} not found`, install };
      const result = await execa(binary, ['--version'], { reject: false, timeout: 20_000, stdin: 'ignore' });
      const version = `${String(result.stdout)}\n${String(result.stderr)}`.trim().split('\n')[0] ?? '';
      return { available: true, version: `${version === '' ? 'unknown version' : version} (${shown})`, path: binary };
    },
    async load(component: ComponentInput): Promise<LoadedEngineComponent> {
      const binary = locate(executable);
      if (binary === undefined) throw new ProxyComponentError('IO', `engine ${engineName} cannot start: ${executable} not found (${install})`);
      const world = decodeComponentWorld(component.bytes);
      return {
        world,
        async run(calls: readonly PlannedCall[], options: RunOptions = {}) {
          const started = performance.now();
          const timeoutMs = options.timeoutMs ?? DEFAULT_ENGINE_TIMEOUT_MS;
          const reports: CallReport[] = [];
          for (const call of calls) reports.push({ outcome: await runProgram(binary, args, call, timeoutMs) });
          return { engine: engineName, calls: reports, elapsedMs: performance.now() - started };
        },
      };
    },
  };
}

async function runProgram(binary: string, args: readonly string[], call: PlannedCall, timeoutMs: number): Promise<EngineOutcome> {
  const fn = call.function.function;
  const shape = errShape(fn.params, fn.result);
  if (shape.kind === 'unsupported') return { kind: 'not-run', reason: shape.reason };
  const program = call.args[0];
  if (typeof program !== 'string') return { kind: 'not-run', reason: 'the program argument is not a string' };
  const result = await execa(binary, [...args], {
    input: program,
    reject: false,
    stripFinalNewline: false,
    encoding: 'utf8',
    ...(timeoutMs > 0 ? { timeout: timeoutMs } : {}),
  });
  if (result.timedOut) return { kind: 'timeout', ms: timeoutMs };
  if (result.exitCode === undefined) return { kind: 'trap', message: `${binary} was killed by ${result.signal ?? 'a signal'}` };
  const stdout = String(result.stdout ?? '');
  const stderr = String(result.stderr ?? '');
  if (result.exitCode === 0) return { kind: 'return', value: { tag: 'ok', value: stdout } };
  const payload: Value = shape.kind === 'string' ? stderr : { output: stdout, error: stderr };
  return { kind: 'return', value: { tag: 'err', value: payload } };
}
