/** Finding the world function a trace line names, in one direction. */
import { callNameOf, lookupFunction, worldScope } from '../wit/lookup.js';
import { worldFunctions, type World, type WorldFunction } from '../wit/world.js';

export type TraceFunctionResolver = (name: string) => WorldFunction | undefined;

/** Canonical names resolve by table; other accepted spellings (no version, `iface.f`) by lookup. */
export function traceFunctionResolver(world: World, direction: 'import' | 'export'): TraceFunctionResolver {
  const functions = worldFunctions(world, direction);
  const byName = new Map(functions.map((f) => [callNameOf(f), f]));
  const byFunction = new Map(functions.map((f) => [f.function, f]));
  const scope = worldScope(world, direction);
  return (name) => {
    const found = byName.get(name);
    if (found !== undefined) return found;
    const func = lookupFunction(scope, name);
    return func === undefined ? undefined : byFunction.get(func);
  };
}
