/**
 * A wasi:http handler served by `wasmtime serve`, as a user of the original
 * tool serves its record-instrumented build: the trace is what the component
 * writes on stdout. Tests and the benchmark start it on a free port, send it
 * requests (scripts/http-requests.ts) and stop it with Ctrl-C (SIGINT), which
 * wasmtime answers by finishing the requests in flight.
 *
 * `oneInstance` asks wasmtime to serve every request with one instance (it
 * starts one per request otherwise, for WASI 0.2 components): a recording
 * instance writes one trace, numbering handles across requests as jco's
 * server does, and a replay runs one instance.
 */
import { spawn } from 'node:child_process';
import { precompiled, requireWasmtime, WASMTIME_FEATURES } from '../src/engines/wasmtime/wasmtime-cli.js';

/** The flags that make `wasmtime serve` keep one instance for every request: reuse it without limit, never drop it for being idle. */
export const ONE_INSTANCE_FLAGS: readonly string[] = ['--max-instance-reuse-count', '1000000000', '--idle-instance-timeout', '1000000000s'];

export interface WasmtimeServe {
  /** `http://127.0.0.1:<port>`. */
  readonly url: string;
  /** What the component wrote on stdout so far (a recording build: the trace). */
  stdout(): string;
  /** Stops the server (Ctrl-C) and waits for it; all it wrote. */
  close(): Promise<{ readonly stdout: string; readonly stderr: string }>;
}

/** Resolves once `check()` holds (polled every 10 ms), or after 5 s. */
async function eventually(check: () => boolean): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!check() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
}

/** How long wasmtime may take to start serving a precompiled component. */
const START_TIMEOUT_MS = 60_000;

/**
 * `wasmtime serve -S cli --no-logging-prefix --addr 127.0.0.1:0` on the
 * component (compiled ahead of time first, cached as the wasmtime engine
 * caches it), once it listens.
 */
export async function wasmtimeServe(component: Uint8Array, options: { readonly oneInstance?: boolean } = {}): Promise<WasmtimeServe> {
  const binary = requireWasmtime();
  const compiled = await precompiled(binary, component);
  const args = ['serve', ...WASMTIME_FEATURES, '--allow-precompiled', '-S', 'cli', '--no-logging-prefix', ...(options.oneInstance === true ? ONE_INSTANCE_FLAGS : []), '--addr', '127.0.0.1:0', compiled];
  const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, RUST_BACKTRACE: '0' } });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
  child.stderr.setEncoding('utf8');
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    let listening = false;
    const timer = setTimeout(() => fail(`wasmtime serve did not start listening within ${START_TIMEOUT_MS / 1000} s`), START_TIMEOUT_MS);
    const fail = (why: string) => {
      if (listening) return;
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`${why}: ${stderr.trim() || '(no output)'}`));
    };
    child.stderr.on('data', (text: string) => {
      stderr += text;
      const found = /Serving HTTP on (http:\/\/[^/\s]+)\//.exec(stderr)?.[1];
      if (found !== undefined && !listening) {
        listening = true;
        clearTimeout(timer);
        resolve(found);
      }
    });
    child.once('error', (error) => fail(error.message));
    void exited.then(() => fail(`wasmtime serve exited with ${child.exitCode ?? child.signalCode}`));
  });
  let closing: Promise<{ stdout: string; stderr: string }> | undefined;
  return {
    url,
    stdout: () => stdout,
    close: () =>
      (closing ??= (async () => {
        if (child.exitCode === null && child.signalCode === null) {
          // The first Ctrl-C stops listening and waits for the instances it keeps (forever, with oneInstance's idle timeout); the second ends them.
          child.kill('SIGINT');
          await eventually(() => /ctrl-c again/.test(stderr) || child.exitCode !== null || child.signalCode !== null);
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
        }
        await exited;
        return { stdout, stderr };
      })()),
  };
}
