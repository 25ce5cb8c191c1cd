/**
 * What the virtualizers tell the tracer component on first use: the mode, the
 * app's world, which functions the indices in later calls stand for, and how
 * to write the trace. JSON, embedded in each virtualizer's data.
 */
import { callNameOf } from '../../wit/lookup.js';
import { worldFunctions, type World, type WorldFunction } from '../../wit/world.js';
import type { TraceHeader } from '../../trace/model.js';
import type { WorldJson } from './world-json.js';

export type InstrumentMode = 'record' | 'replay' | 'fuzz' | 'dialog';

export interface TracerConfig {
  readonly mode: InstrumentMode;
  readonly world: WorldJson;
  /** Call names of the app's export functions: index i in export calls is `exports[i]`. */
  readonly exports: readonly string[];
  /** Call names of the virtualized import functions: index i in import calls is `imports[i]`. */
  readonly imports: readonly string[];
  /** Trace header fields written by record and fuzz (`componentPath` only by a host recorder, which knows where the trace goes). */
  readonly header: Omit<TraceHeader, 'version' | 'fuzz'>;
  /** The recorded trace's format. */
  readonly format: 'trace' | 'seed';
  readonly fuzz?: { readonly seed: number; readonly runs: number };
}

/** The functions `names` stand for, in order. */
export function functionsByName(world: World, direction: 'import' | 'export', names: readonly string[]): WorldFunction[] {
  const table = new Map(worldFunctions(world, direction).map((fn) => [callNameOf(fn), fn]));
  return names.map((name) => {
    const fn = table.get(name);
    if (fn === undefined) throw new Error(`the world has no ${direction} ${name}`);
    return fn;
  });
}
