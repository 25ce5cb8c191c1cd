/**
 * The `wasmtime` engine: the wasmtime CLI running the component composed
 * into the replay component of `proxy-component instrument` (src/instrument/,
 * mode `replay`), compiled ahead of time (wasmtime-cli.ts). The plan is
 * written as a trace and replayed by `wasmtime run --invoke 'start()'`
 * (replay-calls.ts): state carries across calls and import calls are
 * observed, as on the other engines.
 *
 * Every import is answered from the plan, WASI included (streams, files and
 * every other resource too: the replay component carries handles), so that
 * wasmtime sees the same world as the JS engines: a component that reads
 * the clock, random bytes, stdin or its environment gets the plan's answers,
 * not wasmtime's.
 *
 * A component the replay component cannot carry (an async function) loads,
 * and every run reports why, naming the function, as the engine's failure,
 * each call as not run: the engine could not run it, which is no divergence.
 */
import { isProxyComponentError } from '../../errors.js';
import { uncarriablePart } from '../../instrument/abi.js';
import { instrumentComponent } from '../../instrument/instrument.js';
import { planVirtualization } from '../../instrument/worlds.js';
import { callNameOf } from '../../wit/lookup.js';
import { decodeComponentWorld } from '../../wit/binary/decode.js';
import { worldFunctions, type WitFunction, type World, type WorldItem } from '../../wit/world.js';
import { DEFAULT_ENGINE_TIMEOUT_MS, type ComponentInput, type Engine, type EngineRun, type EngineStatus, type LoadedEngineComponent, type PlannedCall, type RunOptions } from '../engine.js';
import { replayCalls, type ReplayTarget } from './replay-calls.js';
import { findWasmtime, precompiled, requireWasmtime, WASMTIME_INSTALL, wasmtimeVersion } from './wasmtime-cli.js';

const NAME = 'wasmtime';

export const wasmtimeEngine: Engine = {
  name: NAME,
  description: 'the wasmtime CLI, through the instrumented replay component (every import, WASI included, answered from the plan)',
  async status(): Promise<EngineStatus> {
    const binary = findWasmtime();
    if (binary === undefined) return { available: false, reason: 'not installed', install: WASMTIME_INSTALL };
    return { available: true, version: await wasmtimeVersion(binary), path: binary };
  },
  async load(component: ComponentInput): Promise<LoadedEngineComponent> {
    const binary = requireWasmtime();
    const world = decodeComponentWorld(component.bytes);
    try {
      const target = await replayTarget(binary, world, component.bytes);
      return typeof target === 'string' ? cannotRun(world, target) : loaded(world, (calls, timeoutMs) => replayCalls(target, calls, timeoutMs));
    } catch (error) {
      // Our own errors say what wasmtime or the instrumenter cannot do with this component; others are bugs.
      if (isProxyComponentError(error)) return cannotRun(world, error.detail);
      throw error;
    }
  },
};

/** The composed replay component, compiled; or why the CLI cannot run this component. */
async function replayTarget(binary: string, world: World, bytes: Uint8Array): Promise<ReplayTarget | string> {
  // Throws, naming the function, for an export the replay component cannot carry.
  const plan = planVirtualization(world, 'replay', [], false);
  const left = [...world.imports.values()].filter((item) => item.kind !== 'type' && !plan.virtualized.has(item.name));
  if (left.length > 0) return refusal(left);
  const composed = await instrumentComponent(bytes, { mode: 'replay' });
  const functions = worldFunctions(world, 'import');
  return {
    binary,
    compiledPath: await precompiled(binary, composed.component),
    virtualized: new Map(functions.map((fn) => [callNameOf(fn), fn])),
  };
}

/** Why imports the replay component leaves to the host make the component one wasmtime cannot run: one line, naming the first function. */
function refusal(items: readonly WorldItem[]): string {
  const first = items[0] as WorldItem;
  const more = items.length > 1 ? ` (and ${items.length - 1} more import${items.length > 2 ? 's' : ''})` : '';
  if (first.kind === 'function') return `the import \`${first.name}\` ${whyUncarriable(first.function) ?? 'is left to the host, which the wasmtime CLI cannot be'}${more}`;
  if (first.kind !== 'interface') return `the import \`${first.name}\` cannot be answered${more}`;
  const fn = [...first.interface.functions.values()].find((candidate) => whyUncarriable(candidate) !== undefined) ?? [...first.interface.functions.values()][0];
  if (fn === undefined) return `the import \`${first.name}\` shares its resources with an import the replay component cannot carry${more}`;
  const why = whyUncarriable(fn) ?? 'shares its resources with an import the replay component cannot carry';
  return `the import \`${first.name}.${fn.name}\` ${why}${more}`;
}

/** Why the replay component cannot carry a function (to follow its name), or undefined when it can. */
function whyUncarriable(fn: WitFunction): string | undefined {
  if (fn.async === true) return 'is async, which the replay component cannot carry yet';
  const types = [...fn.params.map((param) => param.type), ...(fn.result === undefined ? [] : [fn.result])];
  const part = types.map(uncarriablePart).find((found) => found !== undefined);
  return part === undefined ? undefined : `uses ${part}, which the replay component cannot carry yet`;
}

type RunCalls = (calls: readonly PlannedCall[], timeoutMs: number) => Promise<{ readonly calls: EngineRun['calls']; readonly failure?: string }>;

function loaded(world: World, runCalls: RunCalls): LoadedEngineComponent {
  return {
    world,
    async run(calls: readonly PlannedCall[], options: RunOptions = {}): Promise<EngineRun> {
      const started = performance.now();
      const result = await runCalls(calls, options.timeoutMs ?? DEFAULT_ENGINE_TIMEOUT_MS);
      const elapsedMs = performance.now() - started;
      return result.failure === undefined ? { engine: NAME, calls: result.calls, elapsedMs } : { engine: NAME, calls: result.calls, elapsedMs, failure: result.failure };
    },
  };
}

/** A component the engine cannot run: every run says why. */
function cannotRun(world: World, why: string): LoadedEngineComponent {
  return {
    world,
    async run(calls) {
      return { engine: NAME, calls: calls.map(() => ({ outcome: { kind: 'not-run', reason: `wasmtime cannot run this component: ${why}` } })), elapsedMs: 0, failure: `cannot run this component: ${why}` };
    },
  };
}
