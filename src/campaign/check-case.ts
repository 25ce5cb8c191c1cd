/**
 * Running one generated case on engines and checking every call against the
 * truth: an echo call must return its argument(s). Equality is the typed
 * equality of src/values/equal.ts, whose only normalisation is that every NaN
 * equals every NaN (the canonical ABI lets an engine change a NaN's payload
 * bits; CanonicalABI.md `canonicalize_nan32/64`). Anything else is a mismatch:
 * a different value, a trap, a value that does not fit the type, a timeout.
 *
 * An engine that cannot run the case at all (missing, or refusing the
 * component) is reported as such, never as a mismatch.
 */
import { loadTarget, runTarget } from '../differential/run.js';
import type { Engine, EngineOutcome, PlannedCall } from '../engines/engine.js';
import { valuesEqual } from '../values/equal.js';
import type { Value } from '../values/value.js';
import { decodeComponentWorld } from '../wit/binary/decode.js';
import { worldFunctions, type WorldFunction } from '../wit/world.js';
import { echoResultType, expectedResult, type BindingsCase } from './bindings-case.js';
import { buildCase, type BuiltCase } from './build-case.js';

/** A call whose outcome on an engine is not its argument(s) given back. */
export interface Mismatch {
  readonly engine: string;
  /** Index into the case's calls. */
  readonly call: number;
  readonly expected: Value;
  readonly outcome: EngineOutcome;
}

/** An engine that ran none of the case's calls, and why. */
export interface EngineFailure {
  readonly engine: string;
  readonly reason: string;
}

export interface CaseCheck {
  readonly built: BuiltCase;
  readonly mismatches: readonly Mismatch[];
  readonly failures: readonly EngineFailure[];
  /** Calls checked on engines that ran (calls × engines). */
  readonly checkedCalls: number;
  /** Time per engine for this case, in ms (load and run). */
  readonly elapsedMs: ReadonlyMap<string, number>;
}

export interface CheckOptions {
  readonly timeoutMs: number;
}

/** The plan of a case's calls, typed by the component's own world. */
export function casePlan(testCase: BindingsCase, built: BuiltCase): PlannedCall[] {
  const exports = worldFunctions(decodeComponentWorld(built.bytes), 'export');
  const byName = new Map<string, WorldFunction>(exports.map((fn) => [fn.function.name, fn]));
  return testCase.calls.map((call) => {
    const fn = testCase.functions[call.function];
    const worldFunction = fn === undefined ? undefined : byName.get(fn.name);
    if (fn === undefined || worldFunction === undefined) throw new Error(`generated call of function ${call.function}, which the case does not export`);
    return { name: fn.name, function: worldFunction, args: call.args, imports: [] };
  });
}

/** True when `outcome` is the call's argument(s) given back. */
export function isEcho(testCase: BindingsCase, index: number, outcome: EngineOutcome): boolean {
  const call = testCase.calls[index];
  const fn = call === undefined ? undefined : testCase.functions[call.function];
  if (call === undefined || fn === undefined) return false;
  return outcome.kind === 'return' && outcome.value !== undefined && valuesEqual(echoResultType(fn), expectedResult(fn, call.args), outcome.value);
}

export async function checkCase(testCase: BindingsCase, engines: readonly Engine[], options: CheckOptions): Promise<CaseCheck> {
  const built = await buildCase(testCase);
  const plan = casePlan(testCase, built);
  const mismatches: Mismatch[] = [];
  const failures: EngineFailure[] = [];
  const elapsedMs = new Map<string, number>();
  let checkedCalls = 0;
  for (const engine of engines) {
    const started = performance.now();
    const target = await loadTarget({ label: engine.name, engine, component: { bytes: built.bytes } });
    const run = await runTarget(target, plan, options.timeoutMs);
    elapsedMs.set(engine.name, performance.now() - started);
    if (run.failure !== undefined && run.calls.every((report) => report.outcome.kind === 'not-run')) {
      failures.push({ engine: engine.name, reason: run.failure });
      continue;
    }
    run.calls.forEach((report, index) => {
      // A call not run (after an earlier one timed out) is neither checked nor a mismatch: the timeout is.
      if (report.outcome.kind === 'not-run') return;
      checkedCalls++;
      if (isEcho(testCase, index, report.outcome)) return;
      const call = testCase.calls[index];
      const fn = call === undefined ? undefined : testCase.functions[call.function];
      if (call === undefined || fn === undefined) return;
      mismatches.push({ engine: engine.name, call: index, expected: expectedResult(fn, call.args), outcome: report.outcome });
    });
  }
  return { built, mismatches, failures, checkedCalls, elapsedMs };
}
