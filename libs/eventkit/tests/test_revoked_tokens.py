"""An erased account's access tokens stop opening the service within its refresh interval,
however valid their signatures, while everybody else's go on working (eventkit.revocations)."""

from __future__ import annotations

import asyncio
import time
import uuid
from datetime import UTC, datetime, timedelta

import httpx
import kit
import pytest
from fastapi import APIRouter
from sqlalchemy import select
from sqlalchemy.ext.asyncio import create_async_engine

from devstack.harness import TestInfra
from devstack.testing import TokenIssuer, api_client
from eventkit.http.auth import CurrentPrincipal, JwtVerifier
from eventkit.http.problems import Problem
from eventkit.revocations import RevokedSubjects, revoke_subject
from eventkit.service import Chassis

issuer = TokenIssuer()
router = APIRouter()


@router.get("/me")
async def whoami(principal: CurrentPrincipal) -> dict[str, str]:
    return {"sub": str(principal.subject)}


def verifier(revoked: RevokedSubjects) -> JwtVerifier:
    return JwtVerifier(
        issuer.jwks_source,
        issuer="diaspora-platform",
        audience="diaspora-platform",
        revoked=revoked,
    )


async def test_a_revoked_subject_is_refused_cached_or_not() -> None:
    erased, other = uuid.uuid4(), uuid.uuid4()
    token = issuer.token(erased)
    v = verifier(RevokedSubjects())
    assert (await v.verify(token)).subject == erased  # now in the verified-token cache
    v.revoked = RevokedSubjects(frozenset({erased}))
    for attempt in (token, issuer.token(erased)):  # the cached token and a fresh one
        with pytest.raises(Problem) as refused:
            await v.verify(attempt)
        assert refused.value.status == 401
        assert "no longer exists" in refused.value.detail
    assert (await v.verify(issuer.token(other))).subject == other


async def test_a_failing_refresh_keeps_the_last_known_revocations() -> None:
    erased = uuid.uuid4()
    revoked = RevokedSubjects(frozenset({erased}))
    engine = create_async_engine("postgresql+asyncpg://nobody@127.0.0.1:9/none")
    stop = asyncio.Event()
    task = asyncio.create_task(revoked.keep_fresh(lambda: engine, kit.revoked_subjects, 0.05, stop))
    await asyncio.sleep(0.3)
    stop.set()
    await asyncio.wait_for(task, 5)  # ended on stop, not on the errors
    assert erased in revoked
    await engine.dispose()


@pytest.fixture
async def kit_service(kit_db: str, infra: TestInfra) -> Chassis:
    c = kit.chassis(kit_db, infra.kafka_bootstrap)
    c.settings.revocation_refresh_s = 0.1
    return c


async def test_an_erased_accounts_token_stops_working_at_the_service(
    kit_service: Chassis,
) -> None:
    erased, other = uuid.uuid4(), uuid.uuid4()
    app = kit_service.create_app([router], title="kit")
    issuer.install(app)
    erased_token, other_token = issuer.token(erased), issuer.token(other)
    async with api_client(app) as http:
        assert (await get_me(http, erased_token)).status_code == 200

        uow = kit.uow_factory(kit_service)()
        async with uow:
            await revoke_subject(uow, erased, datetime.now(UTC))
            await uow.commit()

        refused = await eventually_status(http, erased_token, 401, within_s=5)
        assert refused.headers["content-type"] == "application/problem+json"
        assert (await get_me(http, other_token)).status_code == 200
    await kit_service.dispose()


async def test_old_revocations_are_dropped_when_a_new_one_is_written(
    kit_service: Chassis,
) -> None:
    """A revocation outlives every token issued before it by far; then it protects nothing."""
    long_ago, recent = uuid.uuid4(), uuid.uuid4()
    now = datetime.now(UTC)
    for subject, at in ((long_ago, now - timedelta(days=2)), (recent, now)):
        uow = kit.uow_factory(kit_service)()
        async with uow:
            await revoke_subject(uow, subject, at)
            await uow.commit()
    async with kit_service.engine.connect() as conn:
        kept = set((await conn.execute(select(kit.revoked_subjects.c.subject_id))).scalars())
    assert kept == {recent}
    await kit_service.dispose()


async def get_me(http: httpx.AsyncClient, token: str) -> httpx.Response:
    return await http.get("/me", headers={"authorization": f"Bearer {token}"})


async def eventually_status(
    http: httpx.AsyncClient, token: str, status: int, *, within_s: float
) -> httpx.Response:
    deadline = time.monotonic() + within_s
    while True:
        response = await get_me(http, token)
        if response.status_code == status or time.monotonic() > deadline:
            assert response.status_code == status, response.text
            return response
        await asyncio.sleep(0.05)
