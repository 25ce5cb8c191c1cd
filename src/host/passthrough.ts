/** Which imports replay sends to a real host instead of answering from the trace. */
import type { InterfaceLayout } from '../engines/jco/layout.js';
import type { WorldFunction } from '../wit/world.js';

/**
 * True when `fn` belongs to one of `interfaces`, each named by its full id
 * (`wasi:cli/stdout@0.2.0`), its id without version (`wasi:cli/stdout`), or its
 * bare name (`stdout`); a bare world function is named by its own name.
 */
export function isPassthrough(fn: WorldFunction, interfaces: readonly string[]): boolean {
  return isPassthroughItem(fn.itemName, fn.interface?.name, interfaces);
}

/** The same for an import item: `itemName` (`wasi:cli/stdout@0.2.0`), with its interface's bare name when it is one. */
export function isPassthroughItem(itemName: string, interfaceName: string | undefined, interfaces: readonly string[]): boolean {
  if (interfaces.length === 0) return false;
  const names = [itemName, itemName.replace(/@[^@/]*$/, '')];
  if (interfaceName !== undefined) names.push(interfaceName);
  return names.some((name) => interfaces.includes(name));
}

/**
 * Whether an import object goes to the real host: its functions are named in
 * `passthrough`; one that holds only resources (`wasi:io/error`), by its
 * interface, so that the host's resource objects meet the host's classes.
 */
export function layoutPassesThrough(layout: InterfaceLayout, passthrough: readonly string[]): boolean {
  const functions = [
    ...(layout.bareFunction === undefined ? [] : [layout.bareFunction]),
    ...layout.functions.values(),
    ...layout.resources.flatMap((resource) => [...(resource.construct === undefined ? [] : [resource.construct]), ...resource.methods.values(), ...resource.statics.values()]),
  ];
  if (functions.length > 0) return functions.some((fn) => isPassthrough(fn, passthrough));
  return layout.resources.some((resource) => {
    const owner = resource.resource.name.owner;
    return owner !== undefined && isPassthroughItem(owner, undefined, passthrough);
  });
}
