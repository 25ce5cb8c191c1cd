/**
 * Running a plan on a component with non-WASI imports, which the wasmtime
 * CLI cannot answer: through the composed replay component (src/instrument/,
 * mode `replay`), which reads a trace on stdin, drives the exports, answers
 * the imports from the trace and checks every argument and result, reporting
 * the first difference. The plan is written as a trace and the verdict read
 * back (replay-trace.ts).
 *
 * A plan is not a trace: its import answers come without the arguments the
 * component will pass, its calls without outcomes. So the trace is completed
 * by asking: each run replays every call already known (rebuilding the
 * instance's state, so state carries across calls as on the other engines),
 * then the next calls with their best guesses (a recorded trace's own
 * arguments and outcomes; else no import calls and a placeholder trap). The
 * verdict on the first wrong guess gives the truth (its `actual`), which
 * replaces the guess, until the calls match. A trace that the component
 * follows therefore costs one wasmtime run; a generated plan costs one run
 * per export call and per import call.
 *
 * Import answers follow the engine rule (engine.ts): each import call takes
 * the next unused answer for its function; none left, the host fails it.
 * A trap ends the run (a trapped instance cannot be entered again): the
 * calls after it are not run. So does a timeout.
 */
import type { ExportCall, CallOutcome } from '../../trace/model.js';
import { parseCall, parseValue } from '../../wave/index.js';
import type { Value } from '../../values/value.js';
import { callNameOf, unversionedCallName } from '../../wit/lookup.js';
import type { WorldFunction } from '../../wit/world.js';
import type { CallReport, EngineOutcome, PlannedCall } from '../engine.js';
import { invokeCompiled } from './wasmtime-cli.js';
import { readVerdict, writeReplayTrace, type EntryLines, type ReplayVerdict, type TraceEntry, type TraceImport } from './replay-trace.js';

export interface ReplayTarget {
  readonly binary: string;
  /** The composed replay component, compiled by wasmtime. */
  readonly compiledPath: string;
  /** The import functions the replay component answers from the trace, by call name: every one. */
  readonly virtualized: ReadonlyMap<string, WorldFunction>;
}

export interface ReplayRun {
  readonly calls: readonly CallReport[];
  readonly failure?: string;
}

/** Written for an export call whose outcome is not known yet: any outcome differs from it, and the verdict says what it was. */
const UNKNOWN_OUTCOME: CallOutcome = { kind: 'trap', message: 'to be learnt' };
/** Allowance for starting wasmtime and the replay component, on top of the calls' own time limits. */
const STARTUP_MS = 2_000;
/** Runs spent on one export call before giving up (each learns one import call or the outcome). */
const MAX_RUNS_PER_CALL = 200;

interface ImportGuess {
  readonly function: WorldFunction;
  readonly args: readonly Value[];
}

/** What is known of the export call being worked out. */
interface Work {
  /** Import calls seen made, in order. */
  readonly confirmed: readonly ImportGuess[];
  /** Import calls expected next, not yet seen. */
  readonly guesses: readonly ImportGuess[];
  /** The expected outcome; undefined when there is no guess. */
  readonly outcome: CallOutcome | undefined;
}

type Learnt = { readonly work: Work } | { readonly imports: readonly ImportGuess[]; readonly outcome: EngineOutcome } | { readonly failure: string };

