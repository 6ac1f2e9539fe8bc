"""How complete the public API's document is (docs/api/platform.openapi.json), checked so it
only gets better:

- every operation has a stable camelCase ``operationId`` (never FastAPI's path-and-method
  default) and a tag; ids are unique across the platform;
- every JSON success answer is typed (no ``{}``, no free-form object): a response model
  per answer, which FastAPI also checks the server's answers against;
- every error answer is documented as ``application/problem+json``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCUMENT = json.loads((ROOT / "docs" / "api" / "platform.openapi.json").read_text())
SCHEMAS = DOCUMENT["components"]["schemas"]
OPERATIONS = [
    (method.upper(), path, operation)
    for path, item in DOCUMENT["paths"].items()
    for method, operation in item.items()
]


def _resolve(schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = SCHEMAS[schema["$ref"].rsplit("/", 1)[-1]]
    return schema


def _untyped(schema: dict[str, Any]) -> bool:
    schema = _resolve(schema)
    if any(k in schema for k in ("const", "enum", "allOf", "oneOf")):
        return False
    if "anyOf" in schema:
        return any(_untyped(s) for s in schema["anyOf"] if s.get("type") != "null")
    kind = schema.get("type")
    if kind == "array":
        return _untyped(schema.get("items", {}))
    if kind == "object" or (kind is None and "properties" in schema):
        return not schema.get("properties") and not isinstance(
            schema.get("additionalProperties"), dict
        )
    return kind is None


def _untyped_answers() -> set[str]:
    found = set()
    for method, path, operation in OPERATIONS:
        for status, response in operation["responses"].items():
            for media, content in response.get("content", {}).items():
                if status.startswith("2") and "json" in media and _untyped(content["schema"]):
                    found.add(f"{method} {path} {status}")
    return found


def test_operation_ids_are_stable_camel_case_and_unique() -> None:
    ids = [operation["operationId"] for _, _, operation in OPERATIONS]
    bad = [i for i in ids if not re.fullmatch(r"[a-z][a-zA-Z0-9]*", i)]
    assert not bad, f"not camelCase (or FastAPI's default): {bad}"
    assert len(ids) == len(set(ids))
    assert all(operation.get("tags") for _, _, operation in OPERATIONS)


def test_every_json_success_answer_is_typed() -> None:
    untyped = _untyped_answers()
    assert not untyped, f"untyped JSON answers (give them a response model): {sorted(untyped)}"


@pytest.mark.parametrize(("method", "path", "operation"), OPERATIONS, ids=lambda v: str(v)[:60])
def test_every_error_answer_is_a_problem_document(
    method: str, path: str, operation: dict[str, Any]
) -> None:
    for status, response in operation["responses"].items():
        if status[0] in "45":
            assert "application/problem+json" in response.get("content", {}), (status, path)


#: they answer 401 for credentials sent in their body (a password, a refresh token), not for
#: a bearer token: they take none
SIGN_IN = {
    ("POST", "/v1/auth/login"),
    ("POST", "/v1/auth/login/second-factor"),  # the challenge and the code
    ("POST", "/v1/auth/refresh"),
}
BEARER = [{"bearerAuth": []}]
BEARER_OR_ANONYMOUS = [{}, {"bearerAuth": []}]


def test_the_bearer_jwt_scheme_is_declared_once() -> None:
    assert DOCUMENT["components"]["securitySchemes"] == {
        "bearerAuth": {
            "type": "http",
            "scheme": "bearer",
            "bearerFormat": "JWT",
            "description": DOCUMENT["components"]["securitySchemes"]["bearerAuth"]["description"],
        }
    }


def test_every_operation_answering_401_declares_the_bearer_scheme() -> None:
    undeclared = [
        f"{method} {path}"
        for method, path, operation in OPERATIONS
        if "401" in operation["responses"]
        and (method, path) not in SIGN_IN
        and operation.get("security") not in (BEARER, BEARER_OR_ANONYMOUS)
    ]
    assert not undeclared, f"answer 401 without declaring bearerAuth: {undeclared}"
    # and the other way round: a token can be refused wherever one is read
    silent = [
        f"{method} {path}"
        for method, path, operation in OPERATIONS
        if operation.get("security") and "401" not in operation["responses"]
    ]
    assert not silent, f"read a bearer token but document no 401: {silent}"
    assert all(
        "WWW-Authenticate" in operation["responses"]["401"].get("headers", {})
        for method, path, operation in OPERATIONS
        if operation.get("security")
    )


@pytest.mark.parametrize(
    ("method", "path", "security"),
    [
        ("GET", "/v1/me/profile", BEARER),  # CurrentPrincipal
        ("POST", "/v1/alliance/bodies", BEARER),  # through the alliance's Caller
        ("GET", "/v1/resources/moderation-queue", BEARER),  # a role check
        ("GET", "/v1/resources", BEARER_OR_ANONYMOUS),  # MaybePrincipal: public, a token helps
        ("GET", "/v1/people/{person_id}", BEARER_OR_ANONYMOUS),
        ("POST", "/v1/auth/register", None),  # public
        ("GET", "/v1/open-data/feed.json", None),
        ("GET", "/v1/vocabulary", None),
    ],
)
def test_security_follows_what_the_route_depends_on(
    method: str, path: str, security: list[dict[str, list[str]]] | None
) -> None:
    assert DOCUMENT["paths"][path][method.lower()].get("security") == security


# ---- the HTTP conventions' headers ----------------------------------------------------------
def _header_params(operation: dict[str, Any]) -> set[str]:
    return {p["name"].lower() for p in operation.get("parameters", []) if p.get("in") == "header"}


def _response_headers(operation: dict[str, Any], status: str) -> set[str]:
    return {h.lower() for h in operation["responses"].get(status, {}).get("headers", {})}


def test_idempotency_key_is_documented_where_the_chassis_honours_it() -> None:
    honoured = {
        f"{method} {path}"
        for method, path, operation in OPERATIONS
        if "idempotency-key" in _header_params(operation)
    }
    # resources' contribution, and every creating POST that takes ``Once``
    assert {"POST /v1/resources", "POST /v1/opportunities", "POST /v1/auth/register"} <= honoured
    assert {"POST /v1/alliance/bodies", "POST /v1/alliance/recommendations"} <= honoured
    for method, path, operation in OPERATIONS:
        for p in operation.get("parameters", []):
            if p.get("in") == "header" and p["name"].lower() == "idempotency-key":
                assert method == "POST" and "Retry safely" in p.get("description", ""), path


def test_if_match_operations_and_their_reads_answer_an_etag() -> None:
    preconditioned = {path for _, path, op in OPERATIONS if "if-match" in _header_params(op)}
    assert "/v1/resources/{resource_id}" in preconditioned  # PATCH
    assert "/v1/me/profile" in preconditioned  # PUT and PATCH
    for method, path, operation in OPERATIONS:
        if "if-match" in _header_params(operation) or (method == "GET" and path in preconditioned):
            successes = [s for s in operation["responses"] if s[0] == "2" and s != "204"]
            assert successes or method == "DELETE", (method, path)
            for status in successes:
                assert "etag" in _response_headers(operation, status), (method, path, status)


#: 201 answers without ``Location``: parts of an aggregate with no address of their own (read
#: through their parent's GET) and answers that are not a created resource (issue 29, item 9).
#: Elsewhere ``Location`` is the created thing's own address or, where it has none, where its
#: creator reads it (docs/developers/first-call.md). A new 201 must carry Location
#: (``responses=CREATED``) or be listed here.
CREATED_WITHOUT_LOCATION = {
    # parts of their parent, read through its GET
    "POST /v1/alliance/bodies/{body_id}/memberships",
    "POST /v1/alliance/cohorts/{cohort_id}/nominations",
    "POST /v1/alliance/commitments/{commitment_id}/progress",
    "POST /v1/alliance/meetings/{meeting_id}/agenda-items",
    "POST /v1/alliance/meetings/{meeting_id}/decisions",
    "POST /v1/alliance/motions/{motion_id}/ballots",
    # not a created resource: an enrolment secret, a key rotation, and a registration whose
    # answer must not differ for an address that already has an account (read once signed in)
    "POST /v1/auth/2fa/totp",
    "POST /v1/auth/signing-keys/rotate",
    "POST /v1/auth/register",
}


def test_created_answers_carry_location() -> None:
    without = {
        f"{method} {path}"
        for method, path, operation in OPERATIONS
        if "201" in operation["responses"] and "location" not in _response_headers(operation, "201")
    }
    assert without == CREATED_WITHOUT_LOCATION
    created = DOCUMENT["paths"]["/v1/alliance/bodies"]["post"]["responses"]["201"]
    assert created["headers"]["Location"]["required"] is True


@pytest.mark.parametrize(("method", "path", "operation"), OPERATIONS, ids=lambda v: str(v)[:60])
def test_every_operation_documents_its_429_with_retry_after_and_ratelimit(
    method: str, path: str, operation: dict[str, Any]
) -> None:
    headers = operation["responses"]["429"]["headers"]
    assert headers["Retry-After"]["required"] is True
    assert {"RateLimit", "RateLimit-Policy"} <= set(headers)
