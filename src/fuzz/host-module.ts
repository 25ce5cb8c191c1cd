/**
 * User properties from a JS or TypeScript module (the `--host` module of `fuzz` and
 * `replay`): its `properties` export, either a list of `{ name, check }` or an
 * object of checks by name.
 *
 * @example
 * // host.mjs
 * export const properties = {
 *   'small-result': ({ call }) => call.result.kind !== 'return' || call.result.value < 1000,
 * };
 */
import { resolve } from 'node:path';
import { ProxyComponentError } from '../errors.js';
import type { TraceHeader } from '../trace/model.js';
import { importUserModule } from '../util/user-module.js';
import { defineProperty, type FuzzProperty } from './property.js';

export async function loadProperties(modulePath: string, role = 'host module'): Promise<FuzzProperty[]> {
  const module = await importUserModule(modulePath, role);
  return propertiesFrom(module['properties'], modulePath);
}

/**
 * The properties of the modules a saved failure's header names (its
 * `properties` field; paths relative to the trace's folder), so that a replay
 * needs no option to find them. Inline properties (a test file) are not
 * loaded: the test that defines them replays the trace.
 */
export async function headerProperties(header: TraceHeader, traceFolder: string, traceName = 'the trace'): Promise<FuzzProperty[]> {
  const modules = new Set<string>();
  for (const source of Object.values(header.properties ?? {})) if ('module' in source) modules.add(source.module);
  const loaded: FuzzProperty[] = [];
  for (const module of modules) loaded.push(...(await loadProperties(resolve(traceFolder, module), `properties module ${module} (named by ${traceName}), that is`)));
  return loaded;
}

/** The properties a module's `properties` export declares (none when it has no such export). */
export function propertiesFrom(exported: unknown, modulePath: string): FuzzProperty[] {
  if (exported === undefined) return [];
  const bad = () => new ProxyComponentError('USAGE', `\`properties\` of ${modulePath} must be a list of { name, check } or an object of check functions by name`);
  if (Array.isArray(exported)) {
    return exported.map((item: unknown) => {
      const { name, check } = (item ?? {}) as { name?: unknown; check?: unknown };
      if (typeof name !== 'string' || typeof check !== 'function') throw bad();
      return defineProperty(name, check as FuzzProperty['check']);
    });
  }
  if (typeof exported !== 'object' || exported === null) throw bad();
  return Object.entries(exported).map(([name, check]) => {
    if (typeof check !== 'function') throw bad();
    return defineProperty(name, check as FuzzProperty['check']);
  });
}
