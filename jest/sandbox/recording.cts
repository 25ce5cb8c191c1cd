/**
 * `toMatchRecording` for Jest (registered with the other matchers): the same
 * matcher as Vitest's (matchers/recording.ts), its session in the bridge
 * thread, driven from here: the test body runs in the test's sandbox, each
 * export call crosses the thread. The test file and `-u` (`all`) come from
 * Jest's expect state; the host and other options with the received value:
 *
 * ```js
 * await expect({ component: 'app.wasm', hostModule: './host.js' }).toMatchRecording('counts words', async (app) => {
 *   expect(await app.call('count-words("doc")')).toBe(3);
 * });
 * ```
 *
 * The recordings each test file used are kept here; setup.cts asks, after
 * the file, which of its recordings no test used (obsolete).
 */
import globals = require('@jest/globals');
import type { CallFailure } from '../../src/trace-tests/failure.js';
import type { SessionCallResult } from '../../src/trace-tests/recording.js';
import type { JestMatcherContext, JestMatcherResult, RecordedComponent, RecordingClosed, RecordingOpened } from '../protocol.js';
import bridge = require('./bridge.cjs');
import matcherMessage = require('./matcher-message.cjs');

/** Recordings used, per test file (absolute paths). */
const used = new Map<string, Set<string>>();

type JestRecordingResult = JestMatcherResult & { readonly proxyDivergence?: unknown };

async function toMatchRecording(this: JestMatcherContext, received: unknown, name: string, body: (component: RecordedComponent) => unknown): Promise<JestRecordingResult> {
  const callSite = new Error();
  const fail = (error: unknown): never => {
    const raised = error instanceof Error ? error : new Error(String(error));
    raised.stack = `${raised.name}: ${raised.message}\n${matcherMessage.framesOf(callSite)}`;
    throw raised;
  };
  if (this.isNot === true) fail(new Error('toMatchRecording cannot be negated: a recording either matches or it is recorded again with -u'));
  if (typeof body !== 'function') fail(new Error('toMatchRecording takes the test body second: async (component) => { ...calls... }'));
  const state = globals.expect.getState() as { testPath?: string; snapshotState?: { _updateSnapshot?: unknown } };
  if (state.testPath === undefined) fail(new Error('toMatchRecording runs inside a test (it keeps its recordings beside the test file)'));
  const testPath = state.testPath as string;
  const update = state.snapshotState?._updateSnapshot;
  let opened: RecordingOpened;
  try {
    opened = await bridge.request<RecordingOpened>({ kind: 'recording-open', received, name, testPath, ...(update === 'all' || update === 'new' || update === 'none' ? { update } : {}) });
  } catch (error) {
    return fail(error);
  }
  if (!used.has(testPath)) used.set(testPath, new Set());
  used.get(testPath)?.add(opened.file);
  let failure: CallFailure | undefined;
  let calls = 0;
  const component: RecordedComponent = {
    mode: opened.mode,
    async call(exportName, ...args) {
      if (failure !== undefined) throw divergenceError(failure);
      const result = await bridge.request<SessionCallResult>({ kind: 'recording-call', session: opened.session, name: exportName, args });
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
    if (failure === undefined) {
      await bridge.request<RecordingClosed>({ kind: 'recording-close', session: opened.session, discard: true, calls });
      throw error;
    }
  }
  const closed = await bridge.request<RecordingClosed>({ kind: 'recording-close', session: opened.session, discard: false, calls, ...(failure === undefined ? {} : { failure }) });
  // Jest keeps the result in the failure's `matcherResult`, where proxy-component/jest/reporter finds the divergence.
  const divergence = closed.failure?.divergence;
  return { pass: closed.pass, message: () => closed.message, ...(divergence === undefined ? {} : { proxyDivergence: divergence }) };
}

function divergenceError(failure: CallFailure): Error {
  const error = new Error(failure.message);
  error.name = failure.name;
  return error;
}

/** After a test file: its recordings that no test used, if the whole file ran ('' otherwise). */
async function obsoleteAfterFile(testPath: string, complete: boolean, remove: boolean): Promise<string> {
  if (!complete) return '';
  const answer = await bridge.request<{ summary: string }>({ kind: 'recordings-done', testPath, used: [...(used.get(testPath) ?? [])], remove });
  used.delete(testPath);
  return answer.summary;
}

/** The matcher, typed for `expect.extend` (the public types are in matchers.cts). */
const recordingMatchers: Record<'toMatchRecording', (this: JestMatcherContext, received: unknown, name: string, body: (component: RecordedComponent) => unknown) => Promise<JestMatcherResult>> = { toMatchRecording };

export = { recordingMatchers, obsoleteAfterFile };
