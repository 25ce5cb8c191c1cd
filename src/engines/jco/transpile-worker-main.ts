/**
 * The thread that runs jco-transpile for transpile-worker.ts: one request at
 * a time, the generated files posted back. A transpile that traps (a panic
 * in js-component-bindgen) leaves jco-transpile's instance unusable, so the
 * other side ends this thread after any failure.
 */
import { parentPort } from 'node:worker_threads';
import { transpileBytes } from '@bytecodealliance/jco-transpile';
import type { TranspileMessage, TranspileRequest } from './transpile-worker.js';

function messageOf(cause: unknown): string {
  if (cause instanceof Error) return cause.message;
  if (typeof cause === 'object' && cause !== null && 'payload' in cause) return String((cause as { payload: unknown }).payload);
  return String(cause);
}

parentPort?.on('message', (request: TranspileRequest) => {
  const post = (message: TranspileMessage): void => parentPort?.postMessage(message);
  transpileBytes(request.bytes, request.options).then(
    ({ files, imports }) => post({ id: request.id, type: 'done', files, imports }),
    (error: unknown) => post({ id: request.id, type: 'error', message: messageOf(error) }),
  );
});
