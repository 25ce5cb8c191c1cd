/**
 * Running one plan on engines named in a test (the `toAgreeAcrossEngines`
 * matcher, `proxy({ engines })`), where an engine that is missing or cannot
 * run the component must be reported as that engine's outcome, not crash the
 * test: it becomes a run with a `failure`, which the differential report
 * prints plainly.
 *
 * With no engines named, the defaults are the installed ones among
 * DEFAULT_AGREEMENT_ENGINES that can run the component (gjs lacks
 * extended-const, wasmtime cannot run a component the instrumenter refuses);
 * the others are left out and named as skipped, so that a default never
 * fails for lack of a tool or a Wasm feature.
 */
import type { ComponentInput, EngineRun, PlannedCall } from '../engines/engine.js';
import { engineByName } from '../engines/registry.js';
import { ProxyComponentError } from '../errors.js';
import { loadTarget, runTarget } from './run.js';

/** The engines used when none are named, if installed. */
export const DEFAULT_AGREEMENT_ENGINES: readonly string[] = ['jco', 'node', 'bun', 'deno', 'gjs', 'jsc', 'wasmtime'];

export interface SkippedEngine {
  readonly engine: string;
  readonly reason: string;
}

export interface AgreementOptions {
  /** Engine names (`jco`, `node`, `native:./impl.mjs`…); undefined: the defaults that can run the component. */
  readonly engines?: readonly string[];
  /** Longest one export call may run on one engine, in milliseconds. */
  readonly timeoutMs?: number;
}

export interface AgreementRuns {
  /** One run per engine used, in order; an engine that could not run has `failure` set. */
  readonly runs: readonly EngineRun[];
  /** Default engines left out (not installed, or refusing the component). */
  readonly skipped: readonly SkippedEngine[];
}

/** `node,bun` and `['node', 'bun']` alike, each engine once; unknown names are a usage error. */
export function engineNameList(names: string | readonly string[]): string[] {
  const list = (typeof names === 'string' ? [names] : [...names]).flatMap((name) => name.split(',')).map((name) => name.trim()).filter((name) => name !== '');
  if (list.length === 0) throw new ProxyComponentError('USAGE', 'no engine named (e.g. ["jco", "node"])');
  const seen = new Set<string>();
  for (const name of list) {
    if (seen.has(name)) throw new ProxyComponentError('USAGE', `engine \`${name}\` is named twice`);
    seen.add(name);
    engineByName(name);
  }
  return list;
}

/** Runs the calls on each engine, one after another (so that timings are each engine's own). */
export async function runAcrossEngines(component: ComponentInput, calls: readonly PlannedCall[], options: AgreementOptions = {}): Promise<AgreementRuns> {
  const named = options.engines !== undefined;
  const names = named ? engineNameList(options.engines ?? []) : DEFAULT_AGREEMENT_ENGINES;
  const runs: EngineRun[] = [];
  const skipped: SkippedEngine[] = [];
  for (const name of names) {
    const run = await runTarget(await loadTarget({ label: name, engine: engineByName(name), component }), calls, options.timeoutMs);
    // A default engine that ran none of the calls is left out; a named one is reported as not able to run it.
    const ranNothing = run.failure !== undefined && run.calls.every((call) => call.outcome.kind === 'not-run');
    if (ranNothing && !named) skipped.push({ engine: name, reason: run.failure ?? '' });
    else runs.push(run);
  }
  return { runs, skipped };
}

/** One line naming the default engines left out, or '' when none was. */
export function skippedNote(skipped: readonly SkippedEngine[]): string {
  if (skipped.length === 0) return '';
  return `not run on ${skipped.map((skip) => `${skip.engine} (${skip.reason})`).join(', ')}`;
}
