"""Rotating the key-encryption key (KEK) of the subject keys, as an operator does it
(docs/privacy.md): profiles restarted with a new KEK and the old one as previous reads every
key; its worker rewraps them all under the new KEK; then the old KEK can go. Bad settings stop
profiles at startup with a clear message; ``python -m profiles subject-keys`` shows and drives it.

Runs in a database of its own (``kek_rotation``), so the KEKs here never meet other tests' keys.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import contextlib
import io
import json
import os
import subprocess
import sys
from collections.abc import AsyncIterator
from typing import Any

import asyncpg
import httpx
import pytest
from profiles_testkit import register
from sqlalchemy import select, update

from devstack.harness import TestInfra
from devstack.postgres import aprovision_service, plain_url, recreate_database
from devstack.testing import api_client, eventually, migrate
from eventkit.subject_keys import UnwrapError, kek_id
from profiles.adapters.orm import subject_keys as table
from profiles.bootstrap import ProfilesService
from profiles.config import ProfilesSettings
from profiles.entrypoints import cli
from profiles.service_layer import subject_keys as subject_keys_layer
from profiles.service_layer.subject_keys import KeyStatus, key_status

DATABASE = "kek_rotation"
TOKEN = "kek-rotation-test-token"
A, B, NEVER_USED = os.urandom(32), os.urandom(32), os.urandom(32)


def b64(kek: bytes) -> str:
    return base64.b64encode(kek).decode()


def settings(url: str, current: bytes | None, previous: str = "", **extra: Any) -> ProfilesSettings:
    return ProfilesSettings(
        database_url=url,
        kafka_bootstrap_servers="127.0.0.1:9",  # nothing here talks to Kafka
        argon2_time_cost=1,
        argon2_memory_cost_kib=8192,
        subject_key_kek=b64(current) if current else "",
        subject_key_kek_previous=previous,
        subject_key_clients={"notifications": TOKEN},
        **extra,
    )


@contextlib.asynccontextmanager
async def profiles(
    url: str, current: bytes, previous: str = "", **extra: Any
) -> AsyncIterator[ProfilesService]:
    """profiles (re)started with these KEKs."""
    service = ProfilesService(settings(url, current, previous, **extra))
    try:
        yield service
    finally:
        await service.chassis.dispose()


@pytest.fixture(scope="module")
async def kek_db(infra: TestInfra) -> str:
    """profiles' schema, migrated from zero, in a database of its own."""
    admin_url = await recreate_database(infra.admin_database_url, DATABASE)
    url = await aprovision_service(admin_url, "profiles")
    async with profiles(url, A) as service:
        await migrate(service)
    return url


@pytest.fixture
async def db(kek_db: str) -> str:
    """No subject keys left from an earlier test."""
    conn = await asyncpg.connect(plain_url(kek_db))
    try:
        await conn.execute("DELETE FROM profiles.subject_keys")
    finally:
        await conn.close()
    return kek_db


async def rows(service: ProfilesService) -> dict[str, Any]:
    async with service.chassis.sessions() as session:
        result = await session.execute(
            select(
                table.c.key_id,
                table.c.subject,
                table.c.kek_id,
                table.c.wrapped_key,
                table.c.destroyed_at,
            )
        )
        return {row.key_id: row for row in result}


async def fetch(client: httpx.AsyncClient, key_id: str) -> httpx.Response:
    return await client.get(
        f"/internal/subject-keys/{key_id}", headers={"Authorization": f"Bearer {TOKEN}"}
    )


async def served_keys(client: httpx.AsyncClient, key_ids: list[str]) -> dict[str, bytes]:
    out = {}
    for key_id in key_ids:
        r = await fetch(client, key_id)
        assert r.status_code == 200, r.text
        out[key_id] = base64.b64decode(r.json()["key"])
    return out


class Recorder:
    """Stands in for the module's structlog logger: what the job logs."""

    def __init__(self) -> None:
        self.events: list[tuple[str, dict[str, Any]]] = []

    def _record(self, event: str, **fields: Any) -> None:
        self.events.append((event, fields))

    info = warning = error = exception = _record


