/**
 * The `jco` engine: the component transpiled by jco and run in this Node
 * process (in a worker thread, so that a call that hangs can be stopped).
 * The default engine, and the reference the others are compared with.
 */
import { decodeComponentWorld } from '../../wit/binary/decode.js';
import type { ComponentInput, Engine, EngineStatus, LoadedEngineComponent } from '../engine.js';
import { transpiler } from '../jco/transpiler.js';
import { sharedEngineWorker } from './worker-runner.js';


export const jcoEngine: Engine = {
  name: 'jco',
  description: `jco-transpile in this Node process (${process.version})`,
  async status(): Promise<EngineStatus> {
    return { available: true, version: `${transpiler().version}+node-${process.versions.node}`, path: process.execPath };
  },
  async load(component: ComponentInput): Promise<LoadedEngineComponent> {
    const world = decodeComponentWorld(component.bytes);
    return {
      world,
      async run(calls, options = {}) {
        const started = performance.now();
        const run = await sharedEngineWorker().run({ kind: 'jco', bytes: component.bytes }, world, calls, options);
        const elapsedMs = performance.now() - started;
        return run.failure === undefined ? { engine: 'jco', calls: run.calls, elapsedMs } : { engine: 'jco', calls: run.calls, elapsedMs, failure: run.failure };
      },
    };
  },
};
