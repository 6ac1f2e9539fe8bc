"""Stored profile photos."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from sqlalchemy import delete, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from profiles.adapters.images import ProcessedPhoto
from profiles.adapters.orm import person_photos as p


class PhotoRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def put(self, person_id: UUID, photo: ProcessedPhoto, at: datetime) -> None:
        values: dict[str, Any] = {
            "person_id": person_id,
            "content_type": photo.content_type,
            "image": photo.image,
            "thumbnail": photo.thumbnail,
            "width": photo.width,
            "height": photo.height,
            "sha256": photo.sha256,
            "updated_at": at,
        }
        statement = insert(p).values(**values)
        await self.session.execute(
            statement.on_conflict_do_update(
                index_elements=[p.c.person_id],
                set_={k: statement.excluded[k] for k in values if k != "person_id"},
            )
        )

    async def get(self, person_id: UUID, *, thumbnail: bool) -> tuple[bytes, str, str] | None:
        column = p.c.thumbnail if thumbnail else p.c.image
        row = (
            await self.session.execute(
                select(column.label("data"), p.c.content_type, p.c.sha256).where(
                    p.c.person_id == person_id
                )
            )
        ).first()
        return (row.data, row.content_type, row.sha256) if row else None

    async def exists(self, person_id: UUID) -> bool:
        return (
            await self.session.scalar(select(p.c.person_id).where(p.c.person_id == person_id))
        ) is not None

    async def delete(self, person_id: UUID) -> bool:
        result = await self.session.execute(delete(p).where(p.c.person_id == person_id))
        return bool(getattr(result, "rowcount", 0))
