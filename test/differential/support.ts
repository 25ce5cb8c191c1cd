/** Plans and runs made by hand, over the calc and app components' worlds. */
import type { CallReport, EngineOutcome, EngineRun, ObservedImport, PlannedCall } from '../../src/engines/engine.js';
import type { Value } from '../../src/values/value.js';
import { decodeComponentWorld } from '../../src/wit/binary/decode.js';
import { callNameOf } from '../../src/wit/lookup.js';
import { worldFunctions, type WorldFunction } from '../../src/wit/world.js';
import { appComponent } from '../support/app-component.js';
import { calcComponent } from '../engines/support/components.js';

export async function functionsOf(which: 'calc' | 'app'): Promise<Map<string, WorldFunction>> {
  const world = decodeComponentWorld(which === 'calc' ? await calcComponent() : await appComponent());
  return new Map([...worldFunctions(world, 'export'), ...worldFunctions(world, 'import')].map((fn) => [fn.function.name, fn]));
}

export function planned(fn: WorldFunction, ...args: Value[]): PlannedCall {
  return { name: callNameOf(fn), function: fn, args, imports: [] };
}

export function made(fn: WorldFunction, ...args: Value[]): ObservedImport {
  return { name: callNameOf(fn), function: fn, args };
}

export function run(engine: string, ...calls: (EngineOutcome | CallReport)[]): EngineRun {
  return { engine, elapsedMs: 12.4, calls: calls.map((call) => ('outcome' in call ? call : { outcome: call, imports: [] })) };
}
