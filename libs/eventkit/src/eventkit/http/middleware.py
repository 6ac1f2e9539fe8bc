"""Request context (request id, correlation id, trace) and security headers, as pure ASGI
middleware so streaming responses (SSE) are not buffered."""

from __future__ import annotations

import uuid

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
