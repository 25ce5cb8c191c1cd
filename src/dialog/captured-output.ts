/**
 * The component's WASI stdout and stderr in a dialog: the preview2 shim
 * writes them to this thread's `process.stdout` / `process.stderr`, which in
 * a worker would reach the terminal on their own, in the middle of a prompt.
 * Captured here instead and sent as `output` events, in order with the
 * session's other events, so the dialog prints them between prompts, marked.
 */
import type { SessionEvent } from './protocol.js';

export function captureOutput(send: (event: SessionEvent) => void): void {
  for (const stream of ['stdout', 'stderr'] as const) {
    const decoder = new TextDecoder();
    const target = process[stream];
    target.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
      if (text !== '') send({ type: 'output', stream, text });
      const done = rest.find((arg): arg is () => void => typeof arg === 'function');
      done?.();
      return true;
    }) as typeof target.write;
  }
}
