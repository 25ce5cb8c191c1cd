/**
 * jco-transpile run in a worker thread, so that one component it cannot
 * transpile does not stop it for every later one: when js-component-bindgen
 * panics (it asserts on `string-encoding=latin1+utf16`, for one), the wasm
 * instance inside jco-transpile traps and every later call into it fails
 * with "cannot enter component instance", for the rest of the process. A
 * failed request here ends the thread; the next request gets a fresh one.
 */
import type { transpileBytes } from '@bytecodealliance/jco-transpile';
import { SerialWorker, workerScript } from '../../util/worker-thread.js';
import { transpiler } from './transpiler.js';

export type TranspileOptions = NonNullable<Parameters<typeof transpileBytes>[1]>;

export interface TranspileRequest {
  readonly id: number;
  /** The jco-transpile entry module to transpile with (transpiler.ts). */
  readonly entry: string;
  readonly bytes: Uint8Array;
  readonly options: TranspileOptions;
}

export type TranspileMessage =
  | { readonly id: number; readonly type: 'done'; readonly files: Record<string, Uint8Array>; readonly imports: string[] }
  | { readonly id: number; readonly type: 'error'; readonly message: string };

const worker = new SerialWorker<TranspileMessage>('jco-transpile', () => workerScript(import.meta.url, 'dist/src/engines/jco/transpile-worker-main.js', 'jco-transpile'));

/** jco-transpile's `transpileBytes`, in the worker thread; rejects with jco's message. */
export function transpileInWorker(bytes: Uint8Array, options: TranspileOptions): Promise<{ files: Record<string, Uint8Array>; imports: string[] }> {
  const { entry } = transpiler();
  return worker.request((id): TranspileRequest => ({ id, entry, bytes, options }), {
    onMessage(message, settle, stop) {
      if (message.type === 'done') {
        settle.resolve({ files: message.files, imports: message.imports });
        return;
      }
      // jco-transpile may be unusable after this failure (a trapped instance): start afresh.
      stop();
      settle.reject(new Error(message.message));
    },
  });
}
