"""Connections and blocks: rows <-> aggregates, plus the relation queries views need."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from sqlalchemy import and_, delete, exists, or_, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.engine import RowMapping
from sqlalchemy.ext.asyncio import AsyncSession

from profiles.adapters.orm import blocks, connections
from profiles.domain.connection import Connection, ConnectionStatus, pair_key


class ConnectionRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, connection_id: UUID, *, for_update: bool = False) -> Connection | None:
        query = select(connections).where(connections.c.id == connection_id)
        if for_update:
            query = query.with_for_update()
        row = (await self.session.execute(query)).mappings().first()
        return _connection(row) if row else None

    async def between(self, a: UUID, b: UUID, *, for_update: bool = False) -> Connection | None:
        query = select(connections).where(connections.c.pair_key == pair_key(a, b))
        if for_update:
            query = query.with_for_update()
        row = (await self.session.execute(query)).mappings().first()
        return _connection(row) if row else None

    async def add(self, c: Connection) -> None:
        await self.session.execute(connections.insert().values(**_row(c)))

    async def save(self, c: Connection) -> None:
        values = _row(c)
        del values["id"]
        await self.session.execute(
            connections.update().where(connections.c.id == c.id).values(**values)
        )

    async def of(self, person: UUID, status: ConnectionStatus | None) -> list[Connection]:
        query = select(connections).where(
            or_(connections.c.requester_id == person, connections.c.addressee_id == person)
        )
        if status is not None:
            query = query.where(connections.c.status == status.value)
        rows = await self.session.execute(query.order_by(connections.c.requested_at.desc()))
        return [_connection(r) for r in rows.mappings()]

    async def are_connected(self, a: UUID, b: UUID) -> bool:
        return bool(
            await self.session.scalar(
                select(
                    exists().where(
                        connections.c.pair_key == pair_key(a, b),
                        connections.c.status == ConnectionStatus.ACCEPTED.value,
                    )
                )
            )
        )

    # ---- blocks ---------------------------------------------------------------------------
    async def block(self, blocker: UUID, blocked: UUID, at: datetime) -> None:
        await self.session.execute(
            insert(blocks)
            .values(blocker_id=blocker, blocked_id=blocked, created_at=at)
            .on_conflict_do_nothing()
        )

    async def unblock(self, blocker: UUID, blocked: UUID) -> bool:
        result = await self.session.execute(
            delete(blocks).where(blocks.c.blocker_id == blocker, blocks.c.blocked_id == blocked)
        )
        return bool(getattr(result, "rowcount", 0))

    async def blocked_by(self, blocker: UUID) -> list[tuple[UUID, datetime]]:
        rows = await self.session.execute(
            select(blocks.c.blocked_id, blocks.c.created_at)
            .where(blocks.c.blocker_id == blocker)
            .order_by(blocks.c.created_at.desc())
        )
        return [(r.blocked_id, r.created_at) for r in rows]

    async def is_blocked_between(self, a: UUID, b: UUID) -> bool:
        return bool(await self.session.scalar(select(exists().where(blocked_between(a, b)))))


def blocked_between(a: Any, b: Any) -> Any:
    """SQL condition: either person blocked the other (columns or values)."""
    return or_(
        and_(blocks.c.blocker_id == a, blocks.c.blocked_id == b),
        and_(blocks.c.blocker_id == b, blocks.c.blocked_id == a),
    )


def _row(c: Connection) -> dict[str, Any]:
    return {
        "id": c.id,
        "pair_key": pair_key(c.requester_id, c.addressee_id),
        "requester_id": c.requester_id,
        "addressee_id": c.addressee_id,
        "status": c.status.value,
        "note": c.note,
        "version": c.version,
        "requested_at": c.requested_at,
        "responded_at": c.responded_at,
    }


def _connection(row: RowMapping) -> Connection:
    return Connection(
        id=row["id"],
        requester_id=row["requester_id"],
        addressee_id=row["addressee_id"],
        status=ConnectionStatus(row["status"]),
        note=row["note"],
        version=row["version"],
        requested_at=row["requested_at"],
        responded_at=row["responded_at"],
    )
