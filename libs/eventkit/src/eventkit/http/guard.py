"""Limits on a request body, checked before any route or model sees it.

* size: over the limit (by ``Content-Length`` or by counting) is 413;
* time: a body that stops arriving (a truncated body, a slow-body client holding the
  connection) is 408 after ``body_idle_timeout_s`` of silence, and the connection is closed;
* shape, for JSON bodies: not UTF-8 or not JSON is 400, nested deeper than ``max_json_depth``
  is 400, a string longer than ``max_json_string_chars``, a NUL character, a lone surrogate,
  a non-finite number or an integer beyond 64 bits is 422 (none can be stored).

A JSON body is read whole (it is at most ``max_bytes``) and checked once; the route then
reads the same bytes. Other bodies (uploads) stream through, counted and timed.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from eventkit.http.problems import send_problem

#: at most this many digits in a JSON integer (2**63 has 19): nothing here counts higher
_MAX_INT_DIGITS = 19
#: a refused body up to this size is read and dropped before the answer, so the answer
#: arrives; a larger one is cut off (the connection closed unread)
_DISCARD_MAX_BYTES = 32 * 1024 * 1024


@dataclass(frozen=True)
class RequestLimits:
    max_bytes: int = 1_048_576
    #: larger limits for upload paths (path prefix -> bytes)
    upload_limits: Mapping[str, int] = field(default_factory=dict)
    #: the longest silence allowed between two pieces of a request body
    body_idle_timeout_s: float = 15.0
    max_json_depth: int = 32
    max_json_string_chars: int = 65_536

    def max_bytes_for(self, path: str) -> int:
        for prefix, limit in self.upload_limits.items():
            if path.startswith(prefix):
                return limit
        return self.max_bytes


class Refused(Exception):
    """The request is answered with this problem before the app sees it."""

    def __init__(self, status: int, title: str, detail: str, *, close: bool = False) -> None:
        super().__init__(detail)
        self.status = status
        self.title = title
        self.detail = detail
        #: the body was not read to its end: the connection cannot carry another request
        self.close = close


class RequestGuard:
    def __init__(self, app: ASGIApp, limits: RequestLimits) -> None:
        self.app = app
        self.limits = limits

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limits.max_bytes_for(scope["path"])
        declared, content_type = _body_headers(scope)
        try:
            if declared is not None and declared > limit:
                ended = declared <= _DISCARD_MAX_BYTES and await self._discard_rest(
                    scope, receive, _DISCARD_MAX_BYTES
                )
                raise _too_large(limit, close=not ended)
            if declared == 0:
                await self.app(scope, receive, send)
            elif _is_json(content_type):
                body = await self._read_json(receive, limit)
                await self.app(scope, _replay(body, receive), send)
            else:
                await self._stream(scope, receive, send, limit)
        except Refused as refused:
            headers = {"Connection": "close"} if refused.close else None
            await send_problem(
                scope, send, refused.status, refused.title, refused.detail, headers=headers
            )

    async def _next_piece(self, receive: Receive) -> Message:
        try:
            return await asyncio.wait_for(receive(), self.limits.body_idle_timeout_s)
        except TimeoutError:
            raise Refused(
                408,
                "Request Timeout",
                f"The request body stopped arriving for {self.limits.body_idle_timeout_s:g} s.",
                close=True,
            ) from None

    async def _discard_rest(self, scope: Scope | None, receive: Receive, budget: int) -> bool:
        """Read and drop the rest of a refused body; True when it ended (the connection can
        carry the next request). A server that answers and closes with body bytes unread
        makes the kernel reset the connection, and a gateway streaming the body loses the
        answer: a 502 with an empty body instead of the 413 (found through Caddy)."""
        if scope is not None and (b"expect", b"100-continue") in scope["headers"]:
            return False  # the client waits for a go-ahead before sending: it sent nothing
        dropped = 0
        while dropped <= budget:
            try:
                message = await self._next_piece(receive)
            except Refused:
                return False
            if message["type"] != "http.request":
                return False
            dropped += len(message.get("body", b""))
            if not message.get("more_body", False):
                return True
        return False

    async def _read_json(self, receive: Receive, limit: int) -> bytes:
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await self._next_piece(receive)
            if message["type"] != "http.request":
                raise _Disconnected
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > limit:
                ended = not message.get("more_body", False) or await self._discard_rest(
                    None, receive, _DISCARD_MAX_BYTES - size
                )
                raise _too_large(limit, close=not ended)
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        if body:
            check_json(body, self.limits)
        return body

    async def _stream(self, scope: Scope, receive: Receive, send: Send, limit: int) -> None:
        received = 0
        body_done = False
        refused: Refused | None = None
        started = False

        async def limited_receive() -> Message:
            nonlocal received, body_done, refused
            if refused is not None:
                raise refused
            try:
                message = await self._next_piece(receive)
            except Refused as exc:
                refused = exc
                raise
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                body_done = not message.get("more_body", False)
                if received > limit:
                    if not body_done:
                        body_done = await self._discard_rest(None, receive, _DISCARD_MAX_BYTES)
                    refused = _too_large(limit, close=not body_done)
                    raise refused
            else:
                body_done = True  # disconnected
            return message

        async def drain() -> None:
            # An answer given before the body was read (405, 401, 404...) must not leave the
            # body unread: the server would close with data pending, the kernel resets the
            # connection, and the gateway loses the answer mid-flight (found by schemathesis
            # through Caddy: "invalid chunk" on a 405 to a request with a body).
            with contextlib.suppress(Refused):
                while not body_done:
                    await limited_receive()

        async def guarded_send(message: Message) -> None:
            nonlocal started
            if refused is not None:
                return  # whatever the app made of the aborted read, the answer is the refusal
            if message["type"] == "http.response.start" and not body_done:
                await drain()
                if refused is not None:
                    return
            started = True
            await send(message)

        try:
            await self.app(scope, limited_receive, guarded_send)
        except Refused:
            pass
        except Exception:
            if refused is None:
                raise
            # the app failed on the aborted read (e.g. a multipart parser): the refusal stands
        if refused is not None and not started:
            raise refused


class _Disconnected(Refused):
    def __init__(self) -> None:
        super().__init__(400, "Bad Request", "The client disconnected.", close=True)


def _too_large(limit: int, *, close: bool) -> Refused:
    return Refused(
        413, "Content Too Large", f"The request body is larger than {limit} bytes.", close=close
    )


def _body_headers(scope: Scope) -> tuple[int | None, str]:
    declared: int | None = None
    content_type = ""
    chunked = False
    for key, value in scope["headers"]:
        if key == b"content-length" and value.isdigit():
            declared = int(value)
        elif key == b"content-type":
            content_type = value.decode("latin-1")
        elif key == b"transfer-encoding":
            chunked = True
    if declared is None and not chunked:
        declared = 0  # no body at all (HTTP/1.1: neither length nor chunked)
    return declared, content_type


def _is_json(content_type: str) -> bool:
    media = content_type.split(";", 1)[0].strip().lower()
    return media == "application/json" or (
        media.startswith("application/") and media.endswith("+json")
    )


def _replay(body: bytes, receive: Receive) -> Receive:
    """The body already read, as one message; then the server's own (disconnects)."""
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay


