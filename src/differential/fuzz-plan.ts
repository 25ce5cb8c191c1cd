/**
 * Generated plans for `diff --fuzz` and `toAgreeAcrossEngines({ fuzz })`:
 * export calls with generated arguments and import answers, seeded so that
 * a plan can be made again.
 *
 * A plan is made the way a fuzz run is made (src/fuzz/): the same call
 * arbitrary (handles as picks), the same fuzzing host, the same handle model
 * (host/fuzz-handles.ts), on one jco instance of the component. Each call's
 * handles are resolved against the handles live at that moment, so a plan
 * passes only handles that exist: handles of the component's resources that
 * earlier calls returned, handles of the host's resources the host made, and
 * an `own` handle at most once. What the instance did becomes the plan: each
 * call with its resolved arguments and the answers its import calls got, in
 * order, which every engine then gets (a trace's calls are plans the same
 * way). Calls whose handles cannot be given yet are not planned; an import
 * the host could not answer is planned as a host failure, as it happened.
 *
 * The planning instance runs in a worker thread (plan-worker-main.ts), watched
 * like the engines (util/watchdog.ts): a call that does not return within the
 * time limit ends the plan there (the engines then meet the same call), a
 * start that does not end is a COMPONENT_START error; neither can hang the
 * check.
 */
import fc from 'fast-check';
import { DEFAULT_ENGINE_TIMEOUT_MS, type PlannedCall } from '../engines/engine.js';
import type { JcoComponent } from '../engines/jco/load.js';
import { functionsByKey, planFromWire, type WireAnswer, type WireCall } from '../engines/plan-wire.js';
import { ProxyComponentError } from '../errors.js';
import type { ImportCall } from '../trace/model.js';
import { START, startTimeoutReason, Watchdog } from '../util/watchdog.js';
import { errorFromWorker, SerialWorker, workerScript, type WorkerFailure } from '../util/worker-thread.js';
import { decodeComponentWorld } from '../wit/binary/decode.js';
import type { ValueArbitraryOptions } from '../fuzz/arbitrary.js';
import { FuzzInstance, fuzzTarget } from '../fuzz/instance.js';
import type { AnswerTape } from '../fuzz/answer-tape.js';
import { answerTapes, callArbitrary, fuzzableExports, type PlannedCall as FuzzCall } from '../fuzz/plan.js';
import { cachedCallName } from '../host/fuzz-host.js';

export interface FuzzPlanOptions {
  /** Export calls in the plan. */
  readonly count: number;
  readonly seed: number;
  /** Sizes of generated values. Default: lists of at most 8 elements. */
  readonly values?: Omit<ValueArbitraryOptions, 'handle'>;
  /** How messages name the component. */
  readonly componentName?: string;
  /** Longest one planned call may run, in milliseconds; the plan ends with a call that runs longer. Default 10 000. */
  readonly timeoutMs?: number;
}

/** Told of the plan as it is made: each call before it runs (arguments resolved), each import call it makes, and its end. */
export interface PlanHooks {
  /** Before the planning instance starts (its start functions run then). */
  readonly onStart?: () => void;
  readonly onCall?: (call: PlannedCall) => void;
  readonly onImport?: (call: ImportCall) => void;
  readonly onMade?: (call: PlannedCall) => void;
}

/** Most planned calls drawn per call made (the others need handles nothing has made yet). */
const MAX_DRAWS_PER_CALL = 100;

/** `count` export calls, with the answers of their imports, made on the component (its bytes) in a watched worker thread. */
export async function fuzzPlan(bytes: Uint8Array, options: FuzzPlanOptions): Promise<PlannedCall[]> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_ENGINE_TIMEOUT_MS;
  const { timeoutMs: _limit, ...inWorker } = options;
  let current: { call: WireCall; imports: WireAnswer[] } | undefined;
  let watchdog: Watchdog | undefined;
  const made: WireCall[] = [];
  const wire = await planWorker().request<WireCall[]>((id): PlanRequest => ({ type: 'plan', id, bytes, options: inWorker }), {
    onSent(settle, stop) {
      watchdog = new Watchdog(timeoutMs, (step) => {
        stop();
        if (step === START) {
          settle.reject(new ProxyComponentError('COMPONENT_START', `${options.componentName ?? 'the component'} ${startTimeoutReason(timeoutMs)}`));
          return;
        }
        // The call that did not return ends the plan, with the answers its imports got so far.
        if (current !== undefined) made.push({ ...current.call, imports: current.imports });
        settle.resolve(made);
      });
    },
    onMessage(message, settle) {
      switch (message.type) {
        case 'start':
          watchdog?.enter(START);
          return;
        case 'call':
          current = { call: message.call, imports: [] };
          watchdog?.enter(made.length);
          return;
        case 'import':
          current?.imports.push(message.answer);
          return;
        case 'made':
          watchdog?.leave();
          if (current !== undefined) made.push({ ...current.call, imports: current.imports });
          current = undefined;
          return;
        case 'done':
          settle.resolve(made);
          return;
        case 'error':
          settle.reject(errorFromWorker(message, 'fuzz plan'));
      }
    },
    onSettled: () => watchdog?.stop(),
  });
  return planFromWire(wire, functionsByKey(decodeComponentWorld(bytes)));
}

