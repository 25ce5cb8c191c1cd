/**
 * A wasi:http handler in WAT whose own cost per request is next to nothing,
 * for the benchmark's second row: with CPython out of the way, what is left
 * of a replay is ours and jco's (the import calls, matched and answered).
 *
 * handle(request, response-out): method(), path-with-query(),
 * headers().get("x-name"), the body read to its end (consume(), stream(),
 * blocking-read(65536) until it fails, at most 8), then a 200 answer with an
 * `x-greeting: hello` header and the body `hello\n`: from-list, the
 * outgoing-response, set-status-code, body(), response-outparam.set,
 * write(), blocking-write-and-flush, the stream dropped, finish. Its WIT is
 * the part of wasi:http and wasi:io 0.2.12 it uses, under their real names,
 * so jco's HTTP server serves it as it serves any handler.
 */
import { componentEmbed, componentNew, parse } from '@bytecodealliance/jco-transpile/wasm-tools';

const WIT = `package example:wat-handler;

package wasi:io@0.2.12 {
  interface error {
    resource error;
  }
  interface streams {
    use error.{error};
    variant stream-error {
      last-operation-failed(error),
      closed,
    }
    resource input-stream {
      blocking-read: func(len: u64) -> result<list<u8>, stream-error>;
    }
    resource output-stream {
      blocking-write-and-flush: func(contents: list<u8>) -> result<_, stream-error>;
    }
  }
}

package wasi:http@0.2.12 {
  interface types {
    use wasi:io/streams@0.2.12.{input-stream, output-stream};
    variant method { get, head, post, put, delete, connect, options, trace, patch, other(string) }
    type field-name = string;
    type field-value = list<u8>;
    variant header-error { invalid-syntax, forbidden, immutable }
    resource fields {
      from-list: static func(entries: list<tuple<field-name, field-value>>) -> result<fields, header-error>;
      get: func(name: field-name) -> list<field-value>;
    }
    type headers = fields;
    type trailers = fields;
    type status-code = u16;
    record DNS-error-payload { rcode: option<string>, info-code: option<u16> }
    record TLS-alert-received-payload { alert-id: option<u8>, alert-message: option<string> }
    record field-size-payload { field-name: option<string>, field-size: option<u32> }
    variant error-code {
      DNS-timeout, DNS-error(DNS-error-payload), destination-not-found, destination-unavailable,
      destination-IP-prohibited, destination-IP-unroutable, connection-refused, connection-terminated,
      connection-timeout, connection-read-timeout, connection-write-timeout, connection-limit-reached,
      TLS-protocol-error, TLS-certificate-error, TLS-alert-received(TLS-alert-received-payload),
      HTTP-request-denied, HTTP-request-length-required, HTTP-request-body-size(option<u64>),
      HTTP-request-method-invalid, HTTP-request-URI-invalid, HTTP-request-URI-too-long,
      HTTP-request-header-section-size(option<u32>), HTTP-request-header-size(option<field-size-payload>),
      HTTP-request-trailer-section-size(option<u32>), HTTP-request-trailer-size(field-size-payload),
      HTTP-response-incomplete, HTTP-response-header-section-size(option<u32>),
      HTTP-response-header-size(field-size-payload), HTTP-response-body-size(option<u64>),
      HTTP-response-trailer-section-size(option<u32>), HTTP-response-trailer-size(field-size-payload),
      HTTP-response-transfer-coding(option<string>), HTTP-response-content-coding(option<string>),
      HTTP-response-timeout, HTTP-upgrade-failed, HTTP-protocol-error, loop-detected,
      configuration-error, internal-error(option<string>),
    }
    resource incoming-request {
      method: func() -> method;
      path-with-query: func() -> option<string>;
      headers: func() -> headers;
      consume: func() -> result<incoming-body>;
    }
    resource incoming-body {
      %stream: func() -> result<input-stream>;
    }
    resource outgoing-response {
      constructor(headers: headers);
      set-status-code: func(status-code: status-code) -> result;
      body: func() -> result<outgoing-body>;
    }
    resource outgoing-body {
      write: func() -> result<output-stream>;
      finish: static func(this: outgoing-body, trailers: option<trailers>) -> result<_, error-code>;
    }
    resource response-outparam {
      set: static func(param: response-outparam, response: result<outgoing-response, error-code>);
    }
  }
  interface incoming-handler {
    use types.{incoming-request, response-outparam};
    handle: func(request: incoming-request, response-out: response-outparam);
  }
}

world handler {
  export wasi:http/incoming-handler@0.2.12;
}
`;

const T = 'wasi:http/types@0.2.12';
const S = 'wasi:io/streams@0.2.12';

