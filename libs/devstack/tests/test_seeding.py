"""A repair does not seed again: demo data is loaded once per database and seed code
(``SeedStamp``), and seeded anew when either changes."""

from __future__ import annotations

import uuid
from pathlib import Path

import asyncpg
import pytest

from devstack import seeding
from devstack.harness import TestInfra
from devstack.seeding import SeedStamp


async def test_a_stamp_holds_for_its_database_and_code_only(
    infra: TestInfra, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    admin = infra.admin_database_url
    stamp = SeedStamp(tmp_path, "notifications", admin)
    assert not stamp.current()  # never seeded
    stamp.record()
    assert SeedStamp(tmp_path, "notifications", admin).current()  # the repair skips it
    assert not SeedStamp(tmp_path, "resources", admin).current()  # per service

    # new demo data in the service's code: seeded again
    monkeypatch.setattr(seeding, "code_fingerprint", lambda service: "changed")
    assert not SeedStamp(tmp_path, "notifications", admin).current()
    monkeypatch.undo()

    # another database (a make clean, another DATABASE_URL): seeded again
    name = f"seedstamp_{uuid.uuid4().hex[:8]}"
    conn = await asyncpg.connect(admin)
    try:
        await conn.execute(f'CREATE DATABASE "{name}"')
        try:
            other = admin.rsplit("/", 1)[0] + f"/{name}"
            assert not SeedStamp(tmp_path, "notifications", other).current()
        finally:
            await conn.execute(f'DROP DATABASE "{name}"')
    finally:
        await conn.close()
