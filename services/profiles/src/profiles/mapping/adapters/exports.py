"""Published tables as JSON documents and as CSV with an HXL hashtag row (humanitarian data
exchange convention: a second header row of ``#tag+attribute`` for machine reading)."""

from __future__ import annotations

import csv
import io
from typing import Any

from profiles.mapping.domain.tables import PublishedTable

HXL = {
    "origin": "#country+origin+code",
    "residence": "#country+residence+code",
    "gender": "#indicator+gender",
    "age_band": "#indicator+age",
    "education": "#indicator+education+isced",
    "sector": "#sector+code+isic",
    "skill": "#indicator+skill+esco",
    "language": "#indicator+language+code",
    "contribution_mode": "#indicator+contribution",
    "need": "#indicator+need",
    "wave": "#indicator+wave",
}
TOTAL = "total"


def disclosure(table: PublishedTable) -> dict[str, Any]:
    """How the numbers of ``table`` were protected (docs/privacy.md)."""
    policy = table.policy
    return {
        "method": "cell_key",
        "k": policy.k,
        "max_noise": policy.table.max_noise,
        "step": policy.step,
        "note": (
            f"Every count is perturbed by a small amount (at most {policy.table.max_noise}) "
            "that is always the same for the same respondents; counts below "
            f"{policy.k} are not shown. A count is republished only once it has moved by "
            f"{policy.step} or more. A cell that cannot be told apart from a coarser one "
            "shows no count of its own: same_as names what the coarser cell does not have and "
            "approximately gives its count. "
            "Margins and totals are protected the same way, so they need not add up."
        ),
    }


def table_json(table: PublishedTable) -> dict[str, Any]:
    return {
        "dimensions": list(table.dimensions),
        "categories": {d: list(c) for d, c in zip(table.dimensions, table.categories, strict=True)},
        "disclosure": disclosure(table),
        "cells": [
            {
                **{
                    d: (v if v is not None else TOTAL)
                    for d, v in zip(table.dimensions, c.key, strict=True)
                },
                "count": c.count,
                "below_k": c.below_k,
                "basis": c.basis.value,
                "same_as": c.same_as,
                "approximately": c.approximately,
                "share": c.share,
                "share_within": c.share_within,
            }
            for c in table.cells
        ],
    }


def table_csv(table: PublishedTable) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([*table.dimensions, "count", "below_k", "share"])
    writer.writerow(
        [*(HXL[d] for d in table.dimensions), "#population+num", "#meta+below_k", "#indicator+pct"]
    )
    for c in table.cells:
        writer.writerow(
            [
                *(v if v is not None else TOTAL for v in c.key),
                "" if c.count is None else c.count,
                "yes" if c.below_k else "no",
                "" if c.share is None else c.share,
            ]
        )
    return out.getvalue()
