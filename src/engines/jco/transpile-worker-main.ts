/**
 * The thread that runs jco-transpile for transpile-worker.ts: one request at
 * a time, the generated files posted back. A transpile that traps (a panic
 * in js-component-bindgen) leaves jco-transpile's instance unusable, so the
 * other side ends this thread after any failure.
 */
import { parentPort } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';
import type { transpileBytes } from '@bytecodealliance/jco-transpile';
import type { TranspileMessage, TranspileRequest } from './transpile-worker.js';

function messageOf(cause: unknown): string {
  if (cause instanceof Error) return cause.message;
  if (typeof cause === 'object' && cause !== null && 'payload' in cause) return String((cause as { payload: unknown }).payload);
  return String(cause);
}

/**
 * What jco writes to stderr while it transpiles: a Rust panic's message
 * ("assertion failed: ... at function_bindgen.rs:1717"), which says more
 * than the trap it ends in (`unreachable`). Kept for the error, not printed.
 */
let captured = '';
process.stderr.write = ((chunk: string | Uint8Array): boolean => {
  captured += typeof chunk === 'string' ? chunk : new TextDecoder().decode(chunk);
  return true;
}) as typeof process.stderr.write;

function panicOf(text: string): string | undefined {
  const lines = text.split('\n').map((line) => line.trim());
  const at = lines.findIndex((line) => line.includes(' panicked at '));
  if (at < 0) return undefined;
  const where = /panicked at (.*):$/.exec(lines[at] as string)?.[1];
  const what = lines[at + 1];
  return what === undefined || what === '' ? undefined : `${what}${where === undefined ? '' : ` (js-component-bindgen panicked at ${where})`}`;
}

/** jco-transpile entry modules by path, each imported once. */
const modules = new Map<string, Promise<{ transpileBytes: typeof transpileBytes }>>();

function transpileWith(entry: string): Promise<{ transpileBytes: typeof transpileBytes }> {
  let loaded = modules.get(entry);
  if (loaded === undefined) {
    loaded = import(pathToFileURL(entry).href) as Promise<{ transpileBytes: typeof transpileBytes }>;
    modules.set(entry, loaded);
  }
  return loaded;
}

parentPort?.on('message', (request: TranspileRequest) => {
  const post = (message: TranspileMessage): void => parentPort?.postMessage(message);
  captured = '';
  transpileWith(request.entry).then((jco) => jco.transpileBytes(request.bytes, request.options)).then(
    ({ files, imports }) => post({ id: request.id, type: 'done', files, imports }),
    (error: unknown) => {
      const panic = panicOf(captured);
      post({ id: request.id, type: 'error', message: panic === undefined ? messageOf(error) : `${messageOf(error)}: ${panic}` });
    },
  );
});
