"""The service chassis: what every service is made of besides its domain.

A service's ``bootstrap.py`` (its composition root) builds one ``Chassis`` and hands it its
routers, its event dispatcher and its migrations; the chassis runs the API, the outbox relay
and the consumers the same way everywhere.
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
from collections.abc import AsyncIterator, Awaitable, Callable, Collection, Coroutine, Sequence
from pathlib import Path
from typing import Any, TypeVar

from aiokafka import AIOKafkaProducer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient
from fastapi import APIRouter, FastAPI
from fastapi.routing import APIRoute
from faststream.kafka import KafkaBroker
from prometheus_client import Gauge
from sqlalchemy import MetaData, text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from contracts.topics import DLQ_SUFFIX
from eventkit import tracing
from eventkit.broker import make_broker, subscribe
from eventkit.clock import Clock, SystemClock
from eventkit.consumer import EventDispatcher
from eventkit.crypto import CachingKeyResolver, KeyResolver
from eventkit.db import make_engine, make_session_factory, messaging_tables
from eventkit.errors import is_transient
from eventkit.http.auth import JwtVerifier, http_jwks_source
from eventkit.http.cors import allow_origins
from eventkit.http.guard import RequestGuard, RequestLimits
from eventkit.http.health import ReadinessCheck, health_router
from eventkit.http.metrics import MetricsMiddleware, metrics_router
from eventkit.http.middleware import RequestContextMiddleware
from eventkit.http.openapi_headers import document_headers
from eventkit.http.openapi_security import document_security
from eventkit.http.problems import ErrorBoundary, document_problems, install_problem_handlers
from eventkit.http.rate_limit import EXEMPT_PREFIXES, RateLimiter, RateLimits
from eventkit.idempotency import idempotency_keys_table, purge_expired
from eventkit.inbox import Inbox
from eventkit.jobs import PeriodicJob
from eventkit.logging import configure_logging, get_logger
from eventkit.outbox import OutboxWriter
from eventkit.process_health import (
    Heartbeat,
    ProcessHealth,
    loop_alive,
    not_stuck_in_work,
    serving_health,
)
from eventkit.producer import make_producer
from eventkit.relay import OutboxRelay
from eventkit.revocations import RevokedSubjects, revoked_subjects_table
from eventkit.settings import ServiceSettings
from eventkit.stall import GroupBacklog, wait_for_stall
from eventkit.stopping import sleep_until_stopped
from eventkit.subject_keys import HttpKeyResolver

log = get_logger(__name__)
T = TypeVar("T")

BATCH_AGE = Gauge(
    "worker_last_batch_age_seconds",
    "Seconds since this worker's consumer last began or finished a batch",
    ["service"],
)
LAG = Gauge(
    "consumer_lag_records",
    "Records waiting on the partitions assigned to this worker (sampled)",
    ["service"],
)
DEAD_LETTERS = Gauge(
    "dead_letter_records",
    "Records held in a dead-letter topic of the topics this worker consumes (sampled)",
    ["service", "topic"],
)


class Chassis:
    def __init__(self, settings: ServiceSettings, metadata: MetaData) -> None:
        self.settings = settings
        self.metadata = metadata
        self.outbox_table, self.inbox_table = messaging_tables(metadata)
        self.outbox = OutboxWriter(self.outbox_table, source=f"/{settings.service_name}")
        self.inbox = Inbox(self.inbox_table)
        self.revoked_subjects_table = revoked_subjects_table(metadata)
        self.idempotency_table = idempotency_keys_table(metadata)
        #: the service's clock; its composition root hands in another (e.g. a FixedClock)
        self.clock: Clock = SystemClock()
        self._engine: AsyncEngine | None = None
        self._sessions: async_sessionmaker[AsyncSession] | None = None
        configure_logging(settings.service_name, settings.log_level, settings.log_json)
        tracing.configure_tracing(settings.service_name)  # only if OTEL_* ask for it

    # ---- database ---------------------------------------------------------------------
    @property
    def engine(self) -> AsyncEngine:
        if self._engine is None:
            s = self.settings
            self._engine = make_engine(
                s.database_url, pool_size=s.db_pool_size, max_overflow=s.db_pool_max_overflow
            )
        return self._engine

    @property
    def sessions(self) -> async_sessionmaker[AsyncSession]:
        if self._sessions is None:
            self._sessions = make_session_factory(self.engine)
        return self._sessions

    async def dispose(self) -> None:
        if self._engine is not None:
            await self._engine.dispose()
            self._engine = None
            self._sessions = None

    async def check_database(self) -> None:
        async with self.engine.connect() as conn:
            await conn.execute(text("SELECT 1"))

    async def check_broker(self) -> None:
        admin = AIOKafkaAdminClient(
            bootstrap_servers=self.settings.kafka_bootstrap_servers, request_timeout_ms=2000
        )
        await admin.start()
        try:
            await admin.describe_cluster()
        finally:
            await admin.close()

    # ---- HTTP -------------------------------------------------------------------------
    def create_app(
        self,
        routers: Sequence[APIRouter],
        *,
        title: str,
        description: str = "",
        version: str = "1.0.0",
        on_startup: Sequence[Callable[[FastAPI], Awaitable[None]]] = (),
        background: Sequence[Callable[[asyncio.Event], Coroutine[Any, Any, None]]] = (),
        upload_limits: dict[str, int] | None = None,
        jwt_verifier: JwtVerifier | None = None,
        extra_checks: dict[str, ReadinessCheck] | None = None,
    ) -> FastAPI:
        settings = self.settings

        revoked = RevokedSubjects()

        @contextlib.asynccontextmanager
        async def lifespan(app: FastAPI) -> AsyncIterator[None]:
            for hook in on_startup:
                await hook(app)
            stop = asyncio.Event()
            refreshing = [
                asyncio.create_task(
                    revoked.keep_fresh(
                        lambda: self.engine,
                        self.revoked_subjects_table,
                        settings.revocation_refresh_s,
                        stop,
                    )
                ),
                # the service's own loops (they end when ``stop`` is set)
                *(asyncio.create_task(job(stop)) for job in background),
            ]
            try:
                yield
            finally:
                stop.set()
                await asyncio.gather(*refreshing)
                await self.dispose()

        # no /docs or /redoc: FastAPI's pages load their renderers from a CDN; the developer
        # portal (/developers through the gateway) renders every document from locked assets
        app = FastAPI(
            title=title,
            description=description,
            version=version,
            lifespan=lifespan,
            docs_url=None,
            redoc_url=None,
            generate_unique_id_function=operation_id,
        )
        app.state.chassis = self
        app.state.jwt_verifier = jwt_verifier or JwtVerifier(
            http_jwks_source(settings.jwks_url),
            issuer=settings.jwt_issuer,
            audience=settings.jwt_audience,
        )
        app.state.jwt_verifier.revoked = revoked
        install_problem_handlers(app)
        # security first: the problems' step then gives its 401s the problem+json content
        document_security(app)
        document_headers(app, exempt_prefixes=EXEMPT_PREFIXES)
        document_problems(app)
        checks: dict[str, ReadinessCheck] = {
            "database": self.check_database,
            "broker": self.check_broker,
        }
        checks.update(extra_checks or {})
        app.include_router(health_router(checks))
        app.include_router(metrics_router())
        for router in routers:
            app.include_router(router)
        # outermost last: request id and security headers on every answer, the boundary's
        # included; metrics see the status the boundary answered
        # the rate limit inside the guard: a 429 given before the body is read is drained
        app.add_middleware(
            RateLimiter,
            limits=RateLimits.from_settings(settings.rate_limit_default, settings.rate_limits),
            trust_forwarded_for=settings.trust_forwarded_for,
        )
        app.add_middleware(RequestGuard, limits=self.request_limits(upload_limits))
        app.add_middleware(ErrorBoundary)
        app.add_middleware(MetricsMiddleware, service=settings.service_name)
        app.add_middleware(RequestContextMiddleware)
        allow_origins(app, settings.cors_allowed_origins)  # outermost: answers preflights
        tracing.instrument_app(app)  # outermost of all: a span for every request
        return app

    def request_limits(self, upload_limits: dict[str, int] | None = None) -> RequestLimits:
        s = self.settings
        return RequestLimits(
            max_bytes=s.max_request_bytes,
            upload_limits=upload_limits or {},
            body_idle_timeout_s=s.body_idle_timeout_s,
            max_json_depth=s.max_json_depth,
            max_json_string_chars=s.max_json_string_chars,
        )

    def jobs(self) -> list[PeriodicJob]:
        """What every service's worker runs besides the service's own jobs."""

        async def purge_idempotency_keys() -> int:
            async with self.sessions() as session, session.begin():
                return await purge_expired(session, self.idempotency_table, self.clock.now())

        return [
            PeriodicJob(
                "idempotency_keys.purge",
                purge_idempotency_keys,
                interval_s=self.settings.idempotency_purge_interval_s,
            )
        ]

    # ---- relay ------------------------------------------------------------------------
    def relay(self, heartbeat: Heartbeat | None = None) -> OutboxRelay:
        producer = make_producer(
            self.settings.kafka_bootstrap_servers, f"{self.settings.service_name}-relay"
        )
        return OutboxRelay(
            self.engine,
            self.outbox_table,
            producer,
            service=self.settings.service_name,
            batch_size=self.settings.relay_batch_size,
            poll_interval_s=self.settings.relay_poll_interval_s,
            heartbeat=heartbeat,
        )

    async def run_relay(self, stop: asyncio.Event) -> None:
        """The outbox relay until ``stop``; with ``HEALTH_PORT`` set, its health endpoints
        beside it (eventkit.process_health)."""
        heartbeat = Heartbeat()
        health = ProcessHealth(loop_alive(heartbeat, self.settings.health_stall_after_s))
        async with self._health_served(health):
            await self._relay_until_stopped(stop, heartbeat, health)

    def _health_served(self, health: ProcessHealth) -> contextlib.AbstractAsyncContextManager[Any]:
        port = self.settings.health_port
        return serving_health(health, port) if port else contextlib.nullcontext()

    async def _relay_until_stopped(
        self, stop: asyncio.Event, heartbeat: Heartbeat, health: ProcessHealth
    ) -> None:
        async def connect() -> OutboxRelay:
            heartbeat.beat()  # waiting for the broker is progress too
            relay = self.relay(heartbeat)
            try:
                await relay.producer.start()
            except BaseException:
                with contextlib.suppress(Exception):
                    await relay.producer.stop()
                raise
            return relay

        started = await when_reachable(connect, stop, "broker")
        if started is None:
            return
        relay = started
        health.started.set()
        sampling = asyncio.create_task(self._sample_backlog(relay, stop))
        try:
            while not stop.is_set():
                try:
                    await relay.run(stop)
                except Exception as exc:  # database or broker away: lose leadership, retry
                    relay.is_leader = False
                    log.warning("relay.interrupted", error=type(exc).__name__)
                    await self.dispose()
                    relay.engine = self.engine
                    heartbeat.beat()
                    await sleep_until_stopped(stop, 1.0)
        finally:
            sampling.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await sampling
            await relay.producer.stop()
            await self.dispose()

    async def _sample_backlog(self, relay: OutboxRelay, stop: asyncio.Event) -> None:
        while not stop.is_set():
            try:
                await asyncio.wait_for(relay.sample_backlog(), self.settings.health_sample_s)
            except Exception as exc:  # the database may be away: the next sample will tell
                log.debug("relay.backlog_unknown", error=type(exc).__name__)
            await sleep_until_stopped(stop, self.settings.health_sample_s)

    # ---- consumers --------------------------------------------------------------------
    def key_resolver(self) -> KeyResolver | None:
        """Reads personal fields of consumed events, when the key endpoint is configured."""
        s = self.settings
        if not (s.subject_keys_url and s.subject_keys_token):
            return None
        return CachingKeyResolver(
            HttpKeyResolver(s.subject_keys_url, s.subject_keys_token),
            ttl_s=s.subject_keys_cache_ttl_s,
        )

    async def run_worker(
        self,
        dispatcher: EventDispatcher[Any],
        stop: asyncio.Event,
        *,
        ready: asyncio.Event | None = None,
        progress: Heartbeat | None = None,
    ) -> None:
        """The consumers until ``stop``; ``progress`` beats around every batch (stall
        watchdog, liveness); ``ready`` is set once they are connected."""
        if dispatcher.key_resolver is None:
            dispatcher.key_resolver = self.key_resolver()
        progress = progress or Heartbeat()
        BATCH_AGE.labels(self.settings.service_name).set_function(progress.quiet_s)
        backlog = GroupBacklog(self.settings.kafka_bootstrap_servers, self.settings.consumer_group)
        started = await self._connect_worker(dispatcher, stop, progress)
        if started is None:
            return
        log.info("worker.started", topics=dispatcher.topics())
        if ready is not None:
            ready.set()

        def assigned() -> Collection[TopicPartition]:
            # the one subscriber eventkit.broker.subscribe made (FastStream's batch subscriber)
            subscribers = started[0].subscribers if started else []
            consumer = getattr(subscribers[0], "consumer", None) if subscribers else None
            return consumer.assignment() if consumer is not None else ()

        sampling = (
            asyncio.create_task(self._sample_lag(backlog, assigned, dispatcher.topics(), stop))
            if self.settings.health_port
            else None
        )
        try:
            while started is not None and await wait_for_stall(
                progress,
                backlog,
                assigned,
                stop,
                stall_after_s=self.settings.consumer_stall_after_s,
                check_every_s=self.settings.consumer_stall_check_s,
            ):
                await self._disconnect_worker(started)
                progress.end()
                started = await self._connect_worker(dispatcher, stop, progress)
                if started is not None:
                    log.warning("worker.consumer_restarted", topics=dispatcher.topics())
        finally:
            if sampling is not None:
                sampling.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await sampling
            if started is not None:
                await self._disconnect_worker(started)
            await backlog.close()
            close = getattr(dispatcher.key_resolver, "aclose", None)
            if close is not None:
                await close()
            await self.dispose()

    async def _sample_lag(
        self,
        backlog: GroupBacklog,
        assigned: Callable[[], Collection[TopicPartition]],
        topics: list[str],
        stop: asyncio.Event,
    ) -> None:
        """Consumer lag on this worker's partitions and what its topics' DLQs hold."""
        service, every = self.settings.service_name, self.settings.health_sample_s
        dead_letter_topics = [t + DLQ_SUFFIX for t in topics]
        while not stop.is_set():
            try:
                lag = await asyncio.wait_for(backlog.records_waiting(assigned()), every)
                LAG.labels(service).set(lag)
                held = await asyncio.wait_for(
                    backlog.dead_letter_records(dead_letter_topics), every
                )
                for topic, records in held.items():
                    DEAD_LETTERS.labels(service, topic).set(records)
            except Exception as exc:  # the broker may be away: the next sample will tell
                log.debug("worker.lag_unknown", error=type(exc).__name__)
            await sleep_until_stopped(stop, every)

    async def run_worker_process(
        self,
        dispatcher: EventDispatcher[Any] | None,
        jobs: Sequence[Callable[[asyncio.Event], Awaitable[None]]],
        stop: asyncio.Event,
    ) -> None:
        """A worker process: consumers and background jobs side by side, all stopping
        together; with ``HEALTH_PORT`` set, its health endpoints beside them."""
        progress = Heartbeat()
        health = ProcessHealth(not_stuck_in_work(progress, self.settings.health_stall_after_s))
        running: list[Awaitable[Any]] = [job(stop) for job in jobs]
        if dispatcher is not None:
            running.append(
                self.run_worker(dispatcher, stop, ready=health.started, progress=progress)
            )
        else:
            health.started.set()
        if not running:
            running.append(stop.wait())
        async with self._health_served(health):
            await asyncio.gather(*running)

    @staticmethod
    async def _disconnect_worker(started: tuple[KafkaBroker, AIOKafkaProducer]) -> None:
        broker, dlq_producer = started
        await broker.stop()  # waits up to graceful_timeout for in-flight handlers
        await dlq_producer.stop()

    async def _connect_worker(
        self, dispatcher: EventDispatcher[Any], stop: asyncio.Event, progress: Heartbeat
    ) -> tuple[KafkaBroker, AIOKafkaProducer] | None:
        async def connect() -> tuple[KafkaBroker, AIOKafkaProducer]:
            broker = make_broker(self.settings)
            subscribe(broker, dispatcher, self.settings, progress)
            producer = make_producer(
                self.settings.kafka_bootstrap_servers, f"{self.settings.service_name}-dlq"
            )
            try:
                await producer.start()
                dispatcher.dlq_producer = producer
                await broker.start()
            except BaseException:
                with contextlib.suppress(Exception):
                    await broker.stop()
                with contextlib.suppress(Exception):
                    await producer.stop()
                raise
            return broker, producer

        return await when_reachable(connect, stop, "broker")

    def asyncapi(self, dispatcher: EventDispatcher[Any] | None) -> dict[str, Any]:
        """The service's AsyncAPI 3 document: what its relay publishes, what it consumes."""
        from eventkit.asyncapi import service_document

        consumed = dispatcher.handled_models() if dispatcher is not None else {}
        return service_document(self.settings.service_name, consumed)

    def migrate(self, migrations_dir: Path) -> None:
        from eventkit.migrations import upgrade

        upgrade(migrations_dir, self.settings.database_url, self.settings.schema_name)


def operation_id(route: APIRoute) -> str:
    """A stable, meaningful ``operationId``: the handler's name in camelCase
    (``register_for_event`` -> ``registerForEvent``), what code generators name methods by.
    Unique across the platform (``devstack.apidocs`` refuses duplicates), so a handler's name
    says what it does in the domain's words."""
    head, *rest = route.name.split("_")
    return head + "".join(word[:1].upper() + word[1:] for word in rest)


async def when_reachable(
    connect: Callable[[], Awaitable[T]], stop: asyncio.Event, what: str
) -> T | None:
    """Retry ``connect`` with capped backoff while the infrastructure is away; None if stopped.

    A relay or worker that exited because Kafka was restarting would leave its work undone
    until someone restarts it; waiting is what an operator would want.
    """
    delay = 0.5
    while not stop.is_set():
        try:
            return await connect()
        except Exception as exc:
            if not is_transient(exc):
                raise
            log.warning("waiting_for_infrastructure", what=what, error=type(exc).__name__)
            await sleep_until_stopped(stop, delay)
            delay = min(delay * 2, 10.0)
    return None


def stop_on_signals() -> asyncio.Event:
    """An event set on SIGTERM/SIGINT: graceful shutdown for relay and worker processes."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    return stop
