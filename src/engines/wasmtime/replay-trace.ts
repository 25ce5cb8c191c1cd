/**
 * The two ends of a run of the composed replay component (src/instrument/,
 * mode `replay`) under `wasmtime run --invoke 'start()'`: the trace it reads
 * on stdin, written from export calls whose import calls and outcome are
 * known or guessed, with the meaning of each of its lines; and what the run
 * says back, read from its exit and its stderr report (the same report
 * `renderDivergence` writes, without colours).
 */
import { divergenceTitle } from '../../divergence/render.js';
import type { DivergenceKind } from '../../divergence/divergence.js';
import type { CallOutcome } from '../../trace/model.js';
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
  /** The first difference, from the report: `actual` is WAVE (a value, `return <value>`, or an import call). */
  | { readonly kind: 'divergence'; readonly callIndex: number; readonly line: number; readonly divergence: DivergenceKind; readonly actual?: string; readonly report: string }
  /** The replay reached an import the trace says the host fails, and stopped there, as the host would have failed it. */
  | { readonly kind: 'host-failed'; readonly report: string }
  /** The component trapped before any difference was seen. */
  | { readonly kind: 'trap'; readonly message: string }
  | { readonly kind: 'timeout' }
  /** Anything else: wasmtime or the replay component could not run. */
  | { readonly kind: 'failed'; readonly message: string };

const KINDS: readonly DivergenceKind[] = ['export-result', 'export-trap', 'missing-trap', 'import-arguments', 'unexpected-import', 'missing-import', 'type-error', 'timeout', 'property', 'resource-handle'];
const KIND_BY_TITLE = new Map(KINDS.map((kind) => [divergenceTitle(kind), kind]));
const HEADING = /^✗ <stdin>:(\d+) export call #(\d+): (.+)$/m;
const ACTUAL = /^ {2}\+ actual {3}(.*)$/m;
const HOST_FAILED = /^replay: the trace records that the host failed in /m;
/** The tracer's own errors (a trace it cannot read) start so. */
const TRACER_ERROR = /^proxy-component: (.*)$/m;
const MATCHED = /^replay: (\d+) of (\d+) export call\(s\) matched$/m;

export function readVerdict(run: WasmtimeInvocation, entries: number): ReplayVerdict {
  if (run.timedOut) return { kind: 'timeout' };
  const stderr = run.stderr;
  if (run.exitCode === 0) {
    const matched = MATCHED.exec(stderr);
    if (matched !== null && Number(matched[1]) === entries && Number(matched[2]) === entries) return { kind: 'matched' };
    return { kind: 'failed', message: `the replay component ended without matching the ${entries} export call(s): ${firstLines(stderr)}` };
  }
  const heading = HEADING.exec(stderr);
  if (heading !== null) {
    const divergence = KIND_BY_TITLE.get((heading[3] as string).trim());
    if (divergence === undefined) return { kind: 'failed', message: `unreadable replay report: ${heading[0]}` };
    const actual = ACTUAL.exec(stderr)?.[1];
    const report = stderr.slice(heading.index).split('\nreplay: ')[0] as string;
    return { kind: 'divergence', callIndex: Number(heading[2]) - 1, line: Number(heading[1]), divergence, ...(actual === undefined ? {} : { actual }), report };
  }
  if (HOST_FAILED.test(stderr)) return { kind: 'host-failed', report: (stderr.split('\n').find((line) => HOST_FAILED.test(line)) as string).trim() };
  const tracerError = TRACER_ERROR.exec(stderr);
  if (tracerError !== null) return { kind: 'failed', message: `the replay component cannot read the trace: ${tracerError[1] as string}` };
  const trap = stderr.split('\n').find((line) => /wasm trap:/.test(line));
  if (trap !== undefined) return { kind: 'trap', message: trap.trim().replace(/^\d+:\s*/, '') };
  return { kind: 'failed', message: `wasmtime exited with ${run.exitCode ?? 'a signal'}: ${firstLines(stderr)}` };
}

function firstLines(text: string): string {
  const lines = text.split('\n').map((line) => line.trim()).filter((line) => line !== '' && line !== 'Caused by:');
  return lines.slice(0, 3).join(' / ') || '(no output)';
}
