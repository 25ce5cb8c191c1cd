/**
 * The bridge thread: where Jest tests' ESM work runs (replays through the
 * watched replay worker, the shared matcher core). Jest's sandbox starts it
 * from jest/sandbox/bridge.cjs and talks to it with BridgeMessage/BridgeReply.
 */
import { parentPort } from 'node:worker_threads';
import { isProxyComponentError } from '../src/errors.js';
import { toReplayTrace, toReplayTraces, type MatcherContext } from '../matchers/core.js';
import { toAgreeAcrossEngines } from '../matchers/engines.js';
import { engineCallFailure, runEngineTrace, type EngineTraceOutcome, type EngineTraceSpec } from '../src/differential/trace-agreement.js';
import { ReplayWorker } from '../src/engines/jco/worker/replay-worker.js';
import { callFailure, traceReplay } from '../src/vitest/runtime.js';
import type { BridgeMessage, BridgeReply, BridgeRequest, EngineTraceAnswer, MatchAnswer, SerializedError, TraceAnswer } from './protocol.js';
import { PRINT_TOKEN } from './protocol.js';

async function answer(request: BridgeRequest): Promise<TraceAnswer | EngineTraceAnswer | MatchAnswer> {
  if (request.kind === 'engine-trace') return engineTraceAnswer(request.spec);
  if (request.kind === 'trace') {
    const { spec } = request;
    // This thread outlives test files: a trace with a host module gets a replay worker of its own, so that the
    // module (and any state it keeps) is loaded afresh for it, as under Vitest, and reloaded after an edit in watch mode.
    const own = spec.hostModule === undefined ? undefined : new ReplayWorker();
    try {
      const outcome = await traceReplay(spec, [], own).outcome();
      return spec.calls.map((_, index) => callFailure(spec, index, outcome) ?? null);
    } finally {
      await own?.close();
    }
  }
  const context: MatcherContext = { isNot: request.isNot, utils: { printReceived: (value) => token('R', value), printExpected: (value) => token('E', value) } };
  if (request.matcher === 'toAgreeAcrossEngines') {
    const agreement = await toAgreeAcrossEngines.call(context, request.received, request.argument as string | readonly string[] | undefined);
    return { pass: agreement.pass, message: agreement.message(), proxyDifferential: agreement.proxyDifferential };
  }
  const matcher = request.matcher === 'toReplayTrace' ? toReplayTrace : toReplayTraces;
  const outcome = await matcher.call(context, request.received, request.argument as string & readonly string[]);
  return { pass: outcome.pass, message: outcome.message() };
}

/** The trace on every engine, judged call by call for each engine (the same judge as under Vitest). */
async function engineTraceAnswer(spec: EngineTraceSpec): Promise<EngineTraceAnswer> {
  const outcome: EngineTraceOutcome = await runEngineTrace(spec).catch((error: unknown) => ({ error }));
  return spec.engines.map((engine) => spec.calls.map((_, index) => engineCallFailure(spec, engine, index, outcome) ?? null));
}

function token(kind: 'R' | 'E', value: unknown): string {
  const json = (JSON.stringify(value) ?? 'null').replaceAll(PRINT_TOKEN.end, '\\ue001');
  return `${PRINT_TOKEN.start}${kind}${json}${PRINT_TOKEN.end}`;
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
