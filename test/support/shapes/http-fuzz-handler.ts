/**
 * A wasi:http handler with a planted bug, in WAT, for fuzzing through
 * resources: everything it learns of a request comes from resource methods
 * (the request's method, path and headers, its body's stream), and the fuzzer
 * must answer each of them. Its WIT is the part of wasi:http 0.2.0 and
 * wasi:io 0.2.0 it uses, under their real names.
 *
 * handle(request, response-out): reads method(), path-with-query(),
 * headers().get("x-mode"), then the body: consume(), stream(), up to 8
 * blocking-read(65536) until one fails. The bug: a DELETE carrying an
 * `x-mode` header traps (`unreachable`), whatever the header's value. With
 * `fixed`, it turns such a request away instead (returns before its body).
 */
import { componentEmbed, componentNew, parse } from '@bytecodealliance/jco-transpile/wasm-tools';

export const HTTP_FUZZ_WIT = `package test:http-fuzz;

package wasi:io@0.2.0 {
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
  }
}

package wasi:http@0.2.0 {
  interface types {
    use wasi:io/streams@0.2.0.{input-stream};
    variant method { get, head, post, put, delete, connect, options, trace, patch, other(string) }
    type field-key = string;
    type field-value = list<u8>;
    resource fields {
      get: func(name: field-key) -> list<field-value>;
    }
    type headers = fields;
    resource incoming-request {
      method: func() -> method;
      path-with-query: func() -> option<string>;
      headers: func() -> headers;
      consume: func() -> result<incoming-body>;
    }
    resource incoming-body {
      %stream: func() -> result<input-stream>;
    }
    resource response-outparam;
  }
  interface incoming-handler {
    use types.{incoming-request, response-outparam};
    handle: func(request: incoming-request, response-out: response-outparam);
  }
}

world handler {
  export wasi:http/incoming-handler@0.2.0;
}
`;

const T = 'wasi:http/types@0.2.0';
const S = 'wasi:io/streams@0.2.0';
/** The `delete` case of `method`. */
const DELETE = 4;

function handlerWat(fixed: boolean): string {
  const bug = `(if (i32.and (i32.eq (i32.load8_u (i32.const 16)) (i32.const ${DELETE})) (i32.ne (i32.load (i32.const 36)) (i32.const 0)))
      (then ${fixed ? 'return' : 'unreachable'}))`;
  return `(module
  (import "${T}" "[method]incoming-request.method" (func $method (param i32 i32)))
  (import "${T}" "[method]incoming-request.path-with-query" (func $path (param i32 i32)))
  (import "${T}" "[method]incoming-request.headers" (func $headers (param i32) (result i32)))
  (import "${T}" "[method]incoming-request.consume" (func $consume (param i32 i32)))
  (import "${T}" "[method]fields.get" (func $get (param i32 i32 i32 i32)))
  (import "${T}" "[method]incoming-body.stream" (func $stream (param i32 i32)))
  (import "${S}" "[method]input-stream.blocking-read" (func $read (param i32 i64 i32)))
  (memory (export "memory") 1)
  (data (i32.const 8) "x-mode")
  (global $heap (mut i32) (i32.const 1024))
  (func (export "cabi_realloc") (param $old i32) (param $old_size i32) (param $align i32) (param $new_size i32) (result i32)
    (local $ptr i32)
    (local.set $ptr (i32.and (i32.add (global.get $heap) (i32.sub (local.get $align) (i32.const 1))) (i32.sub (i32.const 0) (local.get $align))))
    (global.set $heap (i32.add (local.get $ptr) (local.get $new_size)))
    (if (i32.gt_u (global.get $heap) (i32.shl (memory.size) (i32.const 16)))
      (then (drop (memory.grow (i32.add (i32.shr_u (i32.sub (global.get $heap) (i32.shl (memory.size) (i32.const 16))) (i32.const 16)) (i32.const 1))))))
    (local.get $ptr))
  ;; method at 16 (12 bytes), path at 48, x-mode values at 32 (ptr, len), consume at 64, stream at 72, reads at 80.
  (func (export "wasi:http/incoming-handler@0.2.0#handle") (param $req i32) (param $out i32) (local $fields i32) (local $reads i32)
    (global.set $heap (i32.const 1024))
    (call $method (local.get $req) (i32.const 16))
    (call $path (local.get $req) (i32.const 48))
    (local.set $fields (call $headers (local.get $req)))
    (call $get (local.get $fields) (i32.const 8) (i32.const 6) (i32.const 32))
    ${bug}
    (call $consume (local.get $req) (i32.const 64))
    (if (i32.ne (i32.load8_u (i32.const 64)) (i32.const 0)) (then return))
    (call $stream (i32.load (i32.const 68)) (i32.const 72))
    (if (i32.ne (i32.load8_u (i32.const 72)) (i32.const 0)) (then return))
    (block $done
      (loop $more
        (br_if $done (i32.ge_u (local.get $reads) (i32.const 8)))
        (local.set $reads (i32.add (local.get $reads) (i32.const 1)))
        (call $read (i32.load (i32.const 76)) (i64.const 65536) (i32.const 80))
        (br_if $more (i32.eqz (i32.load8_u (i32.const 80))))))))`;
}

const built = new Map<boolean, Promise<Uint8Array>>();

/** The handler component; `fixed`: without the bug. */
export function httpFuzzHandlerComponent(options: { readonly fixed?: boolean } = {}): Promise<Uint8Array> {
  const fixed = options.fixed === true;
  let bytes = built.get(fixed);
  if (bytes === undefined) {
    bytes = (async () => componentNew(await componentEmbed({ binary: await parse(handlerWat(fixed)), witSource: HTTP_FUZZ_WIT, world: 'handler' })))();
    built.set(fixed, bytes);
  }
  return bytes;
}
