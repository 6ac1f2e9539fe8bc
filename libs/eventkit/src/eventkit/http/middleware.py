"""Request context (request id, correlation id, trace), security headers and request size
limit, as pure ASGI middleware so streaming responses (SSE) are not buffered."""

from __future__ import annotations

import contextlib
import json
import uuid
from typing import Any

import structlog
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from eventkit import context

#: on every answer (OWASP API8): no MIME sniffing, never framed, no referrer leaks
SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
)


_CONTEXT_HEADERS = frozenset((b"x-request-id", b"x-correlation-id", b"traceparent"))


class RequestContextMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        # only the three headers we need are decoded (this runs on every request)
        wanted: dict[bytes, str] = {}
        for key, value in scope["headers"]:
            key = key.lower()
            if key in _CONTEXT_HEADERS:
                wanted[key] = value.decode("latin-1")
        request_id = wanted.get(b"x-request-id") or str(uuid.uuid4())
        correlation = wanted.get(b"x-correlation-id") or request_id
        traceparent = wanted.get(b"traceparent")
        context.correlation_id.set(correlation)
        context.traceparent.set(traceparent)
        structlog.contextvars.bind_contextvars(
            request_id=request_id, correlation_id=correlation, traceparent=traceparent
        )

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                present = {k.lower() for k, _ in message["headers"]}
                message["headers"].append((b"x-request-id", request_id.encode()))
                message["headers"].extend((k, v) for k, v in SECURITY_HEADERS if k not in present)
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            structlog.contextvars.unbind_contextvars("request_id", "correlation_id", "traceparent")


class BodySizeLimitMiddleware:
    """Refuses bodies over the limit with 413 problem+json, by header and by counting."""

    def __init__(
        self, app: ASGIApp, max_bytes: int, overrides: dict[str, int] | None = None
    ) -> None:
        self.app = app
        self.max_bytes = max_bytes
        #: larger limits for upload paths (prefix -> bytes)
        self.overrides = overrides or {}

    def _limit(self, path: str) -> int:
        for prefix, limit in self.overrides.items():
            if path.startswith(prefix):
                return limit
        return self.max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self._limit(scope["path"])
        for key, value in scope["headers"]:
            if key == b"content-length" and value.isdigit() and int(value) > limit:
                await _too_large(scope, send, limit)
                return
        received = 0
        too_large = False
        started = False
        body_done = False

        async def limited_receive() -> Message:
            nonlocal received, too_large, body_done
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                body_done = not message.get("more_body", False)
                if received > limit:
                    too_large = True
                    raise _TooLarge
            else:
                body_done = True  # disconnected
            return message

        async def drain() -> None:
            # An answer given before the body was read (405, 401, 404...) must not leave the
            # body unread: the server would close with data pending, the kernel resets the
            # connection, and the gateway loses the answer mid-flight (found by schemathesis
            # through Caddy: "invalid chunk" on a 405 to a request with a body).
            with contextlib.suppress(_TooLarge):
                while not body_done:
                    await limited_receive()

        async def guarded_send(message: Message) -> None:
            nonlocal started
            if too_large:
                return  # whatever the app made of the aborted read, the answer is 413
            if message["type"] == "http.response.start" and not body_done:
                await drain()
                if too_large:
                    return
            started = True
            await send(message)

        with contextlib.suppress(_TooLarge):
            await self.app(scope, limited_receive, guarded_send)
        if too_large and not started:
            await _too_large(scope, send, limit)


class _TooLarge(Exception):
    pass


async def _too_large(scope: Scope, send: Send, limit: int) -> None:
    body: dict[str, Any] = {
        "type": "about:blank",
        "title": "Content Too Large",
        "status": 413,
        "detail": f"The request body is larger than {limit} bytes.",
        "instance": scope["path"],
    }
    payload = json.dumps(body).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [
                (b"content-type", b"application/problem+json"),
                (b"content-length", str(len(payload)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": payload})
