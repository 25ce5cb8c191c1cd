/**
 * Running one generated case on engines and checking every call against the
 * truth: an echo call must return its argument(s), and an `import-echo`
 * call must also have called its import once, with exactly its arguments
 * (the plan answers the import with them). Equality is the typed
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
import type { CallReport } from '../engines/engine.js';
import { echoResultType, expectedResult, hostImportName, type BindingsCase } from './bindings-case.js';
import { buildCase, type BuiltCase } from './build-case.js';

/** A call whose outcome on an engine is not its argument(s) given back, or whose import call was not. */
export interface Mismatch {
  readonly engine: string;
  /** Index into the case's calls. */
  readonly call: number;
  readonly expected: Value;
  readonly outcome: EngineOutcome;
  /** Set when the outcome is right but the import was not called once with the call's arguments: what it was called with. */
  readonly importCalls?: readonly (readonly Value[])[];
}

/** What went wrong, as a word: the outcome's kind, or `import` for wrong import arguments. */
export type FailureKind = EngineOutcome['kind'] | 'import';

export function failureKind(mismatch: Mismatch): FailureKind {
  return mismatch.importCalls === undefined ? mismatch.outcome.kind : 'import';
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
  const world = decodeComponentWorld(built.bytes);
  const exports = new Map<string, WorldFunction>(worldFunctions(world, 'export').map((fn) => [fn.function.name, fn]));
  const imports = new Map<string, WorldFunction>(worldFunctions(world, 'import').map((fn) => [fn.function.name, fn]));
  return testCase.calls.map((call) => {
    const fn = testCase.functions[call.function];
    const worldFunction = fn === undefined ? undefined : exports.get(fn.name);
    if (fn === undefined || worldFunction === undefined) throw new Error(`generated call of function ${call.function}, which the case does not export`);
    if (fn.kind === 'echo') return { name: fn.name, function: worldFunction, args: call.args, imports: [] };
    const host = imports.get(hostImportName(fn));
    if (host === undefined) throw new Error(`generated function ${fn.name} has no import ${hostImportName(fn)}`);
    const answer = { name: hostImportName(fn), function: host, outcome: { kind: 'return' as const, value: expectedResult(fn, call.args) } };
    return { name: fn.name, function: worldFunction, args: call.args, imports: [answer] };
  });
}

/** For an `import-echo` call: the import calls' arguments when they are not exactly one call with the call's arguments; else undefined. */
export function wrongImportCalls(testCase: BindingsCase, index: number, report: CallReport): (readonly Value[])[] | undefined {
  const call = testCase.calls[index];
  const fn = call === undefined ? undefined : testCase.functions[call.function];
  // Engines that cannot observe import calls (undefined) are checked on the result only.
  if (call === undefined || fn === undefined || fn.kind !== 'import-echo' || report.imports === undefined) return undefined;
  const seen = report.imports.map((observed) => observed.args);
  const only = seen[0];
  const right = seen.length === 1 && only !== undefined && only.length === fn.params.length && fn.params.every((type, i) => valuesEqual(type, call.args[i] as Value, only[i] as Value));
  return right ? undefined : seen;
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
      const call = testCase.calls[index];
      const fn = call === undefined ? undefined : testCase.functions[call.function];
      if (call === undefined || fn === undefined) return;
      const expected = expectedResult(fn, call.args);
      if (!isEcho(testCase, index, report.outcome)) {
        mismatches.push({ engine: engine.name, call: index, expected, outcome: report.outcome });
        return;
      }
      const importCalls = wrongImportCalls(testCase, index, report);
      if (importCalls !== undefined) mismatches.push({ engine: engine.name, call: index, expected, outcome: report.outcome, importCalls });
    });
  }
  return { built, mismatches, failures, checkedCalls, elapsedMs };
}
