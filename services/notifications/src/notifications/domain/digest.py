"""Digests: notifications a person chose to receive daily or weekly, sent together at the
right local time. An event lands in at most one digest and never in a digest when it was
already sent immediately (a person has one frequency per category at a time)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from uuid import UUID

from notifications.domain.preferences import Frequency, zone


@dataclass(kw_only=True)
class DigestEntry:
    id: UUID = field(default_factory=uuid.uuid4)
    person_id: UUID
    frequency: str
    category: str
    template: str
    source_event_id: str
    title: str
    summary: str = ""
    created_at: datetime = field(default_factory=lambda: datetime.now(UTC))


def digest_period(
    frequency: Frequency, now: datetime, time_zone: str, *, hour: int, weekday: int
) -> date | None:
    """The local date that names the digest due at ``now``, or None when none is due yet.

    A daily digest is due once the local clock passes ``hour``; a weekly one on ``weekday``
    after ``hour`` (or any later day of that week, so a stopped dispatcher catches up).
    Naming the digest by that date makes sending it idempotent.
    """
    local = now.astimezone(zone(time_zone))
    if frequency == Frequency.DAILY:
        return local.date() if local.hour >= hour else None
    if frequency == Frequency.WEEKLY:
        start = local.date() - timedelta(days=(local.weekday() - weekday) % 7)
        if local.date() == start and local.hour < hour:
            return None
        return start
    return None


def group_by_category(entries: list[DigestEntry]) -> dict[str, list[DigestEntry]]:
    groups: dict[str, list[DigestEntry]] = {}
    for entry in entries:
        groups.setdefault(entry.category, []).append(entry)
    return groups
