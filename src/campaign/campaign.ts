/**
 * A differential campaign on generated components: `count` cases drawn by
 * fast-check from `seed` (case-arbitrary.ts), each built into a component
 * (build-case.ts) and run on every engine, every call checked against the
 * truth (check-case.ts: an echo gives its argument back). The first failing
 * case of each engine and kind of failure is shrunk (shrink-case.ts), run
 * again on every engine to confirm it and to show who is right, and reported
 * with its minimal WIT, WAT and call (report.ts).
 */
import fc from 'fast-check';
import type { Engine, EngineOutcome } from '../engines/engine.js';
import { printCall } from '../wave/call.js';
import { printValue } from '../wave/print.js';
import { echoResultType, expectedResult, hostImportName, type BindingsCase } from './bindings-case.js';
import { caseArbitrary, type CaseOptions } from './case-arbitrary.js';
import { checkCase, failureKind, isEcho, type FailureKind, type Mismatch } from './check-case.js';
import type { BindingsCampaignReport, CampaignEngine, Finding, FindingOutcome, NotRunReason } from './report.js';
import { shrinkCase } from './shrink-case.js';

export interface CampaignOptions {
  readonly engines: readonly Engine[];
  readonly count: number;
  readonly seed: number;
  readonly generator?: CaseOptions;
  /** Longest one call may run on one engine. Default 10 000 ms. */
  readonly timeoutMs?: number;
  /** Shrink failures (default true); each shrink stops after `shrinkTimeMs` (default 60 000). */
  readonly shrink?: boolean;
  readonly shrinkTimeMs?: number;
  /** Most failures shrunk (default 10); the others are counted. */
  readonly maxShrinks?: number;
  readonly log?: (line: string) => void;
}

/** The cases of a campaign, as fast-check generates them for run numbers 0, 1, ...; see shrink-case.ts. */
export function campaignCases(arbitrary: fc.Arbitrary<BindingsCase>, seed: number, count: number): BindingsCase[] {
  // A property's values are tuples of its arbitraries: sampling the tuple draws exactly what fc.check draws.
  return fc.sample(fc.tuple(arbitrary), { seed, numRuns: count }).map(([testCase]) => testCase);
}

const FAILURE_WORDS: Readonly<Record<FailureKind, string>> = {
  return: 'wrong value',
  import: 'wrong import arguments',
  trap: 'trap',
  invalid: 'invalid value',
  timeout: 'timeout',
  'not-run': 'not run',
};

interface FailingCase {
  readonly index: number;
  readonly mismatch: Mismatch;
  /** Every engine that failed this way on the case; the shrink runs on the first. */
  readonly engines: readonly Engine[];
  count: number;
}

