/**
 * Running one plan on several targets (an engine with a build of the
 * component) and comparing the runs: the differential check itself. One way
 * to run a target for every caller (`diff`, the matcher, `proxy({ engines })`),
 * so that an engine that cannot run the component is one everywhere.
 */
import { ProxyComponentError } from '../errors.js';
import type { ComponentInput, Engine, EngineRun, LoadedEngineComponent, PlannedCall } from '../engines/engine.js';
import { functionKey, functionsByKey } from '../engines/plan-wire.js';
import type { World } from '../wit/world.js';
import { compareRuns, type CompareContext } from './compare.js';
import type { DifferentialReport } from './report.js';

export interface DiffTarget {
  /** How the target is named in reports: the engine's name, or `engine:build` when builds are compared. */
  readonly label: string;
  readonly engine: Engine;
  readonly component: ComponentInput;
}

/** A target loaded into its engine, or why the engine cannot run it. */
export type LoadedTarget = { readonly label: string; readonly loaded: LoadedEngineComponent } | { readonly label: string; readonly failure: string };

export interface DiffOptions extends CompareContext {
  /** Longest one export call may run on one engine, in milliseconds. */
  readonly timeoutMs?: number;
}

/** Loads every target; an engine that is missing or cannot load the component is a target that could not run it. */
export async function loadTargets(targets: readonly DiffTarget[]): Promise<LoadedTarget[]> {
  const loaded: LoadedTarget[] = [];
  for (const target of targets) loaded.push(await loadTarget(target));
  return loaded;
}

export async function loadTarget(target: DiffTarget): Promise<LoadedTarget> {
  const status = await target.engine.status();
  if (!status.available) return { label: target.label, failure: `missing: ${status.reason} (install: ${status.install})` };
  try {
    return { label: target.label, loaded: await target.engine.load(target.component) };
  } catch (error) {
    return { label: target.label, failure: `cannot run the component: ${messageOf(error)}` };
  }
}

/**
 * Runs the calls on one target. Whatever stops the engine (it cannot load
 * the component, its runner throws, it ran none of the calls) becomes the
 * run's `failure`, one line: the engine could not run the component.
 */
export async function runTarget(target: LoadedTarget, calls: readonly PlannedCall[], timeoutMs?: number): Promise<EngineRun> {
  if ('failure' in target) return notRun(target.label, calls, target.failure);
  try {
    const run = await target.loaded.run(calls, timeoutMs === undefined ? {} : { timeoutMs });
    return run.failure === undefined ? { ...run, engine: target.label } : { ...run, engine: target.label, failure: firstLine(run.failure) };
  } catch (error) {
    return notRun(target.label, calls, `cannot run the component: ${messageOf(error)}`);
  }
}

function notRun(engine: string, calls: readonly PlannedCall[], failure: string): EngineRun {
  return { engine, calls: calls.map(() => ({ outcome: { kind: 'not-run', reason: failure } })), elapsedMs: 0, failure };
}

function messageOf(error: unknown): string {
  return firstLine(error instanceof Error ? error.message : String(error));
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? text;
}

/**
 * Two builds compare only when the second has every function of the first
 * (the plan is typed by the first): otherwise the input is wrong, not a build.
 */
export function checkSameFunctions(first: World, other: World, otherName: string): void {
  const theirs = functionsByKey(other);
  const missing = [...functionsByKey(first).values()].filter((fn) => !theirs.has(functionKey(fn)));
  if (missing.length > 0) {
    const names = missing.map((fn) => `${fn.direction} ${fn.itemName === fn.function.name ? fn.function.name : `${fn.itemName}.${fn.function.name}`}`);
    throw new ProxyComponentError('USAGE', `${otherName} is not a build of the same world: it lacks ${names.join(', ')}`);
  }
}

/** Runs the calls on each target, one after another (so that timings are each engine's own), and compares. */
export async function diffCalls(targets: readonly LoadedTarget[], calls: readonly PlannedCall[], options: DiffOptions = {}): Promise<DifferentialReport> {
  const runs: EngineRun[] = [];
  for (const target of targets) runs.push(await runTarget(target, calls, options.timeoutMs));
  return compareRuns(calls, runs, { ...(options.file === undefined ? {} : { file: options.file }), ...(options.truth === undefined ? {} : { truth: options.truth }) });
}
