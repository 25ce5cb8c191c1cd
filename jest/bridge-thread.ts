/**
 * The bridge thread of a Jest worker process (see sandbox/bridge.cts), started
 * from outside any test file: the transformer starts it when Jest creates it
 * (before each test file's environment exists). A thread a test file starts
 * itself would be charged to that file by Jest's --detectLeaks, as is any
 * handle a test file leaves running; the sandbox still starts one itself when
 * no transformer did (the matchers alone).
 */
import { Worker } from 'node:worker_threads';
import { builtJestFile } from './built-file.js';

/** Where the thread is kept on the process's global; sandbox/bridge.cts uses the same registered symbol. */
export const BRIDGE_THREAD_KEY = 'proxy-component.jest.bridge-thread';

export function ensureBridgeThread(): Worker {
  const realm = globalThis as unknown as Record<symbol, Worker | undefined>;
  const key = Symbol.for(BRIDGE_THREAD_KEY);
  const running = realm[key];
  // A thread that has exited has the id -1.
  if (running !== undefined && running.threadId !== -1) return running;
  const started = new Worker(builtJestFile('bridge-worker.js'));
  started.unref();
  realm[key] = started;
  return started;
}
