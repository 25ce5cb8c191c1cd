/**
 * What a bindings campaign found, as data (the CLI prints it with
 * render.ts and can write it as JSON): the figures of the run, the engines
 * that could not run some cases and why, and one finding per distinct
 * failure, shrunk and re-run.
 */
import type { BindingsCase } from './bindings-case.js';

export interface CampaignEngine {
  readonly name: string;
  readonly version: string;
  /** Time spent loading and running cases on it (shrinking not counted), in ms. */
  readonly elapsedMs: number;
  /** Calls checked on it. */
  readonly calls: number;
  /** Cases it could not run at all. */
  readonly casesNotRun: number;
}

/** Why an engine could not run cases, with how many. */
export interface NotRunReason {
  readonly engine: string;
  readonly reason: string;
  readonly cases: number;
}

/** One engine's outcome of the finding's minimal call, in words (WAVE for a value). */
export interface FindingOutcome {
  readonly engine: string;
  readonly outcome: string;
  /** True when it is the expected value. */
  readonly correct: boolean;
}

export interface Finding {
  /** Deduplication key: the engines, the kind of failure and the minimal world. */
  readonly signature: string;
  /** The engines that failed this way on the generated case (the shrink ran on the first). */
  readonly engines: readonly string[];
  /** `wrong value`, `trap`, `invalid value`, `timeout`. */
  readonly failure: string;
  /** The case's number in the campaign, and fast-check's path to the shrunk case. */
  readonly caseIndex: number;
  readonly path: string;
  readonly shrunk: BindingsCase;
  readonly wit: string;
  readonly wat: string;
  /** For a composed case: the provider component's core module. */
  readonly providerWat?: string;
  /** sha256 of the minimal component, hex. */
  readonly componentSha256: string;
  /** The minimal call as a trace (outcomes: the truth); `replay component.wasm finding.trace` reproduces it. */
  readonly trace: string;
  readonly stringEncoding: string;
  /** The export calls of the minimal generated call, in WAVE, in order (five for a resource: constructor, get, peek, take, dropped). */
  readonly calls: readonly string[];
  /** The one of them that failed: `f0(p0: "a")`. */
  readonly call: string;
  readonly expected: string;
  /** Every engine's outcome of the minimal call, from a fresh run after shrinking. */
  readonly outcomes: readonly FindingOutcome[];
  /** The failure occurred again on that fresh run. */
  readonly confirmed: boolean;
  /** Failing cases of the campaign with the same engines and kind of failure. */
  readonly occurrences: number;
}

export interface BindingsCampaignReport {
  readonly seed: number;
  /** What ran: proxy-component, jco-transpile, preview2-shim, this process's Node, then every engine by name. */
  readonly versions: Readonly<Record<string, string>>;
  readonly cases: number;
  /** Distinct components built (cases differing only in calls share one). */
  readonly components: number;
  /** Generated calls (each run on every engine). */
  readonly calls: number;
  readonly engines: readonly CampaignEngine[];
  readonly notRun: readonly NotRunReason[];
  readonly findings: readonly Finding[];
  /** Failing cases not shrunk (beyond `maxShrinks`), by engine and kind. */
  readonly unshrunk: number;
  /** Cases that failed in their batch but not when checked alone (an interaction between cases, not shrunk). */
  readonly batchOnly: number;
  readonly elapsedMs: number;
}
