/**
 * The tests a readable trace becomes, whatever the framework: one per export
 * call, named after the call, or, with `engines`, one per engine and call,
 * named after the call and the engine (`add(1, 2) [node]`: reporters that
 * show test names without their groups still say which engine failed), all
 * of one engine, then all of the next. Every adapter (the Vitest plugin's generated module,
 * the Vitest runner, the Jest preset's generated module, the Jest runner)
 * registers exactly this list, in this order, and judges test `i` with
 * `traceFailures(spec, outcome)[i]` (run.ts).
 */
import type { TraceTestSettings } from './options.js';
import type { CallsPlan, PlannedCall, ReplayedBy } from './plan.js';

/** One trace to run as tests: plain JSON (it is written into generated modules and crosses threads). */
export interface TraceRunSpec {
  /** Absolute path of the trace. */
  readonly file: string;
  /** The trace as messages name it (relative to the project root). */
  readonly displayFile: string;
  /** Absolute path of the component. */
  readonly component: string;
  readonly calls: readonly PlannedCall[];
  readonly settings: TraceTestSettings;
  /** Set for a saved failure of inline properties: its tests are skipped, the test that defines the properties replays it. */
  readonly replayedBy?: ReplayedBy;
}

export interface TraceTest {
  readonly name: string;
  /** Index of its export call in the trace. */
  readonly call: number;
  /** The engine it runs on, with `engines`. */
  readonly engine?: string;
}

/** Name of the one test of a trace that cannot be read. */
export const UNREADABLE_TEST_NAME = 'reads the trace';

/** Time a test is allowed beyond the per-call limits: loading (and on first use transpiling) the component. */
const LOAD_ALLOWANCE_MS = 60_000;

export function traceRunSpec(plan: CallsPlan, settings: TraceTestSettings): TraceRunSpec {
  return { file: plan.file, displayFile: plan.displayFile, component: plan.component, calls: plan.calls, settings, ...(plan.replayedBy === undefined ? {} : { replayedBy: plan.replayedBy }) };
}

/** Why the tests of a saved failure of inline properties are skipped: where it replays instead. */
export function replayedElsewhere(replayedBy: ReplayedBy): string {
  const test = replayedBy.testName === undefined ? replayedBy.test : `${replayedBy.test} (${JSON.stringify(replayedBy.testName)})`;
  return `replayed by ${test}, which defines its properties inline`;
}

/** The tests, in registration order. */
export function suiteTests(spec: Pick<TraceRunSpec, 'calls' | 'settings'>): TraceTest[] {
  const calls = spec.calls.map((call, index) => ({ name: call.name, call: index }));
  const engines = spec.settings.engines;
  if (engines === undefined || engines.length === 0) return calls;
  return engines.flatMap((engine) => calls.map((test) => ({ name: `${test.name} [${engine}]`, call: test.call, engine })));
}

/**
 * How long each test may take: it may wait for the whole run of the trace (loading plus every
 * call's limit, on every engine); 0 when calls have no limit.
 */
export function testTimeout(spec: Pick<TraceRunSpec, 'calls' | 'settings'>): number {
  const perCall = spec.settings.timeoutMs;
  if (perCall <= 0) return 0;
  return (LOAD_ALLOWANCE_MS + perCall * spec.calls.length) * Math.max(1, spec.settings.engines?.length ?? 1);
}
