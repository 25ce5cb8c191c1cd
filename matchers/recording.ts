/**
 * `toMatchRecording`, shared by Vitest and Jest: a test's own export calls,
 * recorded with the real host the first time (or under `-u`) into
 * `__traces__/<test file>/<name>.trace` beside the test file, as a snapshot
 * is, and replayed against that recording afterwards, with no host:
 *
 * ```ts
 * await expect('build/app.wasm').toMatchRecording('counts words', async (app) => {
 *   expect(await app.call('count-words("doc")')).toBe(3);
 * });
 * ```
 *
 * The record mode is Vitest's and Jest's snapshot mode (`-u` records again,
 * CI replays only), `PROXY_COMPONENT_RECORD` or the `record` option (see
 * src/trace-tests/options.ts). A replay that stops matching fails the test
 * with the divergence, and says how to record again. This module opens the
 * session (src/trace-tests/recording.ts) and drives the test's body; Jest's
 * sandbox drives a session in the bridge thread the same way
 * (jest/sandbox/recording.cts).
 */
import { relative } from 'node:path';
import { ProxyComponentError } from '../src/errors.js';
import type { CallFailure } from '../src/trace-tests/failure.js';
import { recordMode, traceTestSettings, type SnapshotUpdate, type TraceTestOptions } from '../src/trace-tests/options.js';
import { openRecording, type RecordingSession } from '../src/trace-tests/recording.js';
import { recordingFile } from '../src/trace-tests/recordings.js';
import type { Value } from '../src/values/value.js';

/** What a test body gets: the component, recording or replaying. */
export interface RecordedComponent {
  /** `record`: the real host answers the imports and the calls are written; `replay`: the recording answers them. */
  readonly mode: 'record' | 'replay';
  /**
   * Calls an export: `call('add', 1, 2)` with WIT values (see proxy-component/values), or
   * `call('add(1, 2)')` in WAVE. Resolves with the result; rejects with a `ComponentTrap` when
   * the component traps, and with the divergence when a replay stops matching its recording.
   */
  call(name: string, ...args: Value[]): Promise<Value | undefined>;
}

export type RecordingBody = (component: RecordedComponent) => unknown;

/** The test the matcher runs in, as each framework tells it. */
export interface RecordingTest {
  /** Absolute path of the test file. */
  readonly testPath: string;
  /** The framework's snapshot mode (`-u`: `all`). */
  readonly update?: SnapshotUpdate;
  /** Settings from the framework's configuration (the Vitest plugin's), below the received value's own. */
  readonly configured?: TraceTestOptions;
}

/** Opens the session of `toMatchRecording(name)` for `received` (a component path, or `{ component, ...options }`). */
export async function openTestRecording(received: unknown, name: unknown, test: RecordingTest): Promise<{ session: RecordingSession; displayFile: string; file: string }> {
  if (typeof name !== 'string' || name.trim() === '') throw new ProxyComponentError('USAGE', `toMatchRecording takes a name for the recording first, got ${describe(name)}`);
  const { component, options } = recordingTarget(received);
  const root = process.cwd();
  const settings = traceTestSettings({ ...test.configured, ...options, component }, { root, where: 'toMatchRecording' });
  const file = recordingFile(test.testPath, name);
  const displayFile = relative(root, file) || file;
  const mode = recordMode(settings, test.update);
  const session = await openRecording({ component: settings.component as string, file, displayFile, mode, settings });
  return { session, displayFile, file };
}

export interface RecordingOutcome {
  readonly pass: boolean;
  readonly mode: 'record' | 'replay';
  /** The divergence, when the replay stopped matching. */
  readonly failure?: CallFailure;
  readonly calls: number;
}

/**
 * Runs the body with the session's component, then ends the session: a recording is written only
 * when the body finished (a test that fails on its own writes nothing). The body's own errors
 * propagate; a divergence is the outcome.
 */
export async function driveRecording(session: RecordingSession, body: RecordingBody): Promise<RecordingOutcome> {
  if (typeof body !== 'function') throw new ProxyComponentError('USAGE', 'toMatchRecording takes the test body second: async (component) => { ...calls... }');
  let failure: CallFailure | undefined;
  let calls = 0;
  const component: RecordedComponent = {
    mode: session.mode,
    async call(name, ...args) {
      if (failure !== undefined) throw divergenceError(failure);
      const result = await session.call(name, args);
      calls++;
      if (result.kind === 'diverged') {
        failure = result.failure;
        throw divergenceError(failure);
      }
      if (result.kind === 'trap') throw Object.assign(new Error(result.message), { name: 'ComponentTrap' });
      return result.value;
    },
  };
  try {
    await body(component);
  } catch (error) {
    if (failure === undefined) throw error;
  }
  if (failure === undefined) {
    const end = await session.close();
    if (end.kind === 'diverged') failure = end.failure;
  }
  return failure === undefined ? { pass: true, mode: session.mode, calls } : { pass: false, mode: session.mode, failure, calls };
}

/** The message of a toMatchRecording result. */
export function recordingMessage(name: string, displayFile: string, outcome: RecordingOutcome): string {
  if (outcome.failure !== undefined) return `expected the calls of ${JSON.stringify(name)} to match the recording ${displayFile}, but they diverged:\n\n${outcome.failure.message}`;
  return `${outcome.mode === 'record' ? 'recorded' : 'replayed'} ${outcome.calls} export call${outcome.calls === 1 ? '' : 's'} of ${JSON.stringify(name)} (${displayFile})`;
}

function divergenceError(failure: CallFailure): Error {
  const error = new Error(failure.message);
  error.name = failure.name;
  return error;
}

function recordingTarget(received: unknown): { component: string; options: TraceTestOptions } {
  if (typeof received === 'string' && received !== '') return { component: received, options: {} };
  if (typeof received === 'object' && received !== null && !Array.isArray(received) && typeof (received as { component?: unknown }).component === 'string') {
    const { component, ...options } = received as { component: string } & TraceTestOptions;
    return { component, options };
  }
  throw new ProxyComponentError('USAGE', `toMatchRecording expects a component path or { component, hostModule?, ... } as the received value, got ${describe(received)}`);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return JSON.stringify(value);
  return typeof value === 'object' ? 'an object without a string `component`' : `a ${typeof value}`;
}