// Memory: "x-name" at 8, "x-greeting" at 16, "hello" at 32, "hello\n" at 40, the entries list at 64
// (two tuples of 16 bytes), return areas from 128: method 128, path 144, x-name values 160,
// consume 168, stream 176, read 184, from-list 200, body 208, write 216, write-and-flush 224, finish 232.
const WAT = `(module
  (import "${T}" "[method]incoming-request.method" (func $method (param i32 i32)))
  (import "${T}" "[method]incoming-request.path-with-query" (func $path (param i32 i32)))
  (import "${T}" "[method]incoming-request.headers" (func $headers (param i32) (result i32)))
  (import "${T}" "[method]incoming-request.consume" (func $consume (param i32 i32)))
  (import "${T}" "[method]fields.get" (func $get (param i32 i32 i32 i32)))
  (import "${T}" "[static]fields.from-list" (func $from_list (param i32 i32 i32)))
  (import "${T}" "[method]incoming-body.stream" (func $stream (param i32 i32)))
  (import "${T}" "[constructor]outgoing-response" (func $new_response (param i32) (result i32)))
  (import "${T}" "[method]outgoing-response.set-status-code" (func $set_status (param i32 i32) (result i32)))
  (import "${T}" "[method]outgoing-response.body" (func $response_body (param i32 i32)))
  (import "${T}" "[static]response-outparam.set" (func $set_response (param i32 i32 i32 i32 i64 i32 i32 i32 i32)))
  (import "${T}" "[method]outgoing-body.write" (func $write (param i32 i32)))
  (import "${T}" "[static]outgoing-body.finish" (func $finish (param i32 i32 i32 i32)))
  (import "${T}" "[resource-drop]incoming-request" (func $drop_request (param i32)))
  (import "${T}" "[resource-drop]fields" (func $drop_fields (param i32)))
  (import "${T}" "[resource-drop]incoming-body" (func $drop_incoming_body (param i32)))
  (import "${S}" "[method]input-stream.blocking-read" (func $read (param i32 i64 i32)))
  (import "${S}" "[method]output-stream.blocking-write-and-flush" (func $write_flush (param i32 i32 i32 i32)))
  (import "${S}" "[resource-drop]input-stream" (func $drop_input (param i32)))
  (import "${S}" "[resource-drop]output-stream" (func $drop_output (param i32)))
  (memory (export "memory") 1)
  (data (i32.const 8) "x-name")
  (data (i32.const 16) "x-greeting")
  (data (i32.const 32) "hello")
  (data (i32.const 40) "hello\\n")
  (global $heap (mut i32) (i32.const 1024))
  (func (export "cabi_realloc") (param $old i32) (param $old_size i32) (param $align i32) (param $new_size i32) (result i32)
    (local $ptr i32)
    (local.set $ptr (i32.and (i32.add (global.get $heap) (i32.sub (local.get $align) (i32.const 1))) (i32.sub (i32.const 0) (local.get $align))))
    (global.set $heap (i32.add (local.get $ptr) (local.get $new_size)))
    (if (i32.gt_u (global.get $heap) (i32.shl (memory.size) (i32.const 16)))
      (then (drop (memory.grow (i32.add (i32.shr_u (i32.sub (global.get $heap) (i32.shl (memory.size) (i32.const 16))) (i32.const 16)) (i32.const 1))))))
    (local.get $ptr))
  (func (export "${'wasi:http/incoming-handler@0.2.12'}#handle") (param $req i32) (param $out i32)
    (local $fields i32) (local $body i32) (local $in i32) (local $reads i32) (local $response i32) (local $outgoing i32) (local $stream i32)
    (global.set $heap (i32.const 1024))
    (call $method (local.get $req) (i32.const 128))
    (call $path (local.get $req) (i32.const 144))
    (local.set $fields (call $headers (local.get $req)))
    (call $get (local.get $fields) (i32.const 8) (i32.const 6) (i32.const 160))
    (call $drop_fields (local.get $fields))
    ;; the body, read to its end
    (call $consume (local.get $req) (i32.const 168))
    (if (i32.eqz (i32.load8_u (i32.const 168)))
      (then
        (local.set $body (i32.load (i32.const 172)))
        (call $stream (local.get $body) (i32.const 176))
        (if (i32.eqz (i32.load8_u (i32.const 176)))
          (then
            (local.set $in (i32.load (i32.const 180)))
            (block $done
              (loop $more
                (br_if $done (i32.ge_u (local.get $reads) (i32.const 8)))
                (local.set $reads (i32.add (local.get $reads) (i32.const 1)))
                (call $read (local.get $in) (i64.const 65536) (i32.const 184))
                (br_if $more (i32.eqz (i32.load8_u (i32.const 184))))))
            (call $drop_input (local.get $in))))
        (call $drop_incoming_body (local.get $body))))
    (call $drop_request (local.get $req))
    ;; the answer: 200, x-greeting: hello, "hello\\n"
    (i32.store (i32.const 64) (i32.const 16)) (i32.store (i32.const 68) (i32.const 10))
    (i32.store (i32.const 72) (i32.const 32)) (i32.store (i32.const 76) (i32.const 5))
    (call $from_list (i32.const 64) (i32.const 1) (i32.const 200))
    (if (i32.load8_u (i32.const 200)) (then unreachable))
    (local.set $response (call $new_response (i32.load (i32.const 204))))
    (drop (call $set_status (local.get $response) (i32.const 200)))
    (call $response_body (local.get $response) (i32.const 208))
    (if (i32.load8_u (i32.const 208)) (then unreachable))
    (local.set $outgoing (i32.load (i32.const 212)))
    (call $set_response (local.get $out) (i32.const 0) (local.get $response) (i32.const 0) (i64.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0))
    (call $write (local.get $outgoing) (i32.const 216))
    (if (i32.load8_u (i32.const 216)) (then unreachable))
    (local.set $stream (i32.load (i32.const 220)))
    (call $write_flush (local.get $stream) (i32.const 40) (i32.const 6) (i32.const 224))
    (call $drop_output (local.get $stream))
    (call $finish (local.get $outgoing) (i32.const 0) (i32.const 0) (i32.const 232))))`;

let built: Promise<Uint8Array> | undefined;

/** The handler component. */
export function watHttpHandler(): Promise<Uint8Array> {
  built ??= (async () => componentNew(await componentEmbed({ binary: await parse(WAT), witSource: WIT, world: 'handler' })))();
  return built;
}
