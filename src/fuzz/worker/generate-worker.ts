/**
 * Generated runs (generated-runs.ts) made in a watched worker thread, so that
 * a call that never returns cannot hang `record --generate`: the worker tells
 * this side of each draw, each call before it is made and each call once it
 * ended (as trace lines), and each kept run. A call (or a component starting)
 * that takes longer than the time limit is stopped by terminating the
 * worker; its run is handed on up to the call before it, saying which call
 * did not return, and a new worker goes on with the next run of the seed's
 * stream, which is deterministic, so the runs after it are the runs they
 * would have been.
 */
import { ProxyComponentError } from '../../errors.js';
import { errorFromWorker, SerialWorker, workerScript, type WorkerFailure } from '../../util/worker-thread.js';
import type { GenerationPoint, GeneratedRunsOptions } from '../generated-runs.js';

/** A run as this side gets it: its export calls as trace lines. */
export interface WatchedRun extends GenerationPoint {
  /** Trace lines of its export calls (each call with its import calls and outcome), without the header. */
  readonly lines: readonly string[];
  readonly calls: number;
  /** Whether its last call trapped. */
  readonly endsInTrap: boolean;
  /** Why it ends before its plan did: a call that did not return, or one whose result does not fit its type. */
  readonly stopped?: string;
}

export interface WatchedGenerationOptions extends Omit<GeneratedRunsOptions, 'from'> {
  /** Longest one call (or the component's start) may run, in milliseconds. */
  readonly timeoutMs: number;
}

export interface WatchedGenerationHooks {
  /** Each run, in order, as soon as it is known. */
  readonly onRun: (run: WatchedRun) => void;
  /** A draw replaced by the next one, and why. */
  readonly onReplaced?: (point: GenerationPoint, reason: string) => void;
}

export interface GenerateRequest {
  readonly type: 'generate';
  readonly id: number;
  readonly bytes: Uint8Array;
  readonly options: GeneratedRunsOptions;
}

export type GenerateMessage =
  /** A draw of the seed's stream starts (a fresh instance). */
  | { readonly type: 'draw'; readonly id: number; readonly run: number; readonly draw: number }
  /** An export call is about to be made: the call as WAVE. */
  | { readonly type: 'call'; readonly id: number; readonly call: string }
  /** It ended: its trace lines. */
  | { readonly type: 'made'; readonly id: number; readonly lines: string }
  | { readonly type: 'replaced'; readonly id: number; readonly run: number; readonly draw: number; readonly reason: string }
  /** A run is kept: its calls as trace lines (one string per call). */
  | { readonly type: 'run'; readonly id: number; readonly run: number; readonly draw: number; readonly calls: readonly string[]; readonly endsInTrap: boolean; readonly stopped?: string }
  | { readonly type: 'done'; readonly id: number }
  | ({ readonly type: 'error'; readonly id: number } & WorkerFailure);

let shared: SerialWorker<GenerateMessage> | undefined;

function generateWorker(): SerialWorker<GenerateMessage> {
  shared ??= new SerialWorker<GenerateMessage>('run generation', () => workerScript(import.meta.url, 'dist/src/fuzz/worker/generate-worker-main.js', 'run generation'));
  return shared;
}

/** How one worker's stretch of runs ended: all made, or stopped at a call (or a start) that did not return. */
type Stretch = { readonly kind: 'done' } | { readonly kind: 'stopped'; readonly at: GenerationPoint };

/** Makes `options.runs` runs of the component (its bytes), each handed to `hooks.onRun` in order. */
export async function generateRunsWatched(bytes: Uint8Array, options: WatchedGenerationOptions, hooks: WatchedGenerationHooks): Promise<void> {
  const { timeoutMs, ...generation } = options;
  let from: GenerationPoint = { run: 0, draw: 0 };
  while (from.run < options.runs) {
    const stretch = await generateStretch(bytes, { ...generation, from }, timeoutMs, hooks);
    if (stretch.kind === 'done') return;
    from = { run: stretch.at.run + 1, draw: stretch.at.draw + 1 };
  }
}

function generateStretch(bytes: Uint8Array, options: GeneratedRunsOptions, timeoutMs: number, hooks: WatchedGenerationHooks): Promise<Stretch> {
  const name = options.componentName ?? 'the component';
  let point: GenerationPoint | undefined;
  let made: string[] = [];
  let calling: string | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  return generateWorker().request<Stretch>((id): GenerateRequest => ({ type: 'generate', id, bytes, options }), {
    onMessage(message, settle, stop) {
      const watch = () => {
        clearTimeout(timer);
        timer = setTimeout(() => {
          stop();
          if (point === undefined) return settle.reject(new Error('a run was stopped before it started'));
          if (calling === undefined) {
            // Not a call: the fresh instance did not finish starting.
            return settle.reject(new ProxyComponentError('COMPONENT_START', `${name} cannot be started: it did not finish starting within ${timeoutMs} ms (run ${point.run + 1})`));
          }
          const kept = made.length === 0 ? 'the run has no call to keep' : 'the run is kept up to the call before it';
          const stopped = `export call #${made.length + 1}, \`${calling}\`, did not return within ${timeoutMs} ms: ${kept}`;
          hooks.onRun({ ...point, lines: made, calls: made.length, endsInTrap: false, stopped });
          settle.resolve({ kind: 'stopped', at: point });
        }, timeoutMs);
      };
      switch (message.type) {
        case 'draw':
          point = { run: message.run, draw: message.draw };
          made = [];
          calling = undefined;
          watch();
          return;
        case 'call':
          calling = message.call;
          watch();
          return;
        case 'made':
          clearTimeout(timer);
          made.push(message.lines);
          calling = undefined;
          return;
        case 'replaced':
          clearTimeout(timer);
          hooks.onReplaced?.({ run: message.run, draw: message.draw }, message.reason);
          return;
        case 'run':
          clearTimeout(timer);
          hooks.onRun({
            run: message.run,
            draw: message.draw,
            lines: message.calls,
            calls: message.calls.length,
            endsInTrap: message.endsInTrap,
            ...(message.stopped === undefined ? {} : { stopped: message.stopped }),
          });
          return;
        case 'done':
          settle.resolve({ kind: 'done' });
          return;
        case 'error':
          settle.reject(errorFromWorker(message, 'run generation'));
      }
    },
    onSettled: () => clearTimeout(timer),
  });
}
