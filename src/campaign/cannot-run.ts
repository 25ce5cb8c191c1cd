/**
 * An engine that cannot run a generated component another engine runs
 * right: a bug in that engine's bindings (jco-transpile 0.7.0 writes glue
 * that calls an undefined `_lowerFlatVariant` for an imported function
 * returning an enum), unless it is a documented refusal of a feature the
 * engine does not support, listed here with why. Such a failure is shrunk
 * like a wrong value: to the case alone, one function with one call, then
 * greedily (simplify-case.ts), keeping each candidate on which the engine
 * still fails with the same reason.
 */
import type { Engine } from '../engines/engine.js';
import type { BindingsCase } from './bindings-case.js';
import { checkCase } from './check-case.js';
import { simplifyCase } from './simplify-case.js';

/** Refusals that are no finding: the engine says it does not support what the component uses. */
export const KNOWN_REFUSALS: readonly { readonly pattern: RegExp; readonly why: string }[] = [
  {
    pattern: /assertion failed: matches!\(self\.encoding, StringEncoding::UTF8 \| StringEncoding::UTF16\)/,
    why: 'js-component-bindgen lifts and lowers strings in utf8 and utf16 only, not latin1+utf16 (known upstream: wit-bindgen#392)',
  },
  {
    pattern: /not implemented: utf16 copier/,
    why: 'js-component-bindgen does not implement copying utf16 strings between two components composed together (its fused adapter says so)',
  },
];

/** Why this reason is a known refusal, or undefined. */
export function knownRefusal(reason: string): string | undefined {
  return KNOWN_REFUSALS.find((refusal) => refusal.pattern.test(reason))?.why;
}

/** True when `engine` cannot run `testCase` for exactly `reason`. */
export async function cannotRun(testCase: BindingsCase, engine: Engine, reason: string, timeoutMs: number): Promise<boolean> {
  const check = await checkCase(testCase, [engine], { timeoutMs });
  return check.failures.some((failure) => failure.reason === reason);
}

/** The smallest case found on which `engine` still cannot run for `reason`; `testCase` must be one. */
export async function shrinkCannotRun(testCase: BindingsCase, engine: Engine, reason: string, timeoutMs: number, deadline: number): Promise<BindingsCase> {
  const fails = (candidate: BindingsCase): Promise<boolean> => cannotRun(candidate, engine, reason, timeoutMs);
  let current = testCase;
  for (const [index, fn] of testCase.functions.entries()) {
    const call = testCase.calls.find((c) => c.function === index);
    if (call === undefined) continue;
    const alone: BindingsCase = { encoding: testCase.encoding, functions: [{ ...fn, name: 'f0' }], calls: [{ function: 0, args: call.args }] };
    if (await fails(alone)) {
      current = alone;
      break;
    }
  }
  if (current.functions.length !== 1) return current;
  return simplifyCase(current, fails, deadline);
}
