/**
 * One fuzz run: a fresh instance of the component (transpiled and compiled
 * once, instantiated anew, see instance.ts), the planned export calls made in
 * order with their handles resolved (a call no handle can be given for yet is
 * left out), every import answered by the fuzzing host, and the properties
 * checked after each call; the first failure ends the run.
 */
import { UnanswerableImport, cachedCallName } from '../host/fuzz-host.js';
import type { ImportCall } from '../trace/model.js';
import type { Value } from '../values/value.js';
import type { WorldFunction } from '../wit/world.js';
import { FuzzInstance, type FuzzTarget } from './instance.js';
import type { AnswerTape } from './answer-tape.js';
import type { PlannedCall } from './plan.js';
import { checkCall, type CallRecord, type CallResult, type FuzzProperty, type PropertyFailure } from './property.js';

export { fuzzTarget, type FuzzTarget } from './instance.js';

/** Told of what a run does, as it does it (watchdogs, coverage, capturing a run that may never end). */
export interface RunHooks {
  /** Before the run's instance starts (its start functions run then), and once it has. */
  readonly beforeStart?: () => void;
  readonly afterStart?: () => void;
  /** Before export call `index` of the run (calls skipped for want of a handle do not count). */
  readonly beforeCall?: (index: number, fn: WorldFunction, args: readonly Value[]) => void;
  readonly afterCall?: (index: number, result: CallResult) => void;
  readonly onImport?: (call: ImportCall) => void;
  /** Each generated import answer. */
  readonly onAnswer?: (fn: WorldFunction, value: Value) => void;
}

export interface RunOptions {
  readonly properties: readonly FuzzProperty[];
  /** The answers of imports made outside export calls (while starting); each planned call has its own tape. */
  readonly outside: AnswerTape;
  readonly hooks?: RunHooks;
  /** A call known not to return (a watchdog stopped it before): not made, reported as this trap. */
  readonly hangAt?: { readonly index: number; readonly message: string };
}

export interface RunResult {
  /** The calls made, up to and including the failing one. */
  readonly calls: readonly CallRecord[];
  readonly failure?: PropertyFailure;
  /** Set when an import answer could not be given (a handle the host cannot give): the run proves nothing. */
  readonly discarded?: string;
  /** Planned calls left out because no handle could be given for an argument. */
  readonly skipped: number;
  /** The import calls the component made while starting. */
  readonly startCalls: readonly ImportCall[];
}

/** Runs a plan on a fresh instance; throws COMPONENT_START when the component cannot start. */
export async function executeRun(target: FuzzTarget, plan: readonly PlannedCall[], options: RunOptions): Promise<RunResult> {
  const hooks = options.hooks ?? {};
  hooks.beforeStart?.();
  const instance = await FuzzInstance.start(target, options.outside.answer, hooks);
  hooks.afterStart?.();
  const { startCalls } = instance;
  const calls: CallRecord[] = [];
  let skipped = 0;
  for (const planned of plan) {
    const fn = planned.function;
    const resolved = instance.resolve(fn, planned.args);
    if (!('args' in resolved)) {
      skipped++;
      continue;
    }
    const { args } = resolved;
    const index = calls.length;
    let result: CallResult;
    let imports: ImportCall[] = [];
    if (options.hangAt !== undefined && options.hangAt.index === index) {
      result = { kind: 'trap', message: options.hangAt.message };
    } else {
      hooks.beforeCall?.(index, fn, args);
      const made = instance.call(fn, args, planned.answers.answer);
      if (made.error instanceof UnanswerableImport) return { calls, discarded: made.error.message, skipped, startCalls };
      result = made.result;
      imports = made.imports;
      hooks.afterCall?.(index, result);
    }
    const record: CallRecord = { index, name: cachedCallName(fn), function: fn, args, imports, result };
    const checked = checkCall(options.properties, { call: record, history: calls });
    const failure = checked instanceof Promise ? await checked : checked;
    calls.push(record);
    if (failure !== undefined) return { calls, failure, skipped, startCalls };
  }
  return { calls, skipped, startCalls };
}

/** The run failed: its tapes shrink from the answers they served in it (answer-tape.ts). */
export function commitAnswers(plan: readonly PlannedCall[], outside: AnswerTape): void {
  outside.commit();
  for (const planned of plan) planned.answers.commit();
}
