"""Privacy storage: the consent ledger, the audit log and the subject-key fetch log."""

from __future__ import annotations

import uuid
from datetime import datetime
from uuid import UUID

from sqlalchemy import delete, func, select, tuple_
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.engine import RowMapping
from sqlalchemy.ext.asyncio import AsyncSession

from contracts.events import privacy
from profiles.adapters.orm import audit_log, consent_entries, subject_key_fetches, subject_keys
from profiles.domain.consent import ConsentAction, ConsentEntry, ConsentLedger, Recipient

c = consent_entries


class ConsentRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def ledger(
        self, person_id: UUID, purpose: str, recipient: Recipient, *, for_update: bool = False
    ) -> ConsentLedger:
        if for_update:
            # one writer per person at a time: the "current entry" cannot change underneath
            await self.session.execute(
                select(func.pg_advisory_xact_lock(func.hashtextextended(str(person_id), 0)))
            )
        rows = await self.session.execute(
            select(c)
            .where(
                c.c.person_id == person_id,
                c.c.purpose == purpose,
                c.c.recipient_kind == recipient.kind,
                c.c.recipient_id.is_(None)
                if recipient.id is None
                else c.c.recipient_id == recipient.id,
            )
            .order_by(c.c.at, c.c.id)
        )
        return ConsentLedger(person_id, purpose, recipient, [_entry(r) for r in rows.mappings()])

    async def add(self, entry: ConsentEntry) -> None:
        await self.session.execute(
            c.insert().values(
                id=entry.id,
                person_id=entry.person_id,
                purpose=entry.purpose,
                recipient_kind=entry.recipient.kind,
                recipient_id=entry.recipient.id,
                action=entry.action.value,
                policy_version=entry.policy_version,
                channel=entry.channel,
                at=entry.at,
            )
        )

    async def history(self, person_id: UUID) -> list[ConsentEntry]:
        rows = await self.session.execute(
            select(c).where(c.c.person_id == person_id).order_by(c.c.at, c.c.id)
        )
        return [_entry(r) for r in rows.mappings()]

    async def directory_listed(self, person_id: UUID) -> bool:
        ledger = await self.ledger(
            person_id, privacy.DIRECTORY_LISTING, Recipient(privacy.RECIPIENT_PLATFORM)
        )
        return ledger.granted

    async def granted_to(
        self, person_id: UUID, purpose: str, recipients: list[Recipient]
    ) -> set[Recipient]:
        """Which of ``recipients`` currently hold ``purpose`` consent (latest entry: given)."""
        if not recipients:
            return set()
        rows = await self.session.execute(
            select(c.c.recipient_kind, c.c.recipient_id, c.c.action)
            .where(
                c.c.person_id == person_id,
                c.c.purpose == purpose,
                tuple_(c.c.recipient_kind, c.c.recipient_id).in_(
                    [(r.kind, r.id) for r in recipients]
                ),
            )
            .order_by(c.c.at, c.c.id)
        )
        latest = {Recipient(r.recipient_kind, r.recipient_id): r.action for r in rows}
        return {r for r, action in latest.items() if action == ConsentAction.GIVEN.value}


def _entry(r: RowMapping) -> ConsentEntry:
    return ConsentEntry(
        id=r["id"],
        person_id=r["person_id"],
        purpose=r["purpose"],
        recipient=Recipient(r["recipient_kind"], r["recipient_id"]),
        action=ConsentAction(r["action"]),
        channel=r["channel"],
        at=r["at"],
        policy_version=r["policy_version"],
    )


class AuditLog:
    """Who read whose identified personal data; never the values read."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def record(
        self,
        *,
        access_id: UUID,
        person_id: UUID,
        service: str,
        accessor_id: UUID,
        accessor_role: str,
        record_type: str,
        record_id: str | None,
        accessed_at: datetime,
    ) -> None:
        await self.session.execute(
            insert(audit_log)
            .values(
                id=access_id,
                person_id=person_id,
                service=service,
                accessor_id=accessor_id,
                accessor_role=accessor_role[:40],
                record_type=record_type[:60],
                record_id=None if record_id is None else record_id[:100],
                accessed_at=accessed_at,
            )
            .on_conflict_do_nothing(index_elements=["id"])
        )

    async def page(
        self, person_id: UUID, *, limit: int, before: tuple[datetime, UUID] | None
    ) -> list[RowMapping]:
        """Newest first, keyset-paginated on (accessed_at, id)."""
        a = audit_log
        query = select(a).where(a.c.person_id == person_id)
        if before is not None:
            query = query.where(tuple_(a.c.accessed_at, a.c.id) < tuple_(*before))
        rows = await self.session.execute(
            query.order_by(a.c.accessed_at.desc(), a.c.id.desc()).limit(limit)
        )
        return list(rows.mappings())

    async def delete_older_than(self, cutoff: datetime) -> int:
        result = await self.session.execute(
            delete(audit_log).where(audit_log.c.accessed_at < cutoff)
        )
        return int(result.rowcount)  # type: ignore[attr-defined]


class KeyFetchLog:
    """Every subject-key fetch through the internal endpoint, with the calling service."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def record(self, key_id: str, caller: str, outcome: str, at: datetime) -> None:
        await self.session.execute(
            subject_key_fetches.insert().values(
                id=uuid.uuid4(), key_id=key_id[:64], caller=caller, outcome=outcome, at=at
            )
        )

    async def known(self, key_id: str) -> bool:
        """The key id was ever issued (a destroyed key is still known: 410, not 404)."""
        row = await self.session.execute(
            select(subject_keys.c.key_id).where(subject_keys.c.key_id == key_id)
        )
        return row.first() is not None

    async def fetches(self, key_id: str) -> list[RowMapping]:
        f = subject_key_fetches
        rows = await self.session.execute(select(f).where(f.c.key_id == key_id).order_by(f.c.at))
        return list(rows.mappings())
