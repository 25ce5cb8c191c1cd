/**
 * Matching a run against a trace, export call by export call: which recorded
 * import call comes next, whether the component's import call is it (the same
 * function, equal arguments by typed equality) and what it answers, whether
 * every recorded import call was made, and whether the export's outcome is the
 * recorded one. The first difference is a `Divergence`, worded here.
 *
 * Comparison is strict typed equality in order unless the replay brings a
 * `ValueMatching` (host/match-rules.ts: the user's matching rules, `ignore`,
 * `equal`, `anyOrder`, and redacted placeholders); a divergence at a call
 * some rules applied to names them.
 *
 * One implementation for both replays: the in-process one (host/replay.ts,
 * the component under jco) and the instrumented replay component's tracer
 * (instrument/tracer/replay.ts, bundled into QuickJS), so that both find the
 * same divergence and say it in the same words. It sits in trace/, below
 * both, and imports only the trace model, values, WAVE, the divergence type
 * and the abbreviation of long values, which the tracer bundle carries anyway.
 *
 * Matching a call that agrees costs a constant amount besides comparing its
 * values and walking its handles: the next recorded call in order is found by
 * a cursor, and nothing is printed or kept for a report until there is one
 * (a trace held in memory gives the stories of its handles only then).
 *
 * Given the world, it also follows the trace's resource handles
 * (handle-ledger.ts): an export call that would pass the component a handle
 * of its own resources that it never made, or gave back, is a divergence
 * naming the call and the handle, found before the call is made.
 */
import type { Divergence, DivergenceKind } from '../divergence/divergence.js';
import { abbreviate, abbreviateDifference, LINE_LIMIT, SENTENCE_LIMIT } from '../util/abbreviate.js';
import { valuesEqual } from '../values/equal.js';
import { ResourceHandle, type Value } from '../values/value.js';
import { printCallPositional, printValue } from '../wave/index.js';
import { typeText } from '../wave/type-text.js';
import { callNameOf } from '../wit/lookup.js';
import type { WitType } from '../wit/types.js';
import type { Param, WitFunction, World, WorldFunction } from '../wit/world.js';
import { importedResources } from '../values/world-resources.js';
import { HandleLedger } from './handle-ledger.js';
import { describeHandleArgs, HandleHistory, type TracePoint } from './handles.js';
import type { CallOutcome, ExportCall, ImportCall, Trace } from './model.js';

export interface MatchOptions {
  /** Whether the replay answers a recorded import call; the others went to the real host (pass-through). Default: every one. */
  readonly answers?: (call: ImportCall) => boolean;
  /** Whether the component's call of `actual` is a call of the recorded `expected`. Default: the same function. */
  readonly sameFunction?: (expected: WitFunction, actual: WitFunction) => boolean;
  /** How values compare, and which import calls may come in any order. Default: typed equality, in order. */
  readonly matching?: ValueMatching;
  /** The component's world, to follow the trace's resource handles (which side makes them); without it handles are not checked. */
  readonly world?: World;
}

/** How a replay compares values: host/match-rules.ts's ImportMatching is one (the user's rules, redacted placeholders). */
export interface ValueMatching {
  /** Whether `fn`'s calls may come in any order within an export call, and how a report names the rules that apply to it. */
  rulesFor(fn: WorldFunction): { readonly anyOrder: boolean; readonly descriptions: readonly string[] };
  /** The first parameter of `fn` whose recorded and actual values do not match, or undefined when all do. */
  mismatchedParameter(fn: WorldFunction, expected: readonly Value[], actual: readonly Value[]): string | undefined;
  /** Whether a recorded value and an actual one of `type` match (an export's result). */
  valuesMatch(type: WitType, expected: Value, actual: Value): boolean;
}

/** What `ValueMatching.rulesFor` says of a function. */
type FunctionRules = ReturnType<ValueMatching['rulesFor']>;

const NO_RULES = { anyOrder: false, descriptions: [] } as const;

