"""The documents in docs/api/ are the ones the code generates now (`make docs` refreshes them),
so partners and client apps read the truth; and every AsyncAPI document passes the official
AsyncAPI parser (@asyncapi/parser from npm, locked in portal/package-lock.json)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from devstack import apidocs

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs" / "api"
PORTAL = ROOT / "portal"
DOCUMENTS = dict(apidocs.documents())


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_committed_documents_match_the_code(name: str) -> None:
    generated = DOCUMENTS[name]()
    kind = "openapi" if "openapi" in name else "asyncapi"
    assert generated[kind].startswith("3.1" if kind == "openapi" else "3.")
    committed = (DOCS / name).read_text()
    assert committed == apidocs.render(generated), f"docs/api/{name}: run make docs"


@pytest.mark.slow  # Node's AsyncAPI parser: make test, not make test-unit
def test_every_asyncapi_document_passes_the_official_parser() -> None:
    node = shutil.which("node")
    assert node, "node is needed (the machine image has it)"
    assert (PORTAL / "node_modules" / "@asyncapi" / "parser").is_dir(), "run make install"
    documents = sorted(DOCS.glob("*.asyncapi.json"))
    run = subprocess.run(
        [node, str(PORTAL / "validate-asyncapi.mjs"), *map(str, documents)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert run.returncode == 0, run.stdout[-8000:] + run.stderr[-2000:]
    assert run.stdout.count("valid AsyncAPI") == len(documents) >= 5


@pytest.mark.slow  # Node's AsyncAPI parser: make test, not make test-unit
def test_the_validator_refuses_what_the_parser_would_silently_skip(tmp_path: Path) -> None:
    """A component key outside the official pattern (the old documents had 97) fails."""
    message = {"name": "thing.happened", "payload": {"type": "object"}}
    document = {
        "asyncapi": "3.0.0",
        "info": {"title": "one bad key", "version": "1.0.0"},
        "channels": {
            "things": {
                "address": "things.v1",
                "messages": {"happened": {"$ref": "#/components/messages/thing.happened"}},
            }
        },
        "components": {
            "messages": {"thing.happened": message, "things.v1:publish:Message": message}
        },
    }
    bad = tmp_path / "bad.asyncapi.json"
    bad.write_text(json.dumps(document))
    run = subprocess.run(
        ["node", str(PORTAL / "validate-asyncapi.mjs"), str(bad)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert run.returncode == 1
    assert "not allowed by the official schema" in run.stdout
