/** Replaying a trace file against a component, in the watched replay worker, which reads the trace as it streams. */
import { sharedReplayWorker, type WorkerReplayOptions } from '../engines/jco/worker/replay-worker.js';
import type { ReplayReport } from '../host/replay.js';
import { readTraceHeader } from '../trace/read.js';
import { readTraceFileFirstLine } from '../trace/trace-file.js';
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
  // Only the header is read here, when it must name the component; the worker streams the rest.
  const component = options.component ?? (await findComponent(file, readTraceHeader(await readTraceFileFirstLine(file), file)));
  const report = await sharedReplayWorker().replay(component, { path: file }, file, options);
  return { ...report, file, component };
}
