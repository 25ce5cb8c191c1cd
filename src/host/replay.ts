/**
 * Replay: run a component against a trace with no host at all. Exports are
 * driven from the trace, imports answered from it, and every argument and
 * result is compared by typed equality; the first difference stops the replay
 * and is reported as a `Divergence`.
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
 */
import { isProxyComponentError, ProxyComponentError } from '../errors.js';
import type { Divergence, DivergenceKind } from '../divergence/divergence.js';
import { exportInvokers, type ExportOutcome } from '../engines/jco/export-caller.js';
import { exportLayouts, importLayouts, sameImportFunction } from '../engines/jco/layout.js';
import type { JcoComponent, JcoImports } from '../engines/jco/load.js';
import { virtualImports, type ImportDispatcher, type ResourceClass } from '../engines/jco/virtual-imports.js';
import { ResourceTable } from '../values/resource-table.js';
import type { Value } from '../values/value.js';
import { printCallPositional, printValue } from '../wave/index.js';
import { typeText } from '../wave/type-text.js';
import { callNameOf } from '../wit/lookup.js';
import type { WorldFunction } from '../wit/world.js';
import type { CallOutcome, ExportCall, ImportCall, Trace } from '../trace/model.js';
import type { FuzzProperty } from '../fuzz/property.js';
import { ExpectationReplay, invokeChecked, type CheckedOutcome } from './replay-expectations.js';
import { ImportMatching } from './match-rules.js';
import { isPassthrough } from './passthrough.js';

export interface ReplayOptions {
  /** Interfaces whose imports go to `host` instead of the trace (see isPassthrough). */
  readonly passthrough?: readonly string[];
  /** The real host for pass-through interfaces, as jco imports. */
  readonly host?: JcoImports;
  /** Called before each export call, with its index: lets a watchdog name the call that hangs. */
  readonly onExportCall?: (index: number, call: ExportCall) => void;
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

export async function replayTrace(component: JcoComponent, trace: Trace, options: ReplayOptions = {}): Promise<ReplayReport> {
  const { session, invokers } = await instantiate(component, trace, options);
  let matched = 0;
  for (const [index, call] of trace.calls.entries()) {
    options.onExportCall?.(index, call);
    const invoke = invokers.get(call.function.function);
    if (invoke === undefined) {
      return { matched, total: trace.calls.length, divergence: session.diverge('unexpected-import', `the component has no export \`${call.name}\``, index, call, call.line) };
    }
    session.begin(index, call);
    const divergence = call.expect === undefined ? session.finish(invoke(call.args)) : await session.finishExpected(invokeChecked(invoke, call.args));
    if (divergence !== undefined) return { matched, total: trace.calls.length, divergence };
    matched++;
  }
  return { matched, total: trace.calls.length };
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
  return {
    call(fn, args) {
      if (over !== undefined) stop(over);
      const index = next++;
      const expected = trace.calls[index];
      const made = printCallPositional(callNameOf(fn), fn.function.params, args);
      const invoke = invokers.get(fn.function);
      if (invoke === undefined) throw new ProxyComponentError('USAGE', `the component has no export \`${callNameOf(fn)}\``);
      if (expected === undefined) {
        over = session.divergeAt('unexpected-export', `the test called \`${made}\`, but the recording has no more export calls`, index, fn, args, undefined, made);
        return { outcome: { kind: 'trap', message: over.summary, error: new Error(over.summary) }, divergence: over };
      }
      const recorded = printCallPositional(expected.name, expected.function.function.params, expected.args);
      const sameCall = expected.function.function === fn.function && fn.function.params.every((param, i) => matching.valuesMatch(param.type, expected.args[i] as Value, args[i] as Value));
      if (!sameCall) {
        over = session.divergeAt('unexpected-export', `the test called \`${made}\`, the recording's next export call is \`${recorded}\``, index, fn, args, recorded, made, expected.line);
        return { outcome: { kind: 'trap', message: over.summary, error: new Error(over.summary) }, divergence: over };
      }
      options.onExportCall?.(index, expected);
      session.begin(index, expected);
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
      over = session.diverge('missing-export', `the test ended without calling \`${text}\`${left > 1 ? ` and ${left - 1} more export call${left > 2 ? 's' : ''}` : ''} the recording has`, next, missing, missing.line);
      return over;
    },
  };
}

async function instantiate(component: JcoComponent, trace: Trace, options: ReplayOptions) {
  const passthrough = options.passthrough ?? [];
  const session = new ReplaySession(trace, passthrough, new ExpectationReplay(options.properties ?? [], trace.file), options.matching ?? ImportMatching.strict(false));
  let classes: ReadonlyMap<string, ResourceClass> = new Map();
  const resources = new ResourceTable((handle, resource) => {
    const cls = classes.get(resource.id);
    // Exported resources are made by the component itself; only imported ones need stand-ins.
    return cls === undefined ? { handle: handle.id } : (Object.create(cls.prototype) as object);
  });
  const layouts = importLayouts(component.world, component.importSpecifiers);
  const virtual = virtualImports(layouts, session, resources);
  classes = virtual.classes;
  const imports: JcoImports = { ...virtual.imports };
  if (passthrough.length > 0) {
    for (const layout of layouts) {
      const sample = layout.bareFunction ?? [...layout.functions.values()][0] ?? layout.resources[0]?.construct;
      const real = options.host?.[layout.key];
      if (sample !== undefined && isPassthrough(sample, passthrough) && real !== undefined) imports[layout.key] = real;
    }
  }
  const invokers = exportInvokers(await component.instantiate(imports), exportLayouts(component.world), resources);
  return { session, invokers };
}

/**
 * Answers imports from the current export call's recorded imports: in order, but for functions
 * whose calls a matching rule lets come in any order; arguments compared under the rules.
 */
class ReplaySession implements ImportDispatcher {
  private index = 0;
  private exportCall: ExportCall | undefined;
  private expected: readonly ImportCall[] = [];
  /** Which recorded imports of the current export call have been answered. */
  private used: boolean[] = [];

