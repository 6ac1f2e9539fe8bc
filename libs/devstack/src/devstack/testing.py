"""Helpers for service tests against the real infrastructure.

* ``fresh_service_database`` gives a service a clean schema migrated from zero by its own
  Alembic migrations (the same path production takes).
* ``api_client`` runs the real FastAPI app (lifespan included) behind an httpx client.
* ``running_worker`` / ``running_relay`` run the service's consumers and outbox relay against
  the real broker, in-process, until the block ends.
* ``TokenIssuer`` signs access tokens for tests of services that only *verify* tokens.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import parse_qs, urlsplit

import asyncpg
import httpx
import jwt
from aiokafka import AIOKafkaProducer
from asgi_lifespan import LifespanManager
from cryptography.hazmat.primitives.asymmetric import ec
from fastapi import FastAPI

from contracts.base import IntegrationEvent
from contracts.envelope import CloudEvent
from devstack.harness import TestInfra
from devstack.postgres import plain_url

if TYPE_CHECKING:
    import pytest

T = TypeVar("T")


async def fresh_service_database(infra: TestInfra, service: str) -> str:
    """Drop and re-provision the service's schema; return its (asyncpg) URL, not migrated."""
    conn = await asyncpg.connect(plain_url(infra.admin_database_url))
    try:
        await conn.execute(f'DROP SCHEMA IF EXISTS "{service}" CASCADE')
    finally:
        await conn.close()
    return await infra.aservice_database_url(service)


async def migrate(service_obj: Any) -> None:
    """Run the service's Alembic migrations to head (in a thread: Alembic drives its own loop)."""
    for folder in (service_obj.migrations_dir, *service_obj.extra_migrations_dirs):
        await asyncio.to_thread(service_obj.chassis.migrate, folder)


@contextlib.asynccontextmanager
async def api_client(
    app: FastAPI, base_url: str = "http://testserver"
) -> AsyncIterator[httpx.AsyncClient]:
    async with LifespanManager(app) as manager:
        # like a real server: an unhandled error is a 500 response, not an exception in the test
        transport = httpx.ASGITransport(app=manager.app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url=base_url) as client:
            yield client


@contextlib.asynccontextmanager
async def api_client_through(
    app: FastAPI, database_url: str, unit_of_work: Callable[[Any], Callable[[], Any]]
) -> AsyncIterator[httpx.AsyncClient]:
    """``app``'s API whose units of work reach the database at ``database_url`` (a
    ``devstack.pgwire`` recorder's) on one pooled connection: ``unit_of_work`` turns that
    connection's session factory into the app's ``uow_factory``."""
    from eventkit.db import make_engine, make_session_factory

    engine = make_engine(database_url, pool_size=1)
    app.state.uow_factory = unit_of_work(make_session_factory(engine))
    try:
        async with api_client(app) as client:
            yield client
    finally:
        await engine.dispose()


@contextlib.asynccontextmanager
async def recorded_api_client(
    service_obj: Any, tokens: TokenIssuer, database_url: str, unit_of_work: Callable[..., Any]
) -> AsyncIterator[httpx.AsyncClient]:
    """The service's API (verifying ``tokens``' tokens) whose units of work reach Postgres at
    ``database_url``, a ``devstack.pgwire`` recorder's: the statement-count tests' client.
    ``unit_of_work(sessions, outbox, inbox)`` builds one unit of work (a service's class, or a
    ``functools.partial`` of it with its event mapper)."""
    chassis = service_obj.chassis
    app = service_obj.create_app()
    tokens.install(app)
    async with api_client_through(
        app,
        database_url,
        lambda sessions: lambda: unit_of_work(sessions, chassis.outbox, chassis.inbox),
    ) as client:
        yield client


@contextlib.asynccontextmanager
async def running_worker(service_obj: Any) -> AsyncIterator[None]:
    """The service's consumers + background jobs, until the block ends."""
    stop = asyncio.Event()
    jobs = [*service_obj.chassis.jobs(), *service_obj.background_jobs()]
    tasks = [asyncio.create_task(job(stop)) for job in jobs]
    dispatcher = service_obj.dispatcher()
    if dispatcher is not None:
        ready = asyncio.Event()
        tasks.append(
            asyncio.create_task(service_obj.chassis.run_worker(dispatcher, stop, ready=ready))
        )
        await asyncio.wait_for(ready.wait(), 30)
    try:
        yield
    finally:
        stop.set()
        await asyncio.gather(*tasks)


@contextlib.asynccontextmanager
async def running_relay(service_obj: Any) -> AsyncIterator[None]:
    stop = asyncio.Event()
    task = asyncio.create_task(service_obj.chassis.run_relay(stop))
    try:
        yield
    finally:
        stop.set()
        await task


async def eventually(
    probe: Callable[[], Awaitable[T]],
    predicate: Callable[[T], bool] = bool,
    *,
    timeout_s: float = 20.0,
    interval_s: float = 0.1,
) -> T:
    """Poll ``probe`` until ``predicate(value)``; fail with the last value seen."""
    deadline = time.monotonic() + timeout_s
    value = await probe()
    while not predicate(value):
        if time.monotonic() > deadline:
            raise AssertionError(f"condition not met within {timeout_s}s; last value: {value!r}")
        await asyncio.sleep(interval_s)
        value = await probe()
    return value


