/**
 * Running a plan on a component whose only imports are WASI: one
 * `wasmtime run --invoke '<call>'` per export call, which takes the call and
 * prints the result in WAVE. Wasmtime answers WASI itself (so its import
 * calls are not observed), each call gets a fresh instance (so state does
 * not carry from one call to the next), and a resource function cannot be
 * called (no way to pass a handle): those calls are reported as not run.
 */
import { parseValue, printCallPositional } from '../../wave/index.js';
import type { WitType } from '../../wit/types.js';
import type { CallReport, EngineOutcome, PlannedCall } from '../engine.js';
import { invokeCompiled, trapMessage } from './wasmtime-cli.js';

export async function invokeCalls(binary: string, compiledPath: string, calls: readonly PlannedCall[], timeoutMs: number): Promise<CallReport[]> {
  const reports: CallReport[] = [];
  for (const call of calls) reports.push({ outcome: await invokeOne(binary, compiledPath, call, timeoutMs) });
  return reports;
}

async function invokeOne(binary: string, compiledPath: string, call: PlannedCall, timeoutMs: number): Promise<EngineOutcome> {
  const fn = call.function.function;
  if (fn.kind !== 'freestanding') return { kind: 'not-run', reason: 'the wasmtime CLI cannot call resource functions' };
  const result = await invokeCompiled(binary, compiledPath, printCallPositional(fn.name, fn.params, call.args), { timeoutMs });
  if (result.timedOut) return { kind: 'timeout', ms: timeoutMs };
  if (result.exitCode !== 0) return { kind: 'trap', message: trapMessage(result.stderr) };
  return returned(result.stdout.trim(), fn.result);
}

function returned(text: string, type: WitType | undefined): EngineOutcome {
  if (type === undefined) return { kind: 'return' };
  try {
    return { kind: 'return', value: parseValue(text, type) };
  } catch (error) {
    return { kind: 'invalid', message: `wasmtime printed ${JSON.stringify(text)}: ${error instanceof Error ? error.message : String(error)}` };
  }
}
