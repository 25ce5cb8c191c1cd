/** Messages between the in-process engines' worker thread and the thread that watches it. Plain data only. */
import type { WireCall, WireReport } from '../plan-wire.js';
import type { WorkerFailure } from '../../util/worker-thread.js';

/** What to run: a component on jco, or a native module standing in for it. */
export type WorkerTarget =
  | { readonly kind: 'jco'; readonly bytes: Uint8Array }
  /** `module` implements the exports of the component whose world `bytes` has. */
  | { readonly kind: 'native'; readonly bytes: Uint8Array; readonly module: string };

export interface RunRequest {
  readonly type: 'run';
  readonly id: number;
  readonly target: WorkerTarget;
  readonly calls: readonly WireCall[];
}

export type RunMessage =
  /** About to instantiate the component (its start functions run). */
  | { readonly type: 'start'; readonly id: number }
  /** About to make export call `index`. */
  | { readonly type: 'call'; readonly id: number; readonly index: number }
  | { readonly type: 'report'; readonly id: number; readonly index: number; readonly report: WireReport }
  | { readonly type: 'done'; readonly id: number }
  | ({ readonly type: 'error'; readonly id: number } & WorkerFailure);