export async function runBindingsCampaign(options: CampaignOptions): Promise<BindingsCampaignReport> {
  const started = performance.now();
  const log = options.log ?? (() => undefined);
  const timeoutMs = options.timeoutMs ?? 10_000;
  const arbitrary = caseArbitrary(options.generator);
  const cases = campaignCases(arbitrary, options.seed, options.count);
  const elapsed = new Map<string, number>();
  const callsOn = new Map<string, number>();
  const notRunCases = new Map<string, number>();
  const notRun = new Map<string, NotRunReason>();
  const failing = new Map<string, FailingCase>();
  const components = new Set<string>();
  let calls = 0;
  for (const [index, testCase] of cases.entries()) {
    const check = await checkCase(testCase, options.engines, { timeoutMs });
    components.add(`${check.built.encoding}\n${check.built.wit}`);
    calls += testCase.calls.length;
    for (const [engine, ms] of check.elapsedMs) elapsed.set(engine, (elapsed.get(engine) ?? 0) + ms);
    for (const failure of check.failures) {
      notRunCases.set(failure.engine, (notRunCases.get(failure.engine) ?? 0) + 1);
      const key = `${failure.engine}\n${failure.reason}`;
      const seen = notRun.get(key);
      notRun.set(key, { engine: failure.engine, reason: failure.reason, cases: (seen?.cases ?? 0) + 1 });
    }
    for (const engine of options.engines) {
      if (!check.failures.some((failure) => failure.engine === engine.name)) callsOn.set(engine.name, (callsOn.get(engine.name) ?? 0) + testCase.calls.length);
    }
    // One failure per kind and set of engines failing that way: the same bug on six JS engines is one bug.
    const byKind = new Map<FailureKind, Mismatch[]>();
    for (const mismatch of check.mismatches) byKind.set(failureKind(mismatch), [...(byKind.get(failureKind(mismatch)) ?? []), mismatch]);
    for (const [kind, mismatches] of byKind) {
      const engines = options.engines.filter((engine) => mismatches.some((m) => m.engine === engine.name));
      const key = `${kind}\n${engines.map((engine) => engine.name).join(',')}`;
      const known = failing.get(key);
      if (known !== undefined) known.count++;
      else failing.set(key, { index, mismatch: mismatches[0] as Mismatch, engines, count: 1 });
    }
    if ((index + 1) % 10 === 0 || index + 1 === cases.length) log(`${index + 1}/${cases.length} cases, ${calls} calls, ${failing.size} kinds of failure`);
  }

  const maxShrinks = options.maxShrinks ?? 10;
  const toShrink = [...failing.values()].slice(0, options.shrink === false ? 0 : maxShrinks);
  const findings = new Map<string, Finding>();
  for (const failure of toShrink) {
    const engine = failure.engines[0] as Engine;
    log(`shrinking case ${failure.index} (${FAILURE_WORDS[failureKind(failure.mismatch)]} on ${failure.engines.map((e) => e.name).join(', ')}; shrinking on ${engine.name})`);
    const shrunk = await shrinkCase({
      arbitrary,
      seed: options.seed,
      index: failure.index,
      engine,
      kind: failureKind(failure.mismatch),
      timeoutMs,
      timeLimitMs: options.shrinkTimeMs ?? 60_000,
    });
    const testCase = shrunk?.testCase ?? (cases[failure.index] as BindingsCase);
    const call = shrunk?.mismatch.call ?? failure.mismatch.call;
    const finding = await describeFinding(testCase, call, failure, shrunk?.path ?? String(failure.index), options.engines, timeoutMs);
    const seen = findings.get(finding.signature);
    if (seen === undefined) findings.set(finding.signature, finding);
    else findings.set(finding.signature, { ...seen, occurrences: seen.occurrences + finding.occurrences });
  }
  const unshrunk = [...failing.values()].slice(toShrink.length).reduce((sum, f) => sum + f.count, 0);
  const engines: CampaignEngine[] = await Promise.all(
    options.engines.map(async (engine) => {
      const status = await engine.status();
      return {
        name: engine.name,
        version: status.available ? status.version : `missing (${status.reason})`,
        elapsedMs: Math.round(elapsed.get(engine.name) ?? 0),
        calls: callsOn.get(engine.name) ?? 0,
        casesNotRun: notRunCases.get(engine.name) ?? 0,
      };
    }),
  );
  return {
    seed: options.seed,
    cases: cases.length,
    components: components.size,
    calls,
    engines,
    notRun: [...notRun.values()],
    findings: [...findings.values()],
    unshrunk,
    elapsedMs: Math.round(performance.now() - started),
  };
}

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

/** The shrunk case run again on every engine: who is right, and whether the failure recurs. */
async function describeFinding(testCase: BindingsCase, callIndex: number, failure: FailingCase, path: string, engines: readonly Engine[], timeoutMs: number): Promise<Finding> {
  const check = await checkCase(testCase, engines, { timeoutMs });
  const call = testCase.calls[callIndex] as BindingsCase['calls'][number];
  const fn = testCase.functions[call.function] as BindingsCase['functions'][number];
  const resultType = echoResultType(fn);
  const outcomes: FindingOutcome[] = engines.map((engine) => {
    const notRun = check.failures.find((f) => f.engine === engine.name);
    if (notRun !== undefined) return { engine: engine.name, outcome: `could not run: ${notRun.reason}`, correct: false };
    const mismatch = check.mismatches.find((m) => m.engine === engine.name && m.call === callIndex);
    if (mismatch === undefined) return { engine: engine.name, outcome: printValue(expectedResult(fn, call.args), resultType), correct: true };
    if (mismatch.importCalls !== undefined) {
      const params = fn.params.map((type, i) => ({ name: `p${i}`, type }));
      const calls = mismatch.importCalls.map((args) => (args.length === params.length ? printCall(hostImportName(fn), params, args) : `${hostImportName(fn)} with ${args.length} argument(s)`));
      return { engine: engine.name, outcome: `returned right, but its import was called ${calls.length === 0 ? 'never' : calls.join('; ')}`, correct: false };
    }
    return { engine: engine.name, outcome: describeOutcome(mismatch.outcome, resultType), correct: isEcho(testCase, callIndex, mismatch.outcome) };
  });
  const kind = failureKind(failure.mismatch);
  const names = failure.engines.map((engine) => engine.name);
  const confirmed = names.every((name) => check.mismatches.some((m) => m.engine === name && m.call === callIndex && failureKind(m) === kind));
  const signatureWit = check.built.wit.split('\n').filter((line) => line.startsWith('  ')).join(' ').replace(/\s+/g, ' ');
  return {
    signature: `${names.join(',')} ${FAILURE_WORDS[kind]} ${testCase.encoding}:${signatureWit}`,
    engines: names,
    failure: FAILURE_WORDS[kind],
    caseIndex: failure.index,
    path,
    shrunk: testCase,
    wit: check.built.wit,
    wat: check.built.wat,
    stringEncoding: testCase.encoding,
    call: printCall(fn.name, fn.params.map((type, i) => ({ name: `p${i}`, type })), call.args),
    expected: printValue(expectedResult(fn, call.args), resultType),
    outcomes,
    confirmed,
    occurrences: failure.count,
  };
}
