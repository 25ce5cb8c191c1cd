/**
 * Recording from inside a test run, whatever the framework: a recording
 * session behind `toMatchRecording` (the test's own export calls, recorded
 * with the real host, or replayed against the recording, one call at a time),
 * and the re-recording of a `.trace` file test under `-u`.
 *
 * Sessions run where ESM runs (Vitest's test worker, Jest's bridge thread)
 * and answer in plain data, so that Jest's sandbox can drive one from across
 * a thread. The host comes from `hostModule`: `createHost()` when it exports
 * one (called for each recording: a host with state starts afresh), else its
 * default export (or `imports`); WASI comes from the sandboxed shim unless
 * the host answers it.
 */
import { readFile, stat } from 'node:fs/promises';
import { dirname, relative } from 'node:path';
import type { Divergence } from '../divergence/divergence.js';
import { renderDivergence } from '../divergence/render.js';
import { loadJcoComponent, type JcoComponent, type JcoImports } from '../engines/jco/load.js';
import { ProxyComponentError } from '../errors.js';
import { replayMatching } from '../host/matching.js';
import { startRecording } from '../host/record.js';
import { checkRedactionAgainstWorld, redactTrace } from '../host/redact.js';
import { startReplay, type SteppedReplay } from '../host/replay.js';
import { sandboxedWasi } from '../host/wasi.js';
import type { CallOutcome, Trace } from '../trace/model.js';
import { readTrace } from '../trace/read.js';
import { traceFunctionResolver } from '../trace/resolve-names.js';
import { isSeedEventLine, writeSeedTrace } from '../trace/seed-format.js';
import { formatTrace } from '../trace/write.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { describeIoError } from '../util/io-error.js';
import { importUserModule } from '../util/user-module.js';
import type { Value } from '../values/value.js';
import { parseCall } from '../wave/index.js';
import { callNames, didYouMean } from '../wit/lookup.js';
import type { WorldFunction } from '../wit/world.js';
import type { CallFailure } from './failure.js';
import type { RecordMode, TraceTestSettings } from './options.js';

export interface RecordingRequest {
  /** Absolute path of the component. */
  readonly component: string;
  /** Absolute path of the recording (a `.trace` file). */
  readonly file: string;
  /** The recording as messages name it. */
  readonly displayFile: string;
  readonly mode: RecordMode;
  readonly settings: TraceTestSettings;
}

/** One export call of the test, as it ended: plain data. */
export type SessionCallResult =
  | { readonly kind: 'return'; readonly value?: Value }
  | { readonly kind: 'trap'; readonly message: string }
  /** Replaying: the call is not what the recording holds (the test fails with it). */
  | { readonly kind: 'diverged'; readonly failure: CallFailure };

export type SessionEnd =
  | { readonly kind: 'recorded'; readonly calls: number; readonly file: string }
  | { readonly kind: 'replayed'; readonly calls: number }
  | { readonly kind: 'diverged'; readonly failure: CallFailure };

export interface RecordingSession {
  readonly mode: 'record' | 'replay';
  /**
   * Calls an export: `call('add', 1, 2)` with Values, or `call('add(1, 2)')` in WAVE.
   * Recording, the real host answers its imports; replaying, the recording does.
   */
  call(name: string, args: readonly Value[]): Promise<SessionCallResult>;
  /** Ends the session: writes the recording, or checks that every recorded call was made. */
  close(): Promise<SessionEnd>;
}

/** How to make a recording again, for messages. */
export const RERECORD_HINT = 'run with -u (or PROXY_COMPONENT_RECORD=all) to record it again';

export async function openRecording(request: RecordingRequest): Promise<RecordingSession> {
  const existing = await readFile(request.file, 'utf8').then(
    (text) => text,
    (cause: NodeJS.ErrnoException) => {
      if (cause.code === 'ENOENT') return undefined;
      throw new ProxyComponentError('IO', `cannot read the recording ${request.displayFile}: ${describeIoError(cause)}`, { cause });
    },
  );
  const record = request.mode === 'all' || (existing === undefined && request.mode === 'missing');
  if (existing === undefined && !record) {
    throw new ProxyComponentError(
      'USAGE',
      `there is no recording ${request.displayFile}, and this run records none (record mode \`none\`, the default on CI): run the test once without CI, or with PROXY_COMPONENT_RECORD=missing, to record it`,
    );
  }
  const component = await loadComponent(request.component);
  return record ? recordingSession(component, request) : replayingSession(component, request, existing as string);
}

