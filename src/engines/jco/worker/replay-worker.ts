/**
 * Replays traces in a worker thread and watches it: a component that does not
 * finish starting, or does not return from an export call, within the time
 * limit is stopped (the thread is terminated and replaced); a call is reported
 * as a `timeout` divergence naming it, a start that never ends as a
 * COMPONENT_START error, instead of hanging the test run.
 */
import { resolve } from 'node:path';
import { ProxyComponentError } from '../../../errors.js';
import type { MatchRule } from '../../../host/match-rules.js';
import { checkInlineMatchRules } from '../../../host/matching.js';
import type { RedactionRule } from '../../../host/redact.js';
import type { ReplayReport } from '../../../host/replay.js';
import { Heartbeat, type HeartbeatStep } from '../../../util/heartbeat.js';
import { START, startTimeoutReason } from '../../../util/watchdog.js';
import { errorFromWorker, SerialWorker, workerScript } from '../../../util/worker-thread.js';
import type { ReplayRequest, WorkerMessage } from './protocol.js';

export const DEFAULT_CALL_TIMEOUT_MS = 10_000;

/**
 * How traces replay: the one declaration of these settings, which the CLI,
 * the matchers and the test frameworks' options (src/trace-tests/options.ts)
 * all take.
 */
export interface WorkerReplayOptions {
  /** Longest the component may take to start, and an export call to run, in milliseconds (default 10 000; 0: no limit). */
  readonly timeoutMs?: number;
  /** Interfaces whose imports go to the real host (`hostModule`) instead of the trace (`wasi:*` patterns). */
  readonly passthrough?: readonly string[];
  /** Module (.js, .mjs, .ts, .mts) exporting the real host (jco imports) as its default, and properties saved fuzz failures expect. */
  readonly hostModule?: string;
  /**
   * Matching rules for import calls (src/host/match-rules.ts): `ignore`, `anyOrder`, or, in a module
   * given by path (exporting the rules as default), `equal` functions too.
   */
  readonly match?: readonly MatchRule[] | string;
  /** Redaction rules (src/host/redact.ts): on replay, the places they emptied compare as equal to anything. */
  readonly redact?: readonly RedactionRule[];
}

/** A trace to replay: a file's path, or its text. */
export type ReplayTraceInput = { readonly path: string } | { readonly text: string };

export class ReplayWorker {
  private readonly worker = new SerialWorker<WorkerMessage>('replay', () =>
    workerScript(import.meta.url, 'dist/src/engines/jco/worker/worker-main.js', 'replay'),
  );

  /**
   * Replays one trace: a file (read as it streams, a call at a time in
   * memory) or text; `traceFile` is how messages name it. Requests to one
   * worker run one after another.
   */
  replay(component: string, trace: ReplayTraceInput, traceFile: string | undefined, options: WorkerReplayOptions = {}): Promise<ReplayReport> {
    const timeoutMs = options.timeoutMs ?? DEFAULT_CALL_TIMEOUT_MS;
    const heartbeat = new Heartbeat();
    let watch: { stop(): void } | undefined;
    return this.worker.request<ReplayReport>(
      (id): ReplayRequest => ({
        type: 'replay',
        id,
        component: resolve(component),
        trace: 'path' in trace ? { kind: 'file', path: resolve(trace.path) } : { kind: 'text', text: trace.text },
        heartbeat: heartbeat.buffer,
        ...(traceFile === undefined ? {} : { traceFile }),
        ...(options.passthrough === undefined ? {} : { passthrough: options.passthrough }),
        ...(options.hostModule === undefined ? {} : { hostModule: resolve(options.hostModule) }),
        ...(options.match === undefined ? {} : { match: typeof options.match === 'string' ? resolve(options.match) : checkInlineMatchRules(options.match, 'match') }),
        ...(options.redact === undefined || options.redact.length === 0 ? {} : { redact: options.redact }),
      }),
      {
        onSent(settle, stop) {
          watch = heartbeat.watch(timeoutMs, (step) => {
            stop();
            if (step.step === START) settle.reject(startTimeout(component, timeoutMs));
            else settle.resolve(timeoutReport(step, timeoutMs, traceFile));
          });
        },
        onMessage(message, settle) {
          if (message.type === 'done') {
            const { matched, total, divergence } = message;
            settle.resolve(divergence === undefined ? { matched, total } : { matched, total, divergence });
          } else {
            settle.reject(errorFromWorker(message, 'replay'));
          }
        },
        onSettled: () => watch?.stop(),
      },
    );
  }

  /** Stops the thread; the next request starts a new one. */
  close(): Promise<void> {
    return this.worker.close();
  }
}

/** A component whose start functions never return cannot be replayed: the input is at fault, as when one traps. */
export function startTimeout(component: string, timeoutMs: number): ProxyComponentError {
  return new ProxyComponentError('COMPONENT_START', `${component} ${startTimeoutReason(timeoutMs)}`);
}

function timeoutReport(step: HeartbeatStep, timeoutMs: number, traceFile: string | undefined): ReplayReport {
  const name = step.label ?? `export call #${step.step + 1}`;
  return {
    matched: step.step,
    total: step.step + 1,
    divergence: {
      kind: 'timeout',
      summary: `\`${name}\` did not return within ${timeoutMs} ms: stopped`,
      ...(traceFile === undefined ? {} : { file: traceFile }),
      ...(step.line === undefined ? {} : { line: step.line }),
      callIndex: step.step,
      path: [`export ${name}`],
    },
  };
}

let shared: ReplayWorker | undefined;

/** One replay worker per process (or per test worker). */
export function sharedReplayWorker(): ReplayWorker {
  shared ??= new ReplayWorker();
  return shared;
}