  constructor(
    private readonly trace: Trace,
    private readonly passthrough: readonly string[],
    /** Export calls closed by `expect` (saved fuzz failures) replay in property mode. */
    private readonly expectations: ExpectationReplay,
    private readonly matching: ImportMatching,
  ) {}

  begin(index: number, call: ExportCall): void {
    this.index = index;
    this.exportCall = call;
    this.expected = this.passthrough.length === 0 ? call.imports : call.imports.filter((i) => !isPassthrough(i.function, this.passthrough));
    this.used = this.expected.map(() => false);
    if (call.expect !== undefined) this.expectations.begin(this.expected);
  }

  call(fn: WorldFunction, args: readonly Value[]): Value | undefined {
    const call = this.current();
    if (call.expect !== undefined) return this.answerExpected(fn, args, call);
    const rules = this.matching.rulesFor(fn);
    // Call texts are printed only for a report: the matching path compares values alone.
    const actualText = () => printCallPositional(callNameOf(fn), fn.function.params, args);
    const position = rules.anyOrder ? this.anyOrderMatch(fn, args) : this.nextInOrder();
    const expected = position === undefined ? undefined : this.expected[position];
    if (position === undefined || expected === undefined) {
      const text = actualText();
      const more = rules.anyOrder ? 'no more calls of it' : 'no more import calls';
      throw this.stop('unexpected-import', `the component called \`${text}\`, but the trace has ${more} in \`${call.name}\``, call.outcomeLine ?? call.line, undefined, text, [text], rules.descriptions);
    }
    const expectedText = () => printCallPositional(expected.name, expected.function.function.params, expected.args);
    if (!sameImportFunction(expected.function.function, fn.function)) {
      throw this.stop('unexpected-import', `the component called \`${callNameOf(fn)}\`, the trace expects \`${expected.name}\` next`, expected.line, expectedText(), actualText(), [expectedText()], rules.descriptions);
    }
    const mismatched = this.matching.mismatchedParameter(fn, expected.args, args);
    if (mismatched !== undefined) {
      const among = rules.anyOrder ? ` (matched in any order: no call of it left in the trace has these arguments)` : '';
      throw this.stop(
        'import-arguments',
        `\`${expected.name}\` was called with a different \`${mismatched}\` than the trace records${among}`,
        expected.line,
        expectedText(),
        printCallPositional(expected.name, fn.function.params, args),
        [expectedText()],
        rules.descriptions,
      );
    }
    this.used[position] = true;
    if (expected.outcome.kind === 'trap') throw new ReplayedHostFailure(expected.outcome.message);
    return expected.outcome.value;
  }

