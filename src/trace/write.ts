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
  return `${HEADER_PREFIX}${TRACE_FORMAT_VERSION} ${JSON.stringify(fields)}`;
}

export function formatExportCall(call: ExportCall): string {
  const lines = [`export ${formatCall(call)}`];
  for (const imported of call.imports) lines.push(`  import ${formatImportCall(imported)}`);
  lines.push(formatExportOutcome(call));
  return lines.join('\n');
}

export function formatTrace(trace: Trace): string {
  const parts = [formatHeader(trace.header), ...trace.calls.map(formatExportCall)];
  return `${parts.join('\n')}\n`;
}

/** Calls are written with their canonical names, whatever spelling the trace was read with. */
function formatCall(call: ExportCall | ImportCall): string {
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