async def skip_history(bootstrap: str, group: str, topics: list[str]) -> None:
    """Commit ``group``'s offsets at the current end of ``topics``: a consumer started
    afterwards sees only new events, not the history other tests left in the shared broker."""
    from aiokafka import AIOKafkaConsumer

    consumer = AIOKafkaConsumer(
        *topics,
        bootstrap_servers=bootstrap,
        group_id=group,
        auto_offset_reset="latest",
        enable_auto_commit=False,
    )
    await consumer.start()
    try:
        while not consumer.assignment():
            await consumer.getmany(timeout_ms=200)
        for tp in consumer.assignment():
            await consumer.position(tp)
        await consumer.commit()
    finally:
        await consumer.stop()


class TokenIssuer:
    """Signs ES256 access tokens and serves the matching JWKS, for tests of token *verifiers*."""

    def __init__(
        self, issuer: str = "diaspora-platform", audience: str = "diaspora-platform"
    ) -> None:
        self.issuer = issuer
        self.audience = audience
        self.kid = f"test-{uuid.uuid4().hex[:8]}"
        self._key = ec.generate_private_key(ec.SECP256R1())

    def jwks(self) -> dict[str, Any]:
        jwk = jwt.algorithms.ECAlgorithm.to_jwk(self._key.public_key(), as_dict=True)
        return {"keys": [{**jwk, "kid": self.kid, "use": "sig", "alg": "ES256"}]}

    async def jwks_source(self) -> dict[str, Any]:
        return self.jwks()

    def token(
        self,
        subject: uuid.UUID | str,
        roles: Sequence[str] = ("member",),
        ttl_s: int = 300,
        *,
        verified: bool = True,
        amr: Sequence[str] = ("pwd",),
    ) -> str:
        now = datetime.now(UTC)
        claims = {
            "sub": str(subject),
            "roles": list(roles),
            "email_verified": verified,
            "amr": list(amr),
            "iss": self.issuer,
            "aud": self.audience,
            "iat": now,
            "exp": now + timedelta(seconds=ttl_s),
        }
        return jwt.encode(claims, self._key, algorithm="ES256", headers={"kid": self.kid})

    def headers(
        self,
        subject: uuid.UUID | str,
        roles: Sequence[str] = ("member",),
        *,
        verified: bool = True,
        amr: Sequence[str] = ("pwd",),
    ) -> dict[str, str]:
        token = self.token(subject, roles, verified=verified, amr=amr)
        return {"Authorization": f"Bearer {token}"}

    def install(self, app: FastAPI) -> None:
        """Make the app verify tokens against this issuer's keys."""
        from eventkit.http.auth import JwtVerifier

        current = getattr(app.state, "jwt_verifier", None)
        app.state.jwt_verifier = JwtVerifier(
            self.jwks_source,
            issuer=self.issuer,
            audience=self.audience,
            # the chassis' revoked subjects (erased accounts) still apply
            revoked=current.revoked if current is not None else frozenset(),
        )


async def publish_event(
    producer: AIOKafkaProducer,
    event: IntegrationEvent,
    *,
    source: str = "/tests",
    sequence: int = 0,
) -> CloudEvent:
    """What another service's outbox relay writes: a binary-mode CloudEvent keyed by the
    event's subject, on the event's topic. Returns the envelope (its id is the inbox key)."""
    ce = CloudEvent(
        source=source,
        type=event.type_name,
        subject=event.subject(),
        sequence=sequence,
        data=event.model_dump(mode="json"),
    )
    await producer.send_and_wait(
        event.topic, key=ce.subject.encode(), value=ce.kafka_value(), headers=ce.kafka_headers()
    )
    return ce


async def verification_link_token(admin_database_url: str, account_id: str) -> str:
    """The token of the verification link profiles emailed a new account (read from the
    outbox row of its ``profiles.account.registered``, as the email was made from it)."""
    conn = await asyncpg.connect(plain_url(admin_database_url))
    try:
        payload = await conn.fetchval(
            "SELECT payload FROM profiles.outbox WHERE aggregateid = $1"
            " AND type = 'profiles.account.registered'",
            account_id,
        )
    finally:
        await conn.close()
    url = json.loads(payload)["verification_url"]
    return str(parse_qs(urlsplit(url).query)["token"][0])


def deselect_marked(
    config: pytest.Config, items: list[pytest.Item], marker: str, *, unless_env: str
) -> None:
    """A folder's longer set (tests with ``marker``) runs only when ``unless_env`` is
    ``full`` (its make target); otherwise it is deselected, not skipped, so ``make test``
    reports no skips for work that is simply elsewhere."""
    if os.environ.get(unless_env) == "full":
        return
    dropped = [i for i in items if i.get_closest_marker(marker)]
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = [i for i in items if not i.get_closest_marker(marker)]
