"""Access tokens of an erased account stop opening anything, at every service, within seconds.

An access token is checked against profiles' public keys and never looked up, so erasing an
account cannot withdraw the tokens already issued to it: they would stay valid until they
expire (up to ``ACCESS_TOKEN_TTL_S``, 15 minutes). Whoever holds the person's phone could go on
acting as them, and could write new personal data after every service erased theirs.

So each service records the account as a revoked subject in the same transaction as its own
part of the erasure, and each API process keeps the small set of revoked subjects in memory,
re-read every ``revocation_refresh_s``; the token verifier refuses a token whose subject is in
it. A row is kept for ``revoked_subject_retention_s`` (a day: far longer than any access token
lives; account ids are never reused, so after that the row protects nothing) and holds only
the random account id and a time.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy import Column, DateTime, MetaData, Table, delete, select
from sqlalchemy.dialects.postgresql import UUID, insert
from sqlalchemy.ext.asyncio import AsyncEngine

from eventkit.db import table_once
from eventkit.logging import get_logger
from eventkit.stopping import sleep_until_stopped
from eventkit.uow import UnitOfWork

log = get_logger(__name__)

#: how long a revocation is kept: it must outlive every access token issued before it
DEFAULT_RETENTION = timedelta(days=1)


def revoked_subjects_table(metadata: MetaData) -> Table:
    """The table in the service's schema (created once per metadata, like the outbox)."""
    return table_once(
        metadata,
        "revoked_subjects",
        lambda m: Table(
            "revoked_subjects",
            m,
            Column("subject_id", UUID(as_uuid=True), primary_key=True),
            Column("revoked_at", DateTime(timezone=True), nullable=False, index=True),
        ),
    )


async def revoke_subject(
    uow: UnitOfWork,
    subject_id: uuid.UUID,
    at: datetime,
    *,
    retention: timedelta = DEFAULT_RETENTION,
) -> None:
    """Refuse the subject's access tokens once ``uow`` commits: call it in the erasure's
    unit of work. Revocations older than ``retention`` are dropped on the way (nothing else
    writes here)."""
    table = revoked_subjects_table(uow.outbox.table.metadata)
    session = uow.session
    await session.execute(
        insert(table)
        .values(subject_id=subject_id, revoked_at=at)
        .on_conflict_do_nothing(index_elements=["subject_id"])
    )
    await session.execute(delete(table).where(table.c.revoked_at < at - retention))


class RevokedSubjects:
    """The revoked subjects an API process knows of; ``subject in revoked`` is a set lookup."""

    def __init__(self, subjects: frozenset[uuid.UUID] = frozenset()) -> None:
        self._subjects = subjects

    def __contains__(self, subject: object) -> bool:
        return subject in self._subjects

    def __len__(self) -> int:
        return len(self._subjects)

    async def refresh(self, engine: AsyncEngine, table: Table) -> None:
        async with engine.connect() as conn:
            rows = await conn.execute(select(table.c.subject_id))
            self._subjects = frozenset(row.subject_id for row in rows)

    async def keep_fresh(
        self,
        engine: Callable[[], AsyncEngine],
        table: Table,
        every_s: float,
        stop: asyncio.Event,
    ) -> None:
        """Re-read the table until ``stop``. A failed read keeps the last known set (the
        database is away: requests that need it fail on their own) and is retried."""
        failing = False
        while not stop.is_set():
            try:
                await self.refresh(engine(), table)
                if failing:
                    log.info("revocations.refreshed_again", revoked=len(self))
                failing = False
            except Exception as exc:  # keep serving with the last set
                if not failing:
                    log.warning("revocations.refresh_failed", error=type(exc).__name__)
                failing = True
            await sleep_until_stopped(stop, every_s)
