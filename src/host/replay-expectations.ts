/**
 * Replaying export calls closed by `expect <property>...` (saved fuzz
 * failures, see trace/write.ts): property mode, used by replay.ts.
 *
 * The recorded import results were generated, not observed, so they are
 * handed out by function, in order, whatever the arguments: a fixed component
 * that makes the same calls gets the same answers, and one that makes fewer
 * leaves answers unused (not a divergence). A call for which no answer is
 * left is an `unexpected-import` divergence saying so: the trace cannot tell
 * what the fuzzer would have answered, so fuzz again. The outcome is not
 * compared with the trace: the call must satisfy the named properties.
 */
import { ProxyComponentError, isProxyComponentError } from '../errors.js';
import type { DivergenceKind } from '../divergence/divergence.js';
import type { ExportOutcome } from '../engines/jco/export-caller.js';
import { BUILT_IN_PROPERTIES, checkCall, type CallRecord, type CallResult, type FuzzProperty } from '../fuzz/property.js';
import { dirname, join } from 'node:path';
import type { CallOutcome, ExportCall, ImportCall, PropertySource } from '../trace/model.js';
import type { Value } from '../values/value.js';
import { printCallPositional, printValue } from '../wave/index.js';
import { callNameOf } from '../wit/lookup.js';
import type { WitFunction, WorldFunction } from '../wit/world.js';
import { abbreviate, LINE_LIMIT } from '../util/abbreviate.js';
import { vitestTestCommand } from '../util/test-command.js';

/** An export's outcome, or a result the bridge refused because it does not fit its type. */
export type CheckedOutcome = ExportOutcome | { readonly kind: 'ill-typed'; readonly message: string };

/** Calls an export, turning a result that does not fit its type into an outcome rather than an exception. */
export function invokeChecked(invoke: (args: readonly Value[]) => ExportOutcome, args: readonly Value[]): CheckedOutcome {
  try {
    return invoke(args);
  } catch (error) {
    if (isProxyComponentError(error) && error.code === 'VALUE_TYPE') return { kind: 'ill-typed', message: error.message };
    throw error;
  }
}

export type AnswerLookup =
  | { readonly found: true; readonly outcome: CallOutcome }
  /** No answer left: the divergence's summary and the call as text. */
  | { readonly found: false; readonly summary: string; readonly callText: string };

export interface PropertyBreach {
  readonly kind: DivergenceKind;
  readonly summary: string;
  readonly expected: string;
  readonly actual: string;
}

export class ExpectationReplay {
  private readonly properties: readonly FuzzProperty[];
  private answers = new Map<WitFunction, { readonly calls: ImportCall[]; next: number }>();
  private made: ImportCall[] = [];
  private readonly history: CallRecord[] = [];

  constructor(
    userProperties: readonly FuzzProperty[],
    /** The trace file, for the location of an unknown property. */
    private readonly file: string | undefined,
    /** Where the trace's header says its user properties are defined, to say where one missing here is. */
    private readonly sources: Readonly<Record<string, PropertySource>> = {},
  ) {
    this.properties = [...BUILT_IN_PROPERTIES, ...userProperties];
  }

  /** Starts an expect-call: its recorded imports (pass-through ones left out) become the answers. */
  begin(imports: readonly ImportCall[]): void {
    this.answers = new Map();
    this.made = [];
    for (const imported of imports) {
      let queue = this.answers.get(imported.function.function);
      if (queue === undefined) this.answers.set(imported.function.function, (queue = { calls: [], next: 0 }));
      queue.calls.push(imported);
    }
  }

  /** The next recorded answer of the same function, whatever the arguments. */
  answer(fn: WorldFunction, args: readonly Value[], call: ExportCall): AnswerLookup {
    const queue = this.answers.get(fn.function);
    const answer = queue?.calls[queue.next];
    if (queue === undefined || answer === undefined) {
      const callText = printCallPositional(callNameOf(fn), fn.function.params, args);
      const made = queue?.calls.length ?? 0;
      const before = made === 0 ? 'never called it' : `called it only ${made === 1 ? 'once' : `${made} times`}`;
      return {
        found: false,
        callText,
        summary: `the trace has no answer for \`${abbreviate(callText)}\`: the run that found the failure ${before} in \`${call.name}\`; fuzz again to explore what the component does now`,
      };
    }
    queue.next++;
    this.made.push({ name: answer.name, function: fn, args, outcome: answer.outcome });
    return { found: true, outcome: answer.outcome };
  }

  /** Checks the call against the properties its `expect` line names; the first one broken, if any. */
  async check(call: ExportCall, index: number, outcome: CheckedOutcome): Promise<PropertyBreach | undefined> {
    const result: CallResult = outcome.kind === 'return' ? outcome : { kind: outcome.kind, message: outcome.message };
    const record: CallRecord = { index, name: call.name, function: call.function, args: call.args, imports: this.made, result };
    const failure = await checkCall(this.named(call), { call: record, history: this.history });
    this.history.push(record);
    if (failure === undefined) return undefined;
    const kind: DivergenceKind = failure.property === 'no-trap' ? 'export-trap' : failure.property === 'well-typed' ? 'type-error' : 'property';
    const named = failure.reason.includes(`property \`${failure.property}\``);
    const reason = abbreviate(failure.reason, LINE_LIMIT);
    const summary = named ? reason : `${reason} (the trace expects property \`${failure.property}\`)`;
    return { kind, summary, expected: `property ${failure.property}`, actual: resultText(result, call) };
  }

  private named(call: ExportCall): FuzzProperty[] {
    return (call.expect ?? []).map((name) => {
      const property = this.properties.find((p) => p.name === name);
      if (property !== undefined) return property;
      const line = call.outcomeLine ?? call.line ?? 1;
      throw new ProxyComponentError('USAGE', `the trace expects property \`${name}\`, ${this.whereDefined(name)}`, {
        location: this.file === undefined ? { line, column: 1 } : { file: this.file, line, column: 1 },
      });
    });
  }

  /** Why property `name` is not here, and how to replay the trace where it is. */
  private whereDefined(name: string): string {
    const source = this.sources[name];
    const near = (path: string) => (this.file === undefined ? path : join(dirname(this.file), path));
    if (source === undefined) return 'which is not defined here: give the host module that exports it as `properties`';
    if ('module' in source) return `which ${near(source.module)} (named by the trace's header) does not export as \`properties\``;
    const test = near(source.test);
    return (
      `defined inline in ${test}${source.testName === undefined ? '' : ` (test ${JSON.stringify(source.testName)})`}: a test file cannot be loaded for its properties alone, ` +
      `so that test replays the trace (toSatisfyProperties replays the saved failures of its corpus before it fuzzes): run \`${vitestTestCommand(test, source.testName)}\``
    );
  }
}

function resultText(result: CallResult, call: ExportCall): string {
  if (result.kind === 'trap') return `trap ${JSON.stringify(result.message)}`;
  if (result.kind === 'ill-typed') return `ill-typed: ${result.message}`;
  const type = call.function.function.result;
  return type === undefined || result.value === undefined ? 'return' : `return ${printValue(result.value, type)}`;
}
