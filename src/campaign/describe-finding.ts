/**
 * A shrunk failure run again on every engine and told as a finding: who is
 * right (the truth, known from the generator), each engine's outcome in
 * WAVE, whether the failure recurred on this fresh run, and the minimal
 * call as a trace whose outcomes are the truth.
 */
import { createHash } from 'node:crypto';
import { nonReturnText, type Engine, type EngineOutcome } from '../engines/engine.js';
import { TRACE_FORMAT_VERSION } from '../trace/model.js';
import { formatTrace } from '../trace/write.js';
import { TOOL_VERSION } from '../version.js';
import { printCall } from '../wave/call.js';
import { printValue } from '../wave/print.js';
import type { BindingsCase } from './bindings-case.js';
import type { PlannedCheck } from './case-plan.js';
import { checkCase, failureKind, isExpected, type FailureKind } from './check-case.js';
import type { Finding, FindingOutcome } from './report.js';
import { misuseAt } from './shrink-case.js';

export const FAILURE_WORDS: Readonly<Record<FailureKind, string>> = {
  return: 'wrong value',
  import: 'wrong import calls',
  'no-trap': 'no trap on an invalid handle',
  trap: 'trap',
  invalid: 'invalid value',
  timeout: 'timeout',
  'not-run': 'not run',
};

function describeOutcome(outcome: EngineOutcome, type: Parameters<typeof printValue>[1]): string {
  if (outcome.kind !== 'return') return nonReturnText(outcome);
  return outcome.value === undefined ? 'returned nothing' : printValue(outcome.value, type);
}

/** What a finding is about: a kind of mismatch on some engines, or engines that could not run the case, for one reason. */
export type FindingTarget =
  | { readonly kind: 'mismatch'; readonly failure: FailureKind; readonly engines: readonly string[] }
  | { readonly kind: 'cannot-run'; readonly reason: string; readonly engines: readonly string[] };

export interface FindingOrigin {
  readonly index: number;
  readonly path: string;
  readonly count: number;
}

/** The shrunk case run again on every engine: who is right, and whether the failure recurs. */
export async function describeFinding(testCase: BindingsCase, step: number, target: FindingTarget, origin: FindingOrigin, engines: readonly Engine[], timeoutMs: number): Promise<Finding> {
  const check = await checkCase(testCase, engines, { timeoutMs });
  const names = target.engines;
  const failed = target.kind === 'mismatch' ? check.mismatches.find((m) => m.call === step && names.includes(m.engine) && failureKind(m) === target.failure) : undefined;
  const plannedIndex = failed?.planned ?? check.plan.findIndex((planned) => planned.step === step);
  const planned = check.plan[plannedIndex] as PlannedCheck;
  const expected = planned.trap === true || planned.expected === undefined ? 'a trap' : printValue(planned.expected, planned.resultType);
  const outcomes: FindingOutcome[] = engines.map((engine) => {
    const notRun = check.failures.find((f) => f.engine === engine.name);
    if (notRun !== undefined) return { engine: engine.name, outcome: `could not run: ${notRun.reason}`, correct: false };
    const mismatch = check.mismatches.find((m) => m.engine === engine.name && m.planned === plannedIndex);
    if (mismatch === undefined) return { engine: engine.name, outcome: planned.trap === true ? 'trap' : expected, correct: true };
    if (mismatch.importCalls !== undefined) {
      const calls = mismatch.importCalls.map((made) => printCall(made.name, made.function.function.params, made.args));
      const wanted = planned.call.imports.map((made) => printCall(made.name, made.function.function.params, made.args));
      const right = planned.trap === true ? 'trapped' : 'returned right';
      return { engine: engine.name, outcome: `${right}, but its import calls were ${calls.length === 0 ? 'none' : calls.join('; ')} (planned: ${wanted.length === 0 ? 'none' : wanted.join('; ')})`, correct: false };
    }
    const said = describeOutcome(mismatch.outcome, planned.resultType);
    return { engine: engine.name, outcome: planned.trap === true && mismatch.outcome.kind === 'return' ? `returned ${said}, no trap` : said, correct: isExpected(planned, mismatch.outcome) };
  });
  const confirmed =
    target.kind === 'mismatch'
      ? names.every((name) => check.mismatches.some((m) => m.engine === name && m.call === step && failureKind(m) === target.failure))
      : names.every((name) => check.failures.some((f) => f.engine === name && f.reason === target.reason));
  // A call that must trap at an invalid handle but reached the host's method through it.
  const reached = target.kind === 'mismatch' && target.failure === 'import' && planned.trap === true;
  const failure = target.kind === 'mismatch' ? (reached ? 'invalid handle reaches the host' : FAILURE_WORDS[target.failure]) : 'cannot run';
  const signatureWit = check.built.wit.split('\n').filter((line) => line.startsWith('  ')).join(' ').replace(/\s+/g, ' ');
  const printed = (p: PlannedCheck): string => printCall(p.call.name, p.call.function.function.params, p.call.args);
  const misuse = misuseAt(testCase, step);
  const componentSha256 = createHash('sha256').update(check.built.bytes).digest('hex');
  // The minimal call as a trace whose outcomes are the truth: `replay` reproduces the failure, and passes once it is fixed.
  const trace = formatTrace({
    header: { version: TRACE_FORMAT_VERSION, world: 'root:component/root', component: `sha256:${componentSha256}`, componentPath: 'component.wasm', tool: TOOL_VERSION },
    calls: check.plan.filter((p) => p.step === step).map((p) => p.call),
  });
  return {
    // Misuses of one world differ in their core module only.
    signature: `${names.join(',')} ${failure} ${target.kind === 'cannot-run' ? target.reason : `${testCase.encoding}:${signatureWit}`}${misuse === undefined ? '' : ` (${misuse})`}`,
    engines: names,
    failure,
    caseIndex: origin.index,
    path: origin.path,
    shrunk: testCase,
    wit: check.built.wit,
    wat: check.built.wat,
    ...(check.built.providerWat === undefined ? {} : { providerWat: check.built.providerWat }),
    componentSha256,
    trace,
    stringEncoding: testCase.encoding,
    calls: check.plan.filter((p) => p.step === step).map(printed),
    call: printed(planned),
    expected,
    outcomes,
    confirmed,
    occurrences: origin.count,
  };
}
