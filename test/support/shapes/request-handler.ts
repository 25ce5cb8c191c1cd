/**
 * A handler shaped like wasi:http's, small enough to write in WAT: its export
 * takes an imported resource the host made (`own<request>`, as
 * `incoming-handler.handle` takes the incoming request) and answers through
 * the host's resources, moving its own handles into the host's hands:
 *
 *   handle(req) =
 *     id  = req.id()                       ;; a getter
 *     c   = req.counter()                  ;; a new own<counter> from the host
 *     v   = c.value()
 *     d   = counter(v + id)                ;; a constructor
 *     request.answer(req, d)               ;; both moved to the host (own)
 *     drop c
 *
 * and a host (`requestHandlerHost`) whose `answer` reads the request it is
 * given through its own methods, as the preview2 shim's HTTP server reads the
 * response it is handed: calls the component never made.
 */
import { fromWat, memoized } from './build.js';
import type { JcoImports } from '../../../src/engines/jco/load.js';

export const REQUEST_HANDLER_WIT = `package test:shapes;

interface http {
  resource counter {
    constructor(start: u32);
    value: func() -> u32;
  }
  resource request {
    id: func() -> u32;
    counter: func() -> counter;
    answer: static func(req: request, reply: counter);
  }
}

world request-handler {
  use http.{request};
  import http;
  export handle: func(req: request);
}
`;

const REQUEST_HANDLER_WAT = `(module
  (import "test:shapes/http" "[method]request.id" (func $id (param i32) (result i32)))
  (import "test:shapes/http" "[method]request.counter" (func $counter (param i32) (result i32)))
  (import "test:shapes/http" "[method]counter.value" (func $value (param i32) (result i32)))
  (import "test:shapes/http" "[constructor]counter" (func $new-counter (param i32) (result i32)))
  (import "test:shapes/http" "[static]request.answer" (func $answer (param i32 i32)))
  (import "test:shapes/http" "[resource-drop]counter" (func $drop-counter (param i32)))
  (memory (export "memory") 1)
  (func (export "handle") (param $req i32) (local $id i32) (local $c i32) (local $v i32)
    (local.set $id (call $id (local.get $req)))
    (local.set $c (call $counter (local.get $req)))
    (local.set $v (call $value (local.get $c)))
    (call $answer (local.get $req) (call $new-counter (i32.add (local.get $v) (local.get $id))))
    (call $drop-counter (local.get $c))))`;

export const requestHandlerComponent = memoized(() => fromWat(REQUEST_HANDLER_WAT, REQUEST_HANDLER_WIT, 'request-handler'));

export class Counter {
  constructor(readonly start: number) {}
  value(): number {
    return this.start;
  }
}

export class Request {
  constructor(readonly requestId: number) {}
  id(): number {
    return this.requestId;
  }
  counter(): Counter {
    return new Counter(this.requestId * 10);
  }
  /** The host reads what it is handed through the same methods the component calls. */
  static answer(request: Request, answer: Counter): void {
    Request.answers.push({ id: request.id(), value: answer.value() });
  }
  static answers: { id: number; value: number }[] = [];
}

export function requestHandlerHost(): JcoImports {
  return { 'test:shapes/http': { Counter, Request } };
}
