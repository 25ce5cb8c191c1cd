/**
 * Real requests to a wasi:http handler served live (src/session/serve-component.ts),
 * as examples/http-handler is recorded, tested and benchmarked: its upstream
 * server is started (the example's upstream.mjs), the handler may reach that
 * server and nothing else (`httpHosts`), and each request is sent with Node's
 * fetch, in order, naming the upstream in the `x-upstream` header the
 * handler reads.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { serveComponent, type HttpRecordingSession, type ServeOptions } from '../src/session/serve-component.js';
import type { Trace } from '../src/trace/model.js';

/** One request to send. */
export interface HttpRequestSpec {
  readonly method: string;
  /** Path and query: `/notes?draft=1`. */
  readonly path: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
}

export interface HttpExchange {
  readonly request: HttpRequestSpec;
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export interface Upstream {
  /** `127.0.0.1:port`. */
  readonly authority: string;
  close(): Promise<void>;
}

/** Starts the upstream server of the example in `exampleDir` (its upstream.mjs). */
export async function startUpstream(exampleDir: string): Promise<Upstream> {
  const module = (await import(pathToFileURL(join(exampleDir, 'upstream.mjs')).href)) as { startUpstream(): Promise<Upstream> };
  return module.startUpstream();
}

/** Sends `requests` to `url` one after the other, with `x-upstream: authority`; the answers, in order. */
export async function sendRequests(url: string, requests: readonly HttpRequestSpec[], authority: string): Promise<HttpExchange[]> {
  const exchanges: HttpExchange[] = [];
  for (const request of requests) {
    const response = await fetch(`${url}${request.path}`, {
      method: request.method,
      headers: { 'x-upstream': authority, ...request.headers },
      ...(request.body === undefined ? {} : { body: request.body }),
    });
    exchanges.push({ request, status: response.status, headers: Object.fromEntries(response.headers), body: await response.text() });
  }
  return exchanges;
}

export interface RecordedRequests {
  readonly exchanges: readonly HttpExchange[];
  /** The calls, when not recorded to a file (`serve.record` holds them then). */
  readonly trace?: Trace;
  /** Milliseconds from the first request sent to the last answer read. */
  readonly elapsedMs: number;
}

/**
 * Serves the component, starts the example's upstream, sends the requests and
 * stops both; with `serve.record`, the trace is written there after each request.
 */
export async function recordRequests(
  component: string,
  exampleDir: string,
  requests: readonly HttpRequestSpec[],
  serve: Omit<ServeOptions, 'wasi'> = {},
): Promise<RecordedRequests> {
  const upstream = await startUpstream(exampleDir);
  let session: HttpRecordingSession | undefined;
  try {
    session = await serveComponent(component, { ...serve, wasi: { httpHosts: [upstream.authority] } });
    const started = performance.now();
    const exchanges = await sendRequests(session.url, requests, upstream.authority);
    const elapsedMs = performance.now() - started;
    await session.close();
    return { exchanges, ...(serve.record === undefined ? { trace: session.trace() } : {}), elapsedMs };
  } finally {
    await session?.close();
    await upstream.close();
  }
}
