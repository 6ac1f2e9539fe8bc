"""Expiring an export on the real database: the archive goes before the row stops pointing at
it, so a store that fails half-way leaves nothing behind that a later run would not find; and an
archive the row never recorded goes too."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from profiles_testkit import bearer, member
from sqlalchemy import select, update

from profiles.adapters import orm
from profiles.adapters.archive_store import ArchiveStore
from profiles.bootstrap import ProfilesService
from profiles.domain.privacy import archive_key
from profiles.service_layer.privacy import expire_exports


class UnreachableStore:
    """An archive store that keeps what it has and cannot delete (say, its volume is read-only)."""

    def __init__(self, inner: ArchiveStore) -> None:
        self.inner = inner

    async def put(self, key: str, data: bytes) -> None:
        raise OSError("read-only")

    async def get(self, key: str) -> bytes | None:
        return await self.inner.get(key)

    async def delete(self, key: str) -> None:
        raise OSError("read-only")


async def expired_export_with_archive(
    profiles_service: ProfilesService, client: httpx.AsyncClient, *, recorded: bool
) -> uuid.UUID:
    """A member's export past its expiry, its archive stored; ``recorded``: the export is
    ready and its row names the archive (otherwise the assembly's commit failed after storing
    it, and the row still says assembling)."""
    _, token = await member(client)
    r = await client.post("/v1/me/exports", headers=bearer(token))
    assert r.status_code == 202, r.text
    export_id = uuid.UUID(r.json()["export_id"])
    await profiles_service.archives.put(archive_key(export_id), b"PK personal data")
    recorded_archive = {"status": "ready", "archive_key": archive_key(export_id)}
    async with profiles_service.chassis.engine.begin() as conn:
        await conn.execute(
            update(orm.privacy_exports)
            .where(orm.privacy_exports.c.id == export_id)
            .values(
                expires_at=datetime.now(UTC) - timedelta(seconds=1),
                **(recorded_archive if recorded else {}),
            )
        )
    return export_id


async def test_an_archive_that_cannot_be_deleted_keeps_its_export_for_the_next_run(
    profiles_service: ProfilesService, client: httpx.AsyncClient
) -> None:
    export_id = await expired_export_with_archive(profiles_service, client, recorded=True)
    key = archive_key(export_id)

    async def export_row() -> tuple[str, str | None, bool]:
        async with profiles_service.chassis.engine.connect() as conn:
            row = (
                await conn.execute(
                    select(
                        orm.privacy_exports.c.status,
                        orm.privacy_exports.c.archive_key,
                        orm.privacy_exports.c.private_key.is_(None),
                    ).where(orm.privacy_exports.c.id == export_id)
                )
            ).one()
        return row[0], row[1], row[2]

    with pytest.raises(OSError):
        await expire_exports(
            profiles_service.uow(),
            UnreachableStore(profiles_service.archives),
            profiles_service.clock.now(),
        )
    # nothing committed: the row still points at the archive, which is still there
    assert await export_row() == ("ready", key, False)
    assert await profiles_service.archives.get(key) == b"PK personal data"

    # the next run, with the store back, destroys both
    assert (
        await expire_exports(
            profiles_service.uow(), profiles_service.archives, profiles_service.clock.now()
        )
        >= 1
    )
    assert await export_row() == ("expired", None, True)
    assert await profiles_service.archives.get(key) is None


async def test_an_archive_the_export_never_recorded_is_destroyed_with_it(
    profiles_service: ProfilesService, client: httpx.AsyncClient
) -> None:
    export_id = await expired_export_with_archive(profiles_service, client, recorded=False)
    assert (
        await expire_exports(
            profiles_service.uow(), profiles_service.archives, profiles_service.clock.now()
        )
        >= 1
    )
    assert await profiles_service.archives.get(archive_key(export_id)) is None
