"""Read side: dashboards, CSV export, youth participation (no aggregate is changed here)."""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any
from uuid import UUID

from alliance.domain.commitment import Commitment, Status
from alliance.domain.meeting import Meeting
from alliance.service_layer.unit_of_work import AllianceUnitOfWork

GROUPINGS: dict[str, Callable[[Commitment], str]] = {
    "pillar": lambda c: c.pillar,
    "member": lambda c: str(c.member_id),
    "theme": lambda c: c.theme or "",
}


def dashboard(commitments: list[Commitment], by: str, today: date) -> list[dict[str, Any]]:
    """Counts per status for each pillar / member / theme, status computed as of ``today``."""
    key = GROUPINGS[by]
    rows: dict[str, dict[str, Any]] = defaultdict(
        lambda: {"commitments": 0, "indicators": 0, **{s.value: 0 for s in Status}}
    )
    for c in commitments:
        row = rows[key(c)]
        row["commitments"] += 1
        row["indicators"] += len(c.indicators)
        row[c.evaluate(today).value] += 1
    return [{by: k, **v} for k, v in sorted(rows.items())]


CSV_COLUMNS = [
    "commitment_id",
    "member_id",
    "member",
    "pillar",
    "theme",
    "commitment",
    "commitment_status",
    "indicator_id",
    "indicator",
    "unit",
    "baseline",
    "target",
    "due_on",
    "current",
    "progress_percent",
    "indicator_status",
    "last_reported_on",
    "reports",
    "evidence_links",
]


def _cell(value: object) -> str:
    """Spreadsheet-safe text: a leading = + - @ in *text* would be run as a formula (CSV
    injection), so text starting so is quoted; numbers stay numbers (-25.0, 0.0)."""
    if value is None:
        return ""
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return str(value + 0)  # -0.0 + 0 is 0.0: no "negative zero" in a spreadsheet
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def export_csv(commitments: list[Commitment], member_names: dict[UUID, str], today: date) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for c in commitments:
        overall = c.evaluate(today).value
        for ind in c.indicators:
            last = max((r.reported_on for r in ind.reports), default=None)
            writer.writerow(
                [
                    _cell(v)
                    for v in (
                        c.id,
                        c.member_id,
                        member_names.get(c.member_id, ""),
                        c.pillar,
                        c.theme,
                        c.title,
                        overall,
                        ind.id,
                        ind.name,
                        ind.unit,
                        ind.baseline,
                        ind.target,
                        ind.due_on.isoformat(),
                        ind.current,
                        round(float(ind.progress) * 100, 1),
                        ind.status(today, c.pledged_on).value,
                        last.isoformat() if last else "",
                        len(ind.reports),
                        sum(len(r.evidence_links) for r in ind.reports),
                    )
                ]
            )
    return out.getvalue()


async def participation(uow: AllianceUnitOfWork, leaders: list[UUID]) -> dict[UUID, list[Meeting]]:
    """Meetings each youth leader attended (any body: working-group sessions, summits)."""
    meetings = await uow.meetings.attended_by_any(leaders)
    attended: dict[UUID, list[Meeting]] = {m: [] for m in leaders}
    for meeting in meetings:
        for leader in leaders:
            if leader in meeting.attendance:
                attended[leader].append(meeting)
    return attended
