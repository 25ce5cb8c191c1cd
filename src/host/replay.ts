/**
 * Replay: run a component against a trace with no host at all. Exports are
 * driven from the trace, imports answered from it, and every argument and
 * result is compared by typed equality; the first difference stops the replay
 * and is reported as a `Divergence` (matched by trace/match.ts, as in the
 * instrumented replay component).
 *
 * An export call closed by `expect <property>...` (a saved fuzz failure, see
 * trace/write.ts) replays in property mode instead. Its recorded import
 * results were generated, not observed, so they are handed out by function,
 * in order, whatever the arguments: a fixed component that makes the same
 * calls gets the same answers, and one that makes fewer calls leaves answers
 * unused (not a divergence). A call for which the trace has no answer left is
 * an `unexpected-import` divergence saying so: the trace cannot tell what the
 * fuzzer would have answered, so fuzz again. The outcome is not compared: the
 * call must satisfy the named properties (built-ins, or `options.properties`).
 *
 * `startReplay` replays a recording driven from outside instead, one export
 * call at a time, as a test calls the component (toMatchRecording): each call
 * must be the recording's next, and the recording's calls the test did not
 * make are a divergence at the end.
 */
import { isProxyComponentError, ProxyComponentError } from '../errors.js';
import type { Divergence, DivergenceKind } from '../divergence/divergence.js';
import { exportInvokers, type ExportOutcome } from '../engines/jco/export-caller.js';
import { exportLayouts, importLayouts, sameImportFunction, type InterfaceLayout } from '../engines/jco/layout.js';
import type { JcoComponent, JcoImports } from '../engines/jco/load.js';
import { standInResources, virtualImports, type ImportDispatcher } from '../engines/jco/virtual-imports.js';
import type { ResourceTable } from '../values/resource-table.js';
import type { Value } from '../values/value.js';
import { forEachHandle, typeHasHandles } from '../values/walk.js';
import { printCallPositional, printValue } from '../wave/index.js';
import { callNameOf } from '../wit/lookup.js';
import type { WitType } from '../wit/types.js';
import type { World, WorldFunction } from '../wit/world.js';
import { TraceMatcher } from '../trace/match.js';
import type { ExportCall, ImportCall, Trace, TraceSource } from '../trace/model.js';
import type { FuzzProperty } from '../fuzz/property.js';
import { ImportMatching } from './match-rules.js';
import { ExpectationReplay, invokeChecked, type CheckedOutcome } from './replay-expectations.js';
import { isPassthrough, layoutPassesThrough } from './passthrough.js';
import { sandboxedWasi } from './wasi.js';

export interface ReplayOptions {
  /** Interfaces whose imports go to `host` instead of the trace (see isPassthrough), besides those the trace's header names. */
  readonly passthrough?: readonly string[];
  /** The real host for pass-through interfaces, as jco imports; `wasi:` ones default to the sandboxed WASI (host/wasi.ts). */
  readonly host?: JcoImports;
  /** Called before each export call, with its index: lets a watchdog name the call that hangs. */
  readonly onExportCall?: (index: number, call: ExportCall) => void;
  /** Called once the component has started (its start functions returned). */
  readonly onStarted?: () => void;
  /** Called once each export call is over (reading the next from a stream is no part of it). */
  readonly onExportCallDone?: (index: number) => void;
  /** User properties that `expect` lines may name, besides the built-ins `no-trap` and `well-typed`. */
  readonly properties?: readonly FuzzProperty[];
  /** Matching rules and redacted placeholders (see match-rules.ts); default: strict equality, in order. */
  readonly matching?: ImportMatching;
}

export interface ReplayReport {
  /** Export calls that matched the trace. */
  readonly matched: number;
  readonly total: number;
  readonly divergence?: Divergence;
}

/** Thrown through the component to stop the export call at the first divergence. */
class DivergenceStop extends Error {
  constructor(readonly divergence: Divergence) {
    super(divergence.summary);
  }
}

/** A recorded host failure, replayed: the host threw this message. */
class ReplayedHostFailure extends Error {}