/** No rules: typed equality, in order. */
export const STRICT_MATCHING: ValueMatching = {
  rulesFor: () => NO_RULES,
  mismatchedParameter: (fn, expected, actual) => {
    const params = fn.function.params;
    for (let i = 0; i < params.length; i++) {
      const param = params[i] as Param;
      if (!valuesEqual(param.type, expected[i] as Value, actual[i] as Value)) return param.name;
    }
    return undefined;
  },
  valuesMatch: valuesEqual,
};

/** An export call's outcome as the replay saw it: returned, trapped, or returned a value that does not fit its type. */
export type ReplayedOutcome = CallOutcome | { readonly kind: 'ill-typed'; readonly message: string };

/** What an import call gets: the recorded answer (a value, or a host failure to replay), or the divergence it is. */
export type ImportMatch = { readonly kind: 'answer'; readonly call: ImportCall; readonly outcome: CallOutcome } | { readonly kind: 'divergence'; readonly divergence: Divergence };

/** Said of a divergence after a second trace header: the likely reason. */
const ANOTHER_INSTANCE = (line: number) =>
  `; the trace holds recordings of several instances (another header at line ${line}) and a replay runs every call on one instance, ` +
  'so calls recorded by a fresh instance (what a program does on its first call) are not made again ' +
  '(`wasmtime serve` starts an instance per request unless `--max-instance-reuse-count` and `--idle-instance-timeout` keep one)';

export class TraceMatcher {
  private index = -1;
  private call: ExportCall | undefined;
  private expected: readonly ImportCall[] = [];
  /** Which of the current export call's recorded import calls have been answered. */
  private used: boolean[] = [];
  /** Every recorded import call before this position is answered or comes in any order: where the next in order is looked for. */
  private cursor = 0;
  /** What the calls before the current one did with handles (calls up to `historyUpTo`), to tell a handle's story. */
  private readonly history = new HandleHistory();
  private historyUpTo = 0;
  /** The current call is one a test made (`beginOutside`): the history takes it when the next begins. */
  private outside = false;
  /** Undefined: the replay answers every recorded import call. */
  private readonly answers: ((call: ImportCall) => boolean) | undefined;
  private readonly sameFunction: (expected: WitFunction, actual: WitFunction) => boolean;
  private readonly matching: ValueMatching;
  private readonly handles: HandleLedger | undefined;
  /** The line of the last trace header after the first one met so far (see ExportCall.instanceHeader). */
  private instanceHeader: number | undefined;

  constructor(
    readonly trace: Trace,
    options: MatchOptions = {},
  ) {
    this.answers = options.answers;
    this.sameFunction = options.sameFunction ?? ((expected, actual) => expected === actual);
    this.matching = options.matching ?? STRICT_MATCHING;
    this.handles = options.world === undefined ? undefined : new HandleLedger(importedResources(options.world));
  }

  /** Starts export call `index` of the trace (`call`: given by a trace read as it streams, whose `calls` are not kept). */
  begin(index: number, call: ExportCall | undefined = this.trace.calls[index]): ExportCall {
    if (call === undefined) throw new Error(`the trace has no export call #${index + 1}`);
    // A trace that streams keeps no calls: the history takes each call now, once it is over. A kept trace's
    // calls are taken when a divergence asks for a handle's story (a replay that matches never does).
    if (this.outside || this.trace.calls[index] !== call) this.takeHistory(index);
    this.outside = false;
    this.index = index;
    this.call = call;
    if (call.instanceHeader !== undefined) this.instanceHeader = call.instanceHeader;
    this.expected = this.answers === undefined ? call.imports : call.imports.filter(this.answers);
    this.used = new Array<boolean>(this.expected.length).fill(false);
    this.cursor = 0;
    return call;
  }

  /** Where handle `id` came from and went in the trace before `point` in the current export call (see HandleHistory.story). */
  handleStory(id: number, point: TracePoint): string {
    this.takeHistory(this.index);
    return this.history.story(id, this.current(), point);
  }

