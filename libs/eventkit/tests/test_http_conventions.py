"""The chassis' HTTP conventions every service uses: If-Match preconditions, Idempotency-Key
(against the real Postgres, in the transaction of the work), periodic jobs and the clock."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import httpx
import kit
import pytest
from fastapi import APIRouter
from pydantic import BaseModel
from sqlalchemy import func, select

from devstack.harness import TestInfra
from devstack.testing import TokenIssuer, api_client
from eventkit.clock import FixedClock
from eventkit.domain_errors import PreconditionFailed, PreconditionRequired
from eventkit.http.auth import CurrentPrincipal
from eventkit.http.idempotency import Once
from eventkit.jobs import PeriodicJob
from eventkit.preconditions import IfMatch, etag
from eventkit.service import Chassis


# ---- If-Match -------------------------------------------------------------------------
def test_if_match_compares_versions_weak_or_strong() -> None:
    assert etag(7) == 'W/"7"'
    for header in ('W/"7"', '"7"', ' "3", W/"7" ', "*"):
        IfMatch(header).check(7)  # passes
    with pytest.raises(PreconditionFailed) as stale:
        IfMatch('W/"6"').check(7, what="the profile")
    assert stale.value.extensions == {"current_etag": 'W/"7"'}
    assert "The profile changed" in str(stale.value)
    for nonsense in ("7", "W/7", '"seven"', ""):
        with pytest.raises(PreconditionFailed):
            IfMatch(nonsense).check(7)


def test_if_match_required_for_changes_not_for_creation() -> None:
    with pytest.raises(PreconditionRequired):
        IfMatch(None).check(3)
    IfMatch(None).check(3, required=False)
    IfMatch(None).check(None)  # creating: nothing to overwrite
    with pytest.raises(PreconditionFailed):
        IfMatch("*").check(None)  # RFC 9110: * needs a current representation


# ---- periodic jobs --------------------------------------------------------------------
async def test_a_periodic_job_survives_failures_and_stops_promptly() -> None:
    rounds: list[str] = []
    enough = asyncio.Event()

    async def work() -> int:
        rounds.append("round")
        if len(rounds) == 2:
            raise RuntimeError("one bad round")
        if len(rounds) >= 4:
            enough.set()
        return 0

    stop = asyncio.Event()
    job = PeriodicJob("test", work, interval_s=0.01)
    task = asyncio.create_task(job(stop))
    await asyncio.wait_for(enough.wait(), 5)  # the failing round did not end the job
    stop.set()
    await asyncio.wait_for(task, 1)  # stops within a pause, not after a whole interval


async def test_a_busy_job_drains_its_backlog_before_pausing() -> None:
    backlog = [3, 2, 1, 0]
    calls: list[int] = []
    drained = asyncio.Event()

    async def work() -> int:
        calls.append(backlog[0])
        if len(backlog) == 1:
            drained.set()
            return 0
        return backlog.pop(0)

    stop = asyncio.Event()
    task = asyncio.create_task(PeriodicJob("drain", work, 60.0, busy_interval_s=0)(stop))
    await asyncio.wait_for(drained.wait(), 5)
    stop.set()
    await asyncio.wait_for(task, 1)
    assert calls == [3, 2, 1, 0]  # no 60 s pause between busy rounds


# ---- Idempotency-Key ------------------------------------------------------------------
class ThingIn(BaseModel):
    name: str


router = APIRouter()
issuer = TokenIssuer()
CALLS: list[str] = []


@router.post("/things", status_code=201)
async def create_thing(body: ThingIn, principal: CurrentPrincipal, once: Once) -> object:
    async def work() -> dict[str, str]:
        CALLS.append(body.name)
        thing_id = uuid.uuid4()
        async with kit.uow_factory(CHASSIS[0])() as uow:
            await uow.session.execute(
                kit.effects.insert().values(
                    event_id=str(thing_id), aggregate_id=body.name, seq=1, name=body.name
                )
            )
            await asyncio.sleep(0.2)  # a twin overlaps with the transaction
            await uow.commit()
        return {"id": str(thing_id), "name": body.name}

    return await once(work, headers=lambda r: {"Location": f"/things/{r['id']}"})


CHASSIS: list[Chassis] = []


@pytest.fixture
async def things(kit_db: str, infra: TestInfra) -> AsyncIterator[httpx.AsyncClient]:
    c = kit.chassis(kit_db, infra.kafka_bootstrap)
    c.clock = FixedClock(datetime(2026, 6, 1, tzinfo=UTC))
    CHASSIS[:] = [c]
    CALLS.clear()
    app = c.create_app([router], title="things")
    issuer.install(app)
    async with api_client(app) as http:
        yield http
    await c.dispose()


async def _effects(name: str) -> int:
    async with CHASSIS[0].sessions() as s:
        counted = await s.execute(
            select(func.count()).select_from(kit.effects).where(kit.effects.c.name == name)
        )
        return int(counted.scalar_one())


async def test_a_retry_replays_the_first_answer_and_creates_nothing(
    things: httpx.AsyncClient,
) -> None:
    person = issuer.headers(uuid.uuid4())
    key = {**person, "Idempotency-Key": "k-1"}
    first = await things.post("/things", json={"name": "a"}, headers=key)
    assert first.status_code == 201 and "idempotent-replayed" not in first.headers
    again = await things.post("/things", json={"name": "a"}, headers=key)
    assert again.status_code == 201 and again.headers["idempotent-replayed"] == "true"
    assert again.json() == first.json() and again.headers["location"] == first.headers["location"]
    assert await _effects("a") == 1
    other_body = await things.post("/things", json={"name": "b"}, headers=key)
    assert other_body.status_code == 422, other_body.text
    assert await _effects("b") == 0
    # the same key from someone else is their own key
    stranger = await things.post(
        "/things",
        json={"name": "a"},
        headers={**issuer.headers(uuid.uuid4()), **{"Idempotency-Key": "k-1"}},
    )
    assert stranger.status_code == 201 and "idempotent-replayed" not in stranger.headers
    # without a key nothing is remembered
    assert (await things.post("/things", json={"name": "c"}, headers=person)).status_code == 201
    assert (await things.post("/things", json={"name": "c"}, headers=person)).status_code == 201
    assert await _effects("c") == 2


async def test_twins_racing_with_one_key_create_once(things: httpx.AsyncClient) -> None:
    key = {**issuer.headers(uuid.uuid4()), "Idempotency-Key": "twin"}
    answers = await asyncio.gather(
        *(things.post("/things", json={"name": "twin"}, headers=key) for _ in range(4))
    )
    assert {a.status_code for a in answers} == {201}, [a.text for a in answers]
    assert len({a.json()["id"] for a in answers}) == 1
    assert await _effects("twin") == 1  # the losers' transactions rolled back


async def test_keys_expire(things: httpx.AsyncClient) -> None:
    key = {**issuer.headers(uuid.uuid4()), "Idempotency-Key": "old"}
    assert (await things.post("/things", json={"name": "e"}, headers=key)).status_code == 201
    clock = CHASSIS[0].clock
    assert isinstance(clock, FixedClock)
    clock.advance(timedelta(seconds=CHASSIS[0].settings.idempotency_ttl_s + 1))
    later = await things.post("/things", json={"name": "e"}, headers=key)
    assert later.status_code == 201 and "idempotent-replayed" not in later.headers
    assert await _effects("e") == 2
    (purge,) = CHASSIS[0].jobs()
    clock.advance(timedelta(seconds=CHASSIS[0].settings.idempotency_ttl_s + 1))
    assert await purge.run_once()  # the expired rows were deleted


def test_the_key_is_documented_in_openapi(kit_db: str, infra: TestInfra) -> None:
    app = kit.chassis(kit_db, infra.kafka_bootstrap).create_app([router], title="things")
    operation = app.openapi()["paths"]["/things"]["post"]
    (header,) = [p for p in operation["parameters"] if p["name"] == "Idempotency-Key"]
    assert header["in"] == "header" and "same key" in header["description"]
