/**
 * Replay mode: the trace (ours or the original tool's JSONL, read from stdin
 * by the same reader as the in-process replay, trace/read.ts) drives the
 * export calls and answers the virtualized imports, matched by the same code
 * (trace/match.ts), so the first difference stops the run with the report
 * the in-process replay gives. How the run ended goes to stderr twice: the
 * report for people, then one JSON line for programs (trace/replay-end.ts).
 *
 * A composed component cannot survive a trap, so a trace whose calls trap
 * replays up to that call; saved fuzz failures (`expect` lines) replay only
 * in-process.
 */
import type { Divergence } from '../../divergence/divergence.js';
import { renderDivergence } from '../../divergence/render.js';
import { TraceMatcher } from '../../trace/match.js';
import type { Trace } from '../../trace/model.js';
import { requireCalls } from '../../trace/no-calls.js';
import { readTrace } from '../../trace/read.js';
import { formatReplayEnd, type ReplayEnd } from '../../trace/replay-end.js';
import type { Handler, Step, TracerContext } from './tracer.js';

const FILE = '<stdin>';

export function replayHandler(context: TracerContext): Handler {
  let matcher: TraceMatcher | undefined;
  let index = -1;
  let matched = 0;
  const virtualized = new Set(context.imports.map((fn) => fn.function));
  const exportIndex = new Map(context.exports.map((fn, i) => [fn.function, i]));
  const total = (): number => matcher?.trace.calls.length ?? 0;

  /** Ends the run: the report for people, then the end line. */
  const end = (report: string, ended: ReplayEnd): Step => ({ report: `${report}${formatReplayEnd(ended)}`, fail: ended.kind !== 'matched' });
  const stopped = (message: string): Step => end(`replay: ${message}\n`, { kind: 'stopped', message });
  const diverged = (divergence: Divergence): Step =>
    end(`${renderDivergence(divergence, { color: false })}\nreplay: ${matched} of ${total()} export call(s) matched before the divergence\n`, { kind: 'diverged', matched, total: total(), divergence });
  const use = (): TraceMatcher => {
    if (matcher === undefined) throw new Error('no trace was loaded');
    return matcher;
  };

  return {
    loadTrace(text): Step {
      const trace: Trace = requireCalls(readTrace(text, context.world, { file: FILE }), text, FILE);
      // Only the virtualized imports reach the tracer: the others went to the host.
      matcher = new TraceMatcher(trace, { answers: (call) => virtualized.has(call.function.function) });
      return {};
    },
    nextExport(): Step {
      if (matcher === undefined) return stopped('no trace was loaded');
      index++;
      const call = matcher.trace.calls[index];
      if (call === undefined) return end(`replay: ${matched} of ${total()} export call(s) matched\n`, { kind: 'matched', matched, total: total() });
      if (call.expect !== undefined) return stopped(`export call #${index + 1} (line ${call.line}) is a saved fuzz failure (\`expect\`); replay it in-process`);
      const fn = exportIndex.get(call.function.function);
      if (fn === undefined) return diverged(matcher.noSuchExport(index));
      matcher.begin(index);
      return { call: { fn, args: call.args } };
    },
    beginExport: () => stopped('the host called an export directly'),
    beginImport(fn, args): Step {
      const match = use().importCall(fn, args);
      if (match.kind === 'divergence') return diverged(match.divergence);
      if (match.outcome.kind === 'trap') {
        const { name } = match.call;
        return end(`replay: the trace records that the host failed in \`${name}\` (${match.outcome.message}); the replay stops there, as the recorded run did\n`, {
          kind: 'host-failed',
          matched,
          total: total(),
          callIndex: index,
          import: name,
          message: match.outcome.message,
        });
      }
      return match.outcome.value === undefined ? { answer: {} } : { answer: { value: match.outcome.value } };
    },
    endImport: () => stopped('an import was forwarded to the host'),
    endExport(_fn, result): Step {
      const divergence = use().finish(result === undefined ? { kind: 'return' } : { kind: 'return', value: result });
      if (divergence !== undefined) return diverged(divergence);
      matched++;
      return {};
    },
    failed: (message) => end(`proxy-component: ${message}\n`, { kind: 'stopped', message }),
  };
}