  /** Adds the export calls before `index` to the history: the one just matched, or those of a whole trace skipped over. */
  private takeHistory(index: number): void {
    for (; this.historyUpTo < index; this.historyUpTo++) {
      const over = this.historyUpTo === this.index ? this.call : this.trace.calls[this.historyUpTo];
      if (over === undefined) throw new Error(`export call #${this.historyUpTo + 1} was never matched: a trace that streams is matched in order`);
      this.history.add(over, this.historyUpTo);
    }
  }

  /**
   * Export call `index` is one a test made (toMatchRecording's stepped
   * replay), which the recording may not have: `call` stands for it in
   * divergences. Its import calls are not matched.
   */
  beginOutside(index: number, call: ExportCall): void {
    this.takeHistory(index);
    this.outside = true;
    this.index = index;
    this.call = call;
    this.expected = [];
    this.used = [];
    this.cursor = 0;
  }

  /**
   * The handles the current export call passes: a divergence naming the call
   * and the first handle the component cannot be given (never made, given
   * back already, of another resource); undefined when every one can be.
   * Call it after `begin`, before making the call.
   */
  checkHandles(): Divergence | undefined {
    const call = this.current();
    const problem = this.handles?.exportArgs(call.function.function.params, call.args, this.index);
    if (problem === undefined) return undefined;
    const story = this.handleStory(problem.handle, { callIndex: this.index, ...(call.line === undefined ? {} : { line: call.line }) });
    const summary = `the trace's export call \`${call.name}\` cannot be made: \`${problem.param}\`: resource handle #${problem.handle} ${problem.why} (${story})`;
    return this.diverge('resource-handle', summary, call.line, `a handle of \`${problem.resource.name.name}\` the host holds`, `#${problem.handle}`);
  }

  /** The current export call's recorded import calls that the replay answers. */
  get expectedImports(): readonly ImportCall[] {
    return this.expected;
  }

  /** The recorded import call the component is expected to make next in order, if any is left. */
  get nextExpected(): ImportCall | undefined {
    const position = this.nextInOrder();
    return position === undefined ? undefined : this.expected[position];
  }

  /**
   * Passes over the next recorded import call, as if it had been made: a
   * dialog repairing a trace answered the call the component made in its
   * place (the same function, other arguments). Returns the call passed over.
   */
  skip(): ImportCall | undefined {
    const position = this.nextInOrder();
    if (position === undefined) return undefined;
    this.used[position] = true;
    return this.expected[position];
  }

  /** The component called `fn` with `args`: the recorded import call it is and its answer, or how the call differs from it. */
  importCall(fn: WorldFunction, args: readonly Value[]): ImportMatch {
    this.current(); // throws outside an export call
    // The path of a call that matches builds no text and no closure: it runs for every import call.
    const rules = this.matching.rulesFor(fn);
    const position = rules.anyOrder ? this.anyOrderMatch(fn, args) : this.nextInOrder();
    const expected = position === undefined ? undefined : this.expected[position];
    if (position === undefined || expected === undefined || !this.sameFunction(expected.function.function, fn.function)) return this.otherCall(fn, args, expected, rules);
    const mismatched = this.matching.mismatchedParameter(fn, expected.args, args);
    if (mismatched !== undefined) return this.otherArguments(fn, args, expected, mismatched, rules);
    this.used[position] = true;
    this.handles?.importCall(fn.function, args, expected.outcome);
    return { kind: 'answer', call: expected, outcome: expected.outcome };
  }

