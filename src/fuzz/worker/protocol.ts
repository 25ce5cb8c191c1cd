/**
 * Messages between the fuzz worker and the thread that watches it (plain
 * data only), and the shared record of which evaluation runs, which the
 * worker updates cheaply so that the watcher can name the candidate whose
 * start or call never returned (the steps themselves go through the shared
 * heartbeat of util/heartbeat.ts).
 */
import type { ValueArbitraryOptions } from '../arbitrary.js';
import type { CoverageReport } from '../coverage.js';
import type { FuzzProgress } from '../fuzz.js';
import type { SkippedFunction } from '../plan.js';
import type { WorkerFailure as ThreadFailure } from '../../util/worker-thread.js';

/** Options that cross to the worker (no functions). */
export interface WorkerFuzzOptions {
  readonly runs?: number;
  readonly seed: number;
  readonly maxCalls?: number;
  readonly values?: Omit<ValueArbitraryOptions, 'handle'>;
  readonly maxShrinks?: number;
  readonly maxShrinkMs?: number;
  readonly builtInProperties?: boolean;
  readonly timeoutMs: number;
  /** Replay the failure at this fast-check path (see FuzzOptions.path). */
  readonly path?: string;
  /** Call only these exports. */
  readonly exports?: readonly string[];
  /** WASI interfaces the sandboxed WASI host answers. */
  readonly passthrough?: readonly string[];
}

export interface FuzzRequest {
  readonly type: 'fuzz';
  /** Absolute path of the component. */
  readonly component: string;
  /** The component as the user named it, for messages. */
  readonly componentName: string;
  readonly options: WorkerFuzzOptions;
  /** Module exporting user `properties`. */
  readonly hostModule?: string;
  /** The component's path as saved traces should name it (relative to the corpus). */
  readonly componentPath?: string;
  /** `hostModule` as saved traces should name it (relative to the corpus, `/` separators): where their user properties are defined. */
  readonly propertyModule?: string;
  /** Resume: start at this run, known to fail. */
  readonly startAt?: number;
  /** Candidates known not to return: path and call index. */
  readonly hangs: readonly (readonly [string, number])[];
  /** Stream the evaluation with this path as trace lines (it is expected not to return). */
  readonly capture?: string;
  /** The shared heartbeat (util/heartbeat.ts) the worker keeps as each run's instance starts and as each export call runs. */
  readonly heartbeat: SharedArrayBuffer;
  /** Which evaluation runs (slots of EVALUATION): the watcher names the candidate that hung by it. */
  readonly evaluation: SharedArrayBuffer;
}

export interface SearchSummary {
  readonly runs: number;
  readonly discarded: number;
  readonly searchMs: number;
  readonly coverage: CoverageReport;
}

export interface WorkerFailure {
  readonly property: string;
  readonly reason: string;
  readonly callIndex: number;
  readonly path: string;
  /** Export calls in the shrunk run. */
  readonly calls: number;
  /** The export call that failed, by WAVE name. */
  readonly exportName: string;
  /** The saved-failure trace. */
  readonly traceText: string;
}

export interface WorkerFuzzResult extends SearchSummary {
  readonly seed: number;
  readonly shrinks: number;
  readonly skippedFunctions: readonly SkippedFunction[];
  readonly failure?: WorkerFailure;
}

export type FuzzWorkerMessage =
  | { readonly type: 'progress'; readonly progress: FuzzProgress; readonly coverage: CoverageReport }
  /** The first failure was found: the search is over, shrinking starts. */
  | { readonly type: 'searched'; readonly summary: SearchSummary }
  /** A shrinking candidate is about to run (search runs are numbered in the heartbeat). */
  | { readonly type: 'candidate'; readonly serial: number; readonly path: string }
  /** Capturing: the header and properties, then trace lines as they happen. */
  | { readonly type: 'capture-start'; readonly header: string; readonly properties: readonly string[] }
  | { readonly type: 'capture'; readonly line: string }
  | { readonly type: 'done'; readonly result: WorkerFuzzResult }
  | ({ readonly type: 'error' } & ThreadFailure);

/** Slots of the shared evaluation record (Int32 each). */
export const EVALUATION = {
  /** Incremented before each evaluation. */
  serial: 0,
  /** 0 while searching, 1 while shrinking. */
  phase: 1,
  /** While searching: the run's index (its path). */
  run: 2,
} as const;

export const EVALUATION_SLOTS = 3;
