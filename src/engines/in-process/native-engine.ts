/**
 * The `native` engine: a JS module that implements the component's exports
 * (the native side of native-vs-Wasm), run like the jco engine, with the
 * component's world for types. See load-target.ts for the module's shape.
 */
import { existsSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { ProxyComponentError } from '../../errors.js';
import { decodeComponentWorld } from '../../wit/binary/decode.js';
import type { ComponentInput, Engine, EngineStatus, LoadedEngineComponent } from '../engine.js';
import { sharedEngineWorker } from './worker-runner.js';

export function nativeEngine(modulePath: string): Engine {
  const module = resolve(modulePath);
  const name = `native:${modulePath}`;
  return {
    name,
    description: `the JS module ${basename(module)} standing in for the component`,
    async status(): Promise<EngineStatus> {
      if (!existsSync(module)) return { available: false, reason: `${module} does not exist`, install: 'give the path of a JS module implementing the exports' };
      return { available: true, version: 'module', path: module };
    },
    async load(component: ComponentInput): Promise<LoadedEngineComponent> {
      if (!existsSync(module)) throw new ProxyComponentError('IO', `the native module ${module} does not exist`);
      const world = decodeComponentWorld(component.bytes);
      return {
        world,
        async run(calls, options = {}) {
          const started = performance.now();
          const run = await sharedEngineWorker().run({ kind: 'native', bytes: component.bytes, module }, world, calls, options);
          const elapsedMs = performance.now() - started;
          return run.failure === undefined ? { engine: name, calls: run.calls, elapsedMs } : { engine: name, calls: run.calls, elapsedMs, failure: run.failure };
        },
      };
    },
  };
}
