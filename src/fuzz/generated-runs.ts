/**
 * Generated runs kept as they are, not checked: the golden corpus of
 * `record --generate` (characterization tests for a component nobody wrote a
 * host for). The runs are the fuzzer's own: the same fast-check property
 * over the same plan arbitrary (plan.ts), each run executed by `executeRun`
 * on a fresh instance (run.ts, instance.ts) with its imports answered by the
 * fuzzing host, so only handles that exist in the run are passed. For a seed,
 * run `i` is run `i` of `fuzz --seed` with the same options.
 *
 * What a run keeps is what a trace can hold and every replay can make again:
 * - a run ends at its first call that traps, that call included (a trap is
 *   behaviour too; an instance that trapped may not be entered again, so
 *   what jco would do after it is not the component's behaviour);
 * - a call whose result does not fit its type ends the run before it, with a
 *   note (`stopped`): a trace cannot hold such a value;
 * - a run the fuzzer would discard (an import answer the host cannot give)
 *   or that made no call (every planned call needed a handle nothing made)
 *   is replaced by the next run of the seed's stream, as fast-check replaces
 *   a discarded run: deterministically.
 *
 * No time limit here: a call that never returns blocks this thread. The
 * worker in worker/generate-worker.ts runs this watched.
 */
import fc from 'fast-check';
import { isProxyComponentError, ProxyComponentError } from '../errors.js';
import type { JcoComponent } from '../engines/jco/load.js';
import type { ImportCall } from '../trace/model.js';
import type { Value } from '../values/value.js';
import type { WorldFunction } from '../wit/world.js';
import type { ValueArbitraryOptions } from './arbitrary.js';
import { cachedCallName } from '../host/fuzz-host.js';
import { answerTapes, callPlanArbitrary, fuzzableExports } from './plan.js';
import { BUILT_IN_PROPERTIES, type CallRecord } from './property.js';
import { executeRun, fuzzTarget, type RunResult } from './run.js';

export interface GeneratedRunsOptions {
  /** Runs to keep. */
  readonly runs: number;
  readonly seed: number;
  /** Most export calls in one run. Default 8, as `fuzz`. */
  readonly maxCalls?: number;
  readonly values?: Omit<ValueArbitraryOptions, 'handle'>;
  /** How messages name the component. */
  readonly componentName?: string;
  /** Call only these exports (any WAVE spelling); default all. */
  readonly exports?: readonly string[];
  /** WASI interfaces the sandboxed WASI host answers instead of generated values (see fuzzTarget). */
  readonly passthrough?: readonly string[];
  /** Go on from run `run`, the `draw`-th run of the seed's stream (after a run that was stopped). Default the first. */
  readonly from?: GenerationPoint;
}

/** Where a run stands in the seed's stream: the run it is (0-based, counting kept runs) and the draw it was made from (counting replaced ones). */
export interface GenerationPoint {
  readonly run: number;
  readonly draw: number;
}

/** A kept run: its calls as made; `stopped` says why it ends before its plan did (a call whose result does not fit its type). */
export interface GeneratedRun extends GenerationPoint {
  readonly calls: readonly CallRecord[];
  readonly stopped?: string;
}

/** Told of the runs as they are made (a watchdog names the call that hangs, and keeps the calls before it). */
export interface GeneratedRunHooks {
  /** A draw of the stream is about to run. */
  readonly onDraw?: (point: GenerationPoint) => void;
  /** An export call is about to be made, its arguments resolved. */
  readonly beforeCall?: (fn: WorldFunction, args: readonly Value[]) => void;
  /** It ended (returned, trapped, or returned a value that does not fit its type), with the import calls it made. */
  readonly afterCall?: (call: CallRecord) => void;
  /** The draw was replaced by the next one, and why. */
  readonly onReplaced?: (point: GenerationPoint, reason: string) => void;
  /** The run is kept. */
  readonly onRun?: (run: GeneratedRun) => void;
}

/** Draws replaced per kept run before the generation gives up (as `fuzz` lets fast-check skip). */
const MAX_REPLACED_PER_RUN = 100;

