/**
 * Finding the world function a trace line names, in one direction.
 *
 * A trace may be replayed against another build of its component, whose
 * toolchain may import another patch release of an interface (a trace names
 * `wasi:cli/environment.get-environment@0.2.9`, the build imports `@0.2.4`):
 * a name whose exact version the world lacks resolves to the one function of
 * a compatible version (see `compatibleVersions`), as the component model
 * would link it.
 */
import { callNameOf, compatibleVersions, lookupFunction, worldScope } from '../wit/lookup.js';
import { perObject } from '../util/per-object.js';
import { worldFunctions, type World, type WorldFunction } from '../wit/world.js';

export type TraceFunctionResolver = (name: string) => WorldFunction | undefined;

const resolvers = {
  import: perObject((world: World) => makeResolver(world, 'import')),
  export: perObject((world: World) => makeResolver(world, 'export')),
};

/**
 * Canonical names resolve by table; other accepted spellings (no version, `iface.f`) by lookup; other versions by
 * compatibility. Made once per world and direction (a corpus reads many traces of one component).
 */
export function traceFunctionResolver(world: World, direction: 'import' | 'export'): TraceFunctionResolver {
  return resolvers[direction](world);
}

function makeResolver(world: World, direction: 'import' | 'export'): TraceFunctionResolver {
  const functions = worldFunctions(world, direction);
  const byName = new Map(functions.map((f) => [callNameOf(f), f]));
  const byFunction = new Map(functions.map((f) => [f.function, f]));
  const byUnversionedName = new Map<string, WorldFunction[]>();
  for (const f of functions) {
    const [base] = splitVersion(callNameOf(f));
    byUnversionedName.set(base, [...(byUnversionedName.get(base) ?? []), f]);
  }
  const scope = worldScope(world, direction);
  return (name) => {
    const found = byName.get(name);
    if (found !== undefined) return found;
    const func = lookupFunction(scope, name);
    if (func !== undefined) return byFunction.get(func);
    const [base, version] = splitVersion(name);
    if (version === undefined) return undefined;
    const compatible = (byUnversionedName.get(base) ?? []).filter((f) => {
      const other = f.interface?.package?.version;
      return other !== undefined && compatibleVersions(version, other);
    });
    return compatible.length === 1 ? compatible[0] : undefined;
  };
}

/** `ns:pkg/iface.f@1.2.3` -> [`ns:pkg/iface.f`, `1.2.3`]. */
function splitVersion(name: string): [string, string | undefined] {
  const at = name.lastIndexOf('@');
  return at < 0 ? [name, undefined] : [name.slice(0, at), name.slice(at + 1)];
}
