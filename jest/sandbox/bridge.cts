/**
 * The sandbox's side of the bridge thread (CommonJS: Jest loads it with its
 * own `require`, inside each test file's vm context).
 *
 * Jest runs test modules in a vm context where `import()` needs
 * --experimental-vm-modules, and our runtime is ESM. A worker thread is the
 * way out that needs no flag and no Jest internals: `node:worker_threads` is
 * Node's own module even inside the sandbox, and the thread loads ESM
 * normally.
 *
 * One thread serves every test file a Jest worker process runs (starting it,
 * and the replay worker inside it, costs about half a second): it is kept on
 * the process's real global (reached through `node:vm`, under a registered
 * symbol), and holds nothing of any test file. A test file listens to it only
 * while it awaits answers, so a finished file leaves nothing behind; the
 * thread is unreferenced while idle, so it never keeps a process alive. The
 * preset's transformer starts it before any test file runs (see
 * bridge-thread.ts), which keeps Jest's --detectLeaks clean.
 */
import crypto = require('node:crypto');
import path = require('node:path');
import vm = require('node:vm');
import workerThreads = require('node:worker_threads');
import type { BridgeReply, BridgeRequest, SerializedError } from '../protocol.js';

/** The same registered symbol as BRIDGE_THREAD_KEY in bridge-thread.ts (a CommonJS file cannot import its value). */
const THREAD = Symbol.for('proxy-component.jest.bridge-thread');

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

/** This test file's requests awaiting an answer, and the thread they went to. */
const pending = new Map<string, Pending>();
let listening: workerThreads.Worker | undefined;

/**
 * The process's bridge thread: the one the transformer started (bridge-thread.ts),
 * or, when none runs (the matchers without the preset, or a thread that died), one started here.
 */
function thread(): workerThreads.Worker {
  const realm = vm.runInThisContext('globalThis') as Record<symbol, workerThreads.Worker | undefined>;
  const running = realm[THREAD];
  // A thread that has exited has the id -1.
  if (running !== undefined && running.threadId !== -1) return running;
  const started = new workerThreads.Worker(path.join(__dirname, '..', 'bridge-worker.js'));
  started.unref();
  realm[THREAD] = started;
  return started;
}

function onMessage(reply: BridgeReply): void {
  const waiting = pending.get(reply.id);
  if (waiting === undefined) return;
  pending.delete(reply.id);
  if ('error' in reply) waiting.reject(revive(reply.error));
  else waiting.resolve(reply.result);
  if (pending.size === 0) stopListening();
}

function onError(error: Error): void {
  failAll(new Error(`proxy-component: the bridge thread failed: ${error.message}`));
}

function onExit(code: number): void {
  failAll(new Error(`proxy-component: the bridge thread exited with code ${code}`));
}

function failAll(error: Error): void {
  const waiting = [...pending.values()];
  pending.clear();
  stopListening();
  for (const request of waiting) request.reject(error);
}

function listen(worker: workerThreads.Worker): void {
  if (listening === worker) return;
  stopListening();
  worker.on('message', onMessage).on('error', onError).on('exit', onExit);
  // While this file awaits an answer the thread is needed.
  worker.ref();
  listening = worker;
}

function stopListening(): void {
  if (listening === undefined) return;
  listening.off('message', onMessage).off('error', onError).off('exit', onExit);
  listening.unref();
  listening = undefined;
}

/** Sends one request to the bridge thread. */
function request<T>(body: BridgeRequest): Promise<T> {
  const worker = thread();
  // Unique across the test files sharing the thread: an answer a finished file no longer awaits reaches no one else.
  const id = crypto.randomUUID();
  return new Promise<T>((resolve, reject) => {
    pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
    listen(worker);
    try {
      worker.postMessage({ id, request: body });
    } catch (error) {
      pending.delete(id);
      if (pending.size === 0) stopListening();
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
}

/** Stops the process's bridge thread (the next request starts another); tests need not call it. */
async function closeBridge(): Promise<void> {
  failAll(new Error('proxy-component: the bridge thread was stopped'));
  const realm = vm.runInThisContext('globalThis') as Record<symbol, workerThreads.Worker | undefined>;
  const running = realm[THREAD];
  realm[THREAD] = undefined;
  await running?.terminate();
}

/** An Error of this (the sandbox's) realm, so Jest prints it as its own. */
function revive(serialized: SerializedError): Error {
  const error = new Error(serialized.message);
  error.name = serialized.name;
  if (serialized.code !== undefined) Object.assign(error, { code: serialized.code });
  // The bridge thread's frames say nothing about the test: keep the message alone.
  error.stack = `${serialized.name}: ${serialized.message}`;
  return error;
}

export = { request, closeBridge };
