/** Replaying a trace file against a component, in the watched replay worker. */
import { sharedReplayWorker, type WorkerReplayOptions } from '../engines/jco/worker/replay-worker.js';
import type { ReplayReport } from '../host/replay.js';
import { readTraceHeader } from '../trace/read.js';
import { readTraceFile } from '../trace/trace-file.js';
import { findComponent } from './find-component.js';

export interface ReplayFileOptions extends WorkerReplayOptions {
  /** The component; default: the one the trace's header or folder names (see findComponent). */
  readonly component?: string;
}

export interface ReplayFileResult extends ReplayReport {
  readonly file: string;
  readonly component: string;
}

export async function replayTraceFile(file: string, options: ReplayFileOptions = {}): Promise<ReplayFileResult> {
  const text = await readTraceFile(file);
  const component = options.component ?? (await findComponent(file, readTraceHeader(text, file)));
  const report = await sharedReplayWorker().replay(component, text, file, options);
  return { ...report, file, component };
}
