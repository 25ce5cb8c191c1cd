/**
 * An HTTP handler whose imports only its host can answer, shaped like the
 * original tool's Fastly Compute handler (`handle(request: own<request>,
 * body: body) -> result`), in WAT: the host's resources come in through the
 * export and are used through imported methods, new ones are made through
 * imported constructors and handed back to the host.
 *
 * handle(req, body): log(req.method() + " " + req.uri()) as two log lines;
 * out = body(); out.append(body.read(64)); resp = response();
 * resp.set-status(200); send(resp, out); then it drops req and body and
 * returns ok.
 *
 * `edgeHost()` is a host for it, as a JS host module would be: it keeps the
 * responses sent and the lines logged.
 */
import { componentEmbed, componentNew, parse } from '@bytecodealliance/jco-transpile/wasm-tools';

export const EDGE_WIT = `package test:edge@0.1.0;

interface types {
  resource body {
    constructor();
    read: func(max: u32) -> list<u8>;
    append: func(data: list<u8>);
  }
  resource request {
    method: func() -> string;
    uri: func() -> string;
  }
  resource response {
    constructor();
    set-status: func(status: u16);
  }
}

interface downstream {
  use types.{body, response};
  send: func(resp: response, body: body);
}

interface log {
  write: func(line: string);
}

world handler {
  import types;
  import downstream;
  import log;
  use types.{request, body};
  export handle: func(req: request, body: body) -> result;
}
`;

const T = 'test:edge/types@0.1.0';

const EDGE_WAT = `(module
  (import "${T}" "[method]request.method" (func $method (param i32 i32)))
  (import "${T}" "[method]request.uri" (func $uri (param i32 i32)))
  (import "${T}" "[resource-drop]request" (func $drop_request (param i32)))
  (import "${T}" "[constructor]body" (func $new_body (result i32)))
  (import "${T}" "[method]body.read" (func $read (param i32 i32 i32)))
  (import "${T}" "[method]body.append" (func $append (param i32 i32 i32)))
  (import "${T}" "[resource-drop]body" (func $drop_body (param i32)))
  (import "${T}" "[constructor]response" (func $new_response (result i32)))
  (import "${T}" "[method]response.set-status" (func $set_status (param i32 i32)))
  (import "test:edge/downstream@0.1.0" "send" (func $send (param i32 i32)))
  (import "test:edge/log@0.1.0" "write" (func $write (param i32 i32)))
  (memory (export "memory") 1)
  (global $heap (mut i32) (i32.const 1024))
  (func (export "cabi_realloc") (param $old i32) (param $old_size i32) (param $align i32) (param $new_size i32) (result i32)
    (local $ptr i32)
    (local.set $ptr (i32.and (i32.add (global.get $heap) (i32.sub (local.get $align) (i32.const 1))) (i32.sub (i32.const 0) (local.get $align))))
    (global.set $heap (i32.add (local.get $ptr) (local.get $new_size)))
    (if (i32.gt_u (global.get $heap) (i32.shl (memory.size) (i32.const 16)))
      (then (drop (memory.grow (i32.add (i32.shr_u (i32.sub (global.get $heap) (i32.shl (memory.size) (i32.const 16))) (i32.const 16)) (i32.const 1))))))
    (local.get $ptr))
  (func (export "handle") (param $req i32) (param $body i32) (result i32) (local $out i32) (local $resp i32)
    (call $method (local.get $req) (i32.const 16))
    (call $write (i32.load (i32.const 16)) (i32.load (i32.const 20)))
    (call $uri (local.get $req) (i32.const 16))
    (call $write (i32.load (i32.const 16)) (i32.load (i32.const 20)))
    (local.set $out (call $new_body))
    (call $read (local.get $body) (i32.const 64) (i32.const 24))
    (call $append (local.get $out) (i32.load (i32.const 24)) (i32.load (i32.const 28)))
    (local.set $resp (call $new_response))
    (call $set_status (local.get $resp) (i32.const 200))
    (call $send (local.get $resp) (local.get $out))
    (call $drop_request (local.get $req))
    (call $drop_body (local.get $body))
    (i32.const 0)))`;

let built: Promise<Uint8Array> | undefined;

/** The handler component. */
export function edgeHandlerComponent(): Promise<Uint8Array> {
  built ??= (async () => componentNew(await componentEmbed({ binary: await parse(EDGE_WAT), witSource: EDGE_WIT, world: 'handler' })))();
  return built;
}

export interface EdgeHost {
  /** The jco imports. */
  readonly imports: Record<string, Record<string, unknown>>;
  /** A request, as the host makes one when a request arrives. */
  request(method: string, uri: string): object;
  /** A body holding `text`. */
  body(text: string): object;
  /** What was sent downstream: status and body text, in order. */
  readonly sent: { status: number; body: string }[];
  readonly logged: string[];
}

export function edgeHost(): EdgeHost {
  const sent: { status: number; body: string }[] = [];
  const logged: string[] = [];
  class Body {
    bytes: number[] = [];
    read(max: number): Uint8Array {
      return Uint8Array.from(this.bytes.splice(0, max));
    }
    append(data: Uint8Array): void {
      this.bytes.push(...data);
    }
  }
  class Request {
    constructor(
      private readonly verb = 'GET',
      private readonly path = '/',
    ) {}
    method(): string {
      return this.verb;
    }
    uri(): string {
      return this.path;
    }
  }
  class Response {
    status = 0;
    setStatus(status: number): void {
      this.status = status;
    }
  }
  return {
    imports: {
      'test:edge/types': { Body, Request, Response },
      'test:edge/downstream': {
        send: (resp: Response, body: Body) => void sent.push({ status: resp.status, body: new TextDecoder().decode(Uint8Array.from(body.bytes)) }),
      },
      'test:edge/log': { write: (line: string) => void logged.push(line) },
    },
    request: (method, uri) => new Request(method, uri),
    body: (text) => {
      const body = new Body();
      body.append(new TextEncoder().encode(text));
      return body;
    },
    sent,
    logged,
  };
}
