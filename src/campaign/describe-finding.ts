/**
 * A shrunk failure run again on every engine and told as a finding: who is
 * right (the truth, known from the generator), each engine's outcome in
 * WAVE, whether the failure recurred on this fresh run, and the minimal
 * call as a trace whose outcomes are the truth.
 */
import { createHash } from 'node:crypto';
import type { Engine, EngineOutcome } from '../engines/engine.js';
import { TRACE_FORMAT_VERSION } from '../trace/model.js';
import { formatTrace } from '../trace/write.js';
import { TOOL_VERSION } from '../version.js';
import { printCall } from '../wave/call.js';
import { printValue } from '../wave/print.js';
import type { BindingsCase } from './bindings-case.js';
import type { PlannedCheck } from './case-plan.js';
import { checkCase, failureKind, isExpected, type FailureKind } from './check-case.js';
import type { Finding, FindingOutcome } from './report.js';

export const FAILURE_WORDS: Readonly<Record<FailureKind, string>> = {
  return: 'wrong value',
  import: 'wrong import arguments',
  trap: 'trap',
  invalid: 'invalid value',
  timeout: 'timeout',
  'not-run': 'not run',
};

function describeOutcome(outcome: EngineOutcome, type: Parameters<typeof printValue>[1]): string {
  switch (outcome.kind) {
    case 'return':
      return outcome.value === undefined ? 'returned nothing' : printValue(outcome.value, type);
    case 'trap':
      return `trap: ${outcome.message}`;
    case 'invalid':
      return `invalid value: ${outcome.message}`;
    case 'timeout':
      return `timeout after ${outcome.ms} ms`;
    case 'not-run':
      return `not run: ${outcome.reason}`;
  }
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
  const outcomes: FindingOutcome[] = engines.map((engine) => {
    const notRun = check.failures.find((f) => f.engine === engine.name);
    if (notRun !== undefined) return { engine: engine.name, outcome: `could not run: ${notRun.reason}`, correct: false };
    const mismatch = check.mismatches.find((m) => m.engine === engine.name && m.planned === plannedIndex);
    if (mismatch === undefined) return { engine: engine.name, outcome: printValue(planned.expected, planned.resultType), correct: true };
    if (mismatch.importCalls !== undefined) {
      const params = planned.importArgs?.params.map((type, i) => ({ name: `p${i}`, type })) ?? [];
      const host = planned.call.imports[0]?.name ?? 'its import';
      const calls = mismatch.importCalls.map((args) => (args.length === params.length ? printCall(host, params, args) : `${host} with ${args.length} argument(s)`));
      return { engine: engine.name, outcome: `returned right, but its import was called ${calls.length === 0 ? 'never' : calls.join('; ')}`, correct: false };
    }
    return { engine: engine.name, outcome: describeOutcome(mismatch.outcome, planned.resultType), correct: isExpected(planned, mismatch.outcome) };
  });
  const confirmed =
    target.kind === 'mismatch'
      ? names.every((name) => check.mismatches.some((m) => m.engine === name && m.call === step && failureKind(m) === target.failure))
      : names.every((name) => check.failures.some((f) => f.engine === name && f.reason === target.reason));
  const failure = target.kind === 'mismatch' ? FAILURE_WORDS[target.failure] : 'cannot run';
  const signatureWit = check.built.wit.split('\n').filter((line) => line.startsWith('  ')).join(' ').replace(/\s+/g, ' ');
  const printed = (p: PlannedCheck): string => printCall(p.call.name, p.call.function.function.params, p.call.args);
  const componentSha256 = createHash('sha256').update(check.built.bytes).digest('hex');
  // The minimal call as a trace whose outcomes are the truth: `replay` reproduces the failure, and passes once it is fixed.
  const trace = formatTrace({
    header: { version: TRACE_FORMAT_VERSION, world: 'root:component/root', component: `sha256:${componentSha256}`, componentPath: 'component.wasm', tool: TOOL_VERSION },
    calls: check.plan.filter((p) => p.step === step).map((p) => p.call),
  });
  return {
    signature: `${names.join(',')} ${failure} ${target.kind === 'cannot-run' ? target.reason : `${testCase.encoding}:${signatureWit}`}`,
    engines: names,
    failure,
    caseIndex: origin.index,
    path: origin.path,
    shrunk: testCase,
    wit: check.built.wit,
    wat: check.built.wat,
    componentSha256,
    trace,
    stringEncoding: testCase.encoding,
    calls: check.plan.filter((p) => p.step === step).map(printed),
    call: printed(planned),
    expected: printValue(planned.expected, planned.resultType),
    outcomes,
    confirmed,
    occurrences: origin.count,
  };
}
