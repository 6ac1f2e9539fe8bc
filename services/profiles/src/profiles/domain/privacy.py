"""The two privacy sagas profiles runs (DESIGN §6, contracts.events.privacy).

An :class:`Erasure` waits for every participant's confirmation; a :class:`DataExport` waits for
every part of every participant's sealed slice. Both are plain state: the service layer loads
them, applies what arrived and saves them in the same transaction as the outbox events.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any
from uuid import UUID

#: profiles' own slice in an export is stored like a participant's (sealed, one part)
OWN_SERVICE = "profiles"

#: what a message an erased person sent shows instead of its body (see docs/privacy.md)
MESSAGE_TOMBSTONE = "[message removed: the sender erased their account]"


class ErasureStatus(StrEnum):
    PENDING = "pending"
    COMPLETED = "completed"


@dataclass(kw_only=True, eq=False)
class Erasure:
    id: UUID
    person_id: UUID
    requested_at: datetime
    participants: tuple[str, ...]
    status: ErasureStatus = ErasureStatus.PENDING
    #: service -> its answer (counts per kind of record, never values)
    confirmations: dict[str, dict[str, Any]] = field(default_factory=dict)
    last_requested_at: datetime | None = None
    requests: int = 1
    completed_at: datetime | None = None

    @property
    def pending(self) -> list[str]:
        return [p for p in self.participants if p not in self.confirmations]

    def confirm(self, service: str, answer: dict[str, Any], now: datetime) -> bool:
        """Record one participant's answer; True when this answer completed the saga."""
        if service not in self.participants or service in self.confirmations:
            return False  # a repeated answer (we asked again) or a stranger: nothing changes
        self.confirmations[service] = answer
        if self.status == ErasureStatus.PENDING and not self.pending:
            self.status = ErasureStatus.COMPLETED
            self.completed_at = now
            return True
        return False

    def due_for_retry(self, now: datetime, after: timedelta) -> bool:
        last = self.last_requested_at or self.requested_at
        return self.status == ErasureStatus.PENDING and now - last >= after

    def asked_again(self, now: datetime) -> None:
        self.last_requested_at = now
        self.requests += 1


class ExportStatus(StrEnum):
    ASSEMBLING = "assembling"
    READY = "ready"
    EXPIRED = "expired"


def archive_key(export_id: UUID) -> str:
    """Where an export's archive is stored: one name per export, so a retried assembly
    overwrites it, and destroying the export can find it even if the row never recorded it."""
    return f"{export_id}.zip"


@dataclass(frozen=True)
class ReceivedPart:
    service: str
    part: int
    parts: int


@dataclass(kw_only=True, eq=False)
class DataExport:
    id: UUID
    person_id: UUID
    requested_at: datetime
    expires_at: datetime
    participants: tuple[str, ...]
    public_key: str
    status: ExportStatus = ExportStatus.ASSEMBLING
    received: list[ReceivedPart] = field(default_factory=list)
    ready_at: datetime | None = None
    last_requested_at: datetime | None = None

    @property
    def services(self) -> tuple[str, ...]:
        return (OWN_SERVICE, *self.participants)

    def progress(self) -> dict[str, dict[str, Any]]:
        """Per service: parts received of parts expected (None until the first arrives)."""
        out: dict[str, dict[str, Any]] = {}
        for service in self.services:
            got = [r for r in self.received if r.service == service]
            expected = got[0].parts if got else None
            out[service] = {
                "status": "received"
                if expected is not None and len(got) >= expected
                else "pending",
                "parts_received": len(got),
                "parts_expected": expected,
            }
        return out

    @property
    def complete(self) -> bool:
        return all(p["status"] == "received" for p in self.progress().values())

    @property
    def pending_services(self) -> list[str]:
        return [s for s, p in self.progress().items() if p["status"] == "pending"]

    def due_for_retry(self, now: datetime, after: timedelta) -> bool:
        last = self.last_requested_at or self.requested_at
        return self.status == ExportStatus.ASSEMBLING and now - last >= after

    def is_expired(self, now: datetime) -> bool:
        return now >= self.expires_at
