/**
 * The bridge thread: where Jest tests' ESM work runs (replays through the
 * watched replay worker, the shared matcher core). Jest's sandbox starts it
 * from jest/sandbox/bridge.cjs and talks to it with BridgeMessage/BridgeReply.
 */
import { parentPort } from 'node:worker_threads';
import { relative } from 'node:path';
import { isProxyComponentError, ProxyComponentError } from '../src/errors.js';
import { openTestRecording, recordingMessage } from '../matchers/recording.js';
import type { RecordingSession } from '../src/trace-tests/recording.js';
import { obsoleteRecordings, obsoleteSummary } from '../src/trace-tests/recordings.js';
import type { Value } from '../src/values/value.js';
import { toReplayTrace, toReplayTraces, type MatcherContext } from '../matchers/core.js';
import { toAgreeAcrossEngines } from '../matchers/engines.js';
import { recordMode } from '../src/trace-tests/options.js';
import { runTrace, traceFailures } from '../src/trace-tests/run.js';
import type { BridgeMessage, BridgeReply, BridgeRequest, MatchAnswer, ObsoleteRecordings, RecordingClosed, RecordingOpened, SerializedError, TraceAnswer } from './protocol.js';
import { printToken } from './protocol.js';

/** Open toMatchRecording sessions, by id: the sandbox drives each across the thread. */
const sessions = new Map<string, { session: RecordingSession; name: string; displayFile: string }>();
let nextSession = 1;

async function recordingAnswer(request: Extract<BridgeRequest, { kind: `recording${string}` }>): Promise<unknown> {
  if (request.kind === 'recording-open') {
    const { session, displayFile, file } = await openTestRecording(request.received, request.name, { testPath: request.testPath, ...(request.update === undefined ? {} : { update: request.update }) });
    const id = String(nextSession++);
    sessions.set(id, { session, name: String(request.name), displayFile });
    return { session: id, mode: session.mode, file } satisfies RecordingOpened;
  }
  if (request.kind === 'recordings-done') {
    const files = await obsoleteRecordings(request.testPath, new Set(request.used), request.remove);
    return { summary: obsoleteSummary(files, request.remove, (file) => relative(process.cwd(), file)) } satisfies ObsoleteRecordings;
  }
  const open = sessions.get(request.session);
  if (open === undefined) throw new ProxyComponentError('USAGE', 'toMatchRecording: this recording session is over');
  if (request.kind === 'recording-call') return open.session.call(request.name, request.args as Value[]);
  sessions.delete(request.session);
  if (request.discard) return { pass: true, message: '' } satisfies RecordingClosed;
  let failure = request.failure;
  if (failure === undefined) {
    const end = await open.session.close();
    if (end.kind === 'diverged') failure = end.failure;
  }
  const outcome = { pass: failure === undefined, mode: open.session.mode, calls: request.calls, ...(failure === undefined ? {} : { failure }) };
  return { pass: outcome.pass, message: recordingMessage(open.name, open.displayFile, outcome), ...(failure === undefined ? {} : { failure }) } satisfies RecordingClosed;
}

async function answer(request: BridgeRequest): Promise<unknown> {
  if (request.kind.startsWith('recording')) return recordingAnswer(request as Extract<BridgeRequest, { kind: `recording${string}` }>);
  if (request.kind === 'trace') return traceFailures(request.spec, await runTrace(request.spec, { mode: recordMode(request.spec.settings, request.update) })) satisfies TraceAnswer;
  if (request.kind !== 'match') throw new Error(`proxy-component: unknown bridge request ${(request as { kind: string }).kind}`);
  const context: MatcherContext = { isNot: request.isNot, utils: { printReceived: (value) => printToken('R', value), printExpected: (value) => printToken('E', value) } };
  if (request.matcher === 'toAgreeAcrossEngines') {
    const agreement = await toAgreeAcrossEngines.call(context, request.received, request.argument as string | readonly string[] | undefined);
    return { pass: agreement.pass, message: agreement.message(), proxyDifferential: agreement.proxyDifferential } satisfies MatchAnswer;
  }
  const matcher = request.matcher === 'toReplayTrace' ? toReplayTrace : toReplayTraces;
  const outcome = await matcher.call(context, request.received, request.argument as string & readonly string[]);
  return { pass: outcome.pass, message: outcome.message() } satisfies MatchAnswer;
}

function serializeError(error: unknown): SerializedError {
  if (isProxyComponentError(error)) return { name: error.name, message: error.message, code: error.code };
  if (error instanceof Error) return { name: error.name, message: error.message };
  return { name: 'Error', message: String(error) };
}

const port = parentPort;
if (port === null) throw new Error('proxy-component: jest/bridge-worker.js runs as a worker thread');
port.on('message', (message: BridgeMessage) => {
  answer(message.request).then(
    (result) => port.postMessage({ id: message.id, result } satisfies BridgeReply),
    (error: unknown) => port.postMessage({ id: message.id, error: serializeError(error) } satisfies BridgeReply),
  );
});
