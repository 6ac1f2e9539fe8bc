"""Inbox: idempotent consumers. The dedupe row commits in the same transaction as the effects,
so a redelivered event (relay restart, rebalance, crash before commit) has exactly one effect."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from datetime import UTC, datetime

from sqlalchemy import (
    Column,
    DateTime,
    Executable,
    MetaData,
    String,
    Table,
    bindparam,
    func,
    select,
)
from sqlalchemy.dialects.postgresql import ARRAY, insert
from sqlalchemy.ext.asyncio import AsyncSession


def inbox_table(metadata: MetaData) -> Table:
    return Table(
        "inbox",
        metadata,
        Column("event_id", String(100), primary_key=True),
        Column("type", String(200), nullable=False),
        Column("topic", String(200), nullable=False),
        Column("received_at", DateTime(timezone=True), nullable=False),
    )


class Inbox:
    def __init__(self, table: Table) -> None:
        self.table = table

    async def first_delivery(
        self, session: AsyncSession, event_id: str, type_: str, topic: str
    ) -> bool:
        """Record the event; False when it was already processed (a duplicate)."""
        stmt = (
            insert(self.table)
            .values(event_id=event_id, type=type_, topic=topic, received_at=datetime.now(UTC))
            .on_conflict_do_nothing(index_elements=["event_id"])
            .returning(self.table.c.event_id)
        )
        return (await session.execute(stmt)).first() is not None

    async def first_deliveries(
        self, session: AsyncSession, events: Sequence[tuple[str, str, str]]
    ) -> set[str]:
        """Record a batch of ``(event_id, type, topic)`` in one statement; the ids seen for the
        first time. A copy repeated inside the batch is recorded once (the caller treats every
        copy after the first as a duplicate)."""
        unique = {event_id: (type_, topic) for event_id, type_, topic in reversed(events)}
        if not unique:
            return set()
        result = await session.execute(
            self._batch_insert,
            {
                "ids": list(unique),
                "types": [type_ for type_, _ in unique.values()],
                "topics": [topic for _, topic in unique.values()],
                "received_at": datetime.now(UTC),
            },
        )
        return set(result.scalars())

    @functools.cached_property
    def _batch_insert(self) -> Executable:
        # three array parameters whatever the batch size: one prepared statement, compiled once
        # (a multi-row VALUES list is a new statement with 4 parameters per row)
        t = self.table
        rows = select(
            func.unnest(bindparam("ids", type_=ARRAY(String()))),
            func.unnest(bindparam("types", type_=ARRAY(String()))),
            func.unnest(bindparam("topics", type_=ARRAY(String()))),
            bindparam("received_at", type_=DateTime(timezone=True)),
        )
        return (
            insert(t)
            .from_select(["event_id", "type", "topic", "received_at"], rows)
            .on_conflict_do_nothing(index_elements=["event_id"])
            .returning(t.c.event_id)
        )
