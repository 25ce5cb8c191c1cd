/** Messages between the replay worker and the thread that watches it. Plain data only. */
import type { Divergence } from '../../../divergence/divergence.js';
import type { MatchRule } from '../../../host/match-rules.js';
import type { RedactionRule } from '../../../host/redact.js';
import type { WorkerFailure } from '../../../util/worker-thread.js';

export interface ReplayRequest {
  readonly type: 'replay';
  readonly id: number;
  /** Path of the component; the worker loads (and keeps) it. */
  readonly component: string;
  /** The trace: a file the worker reads as it streams, or text. */
  readonly trace: { readonly kind: 'file'; readonly path: string } | { readonly kind: 'text'; readonly text: string };
  /** How messages name the trace. */
  readonly traceFile?: string;
  readonly passthrough?: readonly string[];
  /** A module whose default export (or `imports` export) is the jco imports object for pass-through interfaces. */
  readonly hostModule?: string;
  /** Matching rules (plain data), or the module exporting them. */
  readonly match?: readonly MatchRule[] | string;
  readonly redact?: readonly RedactionRule[];
  /** The shared heartbeat (util/heartbeat.ts) the worker keeps as the component starts and as each export call runs. */
  readonly heartbeat: SharedArrayBuffer;
}

export type WorkerMessage =
  | { readonly type: 'done'; readonly id: number; readonly matched: number; readonly total: number; readonly divergence?: Divergence }
  | ({ readonly type: 'error'; readonly id: number } & WorkerFailure);
