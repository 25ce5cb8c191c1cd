/**
 * Writes a trace in the `.trace` text format, version 1:
 *
 * ```text
 * # proxy-component trace v1 {"world":"root:component/root","component":"sha256:…","tool":"0.1.0"}
 * export count-words("doc")
 *   import example:kv/store.get@0.1.0("doc") -> some("hello big world")
 *   import example:kv/store.put@0.1.0("count:doc", "3")
 * return 3
 * ```
 *
 * One event per line so that a code-review diff shows exactly which call
 * changed. The header is the first line; other `#` lines are comments. An
 * export call opens with `export <call>`, the import calls it made follow,
 * indented, each with its result after ` -> ` (or ` trap "<message>"` when the
 * host failed), and the export closes with `return [<value>]` or
 * `trap "<message>"`. Values are WAVE, arguments positional.
 *
 * Saved fuzz failures (see fuzz/corpus.ts) close an export call with a
 * property expectation instead of an outcome, so that the trace fails while
 * the bug is there and passes once it is fixed, rather than pinning the buggy
 * output:
 *
 * ```text
 * # proxy-component trace v1 {"world":"root:component/root","fuzz":{"seed":42,"path":"3:0:1","property":"no-trap"}}
 * export check(7)
 *   import test:fuzz/env.get-limit@0.1.0() -> 0
 *   # observed: trap "wasm trap: integer divide by zero"
 * expect no-trap well-typed
 * ```
 *
 * `expect <property>...` names the properties the call must satisfy
 * (kebab-case names: the built-in `no-trap` and `well-typed`, or user
 * properties that the replaying host module provides). Such a call replays in
 * property mode: the recorded import results were generated, so they are
 * handed out by function, in order, whatever the arguments; a call the trace
 * has no answer for is a divergence (see host/replay.ts). What the failing run
 * observed is kept as a comment. The header's `fuzz` field holds the seed and
 * fast-check path that found the failure and the property that failed; its
 * `properties` field says where each user property is defined (a module, or
 * the test that passed it inline), relative to the trace's folder, so that a
 * replay finds them with no option:
 * `"properties":{"adds-up":{"module":"../properties.mjs"}}`.
 * Readers older than this extension reject `expect` lines (a syntax error
 * rather than a silent pass), and ignore the header field.
 *
 * A golden trace (`record --generate`, see session/golden-corpus.ts) is an
 * ordinary trace whose import answers were generated; its header's
 * `generated` field holds the seed and run it was made from.
 */
import { printCallPositional, printValue } from '../wave/index.js';
import { quoteString } from '../wave/string-escape.js';
import { callNameOf } from '../wit/lookup.js';
import type { CallOutcome, ExportCall, ImportCall, Trace, TraceHeader } from './model.js';
import { TRACE_FORMAT_VERSION } from './model.js';

export const HEADER_PREFIX = '# proxy-component trace v';

export function formatHeader(header: TraceHeader): string {
  const fields: Record<string, string> = {};
  if (header.world !== undefined) fields['world'] = header.world;
  if (header.component !== undefined) fields['component'] = header.component;
  if (header.componentPath !== undefined) fields['componentPath'] = header.componentPath;
  if (header.tool !== undefined) fields['tool'] = header.tool;
  const json = JSON.stringify({
    ...fields,
    ...(header.fuzz === undefined ? {} : { fuzz: { seed: header.fuzz.seed, path: header.fuzz.path, property: header.fuzz.property } }),
    ...(header.properties === undefined || Object.keys(header.properties).length === 0 ? {} : { properties: header.properties }),
    ...(header.generated === undefined ? {} : { generated: { seed: header.generated.seed, run: header.generated.run } }),
    ...(header.passthrough === undefined || header.passthrough.length === 0 ? {} : { passthrough: [...header.passthrough] }),
  });
  return `${HEADER_PREFIX}${TRACE_FORMAT_VERSION} ${json}`;
}

/** A property name in an `expect` line: kebab-case, like a WIT identifier. */
export const PROPERTY_NAME = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

/** `export <call>`: the line that opens an export call. */
export function formatExportLine(call: Pick<ExportCall, 'function' | 'args'>): string {
  return `export ${formatCall(call)}`;
}

/** `  import <call> -> <value>`: one import call, indented, with its result. */
export function formatImportLine(call: ImportCall): string {
  return `  import ${formatImportCall(call)}`;
}

/** `expect <property>...`: the line that closes an export call with a property expectation. */
export function formatExpectLine(properties: readonly string[]): string {
  return `expect ${properties.join(' ')}`;
}

/** `  # observed: <outcome>`: what a run observed, as a comment. */
export function formatObservedLine(outcome: CallOutcome, call: Pick<ExportCall, 'function'>): string {
  return `  # observed: ${formatOutcome(outcome, call)}`;
}

export function formatExportCall(call: ExportCall): string {
  const lines = [formatExportLine(call)];
  for (const imported of call.imports) lines.push(formatImportLine(imported));
  if (call.expect === undefined) {
    lines.push(formatExportOutcome(call));
  } else {
    lines.push(formatObservedLine(call.outcome, call), formatExpectLine(call.expect));
  }
  return lines.join('\n');
}

export function formatTrace(trace: Trace): string {
  const parts = [formatHeader(trace.header), ...trace.calls.map(formatExportCall)];
  return `${parts.join('\n')}\n`;
}

/** Calls are written with their canonical names, whatever spelling the trace was read with. */
function formatCall(call: Pick<ExportCall, 'function' | 'args'>): string {
  return printCallPositional(callNameOf(call.function), call.function.function.params, call.args);
}

function formatImportCall(call: ImportCall): string {
  const text = formatCall(call);
  const { outcome } = call;
  if (outcome.kind === 'trap') return `${text} trap ${quoteString(outcome.message)}`;
  const resultType = call.function.function.result;
  if (resultType === undefined || outcome.value === undefined) return text;
  return `${text} -> ${printValue(outcome.value, resultType)}`;
}

function formatExportOutcome(call: ExportCall): string {
  return formatOutcome(call.outcome, call);
}

export function formatOutcome(outcome: CallOutcome, call: { readonly function: ExportCall['function'] }): string {
  if (outcome.kind === 'trap') return `trap ${quoteString(outcome.message)}`;
  const resultType = call.function.function.result;
  if (resultType === undefined || outcome.value === undefined) return 'return';
  return `return ${printValue(outcome.value, resultType)}`;
}
