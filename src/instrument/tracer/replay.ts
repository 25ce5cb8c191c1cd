/**
 * Replay mode: the trace (ours or the original tool's JSONL, read from stdin
 * by the same reader as the in-process replay, trace/read.ts) drives the
 * export calls and answers the virtualized imports, matched by the same code
 * (trace/match.ts), so the first difference stops the run with the report
 * the in-process replay gives. How the run ended goes to stderr twice: the
 * report for people, then one JSON line for programs (trace/replay-end.ts).
 *
 * A composed component cannot survive a trap, so a trace whose calls trap
 * replays up to that call: before making a call the trace records as
 * trapping, the replay writes a `trap-expected` end line, so that the trap
 * that ends the run reads as the recorded one (trace/replay-end.ts).
 *
 * Imports this component leaves to the host (`--passthrough` ones, and those
 * the virtualizers cannot carry: async functions, `future`/`stream` values)
 * are answered by the host, not the trace: a trace that answers them (one
 * recorded in-process, or a golden trace's generated answers) replays without
 * those answers, and the end line says how many it held (`leftToHost`), which
 * may explain a divergence.
 * A call of another version of the recorded import's interface matches (see
 * `sameUnversioned`). Saved fuzz failures (`expect` lines) replay only
 * in-process.
 */
import type { Divergence } from '../../divergence/divergence.js';
import { renderDivergence } from '../../divergence/render.js';
import { TraceMatcher } from '../../trace/match.js';
import type { Trace } from '../../trace/model.js';
import { requireCalls } from '../../trace/no-calls.js';
import { readTrace } from '../../trace/read.js';
import { formatReplayEnd, type LeftToHost, type ReplayEnd } from '../../trace/replay-end.js';
import { callNameOf, unversionedCallName } from '../../wit/lookup.js';
import { worldFunctions, type WitFunction, type World } from '../../wit/world.js';
import type { Handler, Step, TracerContext } from './tracer.js';

const FILE = '<stdin>';

export function replayHandler(context: TracerContext): Handler {
  let matcher: TraceMatcher | undefined;
  let index = -1;
  let matched = 0;
  let leftToHost: LeftToHost | undefined;
  const left = () => (leftToHost === undefined ? {} : { leftToHost });
  /** The report's line about answers the host gave instead of the trace. */
  const leftNote = (why: string) =>
    leftToHost === undefined ? '' : `replay: note: the trace answers ${leftToHost.calls} call(s) of imports this replay component leaves to the host (the first \`${leftToHost.first}\`: passed through), which were not answered from the trace nor compared${why}; the in-process replay answers them\n`;
  const virtualized = new Set(context.imports.map((fn) => fn.function));
  const exportIndex = new Map(context.exports.map((fn, i) => [fn.function, i]));
  const total = (): number => matcher?.trace.calls.length ?? 0;

  /** Ends the run: the report for people, then the end line. */
  const end = (report: string, ended: ReplayEnd): Step => ({ report: `${report}${formatReplayEnd(ended)}`, fail: ended.kind !== 'matched' });
  const stopped = (message: string): Step => end(`replay: ${message}\n`, { kind: 'stopped', message });
  const diverged = (divergence: Divergence): Step =>
    end(`${renderDivergence(divergence, { color: false })}\nreplay: ${matched} of ${total()} export call(s) matched before the divergence\n${leftNote(': what the host answered may explain the difference')}`, {
      kind: 'diverged',
      matched,
      total: total(),
      divergence,
      ...left(),
    });
  const use = (): TraceMatcher => {
    if (matcher === undefined) throw new Error('no trace was loaded');
    return matcher;
  };

  return {
    loadTrace(text, file = FILE): Step {
      const trace: Trace = requireCalls(readTrace(text, context.world, { file }), text, file);
      leftToHost = unanswered(trace, virtualized);
      // Only the virtualized imports reach the tracer: the others went to the host.
      matcher = new TraceMatcher(trace, { answers: (call) => virtualized.has(call.function.function), sameFunction: sameUnversioned(context.world), world: context.world });
      return {};
    },
    nextExport(): Step {
      if (matcher === undefined) return stopped('no trace was loaded');
      index++;
      const call = matcher.trace.calls[index];
      if (call === undefined) return end(`replay: ${matched} of ${total()} export call(s) matched\n${leftNote('')}`, { kind: 'matched', matched, total: total(), ...left() });
      if (call.expect !== undefined) return stopped(`export call #${index + 1} (line ${call.line}) is a saved fuzz failure (\`expect\`); replay it in-process`);
      const fn = exportIndex.get(call.function.function);
      if (fn === undefined) return diverged(matcher.noSuchExport(index));
      matcher.begin(index);
      const badHandle = matcher.checkHandles();
      if (badHandle !== undefined) return diverged(badHandle);
      if (call.outcome.kind !== 'trap') return { call: { fn, args: call.args } };
      const expected: ReplayEnd = { kind: 'trap-expected', matched, total: total(), callIndex: index, ...left() };
      return { report: `replay: export call #${index + 1} is recorded as trapping: a trap now is the recorded one\n${formatReplayEnd(expected)}`, call: { fn, args: call.args } };
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

/** The calls the trace answers of imports this component leaves to the host (every import not virtualized). */
function unanswered(trace: Trace, virtualized: ReadonlySet<WitFunction>): LeftToHost | undefined {
  let calls = 0;
  let first: string | undefined;
  for (const call of trace.calls) {
    for (const imported of call.imports) {
      if (virtualized.has(imported.function.function)) continue;
      calls++;
      first ??= imported.name;
    }
  }
  return first === undefined ? undefined : { calls, first };
}

/**
 * The recorded function, or the same function of another version of its
 * interface: a trace recorded in-process (jco cannot tell two versions of
 * one interface apart) may name either, so the in-process replay and the
 * wasmtime engine accept both too.
 */
function sameUnversioned(world: World): (expected: WitFunction, actual: WitFunction) => boolean {
  const names = new Map(worldFunctions(world, 'import').map((fn) => [fn.function, unversionedCallName(callNameOf(fn))]));
  return (expected, actual) => expected === actual || (names.get(expected) !== undefined && names.get(expected) === names.get(actual));
}