export async function replayTrace(component: JcoComponent, trace: TraceSource, options: ReplayOptions = {}): Promise<ReplayReport> {
  // The matcher is handed each call as it comes: a streamed trace keeps none, and the matcher keeps what
  // it needs of each (the stories of its handles) once it is over; a trace in memory has them all at hand.
  const matched: Trace = Array.isArray(trace.calls) ? (trace as Trace) : { header: trace.header, calls: [], ...(trace.file === undefined ? {} : { file: trace.file }) };
  const { session, invokers } = await instantiate(component, matched, options);
  options.onStarted?.();

  const calls = iterate(trace.calls);
  let index = 0;
  for (let call = await calls.next(); call !== undefined; call = await calls.next(), index++) {
    options.onExportCall?.(index, call);
    const divergence = await replayCall(session, invokers, index, call);
    options.onExportCallDone?.(index);
    if (divergence !== undefined) {
      // The rest of the trace is still read: a trace that does not read fails as one, and the total is known.
      let total = index + 1;
      while ((await calls.next()) !== undefined) total++;
      return { matched: index, total, divergence };
    }
  }
  return { matched: index, total: index };
}

async function replayCall(session: ReplaySession, invokers: ReturnType<typeof exportInvokers>, index: number, call: ExportCall): Promise<Divergence | undefined> {
  const invoke = invokers.get(call.function.function);
  if (invoke === undefined) return session.noSuchExport(index, call);
  const badHandle = session.begin(index, call) ?? session.unboundArgument();
  if (badHandle !== undefined) return badHandle;
  return call.expect === undefined ? session.finish(invoke(call.args)) : await session.finishExpected(invokeChecked(invoke, call.args));
}

/** The calls one at a time, in memory or as they stream (`next` is only a promise for a stream); undefined at the end. */
function iterate(calls: TraceSource['calls']): { next(): ExportCall | undefined | Promise<ExportCall | undefined> } {
  if (Symbol.asyncIterator in calls) {
    const iterator = calls[Symbol.asyncIterator]();
    return { next: () => iterator.next().then((result) => (result.done === true ? undefined : result.value)) };
  }
  const iterator = calls[Symbol.iterator]();
  return {
    next: () => {
      const result = iterator.next();
      return result.done === true ? undefined : result.value;
    },
  };
}

/** One export call a test made, replayed against its recording. */
export interface SteppedCall {
  /** What the component did (its imports answered from the recording). */
  readonly outcome: ExportOutcome;
  /** Where it stopped matching the recording, if it did. */
  readonly divergence?: Divergence;
}

/**
 * Replay driven from outside, one export call at a time: a test makes the calls and each must be
 * the recording's next (same function, equal arguments), its imports answered from the recording
 * and its outcome compared with it. After a divergence the replay is over.
 */
export interface SteppedReplay {
  call(fn: WorldFunction, args: readonly Value[]): SteppedCall;
  /** After the test's last call: the recording's export calls it did not make, if any. */
  finish(): Divergence | undefined;
}

export async function startReplay(component: JcoComponent, trace: Trace, options: ReplayOptions = {}): Promise<SteppedReplay> {
  const { session, invokers } = await instantiate(component, trace, options);
  const matching = options.matching ?? ImportMatching.strict(false);
  let next = 0;
  let over: Divergence | undefined;
  const stop = (divergence: Divergence): never => {
    over = divergence;
    throw new ProxyComponentError('USAGE', `the replay of ${trace.file ?? 'the recording'} is over: it diverged before this call`);
  };
  const trapped = (divergence: Divergence): SteppedCall => {
    over = divergence;
    return { outcome: { kind: 'trap', message: divergence.summary, error: new Error(divergence.summary) }, divergence };
  };
  return {
    call(fn, args) {
      if (over !== undefined) stop(over);
      const index = next++;
      const expected = trace.calls[index];
      const made = printCallPositional(callNameOf(fn), fn.function.params, args);
      const invoke = invokers.get(fn.function);
      if (invoke === undefined) throw new ProxyComponentError('USAGE', `the component has no export \`${callNameOf(fn)}\``);
      if (expected === undefined) {
        return trapped(session.divergeOutside('unexpected-export', `the test called \`${made}\`, but the recording has no more export calls`, index, fn, args, undefined, made));
      }
      const recorded = printCallPositional(expected.name, expected.function.function.params, expected.args);
      const sameCall = expected.function.function === fn.function && fn.function.params.every((param, i) => matching.valuesMatch(param.type, expected.args[i] as Value, args[i] as Value));
      if (!sameCall) {
        return trapped(session.divergeOutside('unexpected-export', `the test called \`${made}\`, the recording's next export call is \`${recorded}\``, index, fn, args, recorded, made, expected.line));
      }
      options.onExportCall?.(index, expected);
      session.begin(index);
      const unbound = session.unboundArgument();
      if (unbound !== undefined) return trapped(unbound);
      const outcome = invoke(args);
      const divergence = session.finish(outcome);
      if (divergence !== undefined) over = divergence;
      return divergence === undefined ? { outcome } : { outcome, divergence };
    },
    finish() {
      if (over !== undefined) return undefined;
      const missing = trace.calls[next];
      if (missing === undefined) return undefined;
      const text = printCallPositional(missing.name, missing.function.function.params, missing.args);
      const left = trace.calls.length - next;
      over = session.divergeAtCall(
        'missing-export',
        `the test ended without calling \`${text}\`${left > 1 ? ` and ${left - 1} more export call${left > 2 ? 's' : ''}` : ''} the recording has`,
        next,
        missing.line,
      );
      return over;
    },
  };
}

