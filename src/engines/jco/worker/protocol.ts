/** Messages between the replay worker and the thread that watches it. Plain data only. */
import type { Divergence } from '../../../divergence/divergence.js';
import type { MatchRule } from '../../../host/match-rules.js';
import type { RedactionRule } from '../../../host/redact.js';

export interface ReplayRequest {
  readonly type: 'replay';
  readonly id: number;
  /** Path of the component; the worker loads (and keeps) it. */
  readonly component: string;
  readonly traceText: string;
  readonly traceFile?: string;
  readonly passthrough?: readonly string[];
  /** A module whose default export (or `imports` export) is the jco imports object for pass-through interfaces. */
  readonly hostModule?: string;
  /** Matching rules (plain data), or the module exporting them. */
  readonly match?: readonly MatchRule[] | string;
  readonly redact?: readonly RedactionRule[];
}

export type WorkerMessage =
  /** About to call export call `index` (its trace line), so the watcher can name it on a timeout. */
  | { readonly type: 'call'; readonly id: number; readonly index: number; readonly line?: number; readonly name: string }
  | { readonly type: 'done'; readonly id: number; readonly matched: number; readonly total: number; readonly divergence?: Divergence }
  | { readonly type: 'error'; readonly id: number; readonly code?: string; readonly message: string; readonly location?: { file?: string; line: number; column: number } };