  /** The first recorded import not answered yet among those that come in order. */
  private nextInOrder(): number | undefined {
    const index = this.expected.findIndex((made, i) => !this.used[i] && !this.matching.rulesFor(made.function).anyOrder);
    return index < 0 ? undefined : index;
  }

  /** The first unanswered recorded call of `fn` whose arguments match; else the first unanswered one (to report), if any. */
  private anyOrderMatch(fn: WorldFunction, args: readonly Value[]): number | undefined {
    const open = this.expected.flatMap((made, i) => (!this.used[i] && sameImportFunction(made.function.function, fn.function) ? [i] : []));
    return open.find((i) => this.matching.mismatchedParameter(fn, (this.expected[i] as ImportCall).args, args) === undefined) ?? open[0];
  }

  /** Property mode: the next recorded answer of the same function, whatever the arguments. */
  private answerExpected(fn: WorldFunction, args: readonly Value[], call: ExportCall): Value | undefined {
    const answer = this.expectations.answer(fn, args, call);
    if (!answer.found) throw this.stop('unexpected-import', answer.summary, call.outcomeLine ?? call.line, undefined, answer.callText, [answer.callText]);
    if (answer.outcome.kind === 'trap') throw new ReplayedHostFailure(answer.outcome.message);
    return answer.outcome.value;
  }

  /** Property mode: checks the outcome against the properties the call's `expect` line names. */
  async finishExpected(outcome: CheckedOutcome): Promise<Divergence | undefined> {
    const call = this.current();
    if (outcome.kind === 'trap' && outcome.error instanceof DivergenceStop) return outcome.error.divergence;
    const breach = await this.expectations.check(call, this.index, outcome);
    return breach === undefined ? undefined : this.divergeWith(breach.kind, breach.summary, call.outcomeLine ?? call.line, breach.expected, breach.actual, []);
  }

  /** Compares the export's outcome and checks that every expected import was made. */
  finish(outcome: ExportOutcome): Divergence | undefined {
    const call = this.current();
    if (outcome.kind === 'trap' && outcome.error instanceof DivergenceStop) return outcome.error.divergence;
    if (outcome.kind === 'trap' && isProxyComponentError(outcome.error) && outcome.error.code === 'VALUE_TYPE') {
      return this.diverge('type-error', `a value the component produced does not fit its type: ${outcome.error.message}`, this.index, call, call.line);
    }
    const missing = this.expected.find((_, i) => !this.used[i]);
    if (missing !== undefined && (outcome.kind === 'return' || !(outcome.error instanceof ReplayedHostFailure))) {
      const text = printCallPositional(missing.name, missing.function.function.params, missing.args);
      return this.divergeWith('missing-import', `\`${call.name}\` ${outcome.kind === 'trap' ? 'trapped' : 'returned'} without calling \`${missing.name}\` as the trace expects`, missing.line, text, outcomeText(outcome, call), [text]);
    }
    return compareOutcome(call.outcome, outcome, call, this.matching, (kind, summary, expected, actual, type) =>
      this.divergeWith(kind, summary, call.outcomeLine ?? call.line, expected, actual, [], type),
    );
  }