export async function replayCalls(target: ReplayTarget, calls: readonly PlannedCall[], timeoutMs: number): Promise<ReplayRun> {
  const reports: CallReport[] = [];
  const known: TraceEntry[] = [];
  const finish = (failure?: string, reason = failure ?? 'not run'): ReplayRun => {
    while (reports.length < calls.length) reports.push({ outcome: { kind: 'not-run', reason } });
    return failure === undefined ? { calls: reports } : { calls: reports, failure };
  };
  const report = (imports: readonly ImportGuess[], outcome: EngineOutcome): void => {
    reports.push({ outcome, imports: imports.map((made) => ({ name: callNameOf(made.function), function: made.function, args: made.args })) });
  };

  let work = firstGuess(target, calls[0]);
  let windowLimit = Number.POSITIVE_INFINITY;
  let prefixMs = 0;
  let runs = 0;
  let settled = 0;
  while (reports.length < calls.length) {
    const k = reports.length;
    if (k > settled) [settled, runs] = [k, 0];
    if (++runs > MAX_RUNS_PER_CALL) return finish(`export call #${k + 1} made more import calls than wasmtime can be asked about (${MAX_RUNS_PER_CALL} runs)`);
    const window = speculation(target, calls, k, work, windowLimit);
    const { text, lines } = writeReplayTrace([...known, ...window]);
    const run = await invokeCompiled(target.binary, target.compiledPath, 'start()', { input: text, timeoutMs: timeoutMs * window.length + prefixMs + STARTUP_MS });
    const verdict = readVerdict(run, known.length + window.length);
    const confirmUpTo = (end: number) => {
      for (const entry of window.slice(0, end - k)) {
        report(entry.imports, entry.outcome);
        known.push(entry);
      }
    };
    switch (verdict.kind) {
      case 'matched':
        confirmUpTo(k + window.length);
        break;
      case 'divergence': {
        const at = verdict.divergence.callIndex;
        if (at < k || at >= k + window.length) {
          return finish(`export call #${at + 1} did not repeat on a fresh instance what it did before (each run replays the earlier calls, so the component must be deterministic): ${verdict.divergence.summary}`);
        }
        confirmUpTo(at);
        const current = at === k ? work : firstGuess(target, calls[at]);
        const learnt = learn(target, calls[at] as PlannedCall, current, lines[at] as EntryLines, verdict);
        if ('failure' in learnt) return finish(learnt.failure);
        if ('work' in learnt) {
          work = learnt.work;
          prefixMs = run.elapsedMs;
          continue;
        }
        report(learnt.imports, learnt.outcome);
        // A value that does not fit its type cannot be written into the next run's trace: the run ends here.
        if (learnt.outcome.kind !== 'return') return finish(undefined, `export call #${at + 1} returned an ill-typed value, so the calls after it cannot be replayed`);
        known.push(entryFor(calls[at] as PlannedCall, learnt.imports, learnt.outcome));
        break;
      }
      case 'host-failed': {
        // Only the window's last call can hold a failing answer (see speculation): the host failed its first one.
        const last = window.at(-1) as TraceEntry;
        confirmUpTo(k + window.length - 1);
        const failing = last.imports.findIndex((imported) => imported.answer.kind === 'trap');
        const answer = last.imports[failing]?.answer;
        report(last.imports.slice(0, failing + 1), { kind: 'trap', message: answer?.kind === 'trap' ? answer.message : verdict.message });
        return finish(undefined, `export call #${reports.length} trapped (the host failed an import): a trapped instance cannot be entered again`);
      }
      case 'trap':
      case 'timeout':
        if (window.length > 1) {
          // Some call of the window trapped or hung: narrow the window (to all but an expected trap, else half).
          windowLimit = verdict.kind === 'trap' && window.at(-1)?.outcome.kind === 'trap' ? window.length - 1 : Math.floor(window.length / 2);
          continue;
        }
        if (verdict.kind !== 'timeout' && work.guesses.length > 0) {
          // It trapped after some of the expected import calls: ask again without them, to see which were made.
          work = { ...work, guesses: [] };
          windowLimit = 1;
          continue;
        }
        report(work.confirmed, verdict.kind === 'trap' ? { kind: 'trap', message: verdict.message } : { kind: 'timeout', ms: timeoutMs });
        return finish(undefined, `export call #${k + 1} ${verdict.kind === 'trap' ? 'trapped: a trapped instance cannot be entered again' : 'timed out'}`);
      case 'failed':
        return finish(verdict.message);
    }
    // A call was settled: start on the next one.
    work = firstGuess(target, calls[reports.length]);
    windowLimit = Number.POSITIVE_INFINITY;
    prefixMs = run.elapsedMs;
  }
  return finish();
}

/** What a plan's call tells in advance: a recorded trace's import calls and outcome. */
function firstGuess(target: ReplayTarget, call: PlannedCall | undefined): Work {
  if (call === undefined) return { confirmed: [], guesses: [], outcome: undefined };
  const recorded = call as Partial<ExportCall>;
  const imports = call.imports.filter((planned) => target.virtualized.has(callNameOf(planned.function)));
  const withArgs = imports.every((planned) => 'args' in planned);
  const complete = withArgs && recorded.outcome !== undefined && recorded.expect === undefined;
  return {
    confirmed: [],
    guesses: withArgs ? imports.map((planned) => ({ function: planned.function, args: (planned as { args: readonly Value[] }).args })) : [],
    outcome: complete ? recorded.outcome : undefined,
  };
}

