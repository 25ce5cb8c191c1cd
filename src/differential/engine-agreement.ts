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
import type { ComponentInput, Engine, EngineRun, PlannedCall } from '../engines/engine.js';
import { engineByName } from '../engines/registry.js';
import { ProxyComponentError } from '../errors.js';

/** The engines used when none are named, if installed. */
export const DEFAULT_AGREEMENT_ENGINES: readonly string[] = ['jco', 'node', 'bun', 'deno', 'wasmtime'];

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
  const engines = (named ? engineNameList(options.engines ?? []) : DEFAULT_AGREEMENT_ENGINES).map((name) => ({ name, engine: engineByName(name) }));
  const runs: EngineRun[] = [];
  const skipped: SkippedEngine[] = [];
  for (const { name, engine } of engines) {
    const ran = await runOn(name, engine, component, calls, options.timeoutMs);
    if (ran.failure !== undefined && !ran.started && !named) skipped.push({ engine: name, reason: ran.failure });
    else runs.push(ran.run);
  }
  return { runs, skipped };
}

interface Ran {
  readonly run: EngineRun;
  /** Whether the engine got as far as running (it was installed and loaded the component). */
  readonly started: boolean;
  readonly failure?: string;
}

async function runOn(name: string, engine: Engine, component: ComponentInput, calls: readonly PlannedCall[], timeoutMs: number | undefined): Promise<Ran> {
  const status = await engine.status();
  if (!status.available) return notRun(name, calls, `missing: ${status.reason} (install: ${status.install})`);
  let loaded;
  try {
    loaded = await engine.load(component);
  } catch (error) {
    return notRun(name, calls, `cannot run the component: ${messageOf(error)}`);
  }
  try {
    const run = await loaded.run(calls, timeoutMs === undefined ? {} : { timeoutMs });
    // An engine that loads the component and then runs none of it (wasmtime, gjs) could not run it at all.
    const ranNothing = run.failure !== undefined && run.calls.every((call) => call.outcome.kind === 'not-run');
    if (ranNothing) return { run: { ...run, engine: name }, started: false, failure: `cannot run the component: ${firstLine(run.failure ?? '')}` };
    return { run: { ...run, engine: name }, started: true };
  } catch (error) {
    // Loaded but could not start (a native module that fails to import, say): that engine's outcome, reported.
    return { ...notRun(name, calls, `cannot run the component: ${messageOf(error)}`), started: true };
  }
}

function messageOf(error: unknown): string {
  return firstLine(error instanceof Error ? error.message : String(error));
}

function notRun(name: string, calls: readonly PlannedCall[], failure: string): Ran {
  return { run: { engine: name, calls: calls.map(() => ({ outcome: { kind: 'not-run', reason: failure } })), elapsedMs: 0, failure }, started: false, failure };
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? text;
}

/** `jco, node and bun`. */
export function listNames(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/** One line naming the default engines left out, or '' when none was. */
export function skippedNote(skipped: readonly SkippedEngine[]): string {
  if (skipped.length === 0) return '';
  return `not run on ${skipped.map((skip) => `${skip.engine} (${skip.reason})`).join(', ')}`;
}
