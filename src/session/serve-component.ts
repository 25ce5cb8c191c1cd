/**
 * Serving a wasi:http handler live and recording it, as `jco serve` serves
 * one: jco's HTTP server from @bytecodealliance/preview2-shim takes the
 * requests and hands each to the component's
 * `wasi:http/incoming-handler.handle(request, response-out)`; here that call
 * goes through a recording (host/record.ts), so every request is one export
 * call of the trace, with every resource method the handler calls (headers,
 * bodies, streams, pollables, the outgoing request and its response) as its
 * import calls. Each request's export call is appended to the trace file and
 * committed as it is served (util/append-file.ts, as `record` writes): the
 * file is never rewritten, so a request costs the same however long the
 * session, and an interrupted session, even one stopped by SIGKILL, leaves a
 * valid trace of the requests served.
 *
 * The handler runs synchronously on this thread, and blocks it while it waits
 * for an outgoing response (the shim's I/O runs in a worker thread): a server
 * it calls must not run on this thread.
 *
 * The network is the user's to grant (WasiGrants: `network`, or `httpHosts`
 * for outgoing HTTP to named hosts only). Two things of the shim's server are
 * changed, both outside what the component sees: a handler that answers
 * `err(error-code)`, or traps without answering, gets a 500 response with the
 * reason as its body (the shim would end this process, or leave the client
 * waiting forever).
 */
import { dirname, relative, resolve } from 'node:path';
import * as shimHttp from '@bytecodealliance/preview2-shim/http';
import { ProxyComponentError } from '../errors.js';
import { loadJcoComponent, type JcoImports } from '../engines/jco/load.js';
import { startRecording } from '../host/record.js';
import { sandboxedWasi, type WasiGrants } from '../host/wasi.js';
import type { CallOutcome, ExportCall, Trace } from '../trace/model.js';
import { formatExportCall, formatHeader } from '../trace/write.js';
import { AppendFile } from '../util/append-file.js';
import { readComponentFile } from '../util/component-file.js';
import { callNameOf } from '../wit/lookup.js';
import { worldFunctions, type WorldFunction } from '../wit/world.js';
import { importHost } from './record-component.js';

export interface ServeOptions {
  /** Port to listen on; 0 (the default) for any free one. */
  readonly port?: number;
  /** Address to listen on. Default `127.0.0.1`. */
  readonly address?: string;
  /** The trace file, each request appended and committed as it is served (memory then keeps none); none: the trace is kept in memory (`trace()`). */
  readonly record?: string;
  /** What the component may reach: files, environment, network, HTTP hosts. Default nothing. */
  readonly wasi?: WasiGrants;
  /** Imports that replace the WASI shim's (all but wasi:http/types): a jco imports object, or a module exporting one. */
  readonly host?: JcoImports | string;
  /** Told after each request, once its export call is recorded (before the trace file is written). */
  readonly onRequest?: (request: ServedRequest) => void;
}

/** One request served, as the log and tests see it. */
export interface ServedRequest {
  /** 0-based, in the order served (and in the trace). */
  readonly index: number;
  /** `GET`, `POST`, or the method as sent. */
  readonly method: string;
  readonly pathWithQuery: string;
  /** The status the handler answered, or 500 when it did not answer (`answered` false). */
  readonly status: number;
  /** Whether the handler answered the request itself. */
  readonly answered: boolean;
  readonly outcome: CallOutcome;
  readonly call: ExportCall;
}

export interface HttpRecordingSession {
  /** `http://address:port`. */
  readonly url: string;
  readonly port: number;
  /** Requests served so far. */
  readonly requests: number;
  /** The calls recorded so far, one export call per request; when recording to a file, an error (the file holds them). */
  trace(): Trace;
  /** Stops listening, then waits until the trace file holds every request served. */
  close(): Promise<void>;
}

/** Fields of the shim's wasi:http objects this module reads or makes (outside what the component sees). */
interface ShimIncomingRequest {
  method(): { tag: string; val?: string };
  pathWithQuery(): string | undefined;
}
interface ShimOutgoingResponse {
  statusCode(): number;
}
interface ShimTypes {
  Fields: { fromList(entries: [string, Uint8Array][]): object };
  OutgoingResponse: new (headers: object) => { setStatusCode(code: number): void; body(): object };
  OutgoingBody: { finish(body: object, trailers: undefined): void };
  ResponseOutparam: { set(param: object, response: { tag: 'ok' | 'err'; val: unknown }): void };
}
/** The shim's Node HTTP server (its types resolve to the browser build, which has none). */
interface ShimHttp {
  HTTPServer: new (handler: { handle(request: ShimIncomingRequest, responseOut: object): void }) => {
    listen(port: number, address: string): void;
    address(): { port: number };
    stop(): void;
  };
  types: ShimTypes;
}
interface ShimOutgoingBody {
  write(): { blockingWriteAndFlush(bytes: Uint8Array): void; [Symbol.dispose]?(): void };
}