export async function generateRuns(component: JcoComponent, options: GeneratedRunsOptions, hooks: GeneratedRunHooks = {}): Promise<GeneratedRun[]> {
  const name = options.componentName ?? 'the component';
  const { functions, skipped } = fuzzableExports(component.world, options.exports);
  if (functions.length === 0) {
    if (skipped.length === 0) throw new ProxyComponentError('NOTHING_TO_CALL', `${name} has no export that generated calls can call (it exports no function)`);
    throw new ProxyComponentError('WIT_UNSUPPORTED', `${name} has no export that generated calls can call (${skipped.map((fn) => `${fn.name}: ${fn.reason}`).join('; ')})`);
  }
  const from = options.from ?? { run: 0, draw: 0 };
  const wanted = options.runs - from.run;
  if (wanted <= 0) return [];
  const target = fuzzTarget(component, name, options.passthrough);
  const answers = answerTapes(component.world, options.values);
  const planOptions = { ...(options.maxCalls === undefined ? {} : { maxCalls: options.maxCalls }), ...(options.values === undefined ? {} : { values: options.values }) };
  const kept: GeneratedRun[] = [];
  let draw = from.draw - 1;
  let lastReplaced: string | undefined;
  let aborted: { readonly error: unknown } | undefined;

  const property = fc.asyncProperty(callPlanArbitrary(functions, answers, planOptions), answers, async (plan, outside) => {
    // Once a run could not be made, every candidate passes at once: fast-check stops.
    if (aborted !== undefined) return;
    draw++;
    const point = { run: from.run + kept.length, draw };
    hooks.onDraw?.(point);
    let current: (Omit<CallRecord, 'result' | 'imports'> & { imports: ImportCall[] }) | undefined;
    let result: RunResult;
    try {
      result = await executeRun(target, plan, {
        properties: BUILT_IN_PROPERTIES,
        outside,
        hooks: {
          beforeCall: (index, fn, args) => {
            current = { index, name: cachedCallName(fn), function: fn, args, imports: [] };
            hooks.beforeCall?.(fn, args);
          },
          onImport: (call) => current?.imports.push(call),
          afterCall: (_index, result) => {
            if (current !== undefined) hooks.afterCall?.({ ...current, result });
            current = undefined;
          },
        },
      });
    } catch (error) {
      aborted = { error };
      throw error;
    }
    if (result.startCalls.length > 0) {
      const first = result.startCalls[0] as ImportCall;
      aborted = {
        error: new ProxyComponentError(
          'WIT_UNSUPPORTED',
          `${name} calls imports while starting (\`${first.name}\`, ${result.startCalls.length} in all): a trace holds import calls only inside export calls, so its runs cannot be recorded`,
        ),
      };
      throw aborted.error;
    }
    const run = keptRun(point, result);
    const reason = result.discarded ?? (run.calls.length > 0 ? undefined : (run.stopped ?? `none of its ${result.skipped} planned calls could be given the handles they need`));
    if (reason !== undefined) {
      lastReplaced = reason;
      hooks.onReplaced?.(point, reason);
      fc.pre(false);
    }
    kept.push(run);
    hooks.onRun?.(run);
  });

  const details = await fc.check(property, {
    seed: options.seed,
    numRuns: wanted,
    ...(from.draw === 0 ? {} : { path: String(from.draw) }),
    maxSkipsPerRun: MAX_REPLACED_PER_RUN,
  });
  if (aborted !== undefined) throw abortedError(name, aborted.error, from.run + kept.length, options.runs);
  if (kept.length < wanted) {
    const why = lastReplaced === undefined ? (details.errorInstance instanceof Error ? details.errorInstance.message : 'fast-check ended early') : `too many runs had to be replaced (the last: ${lastReplaced})`;
    throw new ProxyComponentError('FUZZ_INCOMPLETE', `generating runs of ${name} stopped after ${from.run + kept.length} of ${options.runs} runs: ${why}`);
  }
  return kept;
}

/** The run as kept: up to its first trap, or before its first ill-typed result. */
function keptRun(point: GenerationPoint, result: RunResult): GeneratedRun {
  const failure = result.failure;
  if (failure?.property !== 'well-typed') return { ...point, calls: result.calls };
  const call = result.calls[failure.callIndex] as CallRecord;
  const message = call.result.kind === 'ill-typed' ? call.result.message : failure.reason;
  return { ...point, calls: result.calls.slice(0, failure.callIndex), stopped: `export call #${failure.callIndex + 1} returned a value that does not fit its type, which a trace cannot hold: ${message}` };
}

function abortedError(name: string, error: unknown, run: number, asked: number): ProxyComponentError {
  if (isProxyComponentError(error) && (error.code === 'COMPONENT_START' || error.code === 'WIT_UNSUPPORTED')) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new ProxyComponentError('FUZZ_INCOMPLETE', `generating runs of ${name} stopped in run ${run + 1} of ${asked}: ${message}`, { cause: error });
}
