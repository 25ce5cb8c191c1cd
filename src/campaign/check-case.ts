/**
 * Running one generated case on engines and checking every call against the
 * truth (case-plan.ts): an echo returns its argument(s), a checksum the
 * checksum of their memory image, a resource's calls its handle, its
 * arguments and its drop count, an invalid handle's call traps; every call
 * must also have made exactly the import calls the plan holds, in order,
 * with exactly their arguments (an `import-echo` calls its import once with
 * its own arguments; an imported resource's calls reach the host's
 * instances by their handles). Equality is the typed
 * equality of src/values/equal.ts, whose only normalisation is that every NaN
 * equals every NaN (the canonical ABI lets an engine change a NaN's payload
 * bits; CanonicalABI.md `canonicalize_nan32/64`). Anything else is a mismatch:
 * a different value, a trap, a value that does not fit the type, a timeout.
 *
 * An engine that cannot run the case at all (missing, or refusing the
 * component) is reported as such, never as a mismatch.
 */
import { loadTarget, runTarget } from '../differential/run.js';
import type { CallReport, Engine, EngineOutcome, ObservedImport } from '../engines/engine.js';
import { valuesEqual } from '../values/equal.js';
import type { Value } from '../values/value.js';
import type { BindingsCase } from './bindings-case.js';
import { buildCase, type BuiltCase } from './build-case.js';
import { casePlan, type PlannedCheck } from './case-plan.js';

/** An export call whose outcome on an engine is not what it must give, or whose import call was not. */
export interface Mismatch {
  readonly engine: string;
  /** Index into the case's calls (the generated call, a step of the plan). */
  readonly call: number;
  /** Index into the case's plan (the export call). */
  readonly planned: number;
  /** The value it must return; none when it must trap. */
  readonly expected?: Value;
  /** The call must trap. */
  readonly trap?: boolean;
  readonly outcome: EngineOutcome;
  /** Set when the outcome is right but the import calls were not the planned ones: the calls made. */
  readonly importCalls?: readonly ObservedImport[];
}

/** What went wrong, as a word: the outcome's kind, `import` for wrong import calls, `no-trap` for a call that must trap and did not. */
export type FailureKind = EngineOutcome['kind'] | 'import' | 'no-trap';

export function failureKind(mismatch: Mismatch): FailureKind {
  if (mismatch.importCalls !== undefined) return 'import';
  if (mismatch.trap === true && mismatch.outcome.kind === 'return') return 'no-trap';
  return mismatch.outcome.kind;
}

/** An engine that ran none of the case's calls, and why. */
export interface EngineFailure {
  readonly engine: string;
  readonly reason: string;
}

export interface CaseCheck {
  readonly built: BuiltCase;
  readonly plan: readonly PlannedCheck[];
  readonly mismatches: readonly Mismatch[];
  readonly failures: readonly EngineFailure[];
  /** Export calls checked on engines that ran (calls × engines). */
  readonly checkedCalls: number;
  /** Time per engine for this case, in ms (load and run). */
  readonly elapsedMs: ReadonlyMap<string, number>;
}

export interface CheckOptions {
  readonly timeoutMs: number;
}

/** The import calls made when they are not exactly the planned ones (same functions, same arguments, in order); else undefined. */
export function wrongImportCalls(check: PlannedCheck, report: CallReport): readonly ObservedImport[] | undefined {
  // Engines that cannot observe import calls (undefined) are checked on the result only.
  if (report.imports === undefined) return undefined;
  const planned = check.call.imports;
  const seen = report.imports;
  const same = (made: ObservedImport, i: number): boolean => {
    const want = planned[i];
    if (want === undefined || made.name !== want.name || made.args.length !== want.args.length) return false;
    return want.function.function.params.every((param, j) => valuesEqual(param.type, want.args[j] as Value, made.args[j] as Value));
  };
  return seen.length === planned.length && seen.every(same) ? undefined : seen;
}

/** True when `outcome` is what the planned call must give: its value, or a trap. */
export function isExpected(check: PlannedCheck, outcome: EngineOutcome): boolean {
  if (check.trap === true) return outcome.kind === 'trap';
  return outcome.kind === 'return' && outcome.value !== undefined && check.expected !== undefined && valuesEqual(check.resultType, check.expected, outcome.value);
}

export async function checkCase(testCase: BindingsCase, engines: readonly Engine[], options: CheckOptions): Promise<CaseCheck> {
  const built = await buildCase(testCase);
  const plan = casePlan(testCase, built);
  const calls = plan.map((check) => check.call);
  const mismatches: Mismatch[] = [];
  const failures: EngineFailure[] = [];
  const elapsedMs = new Map<string, number>();
  let checkedCalls = 0;
  for (const engine of engines) {
    const started = performance.now();
    const target = await loadTarget({ label: engine.name, engine, component: { bytes: built.bytes } });
    const run = await runTarget(target, calls, options.timeoutMs);
    elapsedMs.set(engine.name, performance.now() - started);
    if (run.failure !== undefined && run.calls.every((report) => report.outcome.kind === 'not-run')) {
      failures.push({ engine: engine.name, reason: run.failure });
      continue;
    }
    run.calls.forEach((report, index) => {
      // A call not run (after an earlier one timed out) is neither checked nor a mismatch: the timeout is.
      if (report.outcome.kind === 'not-run') return;
      const check = plan[index];
      if (check === undefined) return;
      checkedCalls++;
      const base = { engine: engine.name, call: check.step, planned: index, ...(check.trap === true ? { trap: true } : { expected: check.expected }), outcome: report.outcome };
      if (!isExpected(check, report.outcome)) {
        mismatches.push(base);
        return;
      }
      const importCalls = wrongImportCalls(check, report);
      if (importCalls !== undefined) mismatches.push({ ...base, importCalls });
    });
  }
  return { built, plan, mismatches, failures, checkedCalls, elapsedMs };
}
