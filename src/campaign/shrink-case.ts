/**
 * Shrinking a failing case with fast-check: the campaign's case number
 * `index` under `seed` is fast-check's run `index` (the campaign samples
 * cases the way `fc.check` generates them), so `fc.check` with
 * `path: index` starts from that very case and shrinks it, keeping each
 * smaller case on which the same engine still fails the same way (same kind
 * of outcome). Candidates run on that engine only.
 *
 * fast-check shrinks a case's functions apart from its values (the values
 * are drawn for the functions), so a last pass keeps the one failing call
 * and its function, then simplifies its types and values (simplify-case.ts).
 */
import fc from 'fast-check';
import type { Engine } from '../engines/engine.js';
import { misuseOf, type BindingsCase, type HandleMisuse } from './bindings-case.js';
import { checkCase, failureKind, type FailureKind, type Mismatch } from './check-case.js';
import { simplifyCase } from './simplify-case.js';

export interface ShrinkSetup {
  readonly arbitrary: fc.Arbitrary<BindingsCase>;
  readonly seed: number;
  /** The case's run number in the campaign. */
  readonly index: number;
  readonly engine: Engine;
  /** The kind of failure to keep (`return` of a wrong value, `trap`, `invalid`, `timeout`, `import` arguments). */
  readonly kind: FailureKind;
  readonly timeoutMs: number;
  /** Stop shrinking after this long, keeping the smallest case so far. */
  readonly timeLimitMs: number;
  /** For a failure of an `invalid-handle` call: the misuse to keep (each is its own finding). */
  readonly misuse?: HandleMisuse;
}

export interface ShrinkResult {
  readonly testCase: BindingsCase;
  /** The failing call of the shrunk case, on the shrinking engine. */
  readonly mismatch: Mismatch;
  /** fast-check's path from the seed to its shrunk case. */
  readonly path: string;
  /** Candidate cases run. */
  readonly tries: number;
}

/** The misuse of the `invalid-handle` function of call `index`, or undefined for a call of another kind. */
export function misuseAt(testCase: BindingsCase, index: number): HandleMisuse | undefined {
  const fn = testCase.functions[testCase.calls[index]?.function ?? -1];
  return fn?.kind === 'invalid-handle' ? misuseOf(fn) : undefined;
}

/** The case with only its call `index` and that call's function (renamed `f0`). */
export function singleCall(testCase: BindingsCase, index: number): BindingsCase {
  const call = testCase.calls[index];
  const fn = call === undefined ? undefined : testCase.functions[call.function];
  if (call === undefined || fn === undefined) return testCase;
  return { encoding: testCase.encoding, functions: [{ ...fn, name: 'f0' }], calls: [{ function: 0, args: call.args }] };
}

export async function shrinkCase(setup: ShrinkSetup): Promise<ShrinkResult | undefined> {
  const deadline = performance.now() + setup.timeLimitMs;
  let tries = 0;
  const failing = async (testCase: BindingsCase): Promise<Mismatch | undefined> => {
    tries++;
    const check = await checkCase(testCase, [setup.engine], { timeoutMs: setup.timeoutMs });
    return check.mismatches.find((mismatch) => failureKind(mismatch) === setup.kind && (setup.misuse === undefined || misuseAt(testCase, mismatch.call) === setup.misuse));
  };
  // The property holds unless the engine still fails the same way.
  const property = fc.asyncProperty(setup.arbitrary, async (testCase) => (await failing(testCase)) === undefined);
  const details = await fc.check(property, {
    seed: setup.seed,
    path: String(setup.index),
    numRuns: 1,
    interruptAfterTimeLimit: setup.timeLimitMs,
    markInterruptAsFailure: false,
  });
  if (!details.failed || details.counterexample === null) return undefined;
  let testCase = details.counterexample[0];
  let mismatch = await failing(testCase);
  if (mismatch === undefined) return undefined;
  const alone = singleCall(testCase, mismatch.call);
  const aloneMismatch = alone === testCase ? undefined : await failing(alone);
  if (aloneMismatch !== undefined) {
    testCase = alone;
    mismatch = aloneMismatch;
    const simplest = await simplifyCase(testCase, async (candidate) => (await failing(candidate)) !== undefined, deadline);
    const simplestMismatch = simplest === testCase ? undefined : await failing(simplest);
    if (simplestMismatch !== undefined) {
      testCase = simplest;
      mismatch = simplestMismatch;
    }
  }
  return { testCase, mismatch, path: details.counterexamplePath ?? String(setup.index), tries };
}
