/**
 * Replaying one trace three ways, each giving whether it matched and its
 * report: the composed replay component under wasmtime (trace on stdin), the
 * composed host-recorder replay component under jco (our recorder host), and
 * the in-process engine on the original component.
 */
import { readFile } from 'node:fs/promises';
import { loadJcoComponent } from '../../../src/engines/jco/load.js';
import { replayTrace } from '../../../src/host/replay.js';
import { recorderHost } from '../../../src/instrument/recorder-host.js';
import { readTrace } from '../../../src/trace/read.js';
import type { World } from '../../../src/wit/world.js';
import { invoke } from './wasmtime.js';

export interface Verdict {
  readonly matched: boolean;
  readonly report: string;
}

/** `wasmtime run --invoke 'start()' <replayComponent> < text`. */
export async function replayUnderWasmtime(replayComponent: string, text: string): Promise<Verdict> {
  const run = await invoke(replayComponent, 'start()', { input: text });
  return { matched: run.exitCode === 0, report: run.stderr };
}

/** The host-recorder replay component under jco, the trace answered by `recorderHost`. */
export async function replayUnderJco(hostReplayComponent: string, text: string, appWorld: World): Promise<Verdict> {
  const loaded = await loadJcoComponent(new Uint8Array(await readFile(hostReplayComponent)));
  const host = recorderHost({ replay: text, world: appWorld });
  const exports = (await loaded.instantiate(host.imports)) as { start: () => void };
  try {
    exports.start();
  } catch (error) {
    return { matched: false, report: host.failure() ?? String(error) };
  }
  return { matched: host.failure() === undefined, report: host.summary() ?? '' };
}

/** The in-process engine, on the original component. */
export async function replayInProcess(app: Uint8Array, text: string): Promise<Verdict> {
  const component = await loadJcoComponent(app);
  const report = await replayTrace(component, readTrace(text, component.world));
  return { matched: report.divergence === undefined && report.matched === report.total, report: report.divergence?.summary ?? `${report.matched} of ${report.total}` };
}
