/**
 * `run` for `--use-host-recorder` builds, as the original tool's `run` hosts
 * them: the composed component runs on the embedded engine (jco) with
 * `proxy:recorder@0.1.0` provided by `recorderHost`, which records or
 * replays with the app's world, recovered from the app nested in the
 * composed component (session/composed-app.ts).
 *
 * Recording: the `--invoke` calls are made in order; each completed export
 * call's lines are committed to the trace file as `record` commits them
 * (util/append-file.ts), or go to `onText` (stdout). A call that traps ends
 * with its trap (as `record` writes it) and ends the run: a trapped instance
 * cannot be entered again.
 *
 * Replaying: `start()` replays the trace, every import call and result
 * checked by the replay logic of the instrumented replay component; how it
 * ended is read from its end line (trace/replay-end.ts), as the wasmtime
 * engine reads it.
 */
import { readFile } from 'node:fs/promises';
import { ProxyComponentError } from '../errors.js';
import { exportInvokers } from '../engines/jco/export-caller.js';
import { exportLayouts } from '../engines/jco/layout.js';
import { loadJcoComponent, type JcoImports } from '../engines/jco/load.js';
import { sandboxedWasi, type WasiGrants } from '../host/wasi.js';
import { recorderHost } from '../instrument/recorder-host.js';
import { replayRunEnd, type ReplayEnd } from '../trace/replay-end.js';
import { AppendFile } from '../util/append-file.js';
import { describeIoError } from '../util/io-error.js';
import { ResourceTable } from '../values/resource-table.js';
import { callNameOf } from '../wit/lookup.js';
import { componentPathFor, type ComposedApp } from './composed-app.js';
import { importHost, planInvocations } from './record-component.js';

export interface RecorderBuildOptions {
  /** The real host for the imports the recorder does not answer: a module exporting a jco imports object. */
  readonly host?: string;
  readonly wasi?: WasiGrants;
}

export interface RecordBuildOptions extends RecorderBuildOptions {
  readonly invocations: readonly string[];
  /** The trace file; none: the trace goes to `onText`. */
  readonly save?: string;
  /** The trace's text as it is written, a completed export call at a time (without `save`). */
  readonly onText?: (text: string) => void;
}

export interface RecordBuildResult {
  /** Export calls recorded (a trapping one included). */
  readonly calls: number;
  /** The call that trapped and ended the run, with the calls left unmade. */
  readonly trapped?: { readonly call: string; readonly message: string; readonly unmade: number };
  /** The `componentPath` the header names, or why it names none. */
  readonly componentPath: { readonly path: string } | { readonly missing: string };
}

export async function runRecordBuild(path: string, composed: ComposedApp, options: RecordBuildOptions): Promise<RecordBuildResult> {
  const component = await loadJcoComponent(composed.bytes);
  // Typed with the loaded component's world: its function objects key the invokers.
  const planned = planInvocations(component.world, options.invocations);
  const componentPath = componentPathFor(composed.appFile, options.save);
  const recorder = recorderHost({
    record: composed.app.world,
    header: { component: composed.app.hash, ...(componentPath === undefined ? {} : { componentPath }), passthrough: composed.app.build?.passthrough ?? [] },
  });
  const exports = await component.instantiate(await hostImports(options, recorder.imports));
  const invokers = exportInvokers(exports, exportLayouts(component.world), new ResourceTable());
  const file = options.save === undefined ? undefined : AppendFile.create(options.save);
  let written = 0;
  const commit = (): void => {
    const text = recorder.text().slice(written);
    written = recorder.text().length;
    if (file === undefined) options.onText?.(text);
    else file.append(text);
  };
  let calls = 0;
  let trapped: RecordBuildResult['trapped'];
  try {
    for (const { fn, args } of planned) {
      const invoke = invokers.get(fn.function);
      if (invoke === undefined) throw new ProxyComponentError('USAGE', `${path} has no export ${callNameOf(fn)}`);
      const outcome = invoke(args);
      const failure = recorder.failure();
      if (failure !== undefined) throw new ProxyComponentError('USAGE', `the recorder could not follow ${path}: ${failure}`);
      calls++;
      if (outcome.kind === 'trap') {
        // The recorder saw the call begin, never end: the trap ends it, as `record` writes one.
        recorder.trapped(outcome.message);
        commit();
        trapped = { call: callNameOf(fn), message: outcome.message, unmade: planned.length - calls };
        break;
      }
      commit();
    }
  } finally {
    file?.close();
  }
  return { calls, ...(trapped === undefined ? {} : { trapped }), componentPath: componentPath === undefined ? composed.appFile : { path: componentPath } };
}

export interface ReplayBuildOptions extends RecorderBuildOptions {
  readonly trace: string;
}

/** How a replay run ended; `trap`: the component trapped where the trace records no trap (no end line). */
export type ReplayBuildEnd = ReplayEnd | { readonly kind: 'trap'; readonly message: string };

export async function runReplayBuild(path: string, composed: ComposedApp, options: ReplayBuildOptions): Promise<ReplayBuildEnd> {
  const text = await readFile(options.trace, 'utf8').catch((cause: unknown) => {
    throw new ProxyComponentError('IO', `cannot read ${options.trace}: ${describeIoError(cause)}`, { cause });
  });
  const recorder = recorderHost({ replay: text, world: composed.app.world, passthrough: composed.app.build?.passthrough ?? [], file: options.trace });
  const component = await loadJcoComponent(composed.bytes);
  const exports = await component.instantiate(await hostImports(options, recorder.imports));
  const start = exports['start'];
  if (typeof start !== 'function') throw new ProxyComponentError('USAGE', `${path} does not export \`start\``);
  let trap: string | undefined;
  try {
    (start as () => void)();
  } catch (error) {
    trap = error instanceof Error ? error.message : String(error);
  }
  const end = replayRunEnd(recorder.reports(), trap !== undefined);
  if (end !== undefined) return end;
  if (trap !== undefined) return { kind: 'trap', message: trap };
  throw new ProxyComponentError('USAGE', `${path} returned from \`start\` without replaying the trace: it is no replay build`);
}

async function hostImports(options: RecorderBuildOptions, recorder: JcoImports): Promise<JcoImports> {
  const host = options.host === undefined ? {} : await importHost(options.host);
  return { ...sandboxedWasi(options.wasi), ...host, ...recorder };
}
