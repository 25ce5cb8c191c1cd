/**
 * Fault injection for campaigns: jco under another name, with the calls it is
 * given or the reports it gives back changed, as if its bindings lowered or
 * lifted wrongly. A campaign must find the fault and name this engine.
 */
import type { CallReport, Engine, PlannedCall } from '../../src/engines/engine.js';
import { jcoEngine } from '../../src/engines/in-process/jco-engine.js';

export interface Fault {
  /** The calls as the engine makes them (arguments corrupted on the way in). */
  readonly calls?: (calls: readonly PlannedCall[]) => readonly PlannedCall[];
  /** One run's reports as the engine gives them back, with the calls planned. */
  readonly reports?: (reports: readonly CallReport[], calls: readonly PlannedCall[]) => readonly CallReport[];
}

export function faultyJco(name: string, description: string, fault: Fault): Engine {
  return {
    name,
    description,
    status: () => jcoEngine.status(),
    async load(component) {
      const loaded = await jcoEngine.load(component);
      return {
        world: loaded.world,
        async run(calls, options) {
          const run = await loaded.run(fault.calls?.(calls) ?? calls, options);
          return { ...run, engine: name, calls: fault.reports?.(run.calls, calls) ?? run.calls };
        },
      };
    },
  };
}
