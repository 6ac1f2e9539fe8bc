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
SIGN_IN = {("POST", "/v1/auth/login"), ("POST", "/v1/auth/refresh")}
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
