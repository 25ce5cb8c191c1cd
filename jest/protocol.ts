/**
 * Messages between Jest's sandbox (jest/sandbox/bridge.cjs) and the bridge
 * thread (jest/bridge-worker.js). Everything in them is structured-clone data.
 */
import type { DifferentialReport } from '../src/differential/report.js';
import type { EngineCallFailure, EngineTraceSpec } from '../src/differential/trace-agreement.js';
import type { Divergence } from '../src/divergence/divergence.js';
import type { CallFailure, TraceReplaySpec } from '../src/vitest/runtime.js';

export type BridgeRequest =
  /** Replay a whole trace: answers one entry per export call, null where the call passes. */
  | { readonly kind: 'trace'; readonly spec: TraceReplaySpec }
  /** Run a whole trace on each of its engines: answers `EngineTraceAnswer`. */
  | { readonly kind: 'engine-trace'; readonly spec: EngineTraceSpec }
  /** Run a matcher of the shared core: answers `MatchAnswer`. */
  | { readonly kind: 'match'; readonly matcher: MatcherName; readonly isNot: boolean; readonly received: unknown; readonly argument: unknown };

export type MatcherName = 'toReplayTrace' | 'toReplayTraces' | 'toAgreeAcrossEngines';

export type TraceAnswer = readonly (CallFailure | null)[];

/** Per engine (in the spec's order), one entry per export call: null where that engine passes the call. */
export type EngineTraceAnswer = readonly (readonly (EngineCallFailure | null)[])[];

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

/** Makes an Error whose top stack frame is on a trace line (see jest/generate.ts). */
export type ErrorFactories = ReadonlyArray<readonly [line: number, make: (message: string) => Error]>;

/** What jest/sandbox/trace-tests.cjs gives a generated test module. */
export interface TraceTests {
  /** Passes, or rejects with the failure of export call `index`. */
  check(index: number): Promise<void>;
}

/** What jest/sandbox/trace-tests.cjs gives the test module of a trace run on engines. */
export interface EngineTraceTests {
  /** Passes, or rejects with the failure of export call `index` on `engine`. */
  check(engine: string, index: number): Promise<void>;
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
