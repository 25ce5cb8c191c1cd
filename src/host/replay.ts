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
import { isProxyComponentError } from '../errors.js';
import type { Divergence, DivergenceKind } from '../divergence/divergence.js';
import { exportInvokers, type ExportOutcome } from '../engines/jco/export-caller.js';
import { exportLayouts, importLayouts, sameImportFunction } from '../engines/jco/layout.js';
import type { JcoComponent, JcoImports } from '../engines/jco/load.js';
import { virtualImports, type ImportDispatcher, type ResourceClass } from '../engines/jco/virtual-imports.js';
import { valuesEqual } from '../values/equal.js';
import { ResourceTable } from '../values/resource-table.js';
import type { Value } from '../values/value.js';
import { printCallPositional, printValue } from '../wave/index.js';
import { typeText } from '../wave/type-text.js';
import { callNameOf } from '../wit/lookup.js';
import type { WitType } from '../wit/types.js';
import type { WorldFunction } from '../wit/world.js';
import { describeHandleArgs, traceHandleStory } from '../trace/handles.js';
import type { CallOutcome, ExportCall, ImportCall, Trace } from '../trace/model.js';
import { ResourceHandle } from '../values/value.js';
import { forEachPart, typeHasHandles } from '../values/walk.js';
import type { FuzzProperty } from '../fuzz/property.js';
import { ExpectationReplay, invokeChecked, type CheckedOutcome } from './replay-expectations.js';
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
  const passthrough = options.passthrough ?? [];
  let classes: ReadonlyMap<string, ResourceClass> = new Map();
  const resources = new ResourceTable((handle, resource) => {
    const cls = classes.get(resource.id);
    // Exported resources are made by the component itself; only imported ones need stand-ins.
    return cls === undefined ? { handle: handle.id } : (Object.create(cls.prototype) as object);
  });
  const session = new ReplaySession(trace, passthrough, new ExpectationReplay(options.properties ?? [], trace.file), resources);
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

  let matched = 0;
  for (const [index, call] of trace.calls.entries()) {
    options.onExportCall?.(index, call);
    const invoke = invokers.get(call.function.function);
    if (invoke === undefined) {
      return { matched, total: trace.calls.length, divergence: session.diverge('unexpected-import', `the component has no export \`${call.name}\``, index, call, call.line) };
    }
    session.begin(index, call);
    const unbound = session.unboundArgument();
    if (unbound !== undefined) return { matched, total: trace.calls.length, divergence: unbound };
    const divergence = call.expect === undefined ? session.finish(invoke(call.args)) : await session.finishExpected(invokeChecked(invoke, call.args));
    if (divergence !== undefined) return { matched, total: trace.calls.length, divergence };
    matched++;
  }
  return { matched, total: trace.calls.length };
}

/** Answers imports from the current export call's recorded imports, in order. */
class ReplaySession implements ImportDispatcher {
  private index = 0;
  private exportCall: ExportCall | undefined;
  private expected: readonly ImportCall[] = [];
  private cursor = 0;

  constructor(
    private readonly trace: Trace,
    private readonly passthrough: readonly string[],
    /** Export calls closed by `expect` (saved fuzz failures) replay in property mode. */
    private readonly expectations: ExpectationReplay,
    /** The replay's handles, to check those the trace hands out. */
    private readonly resources: ResourceTable,
  ) {}

  begin(index: number, call: ExportCall): void {
    this.index = index;
    this.exportCall = call;
    this.expected = this.passthrough.length === 0 ? call.imports : call.imports.filter((i) => !isPassthrough(i.function, this.passthrough));
    this.cursor = 0;
    if (call.expect !== undefined) this.expectations.begin(this.expected);
  }

  call(fn: WorldFunction, args: readonly Value[]): Value | undefined {
    const call = this.current();
    if (call.expect !== undefined) return this.answerExpected(fn, args, call);
    const expected = this.expected[this.cursor];
    // Call texts are printed only for a report: the matching path compares values alone.
    const actualText = () => printCallPositional(callNameOf(fn), fn.function.params, args);
    if (expected === undefined) {
      const text = actualText();
      throw this.stop('unexpected-import', `the component called \`${text}\`, but the trace has no more import calls in \`${call.name}\``, call.outcomeLine ?? call.line, undefined, text, [text]);
    }
    const expectedText = () => printCallPositional(expected.name, expected.function.function.params, expected.args);
    if (!sameImportFunction(expected.function.function, fn.function)) {
      throw this.stop('unexpected-import', `the component called \`${callNameOf(fn)}\`, the trace expects \`${expected.name}\` next`, expected.line, expectedText(), actualText(), [expectedText()]);
    }
    const params = fn.function.params;
    for (let i = 0; i < params.length; i++) {
      const param = params[i] as (typeof params)[number];
      if (!valuesEqual(param.type, expected.args[i] as Value, args[i] as Value)) {
        const recorded = expected.args[i];
        const made = args[i];
        if (recorded instanceof ResourceHandle && made instanceof ResourceHandle) {
          const point = { callIndex: this.index, ...(expected.line === undefined ? {} : { line: expected.line }) };
          const role = i === 0 && fn.function.kind === 'method' ? 'on handle' : `with \`${param.name}\` handle`;
          throw this.stop(
            'resource-handle',
            `\`${expected.name}\` was called ${role} #${made.id} (${traceHandleStory(this.trace, made.id, point)}), the trace records #${recorded.id} (${traceHandleStory(this.trace, recorded.id, point)})`,
            expected.line,
            expectedText(),
            printCallPositional(expected.name, params, args),
            [expectedText()],
          );
        }
        throw this.stop(
          'import-arguments',
          `\`${expected.name}\` was called with a different \`${param.name}\` than the trace records`,
          expected.line,
          expectedText(),
          printCallPositional(expected.name, params, args),
          [expectedText()],
        );
      }
    }
    this.cursor++;
    if (expected.outcome.kind === 'trap') throw new ReplayedHostFailure(expected.outcome.message);
    const misfit = this.misfitHandle(expected.outcome.value, fn.function.result, expected.line);
    if (misfit !== undefined) {
      const text = printCallPositional(expected.name, expected.function.function.params, expected.args);
      const answer = fn.function.result === undefined || expected.outcome.value === undefined ? undefined : printValue(expected.outcome.value, fn.function.result);
      throw this.stop('resource-handle', `the trace's answer to \`${expected.name}\` cannot be handed to the component: ${misfit}`, expected.outcomeLine ?? expected.line, answer, undefined, [text]);
    }
    return expected.outcome.value;
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
    forEachPart(value, type, (part, partType) => {
      if (misfit !== undefined || (partType.kind !== 'own' && partType.kind !== 'borrow') || !(part instanceof ResourceHandle) || !this.resources.has(part)) return;
      try {
        this.resources.objectFor(part, partType.resource);
      } catch (error) {
        const story = traceHandleStory(this.trace, part.id, { callIndex: this.index, ...lineOf(line) });
        misfit = `${isProxyComponentError(error) ? error.detail : String(error)} (${story})`;
      }
    });
    return misfit;
  }

