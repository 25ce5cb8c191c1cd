/**
 * The campaign's `native` engine: the language's own interpreter (python3,
 * node) found on PATH, run as a native command (native-command-engine.ts).
 *
 * The interpreter is asked for its real executable first, and that is what
 * runs each program: a version manager's shim in front of it (pyenv's is a
 * shell script that starts a second process) would more than double the
 * cost of each of the hundreds of runs, for the same interpreter.
 */
import { execa } from 'execa';
import { findTool } from '../engines/tools.js';
import type { Engine } from '../engines/engine.js';
import { NATIVE_ENGINE, nativeCommandEngine, type NativeInvocation } from './native-command-engine.js';

export interface NativeInterpreter {
  /** The command on PATH: `python3`. */
  readonly command: string;
  /** Arguments given before the program (which comes on standard input). */
  readonly args: readonly string[];
  /** Arguments that make the interpreter print its own executable's path. */
  readonly executableQuery: readonly string[];
}

/** The command to run: the real executable when the interpreter names one, else the command found on PATH. */
export async function resolveNativeInterpreter(native: NativeInterpreter): Promise<NativeInvocation | undefined> {
  const found = findTool({ onPath: [native.command] });
  if (found === undefined) return undefined;
  const answer = await execa(found, [...native.executableQuery], { reject: false, timeout: 20_000, stdin: 'ignore' });
  const real = String(answer.stdout ?? '').trim();
  const executable = answer.exitCode === 0 && real !== '' && findTool({ system: [real] }) !== undefined ? real : found;
  return { executable, args: native.args };
}

/** The `native` engine of a language: its interpreter, resolved, or the bare command (reported as not found) when there is none. */
export async function nativeInterpreterEngine(native: NativeInterpreter): Promise<Engine> {
  const invocation = (await resolveNativeInterpreter(native)) ?? { executable: native.command, args: native.args };
  return nativeCommandEngine(invocation, NATIVE_ENGINE);
}
