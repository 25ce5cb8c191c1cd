"""An HTTP handler: wasi:http/incoming-handler, in Python (built with componentize-py).

It reads the request's method, path, `x-name` header and body, asks an upstream
server (at the authority the `x-upstream` header names) for a quote, and answers
with all of it. Every step is a call of a wasi:http or wasi:io resource method.
"""
from componentize_py_types import Err, Ok
from wit_world import exports
from wit_world.imports import outgoing_handler
from wit_world.imports.streams import StreamError_Closed
from wit_world.imports.types import (
    Fields, IncomingRequest, Method_Other, OutgoingBody, OutgoingRequest,
    OutgoingResponse, ResponseOutparam, Scheme_Http,
)


def read_all(stream) -> bytes:
    data = b""
    while True:
        try:
            data += stream.blocking_read(65536)
        except Err as error:
            if isinstance(error.value, StreamError_Closed):
                return data
            raise


def header(fields: Fields, name: str, default: str) -> str:
    values = fields.get(name)
    return values[0].decode() if values else default


def ask_upstream(authority: str, name: str) -> str:
    request = OutgoingRequest(Fields())
    request.set_scheme(Scheme_Http())
    request.set_authority(authority)
    request.set_path_with_query(f"/quote?for={name}")
    try:
        future = outgoing_handler.handle(request, None)
    except Err as error:
        return f"(upstream refused: {type(error.value).__name__})"
    with future.subscribe() as ready:
        ready.block()
    answer = future.get()
    response = answer.value.value if isinstance(answer, Ok) and isinstance(answer.value, Ok) else None
    if response is None:
        return "(upstream failed)"
    with response.consume() as body, body.stream() as stream:
        return read_all(stream).decode()


def status_for(method: str) -> int:
    return 200


class IncomingHandler(exports.IncomingHandler):
    def handle(self, request: IncomingRequest, response_out: ResponseOutparam) -> None:
        method = request.method()
        method = method.value if isinstance(method, Method_Other) else type(method).__name__[len("Method_"):].upper()
        path = request.path_with_query() or "/"
        with request.headers() as headers:
            name = header(headers, "x-name", "stranger")
            upstream = header(headers, "x-upstream", "localhost")
        with request.consume() as body, body.stream() as stream:
            sent = read_all(stream)
        quote = ask_upstream(upstream, name)

        text = f"{method} {path}: hello {name}, you sent {len(sent)} bytes. Upstream says: {quote}\n"
        response = OutgoingResponse(Fields.from_list([("content-type", b"text/plain"), ("x-greeting", b"hello")]))
        response.set_status_code(status_for(method))
        response_body = response.body()
        ResponseOutparam.set(response_out, Ok(response))
        with response_body.write() as stream:
            stream.blocking_write_and_flush(text.encode())
        OutgoingBody.finish(response_body, None)