/** Messages between the planning worker and this thread (plain data). */
export interface PlanRequest {
  readonly type: 'plan';
  readonly id: number;
  readonly bytes: Uint8Array;
  readonly options: Omit<FuzzPlanOptions, 'timeoutMs'>;
}

export type PlanMessage =
  /** The component is about to be instantiated (its start functions run). */
  | { readonly type: 'start'; readonly id: number }
  /** A call is about to run, its arguments resolved. */
  | { readonly type: 'call'; readonly id: number; readonly call: WireCall }
  /** An import call it made, with the answer it got. */
  | { readonly type: 'import'; readonly id: number; readonly answer: WireAnswer }
  /** The call returned (or trapped). */
  | { readonly type: 'made'; readonly id: number }
  | { readonly type: 'done'; readonly id: number }
  | ({ readonly type: 'error'; readonly id: number } & WorkerFailure);

let shared: SerialWorker<PlanMessage> | undefined;

function planWorker(): SerialWorker<PlanMessage> {
  shared ??= new SerialWorker<PlanMessage>('fuzz plan', () => workerScript(import.meta.url, 'dist/src/differential/plan-worker-main.js', 'fuzz plan'));
  return shared;
}

/** `count` export calls, with the answers of their imports, made on `component` in this thread (no time limit: see `fuzzPlan`). */
export async function planFuzzCalls(component: JcoComponent, options: Omit<FuzzPlanOptions, 'timeoutMs'>, hooks: PlanHooks = {}): Promise<PlannedCall[]> {
  const name = options.componentName ?? 'the component';
  const { functions, skipped } = fuzzableExports(component.world);
  if (functions.length === 0) {
    if (skipped.length === 0) throw new ProxyComponentError('NOTHING_TO_CALL', `${name} has no export that generated calls can call (it exports no function)`);
    throw new ProxyComponentError('WIT_UNSUPPORTED', `${name} has no export that generated calls can call (${skipped.map((fn) => `${fn.name}: ${fn.reason}`).join('; ')})`);
  }
  if (options.count <= 0) return [];
  const values = options.values ?? { maxListLength: 8 };
  const answers = answerTapes(component.world, values);
  const [drawn] = fc.sample(fc.tuple(fc.infiniteStream(callArbitrary(functions, answers, { values })), answers), { seed: options.seed, numRuns: 1 });
  const [stream, outside] = drawn as [fc.Stream<FuzzCall>, AnswerTape];
  hooks.onStart?.();
  const instance = await FuzzInstance.start(fuzzTarget(component, name), outside.answer, hooks.onImport === undefined ? {} : { onImport: hooks.onImport });
  if (instance.startCalls.length > 0) {
    const first = instance.startCalls[0]?.name ?? '';
    throw new ProxyComponentError('USAGE', `${name} calls imports while starting (\`${first}\`, ${instance.startCalls.length} in all): a plan answers imports per export call, so its calls cannot be planned`);
  }

  const plan: PlannedCall[] = [];
  let draws = 0;
  for (const planned of stream) {
    if (plan.length === options.count) break;
    if (++draws > options.count * MAX_DRAWS_PER_CALL) {
      throw new ProxyComponentError('USAGE', `only ${plan.length} of ${options.count} calls could be planned for ${name}: the others need handles no call made`);
    }
    const resolved = instance.resolve(planned.function, planned.args);
    if (!('args' in resolved)) continue;
    const call = { name: cachedCallName(planned.function), function: planned.function, args: resolved.args };
    hooks.onCall?.({ ...call, imports: [] });
    const made = instance.call(planned.function, resolved.args, planned.answers.answer);
    const done: PlannedCall = { ...call, imports: made.imports.map((answer) => ({ name: answer.name, function: answer.function, outcome: answer.outcome })) };
    plan.push(done);
    hooks.onMade?.(done);
  }
  return plan;
}
