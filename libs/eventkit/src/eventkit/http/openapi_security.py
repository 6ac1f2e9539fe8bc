"""The OpenAPI document says which operations take a bearer token.

One scheme, ``bearerAuth`` (an access token from ``POST /v1/auth/login``, a JWT), declared
once. The token is read through FastAPI's security dependencies (``eventkit.http.auth``), so
FastAPI itself marks every operation depending on them; two markers tell the kinds apart:

- an operation that requires a principal (``CurrentPrincipal`` and all built on it) gets
  ``security: [{bearerAuth: []}]``;
- one that only reads a principal when there is one (``MaybePrincipal``: public, but a token
  changes the answer or the rights) gets ``security: [{}, {bearerAuth: []}]``, anonymous or
  bearer;
- a public one gets none.

Both kinds can answer 401 (a token missing, invalid, expired or revoked), so both document
it, with its ``WWW-Authenticate`` challenge.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.security import HTTPBearer

SCHEME = "bearerAuth"
#: the marker of operations where the token is optional; never left in the document
_OPTIONAL_MARKER = "bearerAuthOptional"
_DESCRIPTION = (
    "An access token from POST /v1/auth/login, sent as `Authorization: Bearer <token>`; it "
    "expires after expires_in seconds: get a new one with POST /v1/auth/refresh."
)

#: the token of an operation that requires one (auto_error off: the chassis answers 401
#: itself, as a problem document with its challenge)
required_bearer = HTTPBearer(
    bearerFormat="JWT", scheme_name=SCHEME, description=_DESCRIPTION, auto_error=False
)
#: the token of an operation that works anonymously too
optional_bearer = HTTPBearer(scheme_name=_OPTIONAL_MARKER, auto_error=False)

REQUIRED: list[dict[str, list[str]]] = [{SCHEME: []}]
OPTIONAL: list[dict[str, list[str]]] = [{}, {SCHEME: []}]


_CHALLENGE = {"description": "the bearer challenge (RFC 6750)", "schema": {"type": "string"}}


def document_security(app: FastAPI) -> None:
    """Turn FastAPI's per-operation markers into ``REQUIRED`` / ``OPTIONAL`` and document
    each one's 401."""
    generate = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is not None:
            return app.openapi_schema
        schema = generate()
        schemes = schema.get("components", {}).get("securitySchemes", {})
        schemes.pop(_OPTIONAL_MARKER, None)
        for operations in schema.get("paths", {}).values():
            for operation in operations.values():
                names = {
                    name for requirement in operation.get("security", []) for name in requirement
                }
                if not names:
                    continue
                required = SCHEME in names
                operation["security"] = REQUIRED if required else OPTIONAL
                # a route may already name its 401 (why it refuses): it gets the challenge too
                unauthorized = operation.setdefault("responses", {}).setdefault("401", {})
                unauthorized.setdefault(
                    "description",
                    "No valid bearer token (missing, invalid, expired or revoked)"
                    if required
                    else "The bearer token sent is invalid, expired or revoked "
                    "(send none to call anonymously)",
                )
                unauthorized.setdefault("headers", {})["WWW-Authenticate"] = _CHALLENGE
        if schemes.get(SCHEME) is None and any(
            "security" in op for ops in schema.get("paths", {}).values() for op in ops.values()
        ):
            schema.setdefault("components", {}).setdefault("securitySchemes", {})[SCHEME] = (
                required_bearer.model.model_dump(by_alias=True, exclude_none=True)
            )
        return schema

    app.openapi = openapi  # type: ignore[method-assign]
