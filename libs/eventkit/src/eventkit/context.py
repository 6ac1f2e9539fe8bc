"""Request/trace context carried from HTTP into logs and onto published events."""

from __future__ import annotations

from contextvars import ContextVar

correlation_id: ContextVar[str | None] = ContextVar("correlation_id", default=None)
traceparent: ContextVar[str | None] = ContextVar("traceparent", default=None)
