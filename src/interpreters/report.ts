/**
 * What a campaign found, as plain JSON: which engines ran (and which could
 * not, and why), how many programs agreed, every timeout, every
 * normalisation rule with how often it fired on each engine, and every
 * divergence with its shrunk program, the engines on each side, and its
 * explanation when it is a known difference.
 */

export interface CampaignEngine {
  readonly name: string;
  /** What the engine says of its version (`Python 3.11.7`, `1.4.5`). */
  readonly version: string;
  /** Set when the engine could not run the component: why. Such an engine is left out of the comparison. */
  readonly unavailable?: string;
  /** Wall-clock time of its runs, added up (batches may overlap with other engines'). */
  readonly elapsedMs?: number;
  readonly programsPerSecond?: number;
}

export interface CampaignRule {
  readonly name: string;
  readonly description: string;
  readonly why: string;
  /** How many programs' results the rule changed, by engine (engines where it never fired left out). */
  readonly applied: { readonly [engine: string]: number };
}

export interface CampaignSide {
  readonly engines: readonly string[];
  /** The outcome after normalisation, as the differential report words it (`return ok("3\n")`). */
  readonly outcome: string;
}

export interface CampaignDivergence {
  /** The generated programs (run numbers) that diverged and shrank to this one. */
  readonly found: readonly number[];
  /** The first of them, as generated. */
  readonly original: string;
  /** The shrunk program. */
  readonly program: string;
  /** fast-check's path to the shrunk program from the campaign's seed. */
  readonly path: string;
  readonly verdict: string;
  /** Every engine's outcome of the shrunk program, grouped by agreement, largest group first. */
  readonly sides: readonly CampaignSide[];
  /** The rules that changed an engine's result of the shrunk program. */
  readonly normalised: { readonly [engine: string]: readonly string[] };
  /** Set when a known difference explains it. */
  readonly explanation?: { readonly name: string; readonly text: string };
  /** The corpus trace it was saved to. */
  readonly trace?: string;
}

export interface CampaignReport {
  readonly language: string;
  readonly interpreter: string;
  /** The interpreter's own version, as the component reports it, when the language has a way. */
  readonly interpreterVersion?: string;
  readonly component: { readonly path: string; readonly tool: string; readonly bytes: number };
  readonly seed: number;
  readonly programs: number;
  readonly engines: readonly CampaignEngine[];
  /** Programs on which every engine that ran agreed (after normalisation). */
  readonly agreed: number;
  /** Programs on which engines differed. */
  readonly divergent: number;
  /** Calls stopped for taking too long: reported here, never compared. */
  readonly timeouts: readonly { readonly program: number; readonly engine: string }[];
  /** Programs some engine did not run (its reason): not compared on that engine. */
  readonly notRun: readonly { readonly program: number; readonly engine: string; readonly reason: string }[];
  readonly rules: readonly CampaignRule[];
  readonly divergences: readonly CampaignDivergence[];
  readonly timing: { readonly totalMs: number; readonly runMs: number; readonly shrinkMs: number };
}
