/**
 * The bridge thread: where Jest tests' ESM work runs (replays through the
 * watched replay worker, the shared matcher core). Jest's sandbox starts it
 * from jest/sandbox/bridge.cjs and talks to it with BridgeMessage/BridgeReply.
 */
import { parentPort } from 'node:worker_threads';
import { isProxyComponentError } from '../src/errors.js';
import { toReplayTrace, toReplayTraces, type MatcherContext } from '../matchers/core.js';
import { toAgreeAcrossEngines } from '../matchers/engines.js';
import { runTrace, traceFailures } from '../src/trace-tests/run.js';
import type { BridgeMessage, BridgeReply, BridgeRequest, MatchAnswer, SerializedError, TraceAnswer } from './protocol.js';
import { printToken } from './protocol.js';

async function answer(request: BridgeRequest): Promise<TraceAnswer | MatchAnswer> {
  if (request.kind === 'trace') return traceFailures(request.spec, await runTrace(request.spec));
  const context: MatcherContext = { isNot: request.isNot, utils: { printReceived: (value) => printToken('R', value), printExpected: (value) => printToken('E', value) } };
  if (request.matcher === 'toAgreeAcrossEngines') {
    const agreement = await toAgreeAcrossEngines.call(context, request.received, request.argument as string | readonly string[] | undefined);
    return { pass: agreement.pass, message: agreement.message(), proxyDifferential: agreement.proxyDifferential };
  }
  const matcher = request.matcher === 'toReplayTrace' ? toReplayTrace : toReplayTraces;
  const outcome = await matcher.call(context, request.received, request.argument as string & readonly string[]);
  return { pass: outcome.pass, message: outcome.message() };
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