async def test_restarted_with_a_new_kek_profiles_reads_every_key_and_rewraps_them_all(
    db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # 1. profiles under KEK A: people register (their events encrypt with their subject keys)
    async with profiles(db, A) as old, api_client(old.create_app()) as client:
        people = [(await register(client))[0] for _ in range(5)]
        before = await rows(old)
        assert {r.subject for r in before.values()} == set(people)
        assert {r.kek_id for r in before.values()} == {kek_id(A)}
        keys_a = await served_keys(client, list(before))
        erased_subject = people[0]
        async with old.chassis.sessions() as session:
            # one key from before KEK ids existed (the migration left kek_id NULL)
            await session.execute(
                update(table).where(table.c.subject == people[1]).values(kek_id=None)
            )
            assert old.subject_keys is not None
            assert await old.subject_keys.destroy(session, erased_subject)  # an erasure
            await session.commit()
        [erased] = [k for k, r in before.items() if r.subject == erased_subject]
        destroyed_before = (await rows(old))[erased]
        assert destroyed_before.wrapped_key is None
    live = {k: v for k, v in keys_a.items() if k != erased}

    # 2. restarted with current=B, previous=[A]: every key reads, old and new
    rotated_settings = {
        "subject_key_rewrap_batch": 2,
        "subject_key_rewrap_pause_s": 0.0,
        "subject_key_rewrap_interval_s": 0.2,
    }
    async with (
        profiles(db, B, b64(A), **rotated_settings) as rotated,
        api_client(rotated.create_app()) as client,
    ):
        assert await served_keys(client, list(live)) == live
        assert (await fetch(client, erased)).status_code == 410
        newcomer, _ = await register(client)
        [new_row] = [r for r in (await rows(rotated)).values() if r.subject == newcomer]
        assert new_row.kek_id == kek_id(B)  # new keys are wrapped under the current KEK
        new_key = (await served_keys(client, [new_row.key_id]))[new_row.key_id]
        assert rotated.subject_keys is not None
        status = await key_status(rotated.uow(), rotated.subject_keys)
        assert status.live_by_kek_id == {kek_id(A): 3, None: 1, kek_id(B): 1}
        assert status.left_to_rewrap == 4 and status.destroyed == 1

        # 3. the worker's background jobs rewrap them, a small batch per transaction
        recorder = Recorder()
        monkeypatch.setattr(subject_keys_layer, "log", recorder)
        stop = asyncio.Event()
        jobs = [asyncio.create_task(job(stop)) for job in rotated.background_jobs()]
        try:
            await eventually(
                lambda: asyncio.sleep(0, [e for e, _ in recorder.events]),
                lambda events: "subject_keys.rewrap_finished" in events,
            )
        finally:
            stop.set()
            await asyncio.gather(*jobs)
        progress = [
            fields for event, fields in recorder.events if event == "subject_keys.rewrapped"
        ]
        assert [p["rewrapped"] for p in progress] == [2, 2]
        assert [p["total"] for p in progress] == [2, 4] and progress[-1]["left"] == 0
        assert all(set(p) == {"rewrapped", "total", "left", "kek_id"} for p in progress)
        assert ("subject_keys.rewrap_finished", {"total": 4, "left": 0}) in recorder.events
        after = await rows(rotated)
        assert {r.kek_id for k, r in after.items() if k != erased} == {kek_id(B)}
        # the destroyed key was never touched: still no key, same kek_id, same time
        assert after[erased] == destroyed_before
        assert (await fetch(client, erased)).status_code == 410
        status = await key_status(rotated.uow(), rotated.subject_keys)
        assert status.live_by_kek_id == {kek_id(B): 5} and status.destroyed == 1

    # 4. the previous KEK removed: every key still reads, with B alone
    async with profiles(db, B) as only_b, api_client(only_b.create_app()) as client:
        assert await served_keys(client, [*live, new_row.key_id]) == {
            **live,
            new_row.key_id: new_key,
        }
        assert (await fetch(client, erased)).status_code == 410

    # 5. a KEK that never wrapped anything opens nothing: refused at startup, and a read
    # fails with a clear error instead of returning garbage
    async with profiles(db, NEVER_USED) as stranger:
        with pytest.raises(UnwrapError, match=f"under KEK ids {kek_id(B)}, which are not"):
            async with api_client(stranger.create_app()):
                pass
        assert stranger.subject_keys is not None
        async with stranger.chassis.sessions() as session:
            with pytest.raises(UnwrapError, match=f"wrapped under KEK {kek_id(B)}, which is"):
                await stranger.subject_keys.key(session, new_row.key_id)


@pytest.mark.parametrize(
    ("previous", "message"),
    [
        ("not base64!", "SUBJECT_KEY_KEK_PREVIOUS entry 1 of 1 is not valid base64"),
        (f"{b64(A)},{b64(b'sixteen bytes!!!')}", "entry 2 of 2 must be 32 bytes"),
    ],
)
def test_a_malformed_previous_kek_stops_profiles_at_startup(previous: str, message: str) -> None:
    with pytest.raises(ValueError, match=message) as refused:
        ProfilesService(settings("postgresql+asyncpg://nobody@127.0.0.1:9/x", B, previous))
    assert previous.split(",")[-1] not in str(refused.value)  # the KEK is never printed


def test_a_previous_kek_without_a_current_one_stops_profiles_at_startup() -> None:
    with pytest.raises(ValueError, match="SUBJECT_KEY_KEK_PREVIOUS is set but SUBJECT_KEY_KEK"):
        ProfilesService(settings("postgresql+asyncpg://nobody@127.0.0.1:9/x", None, b64(A)))


async def test_a_wrong_previous_kek_stops_the_api_and_the_worker_at_startup(db: str) -> None:
    async with profiles(db, A) as old, api_client(old.create_app()) as client:
        await register(client)
        legacy, _ = await register(client)
        async with old.chassis.sessions() as session:
            await session.execute(
                update(table).where(table.c.subject == legacy).values(kek_id=None)
            )
            await session.commit()
    # the operator put the new KEK as current but the wrong one as previous
    async with profiles(db, B, b64(NEVER_USED)) as wrong:
        message = f"SUBJECT_KEY_KEK / SUBJECT_KEY_KEK_PREVIOUS cannot open .* {kek_id(A)}"
        with pytest.raises(UnwrapError, match=message):
            async with api_client(wrong.create_app()):
                pass
        # the worker: its rewrap job refuses to start, which ends the worker process
        stop = asyncio.Event()
        jobs = [asyncio.create_task(job(stop)) for job in wrong.background_jobs()]
        done, running = await asyncio.wait(jobs, timeout=30, return_when=asyncio.FIRST_EXCEPTION)
        stop.set()
        await asyncio.gather(*running)
        [failed] = done
        with pytest.raises(UnwrapError, match=message):
            failed.result()
    # only the key from before KEK ids is left under A: the check tries it too
    async with profiles(db, A) as old, old.chassis.sessions() as session:
        await session.execute(
            update(table).where(table.c.subject != legacy).values(kek_id=kek_id(B))
        )
        await session.commit()
    async with profiles(db, B, b64(NEVER_USED)) as wrong:
        with pytest.raises(UnwrapError, match=r"from before KEK ids .* not opened by any"):
            async with api_client(wrong.create_app()):
                pass


async def test_subject_keys_status_and_rotate_commands(db: str) -> None:
    async with profiles(db, A) as old, api_client(old.create_app()) as client:
        for _ in range(3):
            await register(client)
        erased = (await register(client))[0]
        async with old.chassis.sessions() as session:
            assert old.subject_keys is not None
            await old.subject_keys.destroy(session, erased)
            await session.commit()

    async def run(action: str, **args: Any) -> tuple[int, str]:
        out = io.StringIO()
        service = ProfilesService(settings(db, B, b64(A)))
        code = await cli.subject_keys(service, argparse.Namespace(action=action, **args), out)
        return code, out.getvalue()

    code, text = await run("status", json=False)
    assert code == 0
    lines = text.splitlines()
    assert lines[0] == f"current KEK id:   {kek_id(B)}"
    assert lines[1] == f"previous KEK ids: {kek_id(A)}"
    assert f"{kek_id(B):<18}{0:>10}  current" in lines
    assert f"{kek_id(A):<18}{3:>10}  previous" in lines
    assert "destroyed keys: 1 (never rewrapped: nothing to unwrap)" in lines
    assert lines[-1] == "left to rewrap: 3"
    assert b64(A) not in text and b64(B) not in text

    code, text = await run("status", json=True)
    assert code == 0 and json.loads(text) == {
        "current_kek_id": kek_id(B),
        "previous_kek_ids": [kek_id(A)],
        "live_keys_by_kek_id": {kek_id(A): 3},
        "live_keys_without_kek_id": 0,
        "destroyed_keys": 1,
        "left_to_rewrap": 3,
        "unknown_kek_ids": [],
    }

    code, text = await run("rotate", batch=2)
    assert code == 0
    assert text.splitlines()[:3] == [
        "rewrapped 2 (total 2, about 1 left)",
        "rewrapped 1 (total 3, about 0 left)",
        f"rewrapped 3 keys under KEK {kek_id(B)}",
    ]
    assert f"{kek_id(B):<18}{3:>10}  current" in text.splitlines()
    assert "left to rewrap: 0" in text
    assert "every live key is under the current KEK: the previous KEKs can go" in text

    # a KEK id nobody configured: status says so and exits non-zero
    service = ProfilesService(settings(db, NEVER_USED))
    out = io.StringIO()
    code = await cli.subject_keys(service, argparse.Namespace(action="status", json=False), out)
    assert code == 1
    assert f"{kek_id(B):<18}{3:>10}  NOT CONFIGURED" in out.getvalue()
    assert f"WARNING: keys under KEK ids that are not configured: {kek_id(B)}" in out.getvalue()


def _cli(url: str, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "profiles", *args],
        env={**os.environ, "DATABASE_URL": url, "LOG_JSON": "false", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


async def test_the_real_command_line(db: str) -> None:
    async with profiles(db, A) as old, api_client(old.create_app()) as client:
        await register(client)
    env = {"SUBJECT_KEY_KEK": b64(B), "SUBJECT_KEY_KEK_PREVIOUS": b64(A)}
    # (the text form is checked in-process above; each process takes seconds to start)
    result = _cli(db, "subject-keys", "status", "--json", **env)
    assert result.returncode == 0, result.stderr[-3000:]
    # nothing but the document on stdout (no log line), for scripts
    assert json.loads(result.stdout)["live_keys_by_kek_id"] == {kek_id(A): 1}
    assert json.loads(result.stdout)["left_to_rewrap"] == 1

    # a malformed previous KEK: the process stops before doing anything, naming the setting
    result = _cli(db, "worker", SUBJECT_KEY_KEK=b64(B), SUBJECT_KEY_KEK_PREVIOUS=f"{b64(A)},AAAA")
    assert result.returncode != 0
    assert (
        "SUBJECT_KEY_KEK_PREVIOUS entry 2 of 2 must be 32 bytes (base64 of 32 random bytes), got 3"
        in result.stderr
    )
    assert b64(A) not in result.stderr and b64(B) not in result.stderr


def test_status_shows_keys_from_before_kek_ids() -> None:
    text = cli.format_status(KeyStatus("b" * 16, [], {None: 2, "b" * 16: 1}, 0))
    assert f"{'(none)':<18}{2:>10}  no kek_id: wrapped before KEK ids" in text
    assert text.splitlines()[-1] == "left to rewrap: 2"
