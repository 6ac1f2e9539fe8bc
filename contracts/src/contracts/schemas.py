"""Checked-in JSON Schema snapshots of every published event.

``python -m contracts.schemas write`` refreshes the snapshots after an *additive* change;
``contracts.compat`` refuses a snapshot update that would break existing consumers.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from contracts.base import IntegrationEvent
from contracts.registry import event_types

SNAPSHOT_DIR = Path(__file__).parent / "schemas"


def schema_of(model: type[IntegrationEvent]) -> dict[str, Any]:
    schema = model.model_json_schema(mode="serialization")
    schema["$id"] = f"urn:diaspora:event:{model.type_name}"
    schema["x-topic"] = model.topic
    return schema


def snapshot_path(type_name: str) -> Path:
    return SNAPSHOT_DIR / f"{type_name}.json"


def load_snapshot(type_name: str) -> dict[str, Any] | None:
    path = snapshot_path(type_name)
    return json.loads(path.read_text()) if path.exists() else None


def write_snapshots() -> list[str]:
    """Write snapshots for every event; refuse (and write nothing) on a breaking change."""
    from contracts.compat import breaking_changes

    problems: list[str] = []
    pending: dict[Path, str] = {}
    for type_name, model in sorted(event_types().items()):
        new = schema_of(model)
        old = load_snapshot(type_name)
        if old is not None:
            problems += [f"{type_name}: {p}" for p in breaking_changes(old, new)]
        pending[snapshot_path(type_name)] = json.dumps(new, indent=2, sort_keys=True) + "\n"
    if problems:
        return problems
    SNAPSHOT_DIR.mkdir(exist_ok=True)
    for path, text in pending.items():
        path.write_text(text)
    return []


if __name__ == "__main__":
    if sys.argv[1:] != ["write"]:
        sys.exit("usage: python -m contracts.schemas write")
    errors = write_snapshots()
    for e in errors:
        print("BREAKING:", e, file=sys.stderr)
    sys.exit(1 if errors else 0)