  /** The component called `fn` where the trace has no more calls, or another function next. */
  private otherCall(fn: WorldFunction, args: readonly Value[], expected: ImportCall | undefined, rules: FunctionRules): ImportMatch {
    const call = this.current();
    const actualText = printCallPositional(callNameOf(fn), fn.function.params, args);
    if (expected === undefined) {
      const more = rules.anyOrder ? 'no more calls of it' : 'no more import calls';
      return this.stop('unexpected-import', `the component called \`${abbreviate(actualText)}\`, but the trace has ${more} in \`${call.name}\``, call.outcomeLine ?? call.line, undefined, actualText, [actualText], rules.descriptions);
    }
    const expectedText = printCallPositional(expected.name, expected.function.function.params, expected.args);
    return this.stop('unexpected-import', `the component called \`${callNameOf(fn)}\`, the trace expects \`${expected.name}\` next`, expected.line, expectedText, actualText, [expectedText], rules.descriptions);
  }

  /** The component called the recorded function with a different `mismatched` argument. */
  private otherArguments(fn: WorldFunction, args: readonly Value[], expected: ImportCall, mismatched: string, rules: FunctionRules): ImportMatch {
    const params = fn.function.params;
    const i = params.findIndex((param) => param.name === mismatched);
    const text = printCallPositional(expected.name, expected.function.function.params, expected.args);
    const recorded = expected.args[i];
    const made = args[i];
    if (recorded instanceof ResourceHandle && made instanceof ResourceHandle) {
      // Another handle than the recorded one: say where each came from in the trace.
      const point = { callIndex: this.index, ...(expected.line === undefined ? {} : { line: expected.line }) };
      const role = i === 0 && fn.function.kind === 'method' ? 'on handle' : `with \`${mismatched}\` handle`;
      const summary = `\`${expected.name}\` was called ${role} #${made.id} (${this.handleStory(made.id, point)}), the trace records #${recorded.id} (${this.handleStory(recorded.id, point)})`;
      return this.stop('resource-handle', summary, expected.line, text, printCallPositional(expected.name, params, args), [text], rules.descriptions);
    }
    const among = rules.anyOrder ? ' (matched in any order: no call of it left in the trace has these arguments)' : '';
    return this.stop('import-arguments', `\`${expected.name}\` was called with a different \`${mismatched}\` than the trace records${among}`, expected.line, text, printCallPositional(expected.name, params, args), [text], rules.descriptions);
  }

  /** The first recorded import call not answered yet among those that come in order. */
  private nextInOrder(): number | undefined {
    // Answered calls stay answered and a function's rules do not change: the cursor only moves on.
    for (; this.cursor < this.expected.length; this.cursor++) {
      if (!this.used[this.cursor] && !this.matching.rulesFor((this.expected[this.cursor] as ImportCall).function).anyOrder) return this.cursor;
    }
    return undefined;
  }

  /** The first unanswered recorded call of `fn` whose arguments match; else the first unanswered one (to report), if any. */
  private anyOrderMatch(fn: WorldFunction, args: readonly Value[]): number | undefined {
    const open = this.expected.flatMap((made, i) => (!this.used[i] && this.sameFunction(made.function.function, fn.function) ? [i] : []));
    return open.find((i) => this.matching.mismatchedParameter(fn, (this.expected[i] as ImportCall).args, args) === undefined) ?? open[0];
  }