# ---- the shape of a JSON body --------------------------------------------------------------
def check_json(body: bytes, limits: RequestLimits) -> Any:
    """The parsed body, or ``Refused`` saying what is wrong with it."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise Refused(400, "Bad Request", "The body is not valid UTF-8.") from None
    try:
        value = json.loads(text, parse_constant=_no_constant, parse_int=_int, parse_float=_float)
    except RecursionError:
        raise _too_deep(limits.max_json_depth) from None
    except ValueError as exc:
        raise Refused(400, "Bad Request", f"The body is not valid JSON: {exc}") from None
    _check_shape(value, limits)
    return value


def _too_deep(depth: int) -> Refused:
    return Refused(400, "Bad Request", f"The JSON body is nested deeper than {depth} levels.")


def _unstorable(detail: str) -> Refused:
    return Refused(422, "Unprocessable Content", detail)


def _no_constant(name: str) -> Any:
    raise _unstorable(f"{name} is not a number this API accepts.")


def _int(digits: str) -> int:
    if len(digits.lstrip("-")) > _MAX_INT_DIGITS:
        raise _unstorable("An integer in the body is out of range (more than 64 bits).")
    return int(digits)


def _float(digits: str) -> float:
    value = float(digits)
    if not math.isfinite(value):
        raise _unstorable("A number in the body is out of range.")
    return value


def _check_shape(value: Any, limits: RequestLimits) -> None:
    pending: list[tuple[Any, int]] = [(value, 1)]
    while pending:
        item, depth = pending.pop()
        if isinstance(item, str):
            _check_string(item, limits)
        elif isinstance(item, dict):
            if depth > limits.max_json_depth:
                raise _too_deep(limits.max_json_depth)
            for key, child in item.items():
                _check_string(key, limits)
                pending.append((child, depth + 1))
        elif isinstance(item, list):
            if depth > limits.max_json_depth:
                raise _too_deep(limits.max_json_depth)
            pending.extend((child, depth + 1) for child in item)


def _check_string(text: str, limits: RequestLimits) -> None:
    if len(text) > limits.max_json_string_chars:
        raise _unstorable(
            f"A string in the body is longer than {limits.max_json_string_chars} characters."
        )
    if "\x00" in text:
        raise _unstorable("A string in the body contains a NUL character, which cannot be stored.")
    if not text.isascii():
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            raise _unstorable(
                "A string in the body contains a lone surrogate (an unpaired \\ud800-\\udfff "
                "escape), which is not text."
            ) from None
