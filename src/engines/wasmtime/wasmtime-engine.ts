/**
 * The `wasmtime` engine: the wasmtime CLI, on the component compiled ahead of
 * time (wasmtime-cli.ts).
 *
 * - A component whose only imports are WASI runs as it is, one
 *   `wasmtime run --invoke '<call>'` per export call (invoke-calls.ts):
 *   wasmtime answers WASI itself, unobserved, and each call gets a fresh
 *   instance.
 * - A component with other imports, which the CLI cannot answer, runs
 *   through the composed replay component of `proxy-component instrument`
 *   (replay-calls.ts): the plan is written as a trace and replayed by
 *   `wasmtime run --invoke 'start()'`; state carries across calls and the
 *   import calls are observed. Composed and compiled once per component.
 *
 * A component the CLI still cannot run (a resource handle crossing a
 * world-level import, an export the instrumenter cannot carry, a feature
 * wasmtime lacks) loads, and every run reports
 * why as the engine's failure, each call as not run: the other engines
 * of a differential run still compare.
 */
import { isProxyComponentError } from '../../errors.js';
import { instrumentComponent } from '../../instrument/instrument.js';
import { callNameOf } from '../../wit/lookup.js';
import { decodeComponentWorld } from '../../wit/binary/decode.js';
import { worldFunctions, type World, type WorldFunction } from '../../wit/world.js';
import { DEFAULT_ENGINE_TIMEOUT_MS, type ComponentInput, type Engine, type EngineRun, type EngineStatus, type LoadedEngineComponent, type PlannedCall, type RunOptions } from '../engine.js';
import { invokeCalls } from './invoke-calls.js';
import { replayCalls, type ReplayTarget } from './replay-calls.js';
import { findWasmtime, precompiled, requireWasmtime, WASMTIME_INSTALL, wasmtimeVersion } from './wasmtime-cli.js';

const NAME = 'wasmtime';

export const wasmtimeEngine: Engine = {
  name: NAME,
  description: 'the wasmtime CLI (run --invoke; components with non-WASI imports through the instrumented replay component)',
  async status(): Promise<EngineStatus> {
    const binary = findWasmtime();
    if (binary === undefined) return { available: false, reason: 'not installed', install: WASMTIME_INSTALL };
    return { available: true, version: await wasmtimeVersion(binary), path: binary };
  },
  async load(component: ComponentInput): Promise<LoadedEngineComponent> {
    const binary = requireWasmtime();
    const world = decodeComponentWorld(component.bytes);
    try {
      if (hostImports(world).length === 0) {
        const compiledPath = await precompiled(binary, component.bytes);
        return loaded(world, async (calls, timeoutMs) => ({ calls: await invokeCalls(binary, compiledPath, calls, timeoutMs) }));
      }
      const target = await replayTarget(binary, world, component.bytes);
      return typeof target === 'string' ? cannotRun(world, target) : loaded(world, (calls, timeoutMs) => replayCalls(target, calls, timeoutMs));
    } catch (error) {
      // Our own errors say what wasmtime or the instrumenter cannot do with this component; others are bugs.
      if (isProxyComponentError(error)) return cannotRun(world, error.detail);
      throw error;
    }
  },
};

/** Import items other than WASI: the CLI cannot answer them. */
function hostImports(world: World): string[] {
  return [...world.imports.values()].filter((item) => item.kind !== 'type' && !item.name.startsWith('wasi:')).map((item) => item.name);
}

/** The composed replay component, compiled; or why the CLI cannot run this component even so. */
async function replayTarget(binary: string, world: World, bytes: Uint8Array): Promise<ReplayTarget | string> {
  const composed = await instrumentComponent(bytes, { mode: 'replay' });
  const left = hostImports(composed.world);
  if (left.length > 0) return left.map((name) => `the wasmtime CLI cannot answer the import \`${name}\`, which the replay component leaves to the host: ${passThroughReason(composed.notes, name)}`).join('; ');
  const passing = new Set(composed.world.imports.keys());
  const imports = worldFunctions(world, 'import');
  const virtualized = new Map<string, WorldFunction>(imports.filter((fn) => !passing.has(fn.itemName)).map((fn) => [callNameOf(fn), fn]));
  return {
    binary,
    compiledPath: await precompiled(binary, composed.component),
    virtualized,
    observesImports: virtualized.size === imports.length,
  };
}

/** The instrumenter's note on why `name` passes through (`<name> passes through to the host: <why>`). */
function passThroughReason(notes: readonly string[], name: string): string {
  const prefix = `${name} passes through to the host: `;
  return notes.find((note) => note.startsWith(prefix))?.slice(prefix.length) ?? 'it is not virtualized';
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
