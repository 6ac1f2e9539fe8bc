"""The OpenAPI and AsyncAPI documents in docs/api/ are the ones the code generates now
(`make docs` refreshes them), so partners and client apps read the truth."""

from __future__ import annotations

import importlib
import json
from pathlib import Path

import pytest

DOCS = Path(__file__).resolve().parents[1] / "docs" / "api"
SERVICES = ("profiles", "resources", "alliance", "notifications")


def _normalise(doc: object) -> object:
    return json.loads(json.dumps(doc, sort_keys=True, ensure_ascii=False))


@pytest.mark.parametrize("service", SERVICES)
def test_committed_documents_match_the_code(service: str) -> None:
    svc = importlib.import_module(f"{service}.bootstrap").bootstrap()
    openapi = svc.create_app().openapi()
    asyncapi = svc.chassis.asyncapi(svc.dispatcher()).to_jsonable()
    assert openapi["openapi"].startswith("3.1")
    assert asyncapi["asyncapi"].startswith("3.")
    for kind, generated in (("openapi", openapi), ("asyncapi", asyncapi)):
        committed = json.loads((DOCS / f"{service}.{kind}.json").read_text())
        assert committed == _normalise(generated), f"docs/api/{service}.{kind}.json: run make docs"
