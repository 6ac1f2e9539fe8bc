"""Cross-origin requests from browsers (CORS): off unless a deployment names its origins.

An API that answers bearer-token requests needs no cookies cross-origin, so credentials are
never allowed; a browser app on an allowed origin sends its token in ``Authorization``.
The headers listed are the ones the API reads and the ones a client app needs to read back
(conditional requests, idempotent retries, created resources, rate limits)."""

from __future__ import annotations

from collections.abc import Sequence

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

REQUEST_HEADERS = (
    "Authorization",
    "Content-Type",
    "Accept-Language",
    "Idempotency-Key",
    "If-Match",
    "If-None-Match",
    "X-Request-ID",
    "X-Correlation-ID",
    "traceparent",
)
RESPONSE_HEADERS = (
    "ETag",
    "Location",
    "Retry-After",
    "RateLimit",
    "RateLimit-Policy",
    "X-Request-ID",
    "Content-Disposition",
)


def allow_origins(app: FastAPI, origins: Sequence[str]) -> None:
    """Answer CORS for exactly ``origins`` (scheme://host[:port]); nothing when empty."""
    if not origins:
        return
    app.add_middleware(
        CORSMiddleware,
        allow_origins=list(origins),
        allow_methods=["GET", "POST", "PUT", "PATCH", "DELETE"],
        allow_headers=list(REQUEST_HEADERS),
        expose_headers=list(RESPONSE_HEADERS),
        allow_credentials=False,
        max_age=600,
    )