/** The component instantiated against the trace: its imports answered by a replay session, pass-through ones by the real host. */
async function instantiate(component: JcoComponent, trace: Trace, options: ReplayOptions) {
  // Imports the recording left to the host are not in the trace: they go to a real host here too.
  const passthrough = [...(options.passthrough ?? []), ...(trace.header.passthrough ?? [])];
  const { resources, use } = standInResources();
  const session = new ReplaySession(trace, component.world, passthrough, new ExpectationReplay(options.properties ?? [], trace.file, trace.header.properties), resources, options.matching ?? ImportMatching.strict(false));
  const layouts = importLayouts(component.world, component.importSpecifiers);
  const virtual = virtualImports(layouts, session, resources);
  use(virtual.classes);
  const imports: JcoImports = { ...virtual.imports };
  if (passthrough.length > 0) {
    let wasi: JcoImports | undefined;
    for (const layout of layouts) {
      if (!layoutPassesThrough(layout, passthrough)) continue;
      const real = options.host?.[layout.key] ?? (layout.key.startsWith('wasi:') ? (wasi ??= sandboxedWasi())[layout.key] : undefined);
      if (real !== undefined) imports[layout.key] = real;
    }
  }
  const invokers = exportInvokers(await component.instantiate(imports), exportLayouts(component.world), resources);
  return { session, invokers };
}

/**
 * Answers imports from the current export call's recorded imports, matched by the trace matcher:
 * in order, but for functions whose calls a matching rule lets come in any order; arguments
 * compared under the rules.
 */
class ReplaySession implements ImportDispatcher {
  private readonly matcher: TraceMatcher;
  private index = 0;
  private exportCall: ExportCall | undefined;

  constructor(
    trace: Trace,
    world: World,
    passthrough: readonly string[],
    /** Export calls closed by `expect` (saved fuzz failures) replay in property mode. */
    private readonly expectations: ExpectationReplay,
    /** The replay's handles, to check those the trace hands out. */
    private readonly resources: ResourceTable,
    matching: ImportMatching,
  ) {
    this.matcher = new TraceMatcher(trace, {
      ...(passthrough.length === 0 ? {} : { answers: (call: ImportCall) => !isPassthrough(call.function, passthrough) }),
      sameFunction: sameImportFunction,
      matching,
      world,
    });
  }

  /** Starts export call `index` (`call`: given by a trace that streams): a divergence when its arguments hold a handle the component cannot be given. */
  begin(index: number, call?: ExportCall): Divergence | undefined {
    this.index = index;
    this.exportCall = this.matcher.begin(index, call);
    const badHandle = this.matcher.checkHandles();
    if (badHandle !== undefined) return badHandle;
    if (this.exportCall.expect !== undefined) this.expectations.begin(this.matcher.expectedImports);
    return undefined;
  }

  call(fn: WorldFunction, args: readonly Value[]): Value | undefined {
    const call = this.current();
    if (call.expect !== undefined) return this.answerExpected(fn, args, call);
    const match = this.matcher.importCall(fn, args);
    if (match.kind === 'divergence') throw new DivergenceStop(match.divergence);
    if (match.outcome.kind === 'trap') throw new ReplayedHostFailure(match.outcome.message);
    const misfit = this.misfitHandle(match.outcome.value, fn.function.result, match.call.line);
    if (misfit !== undefined) {
      const recorded = match.call;
      const text = printCallPositional(recorded.name, recorded.function.function.params, recorded.args);
      const answer = fn.function.result === undefined || match.outcome.value === undefined ? undefined : printValue(match.outcome.value, fn.function.result);
      throw new DivergenceStop(
        this.matcher.diverge('resource-handle', `the trace's answer to \`${recorded.name}\` cannot be handed to the component: ${misfit}`, recorded.outcomeLine ?? recorded.line, answer, undefined, [text]),
      );
    }
    return match.outcome.value;
  }