  diverge(kind: DivergenceKind, summary: string, index: number, call: ExportCall, line: number | undefined): Divergence {
    this.index = index;
    this.exportCall = call;
    return this.divergeWith(kind, summary, line, undefined, undefined, []);
  }

  /** A divergence at an export call the test made, which may not be in the recording. */
  divergeAt(kind: DivergenceKind, summary: string, index: number, fn: WorldFunction, args: readonly Value[], expected: string | undefined, actual: string, line?: number): Divergence {
    this.index = index;
    this.exportCall = { name: callNameOf(fn), function: fn, args, imports: [], outcome: { kind: 'return' } };
    return this.divergeWith(kind, summary, line, expected, actual, []);
  }

  private divergeWith(
    kind: DivergenceKind,
    summary: string,
    line: number | undefined,
    expected: string | undefined,
    actual: string | undefined,
    inner: readonly string[],
    type?: string,
  ): Divergence {
    const call = this.current();
    const exportText = printCallPositional(call.name, call.function.function.params, call.args);
    return {
      kind,
      summary,
      ...(this.trace.file === undefined ? {} : { file: this.trace.file }),
      ...(line === undefined ? {} : { line }),
      callIndex: this.index,
      path: [`export ${exportText}`, ...inner.map((text) => `import ${text}`)],
      ...(expected === undefined ? {} : { expected }),
      ...(actual === undefined ? {} : { actual }),
      ...(type === undefined ? {} : { type }),
    };
  }

  private stop(kind: DivergenceKind, summary: string, line: number | undefined, expected: string | undefined, actual: string | undefined, inner: readonly string[], rules: readonly string[] = []): DivergenceStop {
    const divergence = this.divergeWith(kind, summary, line, expected, actual, inner);
    return new DivergenceStop(rules.length === 0 ? divergence : { ...divergence, rules });
  }

  private current(): ExportCall {
    if (this.exportCall === undefined) throw new Error('import call outside an export call');
    return this.exportCall;
  }
}

function outcomeText(outcome: ExportOutcome, call: ExportCall): string {
  if (outcome.kind === 'trap') return `trap ${JSON.stringify(outcome.message)}`;
  const type = call.function.function.result;
  return type === undefined || outcome.value === undefined ? 'return' : `return ${printValue(outcome.value, type)}`;
}

type Report = (kind: DivergenceKind, summary: string, expected: string, actual: string, type?: string) => Divergence;

function compareOutcome(expected: CallOutcome, actual: ExportOutcome, call: ExportCall, matching: ImportMatching, report: Report): Divergence | undefined {
  const resultType = call.function.function.result;
  if (expected.kind === 'trap') {
    if (actual.kind === 'trap') return undefined; // traps compare by kind: engines word messages differently
    return report('missing-trap', `\`${call.name}\` returned, the trace expects it to trap`, `trap ${JSON.stringify(expected.message)}`, outcomeText(actual, call));
  }
  if (actual.kind === 'trap') {
    return report('export-trap', `\`${call.name}\` trapped: ${actual.message}`, outcomeText(expected, call), `trap ${JSON.stringify(actual.message)}`);
  }
  if (resultType === undefined) return undefined;
  // Typed equality, a redacted string in the trace matching anything.
  if (matching.valuesMatch(resultType, expected.value as Value, actual.value as Value)) return undefined;
  const expectedText = printValue(expected.value as Value, resultType);
  const actualText = printValue(actual.value as Value, resultType);
  return report('export-result', `\`${call.name}\` returned ${abbreviate(actualText)}, the trace expects ${abbreviate(expectedText)}`, expectedText, actualText, typeText(resultType));
}

function abbreviate(text: string): string {
  return text.length <= 60 ? text : `${text.slice(0, 57)}...`;
}
