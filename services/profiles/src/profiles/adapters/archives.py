"""The export archive: one zip with ``data.json`` (every slice, by service) and
``summary.html`` (the same, readable; every value escaped)."""

from __future__ import annotations

import html
import io
import json
import zipfile
from datetime import datetime
from typing import Any
from uuid import UUID

from pydantic_core import to_jsonable_python

_STYLE = (
    "body{font-family:system-ui,sans-serif;margin:2rem;max-width:60rem}"
    "dl{margin:0 0 0 1rem}dt{font-weight:600}dd{margin:0 0 .4rem 1rem}"
    "h2{border-bottom:1px solid #ccc}"
)


def build_archive(
    person_id: UUID, export_id: UUID, slices: dict[str, Any], generated_at: datetime
) -> bytes:
    document = to_jsonable_python(
        {
            "export_id": export_id,
            "person_id": person_id,
            "generated_at": generated_at,
            "services": slices,
        }
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "data.json", json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True)
        )
        archive.writestr("summary.html", summary_html(document))
    return buffer.getvalue()


def summary_html(document: dict[str, Any]) -> str:
    sections = "".join(
        f"<section><h2>{html.escape(service)}</h2>{_render(data)}</section>"
        for service, data in sorted(document["services"].items())
    )
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        "<title>Your data on the Diaspora Engagement Platform</title>"
        f"<style>{_STYLE}</style></head><body>"
        "<h1>Your data on the Diaspora Engagement Platform</h1>"
        f"<p>Export {html.escape(str(document['export_id']))}, generated "
        f"{html.escape(str(document['generated_at']))}. The machine-readable copy of "
        "everything below is in <code>data.json</code>.</p>"
        f"{sections}</body></html>"
    )


def _render(value: Any, depth: int = 0) -> str:
    if isinstance(value, dict):
        if not value:
            return "<em>none</em>"
        items = "".join(
            f"<dt>{html.escape(str(k))}</dt><dd>{_render(v, depth + 1)}</dd>"
            for k, v in value.items()
            if not str(k).endswith("_base64")  # images: in data.json, not worth reading here
        )
        return f"<dl>{items}</dl>"
    if isinstance(value, list):
        if not value:
            return "<em>none</em>"
        return "<ol>" + "".join(f"<li>{_render(v, depth + 1)}</li>" for v in value) + "</ol>"
    if value is None:
        return "<em>—</em>"
    return html.escape(str(value))
