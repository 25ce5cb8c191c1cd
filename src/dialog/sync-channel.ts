/**
 * A blocking question from a worker thread to the thread that owns the
 * terminal: the component's import call is synchronous, the prompt that
 * answers it is not. The worker posts its question, then waits on a shared
 * flag (Atomics.wait); the answering thread posts the answer on a port of its
 * own and raises the flag; the worker reads the answer off the port
 * synchronously (receiveMessageOnPort). The worker's event loop never runs
 * meanwhile, so no answer can be taken by a listener.
 */
import { MessageChannel, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';

const WAITING = 0;
const ANSWERED = 1;

/** Both ends of a channel: `asker` goes to the worker (transfer its port), `answerer` stays. */
export function syncChannel(): { readonly asker: AskerEnd; readonly answerer: AnswererEnd } {
  const flag = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
  const { port1, port2 } = new MessageChannel();
  return { asker: { flag, port: port2 }, answerer: { flag, port: port1 } };
}

export interface AskerEnd {
  readonly flag: Int32Array;
  readonly port: MessagePort;
}

export interface AnswererEnd {
  readonly flag: Int32Array;
  readonly port: MessagePort;
}

/** In the worker: posts `question` with `post`, then blocks until the answer comes. */
export function askAndWait<A>(end: AskerEnd, post: () => void): A {
  Atomics.store(end.flag, 0, WAITING);
  post();
  for (;;) {
    Atomics.wait(end.flag, 0, WAITING);
    const received = receiveMessageOnPort(end.port);
    if (received !== undefined) return received.message as A;
    // The flag was raised a moment before the message reached the port: look again.
    Atomics.wait(end.flag, 0, ANSWERED, 1);
  }
}

/** In the answering thread: hands the worker its answer and wakes it. */
export function answer<A>(end: AnswererEnd, value: A): void {
  end.port.postMessage(value);
  Atomics.store(end.flag, 0, ANSWERED);
  Atomics.notify(end.flag, 0);
}
