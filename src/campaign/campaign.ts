/**
 * A differential campaign on generated components: `count` cases drawn by
 * fast-check from `seed` (case-arbitrary.ts), each built into a component
 * (build-case.ts; batches of cases as one component on the engines that pay
 * much per component, batch.ts) and run on every engine, every call checked
 * against the truth (case-plan.ts, check-case.ts). The first failing case of
 * each set of engines and kind of failure is shrunk (shrink-case.ts), and so
 * is a case an engine cannot run while another runs it (cannot-run.ts); each
 * is run again on every engine to confirm it and to show who is right
 * (describe-finding.ts), and reported with its minimal WIT, WAT and call
 * (report.ts, finding-files.ts).
 */
import fc from 'fast-check';
import type { Engine } from '../engines/engine.js';
import { transpiler } from '../engines/jco/transpiler.js';
import { packageVersion } from '../util/package-version.js';
import { TOOL_VERSION } from '../version.js';
import type { BindingsCase } from './bindings-case.js';
import { caseArbitrary, type CaseOptions } from './case-arbitrary.js';
import { batchesOf, mergeCases } from './batch.js';
import { cannotRun, knownRefusal, shrinkCannotRun } from './cannot-run.js';
import { checkCase, failureKind, type CaseCheck, type EngineFailure, type Mismatch } from './check-case.js';
import { describeFinding, FAILURE_WORDS, type FindingTarget } from './describe-finding.js';
import type { BindingsCampaignReport, CampaignEngine, Finding, NotRunReason } from './report.js';
import { misuseAt, shrinkCase } from './shrink-case.js';

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
  /** Cases run as one component (batch.ts) on the `batchEngines`. Default 16. */
  readonly batchSize?: number;
  /**
   * Engines that run batches of cases as one component: those whose cost per
   * component is high (wasmtime composes and compiles each). The others run
   * each case as a component by itself, so that what one case's component
   * holds cannot hide another's bug (jco-transpile 0.7.0's missing
   * `_lowerFlatVariant` shows only in a component where no other function
   * brings the helper in). Default `['wasmtime']`.
   */
  readonly batchEngines?: readonly string[];
  readonly log?: (line: string) => void;
}

export const DEFAULT_BATCH_SIZE = 16;
export const DEFAULT_BATCH_ENGINES: readonly string[] = ['wasmtime'];

