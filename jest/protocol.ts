/**
 * Messages between Jest's sandbox (jest/sandbox/bridge.cjs) and the bridge
 * thread (jest/bridge-worker.js). Everything in them is structured-clone data.
 */
import type { DifferentialReport } from '../src/differential/report.js';
import type { Divergence } from '../src/divergence/divergence.js';
import type { CallFailure } from '../src/trace-tests/failure.js';
import type { SnapshotUpdate } from '../src/trace-tests/options.js';
import type { TraceRunSpec } from '../src/trace-tests/suite.js';

export type BridgeRequest =
  /** Run a whole trace (src/trace-tests/run.ts): answers `TraceAnswer`. `update` is Jest's snapshot mode (`-u`: `all`). */
  | { readonly kind: 'trace'; readonly spec: TraceRunSpec; readonly update?: SnapshotUpdate }
  /** toMatchRecording: open a recording session (matchers/recording.ts): answers `RecordingOpened`. */
  | { readonly kind: 'recording-open'; readonly received: unknown; readonly name: unknown; readonly testPath: string; readonly update?: SnapshotUpdate }
  /** One export call of the test body: answers a `SessionCallResult`. */
  | { readonly kind: 'recording-call'; readonly session: string; readonly name: string; readonly args: readonly unknown[] }
  /** The end of the body (`discard`: it failed on its own, write nothing): answers `RecordingClosed`. */
  | { readonly kind: 'recording-close'; readonly session: string; readonly discard: boolean; readonly failure?: CallFailure; readonly calls: number }
  /** After a test file: which of its recordings no test used (removed with `remove`): answers `ObsoleteRecordings`. */
  | { readonly kind: 'recordings-done'; readonly testPath: string; readonly used: readonly string[]; readonly remove: boolean }
  /** Run a matcher of the shared core: answers `MatchAnswer`. */
  | { readonly kind: 'match'; readonly matcher: MatcherName; readonly isNot: boolean; readonly received: unknown; readonly argument: unknown };

export type MatcherName = 'toReplayTrace' | 'toReplayTraces' | 'toAgreeAcrossEngines';

/** One entry per test of the trace (`suiteTests` order): null where the test passes. */
export type TraceAnswer = readonly (CallFailure | null)[];

/** What a toMatchRecording body gets under Jest: the component, recording or replaying (see matchers/recording.ts). */
export interface RecordedComponent {
  readonly mode: 'record' | 'replay';
  /** `call('add', 1, 2)` with WIT values, or `call('add(1, 2)')` in WAVE; rejects with a `ComponentTrap` when the component traps. */
  call(name: string, ...args: unknown[]): Promise<unknown>;
}

export interface RecordingOpened {
  readonly session: string;
  readonly mode: 'record' | 'replay';
  /** The recording's absolute path. */
  readonly file: string;
}

export interface RecordingClosed {
  readonly pass: boolean;
  readonly message: string;
  readonly failure?: CallFailure;
}

export interface ObsoleteRecordings {
  /** What to print after the file ('' when nothing is obsolete). */
  readonly summary: string;
}

export interface MatchAnswer {
  readonly pass: boolean;
  /** The message, with printed values as tokens (see PRINT_TOKEN) for the sandbox to print with Jest's own utils. */
  readonly message: string;
  /** toAgreeAcrossEngines' differential report, for proxy-component/jest/reporter. */
  readonly proxyDifferential?: DifferentialReport;
}

export interface SerializedError {
  readonly name: string;
  readonly message: string;
  readonly code?: string;
}

export type BridgeMessage = { readonly id: string; readonly request: BridgeRequest };

export type BridgeReply = { readonly id: string; readonly result: unknown } | { readonly id: string; readonly error: SerializedError };

/**
 * A value the matcher message prints, as `\uE000` + `R` (received) or `E`
 * (expected) + its JSON + `\uE001`; the JSON never holds `\uE001` raw.
 */
export const PRINT_TOKEN = { start: '\uE000', end: '\uE001' } as const;

/** A value as the matcher message prints it: a PRINT_TOKEN for the sandbox's `printReceived` (`R`) or `printExpected` (`E`). */
export function printToken(kind: 'R' | 'E', value: unknown): string {
  const json = (JSON.stringify(value) ?? 'null').replaceAll(PRINT_TOKEN.end, '\\ue001');
  return `${PRINT_TOKEN.start}${kind}${json}${PRINT_TOKEN.end}`;
}

/** Makes an Error whose top stack frame is on a trace line (see src/trace-tests/generate.ts). */
export type ErrorFactories = ReadonlyArray<readonly [line: number, make: (message: string) => Error]>;

/** What jest/sandbox/trace-tests.cjs gives a generated test module. */
export interface TraceTests {
  /** Passes, or rejects with the failure of test `index` of the trace (`suiteTests` order). */
  check(index: number): Promise<void>;
}

/** The cause a trace test's error carries: what proxy-component/jest/reporter looks for. */
export interface DivergenceCause {
  readonly proxyDivergence: Divergence;
}

/** The cause an engine trace test's error carries when engines disagree: the table of the call, for the reporter. */
export interface DifferentialCause {
  readonly proxyDifferential: DifferentialReport;
}

/** The part of Jest's matcher context the matchers use. */
export interface JestMatcherContext {
  readonly isNot?: boolean | undefined;
  readonly utils: { printReceived(value: unknown): string; printExpected(value: unknown): string };
}

export interface JestMatcherResult {
  readonly pass: boolean;
  readonly message: () => string;
  /** Jest keeps it in the failure's `matcherResult`, where proxy-component/jest/reporter reads it. */
  readonly proxyDifferential?: DifferentialReport;
}
