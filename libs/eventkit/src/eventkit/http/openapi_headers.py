"""The HTTP conventions' headers, in the OpenAPI document where the chassis applies them.

- ``ETag``: an operation taking ``If-Match`` (``eventkit.http.preconditions``) answers the
  new version's ``ETag`` on success, and the ``GET`` of the same path answers the current one
  (what a client sends back as ``If-Match``).
- ``Location``: a route answering 201 with the created thing's address says so with
  ``responses=CREATED`` (the chassis cannot know which routes set it).
- ``Retry-After`` and ``RateLimit``/``RateLimit-Policy`` on 429: every operation is under the
  general rate limit (``eventkit.http.rate_limit``), and answers a refusal with them.

``Idempotency-Key`` and ``If-Match`` are request headers the routes declare through their
dependencies (``Once``, ``IfMatchHeader``): FastAPI documents those itself.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI

_TEXT = {"type": "string"}
LOCATION: dict[str, Any] = {
    "description": "the created resource's address (a path under the gateway)",
    "required": True,
    "schema": _TEXT,
}
#: ``responses=`` of a route answering 201 with ``Location``
CREATED: dict[int | str, dict[str, Any]] = {201: {"headers": {"Location": LOCATION}}}

ETAG: dict[str, Any] = {
    "description": "the version answered: send it back as If-Match to change it",
    "required": True,
    "schema": _TEXT,
}
RATE_LIMITED: dict[str, Any] = {
    "description": "Too many requests: wait Retry-After seconds",
    "headers": {
        "Retry-After": {
            "description": "seconds to wait before trying again",
            "required": True,
            "schema": {"type": "integer", "minimum": 0},
        },
        "RateLimit": {
            "description": "what is left of the quota (draft-ietf-httpapi-ratelimit-headers)",
            "schema": _TEXT,
        },
        "RateLimit-Policy": {
            "description": "the quota that applies (draft-ietf-httpapi-ratelimit-headers)",
            "schema": _TEXT,
        },
    },
}


def _takes_if_match(operation: dict[str, Any]) -> bool:
    return any(
        p.get("in") == "header" and str(p.get("name", "")).lower() == "if-match"
        for p in operation.get("parameters", [])
    )


def document_headers(app: FastAPI, *, exempt_prefixes: tuple[str, ...] = ()) -> None:
    """Add ``ETag`` and the 429 answer to the document (``Location`` is per route)."""
    generate = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is not None:
            return app.openapi_schema
        schema = generate()
        for path, operations in schema.get("paths", {}).items():
            preconditioned = any(_takes_if_match(op) for op in operations.values())
            for method, operation in operations.items():
                responses = operation.setdefault("responses", {})
                if _takes_if_match(operation) or (preconditioned and method == "get"):
                    for status, response in responses.items():
                        if status.startswith("2") and status != "204":
                            response.setdefault("headers", {})["ETag"] = ETAG
                if not path.startswith(exempt_prefixes):
                    limited = responses.setdefault("429", {})
                    limited.setdefault("description", RATE_LIMITED["description"])
                    limited.setdefault("headers", {}).update(RATE_LIMITED["headers"])
        return schema

    app.openapi = openapi  # type: ignore[method-assign]