export async function serveComponent(componentPath: string, options: ServeOptions = {}): Promise<HttpRecordingSession> {
  const component = await loadJcoComponent(await readComponentFile(componentPath));
  const handler = incomingHandler(worldFunctions(component.world, 'export'), componentPath);
  const { HTTPServer, types } = shimHttp as unknown as ShimHttp;
  const responses = new WeakMap<object, number>();
  const answering = answeringTypes(types, responses);
  const userHost = typeof options.host === 'string' ? await importHost(options.host) : (options.host ?? {});
  // wasi:http/types stays the shim's: its server makes the request objects the handler is given.
  const host: JcoImports = { ...sandboxedWasi(options.wasi), ...userHost, 'wasi:http/types': answering };
  const componentRef = options.record === undefined ? componentPath : relative(dirname(resolve(options.record)), resolve(componentPath));
  // Recording to a file keeps nothing in memory: a long-running server's memory must not grow per request.
  const recording = await startRecording(component, host, { componentPath: componentRef }, { retain: options.record === undefined });
  let file: AppendFile | undefined;
  let completed: ExportCall | undefined;
  recording.onExportCall = (call) => {
    completed = call;
  };
  let served = 0;
  let closed = false;

  /** The first failure of our own while serving (the handler's traps are outcomes, not failures): `close()` throws it. */
  let failure: unknown;
  const serve = (request: ShimIncomingRequest, responseOut: object) => {
    const index = served++;
    const outcome = recording.callWithHostArgs(handler, [request, responseOut]);
    const answered = responses.has(responseOut);
    if (!answered) answerWithError(types, responseOut, outcome.kind === 'trap' ? `the handler trapped: ${outcome.message}` : 'the handler returned without answering');
    const call = completed as ExportCall;
    const method = request.method();
    options.onRequest?.({
      index,
      method: method.tag === 'other' ? (method.val ?? '') : method.tag.toUpperCase(),
      pathWithQuery: request.pathWithQuery() ?? '',
      status: answered ? (responses.get(responseOut) as number) : 500,
      answered,
      outcome,
      call,
    });
    file?.append(`${formatExportCall(call)}\n`);
  };
  const server = new HTTPServer({
    // Called from the shim's worker messages: an exception here would end the process.
    handle(request, responseOut) {
      try {
        serve(request, responseOut);
      } catch (error) {
        failure ??= error;
        try {
          if (!responses.has(responseOut)) answerWithError(types, responseOut, `proxy-component failed: ${error instanceof Error ? error.message : String(error)}`);
        } catch {
          // Nothing more can be said to this client; the failure is kept for close().
        }
      }
    },
  });
  const address = options.address ?? '127.0.0.1';
  try {
    server.listen(options.port ?? 0, address);
  } catch (cause) {
    try {
      // Clears the timer the shim's listen set; stopping a server that never started fails in its worker.
      server.stop();
    } catch {
      // Nothing was listening.
    }
    throw new ProxyComponentError('IO', `cannot listen on ${address}:${options.port ?? 0}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
  try {
    // Made once listening (a taken port leaves the file as it was), before any request can arrive: they come as events.
    file = options.record === undefined ? undefined : AppendFile.create(options.record, `${formatHeader(recording.header)}\n`);
  } catch (error) {
    server.stop();
    throw error;
  }
  const port = server.address().port;
  const host6 = address.includes(':') ? `[${address}]` : address;
  return {
    url: `http://${host6}:${port}`,
    port,
    get requests() {
      return served;
    },
    trace: () => {
      if (options.record !== undefined) throw new ProxyComponentError('USAGE', `the calls are written to ${options.record} as they are served, not kept in memory: read the trace from that file`);
      return recording.trace();
    },
    async close() {
      if (!closed) {
        closed = true;
        server.stop();
        file?.close();
      }
      if (failure !== undefined) throw failure;
    },
  };
}

/** The component's `wasi:http/incoming-handler.handle`, of whatever 0.2 version it exports. */
function incomingHandler(exports: readonly WorldFunction[], componentPath: string): WorldFunction {
  const found = exports.find((fn) => {
    const pkg = fn.interface?.package;
    return pkg?.namespace === 'wasi' && pkg.name === 'http' && fn.interface?.name === 'incoming-handler' && fn.function.name === 'handle';
  });
  if (found !== undefined) return found;
  const names = exports.map(callNameOf);
  throw new ProxyComponentError(
    'USAGE',
    `${componentPath} is not an HTTP handler: it exports no wasi:http/incoming-handler (it exports ${names.length === 0 ? 'nothing' : names.join(', ')})`,
  );
}

/**
 * The shim's wasi:http types, with `ResponseOutparam.set` noting each answer's
 * status, and answering `err(error-code)` with a 500 (the shim ends the process).
 * A Proxy, not a subclass: the shim makes the outparam objects with its own
 * class, and they must stay instances of the class the component is given.
 */
function answeringTypes(types: ShimTypes, responses: WeakMap<object, number>): Record<string, unknown> {
  const real = types.ResponseOutparam;
  const set = (param: object, response: { tag: 'ok' | 'err'; val: unknown }) => {
    if (response.tag === 'err') {
      answerWithError(types, param, `the handler answered err(${JSON.stringify(response.val)})`);
      responses.set(param, 500);
      return;
    }
    real.set(param, response);
    responses.set(param, (response.val as ShimOutgoingResponse).statusCode());
  };
  const ResponseOutparam = new Proxy(real, {
    get: (target, property, receiver) => (property === 'set' ? set : Reflect.get(target, property, receiver)),
  });
  return { ...(types as unknown as Record<string, unknown>), ResponseOutparam };
}

/** Answers a request with 500 and `reason` as its text body. */
function answerWithError(types: ShimTypes, param: object, reason: string): void {
  const encoder = new TextEncoder();
  const response = new types.OutgoingResponse(types.Fields.fromList([['content-type', encoder.encode('text/plain; charset=utf-8')]]));
  response.setStatusCode(500);
  const body = response.body() as ShimOutgoingBody;
  types.ResponseOutparam.set(param, { tag: 'ok', val: response });
  const stream = body.write();
  stream.blockingWriteAndFlush(encoder.encode(`${reason}\n`));
  stream[Symbol.dispose]?.();
  types.OutgoingBody.finish(body, undefined);
}
