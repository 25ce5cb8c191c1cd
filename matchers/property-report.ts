/**
 * A property failure as the property matchers, the property-test helper and
 * the reporters show it: the seed and fast-check path that found it, and the
 * shrunk counterexample as the calls of a trace (WAVE export calls with the
 * import calls they made and the answers those got), then how to replay it.
 *
 * ```text
 * ✗ limits.wasm: property no-trap failed: `divide` trapped: wasm trap: integer divide by zero
 *   seed 42, path 3:0:1 (failed at run 4, shrunk in 12 steps)
 *   counterexample (1 call):
 *     export divide(0)
 *       import test:fuzz/env.get-limit@0.1.0() -> 0
 *       # observed: trap "wasm trap: integer divide by zero"
 *     expect well-typed no-trap
 *   replay: { seed: 42, path: "3:0:1" }
 *   saved corpus/divide-no-trap-8de949ce9632b94e.trace (replay: await expect('limits.wasm').toReplayTrace('corpus/divide-no-trap-8de949ce9632b94e.trace'))
 * ```
 *
 * Plain JSON, so that it crosses threads, Jest's worker processes and
 * Vitest's task meta unchanged.
 */
import { Chalk } from 'chalk';
import { HEADER_PREFIX } from '../src/trace/write.js';
import { vitestTestCommand } from '../src/util/test-command.js';

export interface FuzzCounterexample {
  /** Where it comes from: a property matcher's fuzz campaign, or a `componentTest(...).prop` test. */
  readonly kind: 'campaign' | 'prop';
  /** The component as the test names it. */
  readonly component: string;
  /** The property that failed (for `prop` tests: the test's name). */
  readonly property: string;
  /** Why, in one sentence. */
  readonly reason: string;
  readonly seed: number;
  /** fast-check's path of the shrunk counterexample. */
  readonly path: string;
  /** Runs tried up to and including the first failing one. */
  readonly runs: number;
  readonly shrinks?: number;
  /** The shrunk run, as trace lines (no header). */
  readonly calls: readonly string[];
  /** Export calls in the shrunk run. */
  readonly callCount: number;
  /** The other generated values of a `prop` test, as fast-check prints them. */
  readonly values?: string;
  /** Set when Vitest ran sharded: the seed is derived from `baseSeed` and the shard (see shardSeed). */
  readonly shard?: { readonly index: number; readonly count: number; readonly baseSeed: number };
  /** The corpus trace holding it, as the test names it. */
  readonly saved?: { readonly file: string; readonly duplicate: boolean };
  /**
   * Set when the properties were given inline: the test that defines them (the file as the
   * working directory sees it, the test's name), which replays the saved trace (see property-corpus.ts).
   */
  readonly inline?: { readonly testFile: string; readonly testName?: string };
  /** True when the failing call did not return in time. */
  readonly timedOut?: boolean;
}

/** The trace lines of a saved-failure trace, without its header. */
export function traceCallLines(traceText: string): string[] {
  const lines = traceText.trimEnd().split('\n');
  return lines[0]?.startsWith(HEADER_PREFIX) === true ? lines.slice(1) : lines;
}

export function renderCounterexample(counterexample: FuzzCounterexample, options: { readonly color?: boolean } = {}): string {
  const c = new Chalk({ level: options.color === true ? 1 : 0 });
  const { seed, path, runs, shrinks, callCount } = counterexample;
  // A prop test's property is its name, quoted; a campaign's, a kebab-case property name.
  const property = counterexample.kind === 'prop' ? JSON.stringify(counterexample.property) : counterexample.property;
  const lines = [c.red(`✗ ${counterexample.component}: property ${property} failed: ${counterexample.reason}`)];
  const steps = shrinks === undefined ? '' : `, shrunk in ${shrinks} step${shrinks === 1 ? '' : 's'}`;
  const shard = counterexample.shard === undefined ? '' : `; shard ${counterexample.shard.index}/${counterexample.shard.count} of base seed ${counterexample.shard.baseSeed}`;
  lines.push(`  seed ${c.bold(String(seed))}, path ${c.bold(path)} (failed at run ${runs}${steps}${shard})`);
  if (counterexample.values !== undefined) lines.push(`  values: ${counterexample.values}`);
  lines.push(`  counterexample (${callCount} call${callCount === 1 ? '' : 's'}):`);
  lines.push(...counterexample.calls.map((line) => `    ${c.cyan(line)}`));
  lines.push(`  ${replayLine(counterexample)}`);
  const { saved } = counterexample;
  if (saved !== undefined) {
    // The trace names where its properties are defined: a module's are found with no option; inline ones replay in their test.
    const { inline } = counterexample;
    const replay =
      inline === undefined
        ? `replay: await expect(${quote(counterexample.component)}).toReplayTrace(${quote(saved.file)})`
        : `replayed by this test before it fuzzes, while the bug is there: ${vitestTestCommand(inline.testFile, inline.testName)}`;
    lines.push(`  ${saved.duplicate ? 'already in the corpus:' : 'saved'} ${saved.file} (${replay})`);
  }
  return lines.join('\n');
}

function replayLine({ kind, seed, path }: FuzzCounterexample): string {
  if (kind === 'prop') return `replay: { seed: ${seed}, path: ${JSON.stringify(path)}, endOnFailure: true }`;
  // The campaign options `{ seed, path }` start at this counterexample (with the same other options).
  return `replay: { seed: ${seed}, path: ${JSON.stringify(path)} }`;
}

function quote(text: string): string {
  return `'${text.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
}

/** A FuzzCounterexample, if `value` is one (reporters read it from task meta or a Jest matcher result). */
export function asCounterexample(value: unknown): FuzzCounterexample | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const candidate = value as Partial<FuzzCounterexample>;
  const ok = typeof candidate.property === 'string' && typeof candidate.seed === 'number' && typeof candidate.path === 'string' && Array.isArray(candidate.calls);
  return ok ? (value as FuzzCounterexample) : undefined;
}