  /**
   * The export call ended: every recorded import call must have been made,
   * and the outcome must be the recorded one (traps compare by kind: engines
   * word their messages differently). `afterHostFailure`: the trap is the
   * replayed host failure of the last import call answered, which ends the
   * call early, as it did when recorded, so the import calls after it are not
   * missing.
   */
  finish(outcome: ReplayedOutcome, afterHostFailure = false): Divergence | undefined {
    const call = this.current();
    if (outcome.kind === 'ill-typed') return this.diverge('type-error', `a value the component produced does not fit its type: ${abbreviate(outcome.message, LINE_LIMIT)}`, call.line);
    const missing = this.expected.find((_, i) => !this.used[i]);
    if (missing !== undefined && (outcome.kind === 'return' || !afterHostFailure)) {
      const text = printCallPositional(missing.name, missing.function.function.params, missing.args);
      return this.diverge('missing-import', `\`${call.name}\` ${outcome.kind === 'trap' ? 'trapped' : 'returned'} without calling \`${missing.name}\` as the trace expects`, missing.line, text, outcomeText(outcome, call), [text]);
    }
    const line = call.outcomeLine ?? call.line;
    const expected = call.outcome;
    if (expected.kind === 'trap') {
      if (outcome.kind === 'trap') return undefined;
      return this.diverge('missing-trap', `\`${call.name}\` returned, the trace expects it to trap`, line, outcomeText(expected, call), outcomeText(outcome, call));
    }
    if (outcome.kind === 'trap') return this.diverge('export-trap', `\`${call.name}\` trapped: ${abbreviate(outcome.message, LINE_LIMIT)}`, line, outcomeText(expected, call), outcomeText(outcome, call));
    const resultType = call.function.function.result;
    // Typed equality, or the replay's matching (a redacted string in the trace matches anything).
    if (resultType === undefined) return undefined;
    if (this.matching.valuesMatch(resultType, expected.value as Value, outcome.value as Value)) {
      this.returned(outcome.value);
      return undefined;
    }
    const expectedText = printValue(expected.value as Value, resultType);
    const actualText = printValue(outcome.value as Value, resultType);
    // The sentence shows both values where they differ; the report and the data keep them whole.
    const [actualShown, expectedShown] = abbreviateDifference([actualText, expectedText], SENTENCE_LIMIT);
    return this.diverge('export-result', `\`${call.name}\` returned ${actualShown}, the trace expects ${expectedShown}`, line, expectedText, actualText, [], typeText(resultType));
  }

  /** The current export call returned `value` (its handles are the host's from now on); `finish` says so itself when the outcome matches. */
  returned(value: Value | undefined): void {
    this.handles?.toHost(value, this.current().function.function.result);
  }

  /** Export call `index` names a function the component does not export. */
  noSuchExport(index: number, given?: ExportCall): Divergence {
    const call = this.begin(index, given);
    return this.diverge('unexpected-import', `the component has no export \`${call.name}\``, call.line);
  }

  /** A divergence in the current export call, at trace line `line`; `inner` are the import calls on the path to it. */
  diverge(kind: DivergenceKind, summary: string, line: number | undefined, expected?: string, actual?: string, inner: readonly string[] = [], type?: string): Divergence {
    const call = this.current();
    const handles = describeHandleArgs(call);
    return {
      kind,
      summary: this.instanceHeader === undefined ? summary : `${summary}${ANOTHER_INSTANCE(this.instanceHeader)}`,
      ...(this.trace.file === undefined ? {} : { file: this.trace.file }),
      ...(line === undefined ? {} : { line }),
      callIndex: this.index,
      path: [`export ${printCallPositional(call.name, call.function.function.params, call.args)}`, ...inner.map((text) => `import ${text}`)],
      ...(expected === undefined ? {} : { expected }),
      ...(actual === undefined ? {} : { actual }),
      ...(type === undefined ? {} : { type }),
      ...(handles.length === 0 ? {} : { handles }),
    };
  }

  private stop(kind: DivergenceKind, summary: string, line: number | undefined, expected: string | undefined, actual: string, inner: readonly string[], rules: readonly string[]): ImportMatch {
    const divergence = this.diverge(kind, summary, line, expected, actual, inner);
    return { kind: 'divergence', divergence: rules.length === 0 ? divergence : { ...divergence, rules } };
  }

  private current(): ExportCall {
    if (this.call === undefined) throw new Error('import call outside an export call');
    return this.call;
  }
}

/** `return <value>`, `return` or `trap "<message>"`, as a trace writes an export's outcome. */
export function outcomeText(outcome: CallOutcome, call: ExportCall): string {
  if (outcome.kind === 'trap') return `trap ${JSON.stringify(outcome.message)}`;
  const type = call.function.function.result;
  return type === undefined || outcome.value === undefined ? 'return' : `return ${printValue(outcome.value, type)}`;
}

