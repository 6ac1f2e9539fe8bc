"""Released tables as JSON documents and as CSV with an HXL hashtag row (humanitarian data
exchange convention: a second header row of ``#tag+attribute`` for machine reading)."""

from __future__ import annotations

import csv
import io
from typing import Any

from profiles.domain.mapping.disclosure import ReleasedTable

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


def table_json(table: ReleasedTable) -> dict[str, Any]:
    return {
        "dimensions": list(table.dimensions),
        "categories": {d: list(c) for d, c in zip(table.dimensions, table.categories, strict=True)},
        "disclosure": {
            "k": table.policy.k,
            "rounding_base": table.policy.rounding_base,
            "note": "Counts below k are withheld (null), with enough other cells to make them "
            "unrecoverable; every count is rounded to the base. Totals are of respondents.",
        },
        "cells": [
            {
                **{
                    d: (v if v is not None else TOTAL)
                    for d, v in zip(table.dimensions, c.key, strict=True)
                },
                "count": c.count,
                "withheld": c.count is None,
                "share": c.share,
                "share_within": c.share_within,
            }
            for c in table.cells
        ],
    }


def table_csv(table: ReleasedTable) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([*table.dimensions, "count", "withheld", "share"])
    writer.writerow(
        [*(HXL[d] for d in table.dimensions), "#population+num", "#meta+withheld", "#indicator+pct"]
    )
    for c in table.cells:
        writer.writerow(
            [
                *(v if v is not None else TOTAL for v in c.key),
                "" if c.count is None else c.count,
                "yes" if c.count is None else "no",
                "" if c.share is None else c.share,
            ]
        )
    return out.getvalue()
