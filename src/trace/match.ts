/**
 * Matching a run against a trace, export call by export call: which recorded
 * import { abbreviate, abbreviateDifference, LINE_LIMIT, SENTENCE_LIMIT } from '../util/abbreviate.js';
import call comes next, whether the component's import call is it (the same
 * function, equal arguments by typed equality) and what it answers, whether
 * every recorded import call was made, and whether the export's outcome is the
 * recorded one. The first difference is a `Divergence`, worded here.
 *
 * One implementation for both replays: the in-process one (host/replay.ts,
 * the component under jco) and the instrumented replay component's tracer
 * (instrument/tracer/replay.ts, bundled into QuickJS), so that both find the
 * same divergence and say it in the same words. It sits in trace/, below
 * both, and imports only the trace model, values, WAVE, the divergence type
 * and the abbreviation of long values, which the tracer bundle carries anyway.
 */
import type { Divergence, DivergenceKind } from '../divergence/divergence.js';
import { abbreviate, abbreviateDifference, LINE_LIMIT, SENTENCE_LIMIT } from '../util/abbreviate.js';
import { valuesEqual } from '../values/equal.js';
import type { Value } from '../values/value.js';
import { printCallPositional, printValue } from '../wave/index.js';
import { typeText } from '../wave/type-text.js';
import { callNameOf } from '../wit/lookup.js';
import type { WitFunction, WorldFunction } from '../wit/world.js';
import { ResourceHandle } from '../values/value.js';
import { describeHandleArgs, HandleHistory, type TracePoint } from './handles.js';
import type { CallOutcome, ExportCall, ImportCall, Trace } from './model.js';

export interface MatchOptions {
  /** Whether the replay answers a recorded import call; the others went to the real host (pass-through). Default: every one. */
  readonly answers?: (call: ImportCall) => boolean;
  /** Whether the component's call of `actual` is a call of the recorded `expected`. Default: the same function. */
  readonly sameFunction?: (expected: WitFunction, actual: WitFunction) => boolean;
}

/** An export call's outcome as the replay saw it: returned, trapped, or returned a value that does not fit its type. */
export type ReplayedOutcome = CallOutcome | { readonly kind: 'ill-typed'; readonly message: string };

/** What an import call gets: the recorded answer (a value, or a host failure to replay), or the divergence it is. */
export type ImportMatch = { readonly kind: 'answer'; readonly call: ImportCall; readonly outcome: CallOutcome } | { readonly kind: 'divergence'; readonly divergence: Divergence };

export class TraceMatcher {
  private index = -1;
  private call: ExportCall | undefined;
  private expected: readonly ImportCall[] = [];
  private cursor = 0;
  /** What the calls before the current one did with handles (calls up to `historyUpTo`), to tell a handle's story. */
  private readonly history = new HandleHistory();
  private historyUpTo = 0;
  private readonly answers: (call: ImportCall) => boolean;
  private readonly sameFunction: (expected: WitFunction, actual: WitFunction) => boolean;

  constructor(
    readonly trace: Trace,
    options: MatchOptions = {},
  ) {
    this.answers = options.answers ?? (() => true);
    this.sameFunction = options.sameFunction ?? ((expected, actual) => expected === actual);
  }

  /** Starts export call `index` of the trace (`call`: given by a trace read as it streams, whose `calls` are not kept). */
  begin(index: number, call: ExportCall | undefined = this.trace.calls[index]): ExportCall {
    if (call === undefined) throw new Error(`the trace has no export call #${index + 1}`);
    // The history takes each call once it is over: the one just matched, or those of a whole trace skipped over.
    for (; this.historyUpTo < index; this.historyUpTo++) {
      const over = this.historyUpTo === this.index ? this.call : this.trace.calls[this.historyUpTo];
      if (over === undefined) throw new Error(`export call #${this.historyUpTo + 1} was never matched: a trace that streams is matched in order`);
      this.history.add(over, this.historyUpTo);
    }
    this.index = index;
    this.call = call;
    this.expected = call.imports.filter(this.answers);
    this.cursor = 0;
    return call;
  }

  /** Where handle `id` came from and went in the trace before `point` in the current export call (see HandleHistory.story). */
  handleStory(id: number, point: TracePoint): string {
    return this.history.story(id, this.current(), point);
  }

  /** The current export call's recorded import calls that the replay answers. */
  get expectedImports(): readonly ImportCall[] {
    return this.expected;
  }

  /** The component called `fn` with `args`: the next recorded import call's answer, or how the call differs from it. */
  importCall(fn: WorldFunction, args: readonly Value[]): ImportMatch {
    const call = this.current();
    const expected = this.expected[this.cursor];
    // Call texts are printed only for a report: the matching path compares values alone.
    const actualText = () => printCallPositional(callNameOf(fn), fn.function.params, args);
    if (expected === undefined) {
      const text = actualText();
      return this.stop('unexpected-import', `the component called \`${abbreviate(text)}\`, but the trace has no more import calls in \`${call.name}\``, call.outcomeLine ?? call.line, undefined, text, [text]);
    }
    const expectedText = () => printCallPositional(expected.name, expected.function.function.params, expected.args);
    if (!this.sameFunction(expected.function.function, fn.function)) {
      return this.stop('unexpected-import', `the component called \`${callNameOf(fn)}\`, the trace expects \`${expected.name}\` next`, expected.line, expectedText(), actualText(), [expectedText()]);
    }
    const params = fn.function.params;
    for (let i = 0; i < params.length; i++) {
      const param = params[i] as (typeof params)[number];
      if (!valuesEqual(param.type, expected.args[i] as Value, args[i] as Value)) {
        const text = expectedText();
        const recorded = expected.args[i];
        const made = args[i];
        if (recorded instanceof ResourceHandle && made instanceof ResourceHandle) {
          // Another handle than the recorded one: say where each came from in the trace.
          const point = { callIndex: this.index, ...(expected.line === undefined ? {} : { line: expected.line }) };
          const role = i === 0 && fn.function.kind === 'method' ? 'on handle' : `with \`${param.name}\` handle`;
          const summary = `\`${expected.name}\` was called ${role} #${made.id} (${this.handleStory(made.id, point)}), the trace records #${recorded.id} (${this.handleStory(recorded.id, point)})`;
          return this.stop('resource-handle', summary, expected.line, text, printCallPositional(expected.name, params, args), [text]);
        }
        return this.stop('import-arguments', `\`${expected.name}\` was called with a different \`${param.name}\` than the trace records`, expected.line, text, printCallPositional(expected.name, params, args), [text]);
      }
    }
    this.cursor++;
    return { kind: 'answer', call: expected, outcome: expected.outcome };
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
    const missing = this.expected[this.cursor];
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
    if (resultType === undefined || valuesEqual(resultType, expected.value as Value, outcome.value as Value)) return undefined;
    const expectedText = printValue(expected.value as Value, resultType);
    const actualText = printValue(outcome.value as Value, resultType);
    // The sentence shows both values where they differ; the report and the data keep them whole.
    const [actualShown, expectedShown] = abbreviateDifference([actualText, expectedText], SENTENCE_LIMIT);
    return this.diverge('export-result', `\`${call.name}\` returned ${actualShown}, the trace expects ${expectedShown}`, line, expectedText, actualText, [], typeText(resultType));
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
      summary,
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

  private stop(kind: DivergenceKind, summary: string, line: number | undefined, expected: string | undefined, actual: string, inner: readonly string[]): ImportMatch {
    return { kind: 'divergence', divergence: this.diverge(kind, summary, line, expected, actual, inner) };
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

