/**
 * Replay mode: the trace (ours or the original tool's JSONL, read from stdin)
 * drives the export calls and answers the virtualized imports; every argument
 * and result is compared by typed equality, and the first difference stops
 * the run with the same report the in-process replay gives.
 *
 * A composed component cannot survive a trap, so a trace whose calls trap
 * replays up to that call; saved fuzz failures (`expect` lines) replay only
 * in-process.
 */
import type { Divergence, DivergenceKind } from '../../divergence/divergence.js';
import { renderDivergence } from '../../divergence/render.js';
import type { ExportCall, ImportCall, Trace } from '../../trace/model.js';
import { readTrace } from '../../trace/read.js';
import { isSeedFormat } from '../../trace/seed-format.js';
import { valuesEqual } from '../../values/equal.js';
import type { Value } from '../../values/value.js';
import { printCallPositional, printValue } from '../../wave/index.js';
import { typeText } from '../../wave/type-text.js';
import { callNameOf } from '../../wit/lookup.js';
import type { Handler, Step, TracerContext } from './tracer.js';

const FILE = '<stdin>';

/** Keeps the lines of the `.trace` grammar: a recorded stdout may hold the program's own output too. */
export function traceLinesOnly(text: string): string {
  if (isSeedFormat(text)) return text;
  return text
    .split('\n')
    .map((line) => (/^(#|  #|export |  import |return\b|trap |expect |\s*$)/.test(line) ? line : ''))
    .join('\n');
}

export function replayHandler(context: TracerContext): Handler {
  let trace: Trace | undefined;
  let index = -1;
  let call: ExportCall | undefined;
  let expected: readonly ImportCall[] = [];
  let cursor = 0;
  let matched = 0;
  const virtualized = new Set(context.imports.map((fn) => fn.function));
  const exportIndex = new Map(context.exports.map((fn, i) => [fn.function, i]));

  const stop = (kind: DivergenceKind, summary: string, line: number | undefined, expectedText?: string, actualText?: string, inner: readonly string[] = [], type?: string): Step => {
    const current = call as ExportCall;
    const divergence: Divergence = {
      kind,
      summary,
      file: FILE,
      ...(line === undefined ? {} : { line }),
      callIndex: index,
      path: [`export ${printCallPositional(current.name, current.function.function.params, current.args)}`, ...inner.map((text) => `import ${text}`)],
      ...(expectedText === undefined ? {} : { expected: expectedText }),
      ...(actualText === undefined ? {} : { actual: actualText }),
      ...(type === undefined ? {} : { type }),
    };
    return { report: `${renderDivergence(divergence, { color: false })}\nreplay: ${matched} of ${trace?.calls.length ?? 0} export call(s) matched before the divergence\n`, fail: true };
  };

  return {
    loadTrace(text): Step {
      trace = readTrace(traceLinesOnly(text), context.world, { file: FILE });
      return {};
    },
    nextExport(): Step {
      if (trace === undefined) return { report: 'replay: no trace was loaded\n', fail: true };
      index++;
      call = trace.calls[index];
      if (call === undefined) return { report: `replay: ${matched} of ${trace.calls.length} export call(s) matched\n` };
      if (call.expect !== undefined) return { report: `replay: export call #${index + 1} (line ${call.line}) is a saved fuzz failure (\`expect\`); replay it in-process\n`, fail: true };
      const fn = exportIndex.get(call.function.function);
      if (fn === undefined) return stop('unexpected-import', `the component has no export \`${call.name}\``, call.line);
      expected = call.imports.filter((i) => virtualized.has(i.function.function));
      cursor = 0;
      return { call: { fn, args: call.args } };
    },
    beginExport: () => ({ report: 'replay: the host called an export directly\n', fail: true }),
    beginImport(fn, args): Step {
      const current = call as ExportCall;
      const actualText = printCallPositional(callNameOf(fn), fn.function.params, args);
      const next = expected[cursor];
      if (next === undefined) {
        return stop('unexpected-import', `the component called \`${actualText}\`, but the trace has no more import calls in \`${current.name}\``, current.outcomeLine ?? current.line, undefined, actualText, [actualText]);
      }
      const expectedText = printCallPositional(next.name, next.function.function.params, next.args);
      if (next.function.function !== fn.function) {
        return stop('unexpected-import', `the component called \`${callNameOf(fn)}\`, the trace expects \`${next.name}\` next`, next.line, expectedText, actualText, [expectedText]);
      }
      const params = fn.function.params;
      for (let i = 0; i < params.length; i++) {
        const param = params[i] as (typeof params)[number];
        if (!valuesEqual(param.type, next.args[i] as Value, args[i] as Value)) {
          return stop('import-arguments', `\`${next.name}\` was called with a different \`${param.name}\` than the trace records`, next.line, expectedText, printCallPositional(next.name, params, args), [expectedText]);
        }
      }
      cursor++;
      if (next.outcome.kind === 'trap') {
        return { report: `replay: the trace records that the host failed in \`${next.name}\` (${next.outcome.message}); the replay stops there, as the recorded run did\n`, fail: true };
      }
      return next.outcome.value === undefined ? { answer: {} } : { answer: { value: next.outcome.value } };
    },
    endImport: () => ({ report: 'replay: an import was forwarded to the host\n', fail: true }),
    endExport(fn, result): Step {
      const current = call as ExportCall;
      const missing = expected[cursor];
      const resultType = fn.function.result;
      const actual = resultType === undefined || result === undefined ? 'return' : `return ${printValue(result, resultType)}`;
      if (missing !== undefined) {
        const text = printCallPositional(missing.name, missing.function.function.params, missing.args);
        return stop('missing-import', `\`${current.name}\` returned without calling \`${missing.name}\` as the trace expects`, missing.line, text, actual, [text]);
      }
      const outcome = current.outcome;
      const line = current.outcomeLine ?? current.line;
      if (outcome.kind === 'trap') return stop('missing-trap', `\`${current.name}\` returned, the trace expects it to trap`, line, `trap ${JSON.stringify(outcome.message)}`, actual);
      if (resultType !== undefined && !valuesEqual(resultType, outcome.value as Value, result as Value)) {
        const expectedText = printValue(outcome.value as Value, resultType);
        const actualText = printValue(result as Value, resultType);
        return stop('export-result', `\`${current.name}\` returned ${abbreviate(actualText)}, the trace expects ${abbreviate(expectedText)}`, line, expectedText, actualText, [], typeText(resultType));
      }
      matched++;
      return {};
    },
  };
}

function abbreviate(text: string): string {
  return text.length <= 60 ? text : `${text.slice(0, 57)}...`;
}