  /**
   * A handle in `value` that the run knows as another resource than `type`
   * says: what is wrong with it, or undefined. Only when the recorded run
   * returned: there the real host's handles fitted, so a misfit is the trace's
   * (edited, or from another recording); a run that trapped may have trapped on
   * it, and jco replays that by refusing the object.
   */
  private misfitHandle(value: Value | undefined, type: WitType | undefined, line: number | undefined): string | undefined {
    if (value === undefined || type === undefined || !typeHasHandles(type) || this.current().outcome.kind !== 'return') return undefined;
    let misfit: string | undefined;
    forEachHandle(value, type, (part, partType) => {
      if (misfit !== undefined || !this.resources.has(part)) return;
      try {
        this.resources.objectFor(part, partType.resource);
      } catch (error) {
        const story = this.matcher.handleStory(part.id, { callIndex: this.index, ...(line === undefined ? {} : { line }) });
        misfit = `${isProxyComponentError(error) ? error.detail : String(error)} (${story})`;
      }
    });
    return misfit;
  }

  /** Before an export call: a resource handle among its arguments that the run knows as another resource is a divergence (see misfitHandle), not a crash in jco. */
  unboundArgument(): Divergence | undefined {
    const call = this.current();
    let problem: string | undefined;
    call.function.function.params.forEach((param, i) => {
      const misfit = problem === undefined ? this.misfitHandle(call.args[i], param.type, call.line) : undefined;
      if (misfit !== undefined) problem = `\`${param.name}\`: ${misfit}`;
    });
    if (problem === undefined) return undefined;
    return this.matcher.diverge('resource-handle', `the trace's export call \`${call.name}\` cannot be made: ${problem}`, call.line);
  }

  /** Property mode: the next recorded answer of the same function, whatever the arguments. */
  private answerExpected(fn: WorldFunction, args: readonly Value[], call: ExportCall): Value | undefined {
    const answer = this.expectations.answer(fn, args, call);
    if (!answer.found) throw new DivergenceStop(this.matcher.diverge('unexpected-import', answer.summary, call.outcomeLine ?? call.line, undefined, answer.callText, [answer.callText]));
    if (answer.outcome.kind === 'trap') throw new ReplayedHostFailure(answer.outcome.message);
    return answer.outcome.value;
  }

  /** Property mode: checks the outcome against the properties the call's `expect` line names. */
  async finishExpected(outcome: CheckedOutcome): Promise<Divergence | undefined> {
    const call = this.current();
    if (outcome.kind === 'trap' && outcome.error instanceof DivergenceStop) return outcome.error.divergence;
    if (outcome.kind === 'return') this.matcher.returned(outcome.value);
    const breach = await this.expectations.check(call, this.index, outcome);
    return breach === undefined ? undefined : this.matcher.diverge(breach.kind, breach.summary, call.outcomeLine ?? call.line, breach.expected, breach.actual);
  }

  /** Compares the export's outcome and checks that every expected import was made. */
  finish(outcome: ExportOutcome): Divergence | undefined {
    if (outcome.kind === 'trap' && outcome.error instanceof DivergenceStop) return outcome.error.divergence;
    if (outcome.kind === 'trap' && isProxyComponentError(outcome.error) && outcome.error.code === 'VALUE_TYPE') {
      return this.matcher.finish({ kind: 'ill-typed', message: outcome.error.message });
    }
    return this.matcher.finish(outcome.kind === 'trap' ? { kind: 'trap', message: outcome.message } : outcome, outcome.kind === 'trap' && outcome.error instanceof ReplayedHostFailure);
  }

  /** Export call `index` names a function the component does not export. */
  noSuchExport(index: number, call: ExportCall): Divergence {
    return this.matcher.noSuchExport(index, call);
  }

  /** A divergence at the recording's export call `index`, as a whole (not one of its import calls). */
  divergeAtCall(kind: DivergenceKind, summary: string, index: number, line: number | undefined): Divergence {
    this.begin(index);
    return this.matcher.diverge(kind, summary, line);
  }

  /** A divergence at an export call the test made, which may not be in the recording. */
  divergeOutside(kind: DivergenceKind, summary: string, index: number, fn: WorldFunction, args: readonly Value[], expected: string | undefined, actual: string, line?: number): Divergence {
    this.index = index;
    this.exportCall = { name: callNameOf(fn), function: fn, args, imports: [], outcome: { kind: 'return' } };
    this.matcher.beginOutside(index, this.exportCall);
    return this.matcher.diverge(kind, summary, line, expected, actual);
  }

  private current(): ExportCall {
    if (this.exportCall === undefined) throw new Error('import call outside an export call');
    return this.exportCall;
  }
}