/**
 * The calls to try in one run, from call `k`: the call being worked out, then
 * (as far as `limit` allows) each next call whose guess is complete, ending
 * at the first that is expected to trap or whose host fails an import (the
 * run cannot go past it, and a failing host then points to one call).
 */
function speculation(target: ReplayTarget, calls: readonly PlannedCall[], k: number, work: Work, limit: number): TraceEntry[] {
  const window = [entryOf(calls[k] as PlannedCall, work)];
  const ends = (entry: TraceEntry, guess: Work) => guess.outcome === undefined || entry.outcome.kind === 'trap' || entry.imports.some((imported) => imported.answer.kind === 'trap');
  if (ends(window[0] as TraceEntry, work)) return window;
  for (let j = k + 1; j < calls.length && window.length < limit; j++) {
    const guess = firstGuess(target, calls[j]);
    if (guess.outcome === undefined) break;
    const entry = entryOf(calls[j] as PlannedCall, guess);
    window.push(entry);
    if (ends(entry, guess)) break;
  }
  return window;
}

function entryOf(call: PlannedCall, work: Work): TraceEntry {
  return { function: call.function, args: call.args, imports: withAnswers(call, [...work.confirmed, ...work.guesses]), outcome: work.outcome ?? UNKNOWN_OUTCOME };
}

function entryFor(call: PlannedCall, imports: readonly ImportGuess[], outcome: CallOutcome): TraceEntry {
  return { function: call.function, args: call.args, imports: withAnswers(call, imports), outcome };
}

/**
 * Each import call gets the next unused planned answer for its function; none left, the host fails it.
 * Answers for another version of the same interface count as the function's own, as on jco, which
 * cannot tell the versions apart (and so records them under one).
 */
function withAnswers(call: PlannedCall, imports: readonly ImportGuess[]): TraceImport[] {
  const used = new Map<string, number>();
  return imports.map((made) => {
    const full = callNameOf(made.function);
    const name = unversionedCallName(full);
    const answers = call.imports.filter((planned) => unversionedCallName(callNameOf(planned.function)) === name);
    const index = used.get(name) ?? 0;
    used.set(name, index + 1);
    return { function: made.function, args: made.args, answer: answers[index]?.outcome ?? { kind: 'trap', message: `no answer left for import \`${full}\`` } };
  });
}

/** What a divergence report teaches about the call it names. */
function learn(target: ReplayTarget, call: PlannedCall, work: Work, lines: EntryLines, verdict: Extract<ReplayVerdict, { kind: 'divergence' }>): Learnt {
  const written = [...work.confirmed, ...work.guesses];
  const importIndex = lines.importLines.indexOf(verdict.line);
  const at = importIndex >= 0 ? importIndex : written.length;
  const actual = verdict.divergence.actual;
  if (actual === undefined) return { failure: `the replay component reported a divergence without what happened: ${verdict.divergence.summary}` };
  const resultType = call.function.function.result;
  const returned = (text: string): EngineOutcome => {
    const value = text.replace(/^return ?/, '');
    if (resultType === undefined || value === '') return { kind: 'return' };
    try {
      return { kind: 'return', value: parseValue(value, resultType) };
    } catch (error) {
      return { kind: 'invalid', message: `the replay component reported ${JSON.stringify(value)}: ${error instanceof Error ? error.message : String(error)}` };
    }
  };
  switch (verdict.divergence.kind) {
    case 'export-result':
    case 'missing-trap':
      return { imports: written, outcome: returned(actual) };
    case 'missing-import':
      return { imports: written.slice(0, at), outcome: returned(actual) };
    case 'unexpected-import':
    case 'import-arguments': {
      const made = importCall(target, actual);
      if (made === undefined) return { failure: `the replay component reported an import call this engine cannot read: ${actual}` };
      // Other arguments: the later guesses may still hold. Another function: they are dropped.
      const guesses = verdict.divergence.kind === 'import-arguments' ? written.slice(at + 1) : [];
      return { work: { confirmed: [...written.slice(0, at), made], guesses, outcome: work.outcome } };
    }
    default:
      return { failure: `the replay component reported: ${verdict.divergence.summary}` };
  }
}

function importCall(target: ReplayTarget, text: string): ImportGuess | undefined {
  try {
    const parsed = parseCall(text, (name) => target.virtualized.get(name)?.function);
    const fn = target.virtualized.get(parsed.name);
    return fn === undefined ? undefined : { function: fn, args: parsed.args };
  } catch {
    return undefined;
  }
}