  /**
   * Before an export call: a resource handle among its arguments that the run
   * knows as another resource is a divergence (see misfitHandle), not a crash in jco.
   */
  unboundArgument(): Divergence | undefined {
    const call = this.current();
    let problem: string | undefined;
    call.function.function.params.forEach((param, i) => {
      const misfit = problem === undefined ? this.misfitHandle(call.args[i], param.type, call.line) : undefined;
      if (misfit !== undefined) problem = `\`${param.name}\`: ${misfit}`;
    });
    if (problem === undefined) return undefined;
    return this.divergeWith('resource-handle', `the trace's export call \`${call.name}\` cannot be made: ${problem}`, call.line, undefined, undefined, []);
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
    const missing = this.expected[this.cursor];
    if (missing !== undefined && (outcome.kind === 'return' || !(outcome.error instanceof ReplayedHostFailure))) {
      const text = printCallPositional(missing.name, missing.function.function.params, missing.args);
      return this.divergeWith('missing-import', `\`${call.name}\` ${outcome.kind === 'trap' ? 'trapped' : 'returned'} without calling \`${missing.name}\` as the trace expects`, missing.line, text, outcomeText(outcome, call), [text]);
    }
    return compareOutcome(call.outcome, outcome, call, (kind, summary, expected, actual, type) =>
      this.divergeWith(kind, summary, call.outcomeLine ?? call.line, expected, actual, [], type),
    );
  }

  diverge(kind: DivergenceKind, summary: string, index: number, call: ExportCall, line: number | undefined): Divergence {
    this.index = index;
    this.exportCall = call;
    return this.divergeWith(kind, summary, line, undefined, undefined, []);
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
    const handles = describeHandleArgs(call);
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
      ...(handles.length === 0 ? {} : { handles }),
    };
  }

  private stop(kind: DivergenceKind, summary: string, line: number | undefined, expected: string | undefined, actual: string | undefined, inner: readonly string[]): DivergenceStop {
    return new DivergenceStop(this.divergeWith(kind, summary, line, expected, actual, inner));
  }

  private current(): ExportCall {
    if (this.exportCall === undefined) throw new Error('import call outside an export call');
    return this.exportCall;
  }
}

function lineOf(line: number | undefined): { line?: number } {
  return line === undefined ? {} : { line };
}

function outcomeText(outcome: ExportOutcome, call: ExportCall): string {
  if (outcome.kind === 'trap') return `trap ${JSON.stringify(outcome.message)}`;
  const type = call.function.function.result;
  return type === undefined || outcome.value === undefined ? 'return' : `return ${printValue(outcome.value, type)}`;
}

type Report = (kind: DivergenceKind, summary: string, expected: string, actual: string, type?: string) => Divergence;

function compareOutcome(expected: CallOutcome, actual: ExportOutcome, call: ExportCall, report: Report): Divergence | undefined {
  const resultType = call.function.function.result;
  if (expected.kind === 'trap') {
    if (actual.kind === 'trap') return undefined; // traps compare by kind: engines word messages differently
    return report('missing-trap', `\`${call.name}\` returned, the trace expects it to trap`, `trap ${JSON.stringify(expected.message)}`, outcomeText(actual, call));
  }
  if (actual.kind === 'trap') {
    return report('export-trap', `\`${call.name}\` trapped: ${actual.message}`, outcomeText(expected, call), `trap ${JSON.stringify(actual.message)}`);
  }
  if (resultType === undefined) return undefined;
  if (valuesEqual(resultType, expected.value as Value, actual.value as Value)) return undefined;
  const expectedText = printValue(expected.value as Value, resultType);
  const actualText = printValue(actual.value as Value, resultType);
  return report('export-result', `\`${call.name}\` returned ${abbreviate(actualText)}, the trace expects ${abbreviate(expectedText)}`, expectedText, actualText, typeText(resultType));
}

function abbreviate(text: string): string {
  return text.length <= 60 ? text : `${text.slice(0, 57)}...`;
}