async function recordingSession(component: JcoComponent, request: RecordingRequest): Promise<RecordingSession> {
  checkRedactionAgainstWorld(component.world, request.settings.redact);
  const host = await recordingHost(request.settings, `record ${request.displayFile}`);
  const recording = await startRecording(component, { ...sandboxedWasi(), ...host }, { componentPath: componentPathFrom(request.file, request.component) });
  const resolve = exportResolver(component);
  return {
    mode: 'record',
    async call(name, args) {
      const { fn, values } = resolve(name, args);
      return sessionResult(recording.call(fn, values));
    },
    async close() {
      // Redacted before anything is written: a secret never reaches the disk.
      const trace = redactTrace(recording.trace(), request.settings.redact);
      await writeFileAtomic(request.file, formatTrace(trace));
      return { kind: 'recorded', calls: trace.calls.length, file: request.file };
    },
  };
}

async function replayingSession(component: JcoComponent, request: RecordingRequest, text: string): Promise<RecordingSession> {
  const trace = readTrace(text, component.world, { file: request.displayFile });
  const { passthrough, hostModule } = request.settings;
  const host = passthrough.length > 0 && hostModule !== undefined ? await recordingHost(request.settings, `pass imports through in ${request.displayFile}`) : undefined;
  const matching = await replayMatching(component.world, request.settings, text);
  const replay: SteppedReplay = await startReplay(component, trace, { passthrough, matching, ...(host === undefined ? {} : { host }) });
  const resolve = exportResolver(component);
  let calls = 0;
  return {
    mode: 'replay',
    async call(name, args) {
      const { fn, values } = resolve(name, args);
      const { outcome, divergence } = replay.call(fn, values);
      calls++;
      if (divergence !== undefined) return { kind: 'diverged', failure: divergenceFailure(divergence) };
      return sessionResult(outcome.kind === 'return' ? outcome : { kind: 'trap', message: outcome.message });
    },
    async close() {
      const divergence = replay.finish();
      return divergence === undefined ? { kind: 'replayed', calls } : { kind: 'diverged', failure: divergenceFailure(divergence) };
    },
  };
}

/** The outcome of re-recording a `.trace` file test under `-u`. */
export type Rerecorded =
  | { readonly kind: 'recorded'; readonly calls: number }
  /** The trace cannot be recorded again: why (it then replays as usual). */
  | { readonly kind: 'kept'; readonly reason: string };

/**
 * Records the export calls of a trace file again, with the real host, and writes it over the
 * file in its own format. Saved fuzz failures are kept: their import answers were generated, not
 * observed, and they expect properties rather than an outcome.
 */
export async function rerecordTrace(file: string, displayFile: string, component: string, settings: TraceTestSettings): Promise<Rerecorded> {
  if (settings.hostModule === undefined) return { kind: 'kept', reason: 'no hostModule to record it with' };
  const text = await readFile(file, 'utf8').catch((cause: unknown) => {
    throw new ProxyComponentError('IO', `cannot read ${displayFile}: ${describeIoError(cause)}`, { cause });
  });
  const loaded = await loadComponent(component);
  const trace = readTrace(text, loaded.world, { file: displayFile });
  if (trace.header.fuzz !== undefined || trace.calls.some((call) => call.expect !== undefined)) return { kind: 'kept', reason: 'a saved fuzz failure is not a recording' };
  checkRedactionAgainstWorld(loaded.world, settings.redact);
  const host = await recordingHost(settings, `record ${displayFile} again`);
  const recording = await startRecording(loaded, { ...sandboxedWasi(), ...host }, { componentPath: trace.header.componentPath ?? componentPathFrom(file, component) });
  for (const call of trace.calls) recording.call(call.function, call.args);
  const recorded: Trace = redactTrace(recording.trace(), settings.redact);
  // Written back in the format it was read in: the original tool's JSONL when its first line is one of its events.
  const first = text.split('\n').find((line) => line.trim() !== '');
  await writeFileAtomic(file, first !== undefined && isSeedEventLine(first.trim()) ? writeSeedTrace(recorded) : formatTrace(recorded));
  return { kind: 'recorded', calls: recorded.calls.length };
}