/** The cases of a campaign, as fast-check generates them for run numbers 0, 1, ...; see shrink-case.ts. */
export function campaignCases(arbitrary: fc.Arbitrary<BindingsCase>, seed: number, count: number): BindingsCase[] {
  // A property's values are tuples of its arbitraries: sampling the tuple draws exactly what fc.check draws.
  return fc.sample(fc.tuple(arbitrary), { seed, numRuns: count }).map(([testCase]) => testCase);
}


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
  const unrunnable = new Map<string, { engines: string[]; batch: ReturnType<typeof batchesOf>[number]; last: ReturnType<typeof batchesOf>[number]; count: number }>();
  let calls = 0;
  let batchOnly = 0;
  let done = 0;
  const addElapsed = (check: CaseCheck): void => {
    for (const [engine, ms] of check.elapsedMs) elapsed.set(engine, (elapsed.get(engine) ?? 0) + ms);
  };
  /** The outcome of one case: its own mismatches and the engines that could not run it. */
  const record = (index: number, testCase: BindingsCase, mismatches: readonly Mismatch[], failures: readonly EngineFailure[], plannedCalls: number): void => {
    calls += plannedCalls;
    for (const failure of failures) {
      notRunCases.set(failure.engine, (notRunCases.get(failure.engine) ?? 0) + 1);
      const key = `${failure.engine}\n${failure.reason}`;
      const seen = notRun.get(key);
      notRun.set(key, { engine: failure.engine, reason: failure.reason, cases: (seen?.cases ?? 0) + 1 });
    }
    for (const engine of options.engines) {
      if (!failures.some((failure) => failure.engine === engine.name)) callsOn.set(engine.name, (callsOn.get(engine.name) ?? 0) + plannedCalls);
    }
    // One failure per kind, set of engines failing that way and shape of handle misuse: the same bug on six JS engines is one bug.
    const byKind = new Map<string, Mismatch[]>();
    for (const mismatch of mismatches) {
      const misuse = misuseAt(testCase, mismatch.call);
      const key = `${failureKind(mismatch)}${misuse === undefined ? '' : `\n${misuse}`}`;
      byKind.set(key, [...(byKind.get(key) ?? []), mismatch]);
    }
    for (const [shapeKey, found] of byKind) {
      const engines = options.engines.filter((engine) => found.some((m) => m.engine === engine.name));
      const key = `${shapeKey}\n${engines.map((engine) => engine.name).join(',')}`;
      const known = failing.get(key);
      if (known !== undefined) known.count++;
      else failing.set(key, { index, mismatch: found[0] as Mismatch, engines, count: 1 });
    }
  };
  const batchNames = options.batchEngines ?? DEFAULT_BATCH_ENGINES;
  const batched = options.engines.filter((engine) => batchNames.includes(engine.name));
  const solo = options.engines.filter((engine) => !batched.includes(engine));
  type Group = ReturnType<typeof batchesOf>[number];
  /** An engine that cannot run what another engine ran: a finding, unless it is a documented refusal. */
  const noteUnrunnable = (failures: readonly EngineFailure[], group: Group): void => {
    for (const failure of failures) {
      if (knownRefusal(failure.reason) !== undefined) continue;
      const seen = unrunnable.get(failure.reason);
      if (seen === undefined) {
        unrunnable.set(failure.reason, { engines: [failure.engine], batch: group, last: group, count: group.cases.length });
      } else {
        if (seen.batch === group && !seen.engines.includes(failure.engine)) seen.engines.push(failure.engine);
        // Counted once per group of cases, however many engines fail on it.
        if (seen.last !== group) seen.count += group.cases.length;
        seen.last = group;
      }
    }
  };
  for (const batch of batchesOf(cases, options.batchSize ?? DEFAULT_BATCH_SIZE)) {
    const { merged, origins } = mergeCases(batch.cases);
    const together = batched.length === 0 ? undefined : await checkCase(merged, batched, { timeoutMs });
    if (together !== undefined) {
      components.add(`${together.built.encoding}\n${together.built.wit}`);
      addElapsed(together);
      if (together.failures.length < options.engines.length) noteUnrunnable(together.failures, batch);
    }
    for (const [member, testCase] of batch.cases.entries()) {
      const index = batch.indices[member] as number;
      const single = solo.length === 0 ? undefined : await checkCase(testCase, solo, { timeoutMs });
      if (single !== undefined) {
        components.add(`${single.built.encoding}\n${single.built.wit}`);
        addElapsed(single);
        const failures = [...single.failures, ...(together?.failures ?? [])];
        if (failures.length < options.engines.length) noteUnrunnable(single.failures, { indices: [index], cases: [testCase] });
      }
      const own = [...(together?.mismatches.filter((m) => origins[m.call]?.member === member) ?? []), ...(single?.mismatches ?? [])];
      const failures = [...(together?.failures ?? []), ...(single?.failures ?? [])];
      const plannedCalls = single?.plan.length ?? together?.plan.filter((planned) => origins[planned.step]?.member === member).length ?? 0;
      if (own.length === 0) {
        record(index, testCase, [], failures, plannedCalls);
        continue;
      }
      // Checked again alone on every engine, so that what is counted, shrunk and reported is the case by itself.
      const alone = await checkCase(testCase, options.engines, { timeoutMs });
      addElapsed(alone);
      if (alone.mismatches.length === 0) {
        batchOnly++;
        log(`case ${index} failed in its batch but not alone (${own.map((m) => m.engine).join(', ')})`);
      }
      record(index, testCase, alone.mismatches, alone.failures, alone.plan.length);
    }
    done += batch.cases.length;
    log(`${done}/${cases.length} cases, ${calls} calls, ${failing.size} kinds of failure`);
  }

  const maxShrinks = options.maxShrinks ?? 10;
  const toShrink = [...failing.values()].slice(0, options.shrink === false ? 0 : maxShrinks);
  const findings = new Map<string, Finding>();
  for (const failure of toShrink) {
    const engine = failure.engines[0] as Engine;
    log(`shrinking case ${failure.index} (${FAILURE_WORDS[failureKind(failure.mismatch)]} on ${failure.engines.map((e) => e.name).join(', ')}; shrinking on ${engine.name})`);
    const misuse = misuseAt(cases[failure.index] as BindingsCase, failure.mismatch.call);
    const shrunk = await shrinkCase({
      arbitrary,
      seed: options.seed,
      index: failure.index,
      engine,
      kind: failureKind(failure.mismatch),
      ...(misuse === undefined ? {} : { misuse }),
      timeoutMs,
      timeLimitMs: options.shrinkTimeMs ?? 60_000,
    });
    const testCase = shrunk?.testCase ?? (cases[failure.index] as BindingsCase);
    const call = shrunk?.mismatch.call ?? failure.mismatch.call;
    const target: FindingTarget = { kind: 'mismatch', failure: failureKind(failure.mismatch), engines: failure.engines.map((e) => e.name) };
    const finding = await describeFinding(testCase, call, target, { index: failure.index, path: shrunk?.path ?? String(failure.index), count: failure.count }, options.engines, timeoutMs);
    const seen = findings.get(finding.signature);
    if (seen === undefined) findings.set(finding.signature, finding);
    else findings.set(finding.signature, { ...seen, occurrences: seen.occurrences + finding.occurrences });
  }
  for (const [reason, seen] of options.shrink === false ? [] : unrunnable) {
    const engine = options.engines.find((candidate) => candidate.name === seen.engines[0]) as Engine;
    log(`shrinking a case ${engine.name} cannot run (${reason})`);
    const deadline = performance.now() + (options.shrinkTimeMs ?? 60_000);
    let member = -1;
    for (const [i, testCase] of seen.batch.cases.entries()) {
      if (await cannotRun(testCase, engine, reason, timeoutMs)) {
        member = i;
        break;
      }
    }
    if (member < 0) {
      log(`${engine.name} could not run a batch, but each of its cases alone (${reason})`);
      continue;
    }
    const index = seen.batch.indices[member] as number;
    const testCase = await shrinkCannotRun(seen.batch.cases[member] as BindingsCase, engine, reason, timeoutMs, deadline);
    const finding = await describeFinding(testCase, 0, { kind: 'cannot-run', reason, engines: seen.engines }, { index, path: String(index), count: seen.count }, options.engines, timeoutMs);
    // Engines word the same failure differently (`ReferenceError: x is not defined`, `Can't find variable: x`): one finding per minimal component.
    const same = [...findings.entries()].find(([, known]) => known.failure === finding.failure && known.componentSha256 === finding.componentSha256);
    if (same === undefined) findings.set(finding.signature, finding);
    else findings.set(same[0], { ...same[1], engines: [...same[1].engines, ...finding.engines], confirmed: same[1].confirmed && finding.confirmed, occurrences: Math.max(same[1].occurrences, finding.occurrences) });
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
  const versions: Record<string, string> = {
    'proxy-component': TOOL_VERSION,
    '@bytecodealliance/jco-transpile': transpiler().version,
    '@bytecodealliance/preview2-shim': packageVersion('@bytecodealliance/preview2-shim'),
    'node (this process)': process.versions.node,
    ...Object.fromEntries(engines.map((engine) => [engine.name, engine.version])),
  };
  return {
    seed: options.seed,
    versions,
    cases: cases.length,
    components: components.size,
    calls,
    engines,
    notRun: [...notRun.values()],
    findings: [...findings.values()],
    unshrunk,
    batchOnly,
    elapsedMs: Math.round(performance.now() - started),
  };
}
