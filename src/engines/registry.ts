/**
 * Every engine by name: the one place that knows them all. Elsewhere engines
 * are only used through the `Engine` interface.
 *
 * Names: `jco` (default), `node`, `bun`, `deno`, `gjs`, `jsc`, `wasmtime`,
 * and `native:<module path>`.
 */
import { ProxyComponentError } from '../errors.js';
import type { Engine } from './engine.js';
import { jcoEngine } from './in-process/jco-engine.js';
import { nativeEngine } from './in-process/native-engine.js';
import { SHELLS } from './subprocess/shells.js';
import { subprocessEngine } from './subprocess/subprocess-engine.js';
import { wasmtimeEngine } from './wasmtime/wasmtime-engine.js';

const NATIVE_PREFIX = 'native:';

/** The engines that exist without arguments, in the order `engines` lists them. */
export function knownEngines(): Engine[] {
  return [jcoEngine, ...SHELLS.map(subprocessEngine), wasmtimeEngine];
}

/** The names accepted by `engineByName`, for messages. */
export function engineNames(): string[] {
  return [...knownEngines().map((engine) => engine.name), `${NATIVE_PREFIX}<module>`];
}

export function engineByName(name: string): Engine {
  if (name.startsWith(NATIVE_PREFIX) && name.length > NATIVE_PREFIX.length) return nativeEngine(name.slice(NATIVE_PREFIX.length));
  const engine = knownEngines().find((candidate) => candidate.name === name);
  if (engine === undefined) throw new ProxyComponentError('USAGE', `unknown engine \`${name}\` (known: ${engineNames().join(', ')})`);
  return engine;
}

/** `a,b,c` (also repeated options) to engines, each named once. */
export function parseEngineList(specs: readonly string[]): Engine[] {
  const names = specs.flatMap((spec) => spec.split(',')).map((name) => name.trim()).filter((name) => name !== '');
  if (names.length === 0) throw new ProxyComponentError('USAGE', 'no engine named (try --engines jco,node)');
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) throw new ProxyComponentError('USAGE', `engine \`${name}\` is named twice`);
    seen.add(name);
  }
  return names.map(engineByName);
}