function sessionResult(outcome: CallOutcome): SessionCallResult {
  return outcome.kind === 'trap' ? { kind: 'trap', message: outcome.message } : outcome.value === undefined ? { kind: 'return' } : { kind: 'return', value: outcome.value };
}

function divergenceFailure(divergence: Divergence): CallFailure {
  const message = `${renderDivergence(divergence, { color: false })}\n  (${RERECORD_HINT})`;
  return { name: 'TraceDivergence', message, line: divergence.line ?? 1, column: 1, divergence };
}

/** The export a test names: `add` with Values, or a WAVE call `add(1, 2)` alone. */
function exportResolver(component: JcoComponent): (name: string, args: readonly Value[]) => { fn: WorldFunction; values: readonly Value[] } {
  const resolve = traceFunctionResolver(component.world, 'export');
  const names = () => callNames(component.world, 'export');
  return (name, args) => {
    if (args.length === 0 && name.includes('(')) {
      let fn: WorldFunction | undefined;
      const call = parseCall(
        name,
        (text) => {
          fn = resolve(text);
          return fn === undefined ? undefined : { params: fn.function.params };
        },
        { file: 'call' },
        names,
      );
      return { fn: fn as WorldFunction, values: call.args };
    }
    const fn = resolve(name);
    if (fn === undefined) throw new ProxyComponentError('USAGE', `the component has no export \`${name}\`${didYouMean(name, names())}`);
    if (args.length !== fn.function.params.length) {
      throw new ProxyComponentError('USAGE', `\`${name}\` takes ${fn.function.params.length} argument${fn.function.params.length === 1 ? '' : 's'} (${fn.function.params.map((param) => param.name).join(', ')}), got ${args.length}`);
    }
    return { fn, values: args };
  };
}

async function recordingHost(settings: TraceTestSettings, purpose: string): Promise<JcoImports> {
  if (settings.hostModule === undefined) {
    throw new ProxyComponentError('USAGE', `cannot ${purpose}: recording needs the real host, and no \`hostModule\` is configured (proxy({ hostModule }), or { component, hostModule } as the received value)`);
  }
  const module = await importUserModule(settings.hostModule, 'host module');
  const create = module['createHost'];
  const host = typeof create === 'function' ? await (create as () => unknown)() : (module['default'] ?? module['imports']);
  if (typeof host !== 'object' || host === null) {
    throw new ProxyComponentError('USAGE', `the host module ${settings.hostModule} must export \`createHost()\` or its imports object as \`default\` or \`imports\``);
  }
  return host as JcoImports;
}

const loaded = new Map<string, Promise<JcoComponent>>();

/** Loaded once per build (path and modification time): every session instantiates it anew. */
async function loadComponent(path: string): Promise<JcoComponent> {
  const modified = await stat(path).then(
    (info) => info.mtimeMs,
    (cause: unknown) => {
      throw new ProxyComponentError('IO', `cannot read the component ${path}: ${describeIoError(cause)}`, { cause });
    },
  );
  const key = `${path}\0${modified}`;
  let component = loaded.get(key);
  if (component === undefined) {
    component = readFile(path).then(
      (bytes) => loadJcoComponent(new Uint8Array(bytes)),
      (cause: unknown) => {
        throw new ProxyComponentError('IO', `cannot read the component ${path}: ${describeIoError(cause)}`, { cause });
      },
    );
    loaded.set(key, component);
    component.catch(() => loaded.delete(key));
  }
  return component;
}

/** The component as the recording's header names it: relative to the recording's folder. */
function componentPathFrom(file: string, component: string): string {
  return relative(dirname(file), component);
}
