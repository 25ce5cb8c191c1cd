/**
 * The two ends of a run of the composed replay component (src/instrument/,
 * mode `replay`) under `wasmtime run --invoke 'start()'`: the trace it reads
 * on stdin, written from export calls whose import calls and outcome are
 * known or guessed, with the meaning of each of its lines; and what the run
 * says back: the JSON end line the replay component writes on stderr
 * (trace/replay-end.ts), or, when the component itself trapped, wasmtime's
 * trap message.
 */
import type { Divergence } from '../../divergence/divergence.js';
import type { CallOutcome } from '../../trace/model.js';
import { findReplayEnd, type ReplayEnd } from '../../trace/replay-end.js';
import { formatExportLine, formatHeader, formatImportLine, formatOutcome } from '../../trace/write.js';
import type { Value } from '../../values/value.js';
import { callNameOf } from '../../wit/lookup.js';
import type { WorldFunction } from '../../wit/world.js';
import type { WasmtimeInvocation } from './wasmtime-cli.js';

/** An import call as the trace gives it: the function, the arguments the component must pass, the answer. */
export interface TraceImport {
  readonly function: WorldFunction;
  readonly args: readonly Value[];
  readonly answer: CallOutcome;
}

/** An export call as the trace gives it. */
export interface TraceEntry {
  readonly function: WorldFunction;
  readonly args: readonly Value[];
  readonly imports: readonly TraceImport[];
  readonly outcome: CallOutcome;
}

/** Where an entry's lines are in the trace text (1-based). */
export interface EntryLines {
  readonly exportLine: number;
  readonly importLines: readonly number[];
  readonly outcomeLine: number;
}

export function writeReplayTrace(entries: readonly TraceEntry[]): { readonly text: string; readonly lines: readonly EntryLines[] } {
  const text = [formatHeader({ version: 1, world: 'root:component/root' })];
  const lines: EntryLines[] = [];
  for (const entry of entries) {
    const exportLine = text.push(formatExportLine(entry));
    const importLines = entry.imports.map((imported) =>
      text.push(formatImportLine({ name: callNameOf(imported.function), function: imported.function, args: imported.args, outcome: imported.answer })),
    );
    const outcomeLine = text.push(formatOutcome(entry.outcome, entry));
    lines.push({ exportLine, importLines, outcomeLine });
  }
  return { text: `${text.join('\n')}\n`, lines };
}

/** What one run of the replay component says. */
export type ReplayVerdict =
  /** Every export call matched the trace. */
  | { readonly kind: 'matched' }
  /** The first difference, at trace line `line`: its `actual` is WAVE (a value, `return <value>`, or an import call). */
  | { readonly kind: 'divergence'; readonly divergence: Divergence; readonly line: number }
  /** The replay reached an import the trace says the host fails, and stopped there, as the host would have failed it. */
  | { readonly kind: 'host-failed'; readonly import: string; readonly message: string }
  /** The component trapped before any difference was seen. */
  | { readonly kind: 'trap'; readonly message: string }
  | { readonly kind: 'timeout' }
  /** Anything else: wasmtime or the replay component could not run. */
  | { readonly kind: 'failed'; readonly message: string };

/** The verdict from the end line the replay component writes (trace/replay-end.ts); without one, from wasmtime's own exit and trap message. */
export function readVerdict(run: WasmtimeInvocation, entries: number): ReplayVerdict {
  if (run.timedOut) return { kind: 'timeout' };
  let end: ReplayEnd | undefined;
  try {
    end = findReplayEnd(run.stderr);
  } catch (error) {
    return { kind: 'failed', message: error instanceof Error ? error.message : String(error) };
  }
  if (end === undefined || end.kind === 'trap-expected') {
    // No end line after the calls made: the component itself trapped (wasmtime says how; the trace may expect it), or the run never reached the tracer.
    if (run.exitCode !== 0) {
      const trap = run.stderr.split('\n').find((line) => /wasm trap:/.test(line)) ?? (end === undefined ? undefined : componentTrap(run.stderr));
      if (trap !== undefined) return { kind: 'trap', message: trap.trim().replace(/^\d+:\s*/, '') };
    }
    return { kind: 'failed', message: `wasmtime exited with ${run.exitCode ?? 'a signal'} and no replay verdict: ${firstLines(run.stderr)}` };
  }
  switch (end.kind) {
    case 'matched':
      if (end.matched === entries && end.total === entries) return { kind: 'matched' };
      return { kind: 'failed', message: `the replay component matched ${end.matched} of ${end.total} export call(s), the trace has ${entries}` };
    case 'diverged': {
      const { divergence } = end;
      if (divergence.line === undefined) return { kind: 'failed', message: `the replay component reported a divergence without a trace line: ${divergence.summary}` };
      return { kind: 'divergence', divergence, line: divergence.line };
    }
    case 'host-failed':
      return { kind: 'host-failed', import: end.import, message: end.message };
    case 'stopped':
      return { kind: 'failed', message: `the replay component stopped: ${end.message}` };
  }
}

/**
 * A trap the component model's checks raise rather than a trap instruction
 * (`unknown handle index 7`, `borrow handles still remain at the end of the
 * call`): wasmtime says it as the last cause of its error, after the wasm
 * backtrace. Read only once the replay component has said the call now
 * running is the one the trace expects to trap.
 */
function componentTrap(stderr: string): string | undefined {
  const causes = stderr.split('\n').filter((line) => /^\s*\d+:\s/.test(line) && !/^\s*\d+:\s+(0x[0-9a-f]+ - |error while executing)/.test(line));
  const last = causes.at(-1)?.trim().replace(/^\d+:\s*/, '');
  return last === undefined || last === '' ? undefined : last;
}

function firstLines(text: string): string {
  const lines = text.split('\n').map((line) => line.trim()).filter((line) => line !== '' && line !== 'Caused by:');
  return lines.slice(0, 3).join(' / ') || '(no output)';
}
