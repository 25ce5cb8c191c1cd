/**
 * Running one plan on several targets (an engine with a build of the
 * component) and comparing the runs: the differential check itself.
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

export interface LoadedTarget {
  readonly label: string;
  readonly loaded: LoadedEngineComponent;
}

export interface DiffOptions extends CompareContext {
  /** Longest one export call may run on one engine, in milliseconds. */
  readonly timeoutMs?: number;
}

/** Loads every target; a target that cannot load its component fails the whole check (bad input). */
export async function loadTargets(targets: readonly DiffTarget[]): Promise<LoadedTarget[]> {
  const loaded: LoadedTarget[] = [];
  for (const target of targets) loaded.push({ label: target.label, loaded: await target.engine.load(target.component) });
  return loaded;
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
  for (const target of targets) {
    const run = await target.loaded.run(calls, options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs });
    runs.push({ ...run, engine: target.label });
  }
  return compareRuns(calls, runs, options.file === undefined ? {} : { file: options.file });
}
