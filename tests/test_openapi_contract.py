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
