/**
 * Replays traces in a worker thread and watches it: a component that does not
 * return from an export call within the time limit is stopped (the thread is
 * terminated and replaced) and reported as a `timeout` divergence naming the
 * call, instead of hanging the test run.
 */
import { resolve } from 'node:path';
import type { MatchRule } from '../../../host/match-rules.js';
import { checkInlineMatchRules } from '../../../host/matching.js';
import type { RedactionRule } from '../../../host/redact.js';
import type { ReplayReport } from '../../../host/replay.js';
import { errorFromWorker, SerialWorker, workerScript } from '../../../util/worker-thread.js';
import type { ReplayRequest, WorkerMessage } from './protocol.js';

export const DEFAULT_CALL_TIMEOUT_MS = 10_000;

/**
 * How traces replay: the one declaration of these settings, which the CLI,
 * the matchers and the test frameworks' options (src/trace-tests/options.ts)
 * all take.
 */
export interface WorkerReplayOptions {
  /** Longest an export call may run, in milliseconds (default 10 000; 0: no limit). */
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

type CallMessage = Extract<WorkerMessage, { type: 'call' }>;

export class ReplayWorker {
  private readonly worker = new SerialWorker<WorkerMessage>('replay', () =>
    workerScript(import.meta.url, 'dist/src/engines/jco/worker/worker-main.js', 'replay'),
  );

  /** Replays one trace; requests to one worker run one after another. */
  replay(component: string, traceText: string, traceFile: string | undefined, options: WorkerReplayOptions = {}): Promise<ReplayReport> {
    const timeoutMs = options.timeoutMs ?? DEFAULT_CALL_TIMEOUT_MS;
    let timer: NodeJS.Timeout | undefined;
    return this.worker.request<ReplayReport>(
      (id): ReplayRequest => ({
        type: 'replay',
        id,
        component: resolve(component),
        traceText,
        ...(traceFile === undefined ? {} : { traceFile }),
        ...(options.passthrough === undefined ? {} : { passthrough: options.passthrough }),
        ...(options.hostModule === undefined ? {} : { hostModule: resolve(options.hostModule) }),
        ...(options.match === undefined ? {} : { match: typeof options.match === 'string' ? resolve(options.match) : checkInlineMatchRules(options.match, 'match') }),
        ...(options.redact === undefined || options.redact.length === 0 ? {} : { redact: options.redact }),
      }),
      {
        onMessage(message, settle, stop) {
          if (message.type === 'call') {
            clearTimeout(timer);
            if (timeoutMs > 0) {
              timer = setTimeout(() => {
                stop();
                settle.resolve(timeoutReport(message, timeoutMs, traceFile));
              }, timeoutMs);
            }
            return;
          }
          if (message.type === 'done') {
            const { matched, total, divergence } = message;
            settle.resolve(divergence === undefined ? { matched, total } : { matched, total, divergence });
          } else {
            settle.reject(errorFromWorker(message, 'replay'));
          }
        },
        onSettled: () => clearTimeout(timer),
      },
    );
  }

  /** Stops the thread; the next request starts a new one. */
  close(): Promise<void> {
    return this.worker.close();
  }
}

function timeoutReport(call: CallMessage, timeoutMs: number, traceFile: string | undefined): ReplayReport {
  return {
    matched: call.index,
    total: call.index + 1,
    divergence: {
      kind: 'timeout',
      summary: `\`${call.name}\` did not return within ${timeoutMs} ms: stopped`,
      ...(traceFile === undefined ? {} : { file: traceFile }),
      ...(call.line === undefined ? {} : { line: call.line }),
      callIndex: call.index,
      path: [`export ${call.name}`],
    },
  };
}

let shared: ReplayWorker | undefined;

/** One replay worker per process (or per test worker). */
export function sharedReplayWorker(): ReplayWorker {
  shared ??= new ReplayWorker();
  return shared;
}
