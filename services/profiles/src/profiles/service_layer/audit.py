"""The person's audit log: who (official, moderator, admin) read their identified data.

profiles records its own reads here directly; every other service reports its reads as
``<service>.privacy.data_accessed`` events, which profiles' worker adds to the same log.
Entries hold ids and kinds of record only, never the values that were read.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from contracts.envelope import CloudEvent
from contracts.events import privacy
from contracts.vocabulary import Role, most_privileged
from eventkit.cursors import decode_time_key, encode_time_key
from eventkit.http.auth import Principal
from eventkit.logging import get_logger
from profiles.adapters.privacy_ledger import AuditLog

log = get_logger(__name__)

#: roles whose reads of someone else's identified data are not audited (an account's own
#: relations: a member, or a partner reading what was shared with it)
UNAUDITED_ROLES = frozenset({Role.MEMBER, Role.PARTNER})
PAGE_MAX = 100


def audited_role(reader: Principal) -> str | None:
    """``reader``'s most privileged audited role, or None for a plain member."""
    role = most_privileged(reader.roles)
    return None if role in UNAUDITED_ROLES else role.value


def accessor_role(reader: Principal, fallback: str = "recipient") -> str:
    """The role under which ``reader`` reads: their most privileged audited role."""
    return audited_role(reader) or fallback


async def record_read(
    audit_log: AuditLog,
    *,
    person_id: UUID,
    reader: Principal,
    role: str,
    record_type: str,
    record_id: str | None = None,
) -> None:
    """profiles' own reads: call inside the unit of work of the read, then commit."""
    if reader.subject == person_id:  # people reading their own data are not audited
        return
    await audit_log.record(
        access_id=uuid.uuid4(),
        person_id=person_id,
        service="profiles",
        accessor_id=reader.subject,
        accessor_role=role,
        record_type=record_type,
        record_id=record_id,
        accessed_at=datetime.now(UTC),
    )
    log.info("privacy.audited_read", record_type=record_type, role=role)


async def record_reported(audit_log: AuditLog, event: privacy.PersonalDataAccessed) -> None:
    """Another service's ``data_accessed`` report (idempotent on ``access_id``)."""
    await audit_log.record(
        access_id=event.access_id,
        person_id=event.person_id,
        service=event.service,
        accessor_id=event.accessor_id,
        accessor_role=event.accessor_role,
        record_type=event.record_type,
        record_id=event.record_id,
        accessed_at=event.accessed_at,
    )


async def my_audit_log(
    uow: Any, person_id: UUID, *, limit: int, cursor: str | None
) -> dict[str, Any]:
    before = decode_time_key(cursor) if cursor else None
    async with uow:
        rows = await uow.audit_log.page(person_id, limit=limit + 1, before=before)
    more = len(rows) > limit
    rows = rows[:limit]
    return {
        "items": [
            {
                "id": str(r["id"]),
                "service": r["service"],
                "accessor_id": str(r["accessor_id"]),
                "accessor_role": r["accessor_role"],
                "record_type": r["record_type"],
                "record_id": r["record_id"],
                "accessed_at": r["accessed_at"].isoformat(),
            }
            for r in rows
        ],
        "next_cursor": encode_time_key(rows[-1]["accessed_at"], rows[-1]["id"])
        if more and rows
        else None,
    }


def on_data_accessed(dispatcher: Any) -> None:
    """Subscribe profiles' dispatcher to every participant's ``data_accessed`` reports."""
    for answers in privacy.PARTICIPANT_EVENTS.values():

        @dispatcher.on(answers.accessed)
        async def reported(event: privacy.PersonalDataAccessed, _: CloudEvent, uow: Any) -> None:
            await record_reported(uow.audit_log, event)
