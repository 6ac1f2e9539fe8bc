"""Partner webhooks: registration, fan-out of partner-visible events, dispatch with retries,
dead-lettering, manual redelivery and replay."""

from __future__ import annotations

import asyncio
import collections
import contextlib
import json
from collections.abc import AsyncIterator, Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from uuid import UUID

from prometheus_client import Counter

from contracts import registry
from contracts.base import IntegrationEvent
from contracts.envelope import CloudEvent
from eventkit import domain_errors as kinds
from eventkit import tracing
from eventkit.clock import Clock
from eventkit.domain_errors import InvalidInput
from eventkit.faults import fault_point
from eventkit.logging import get_logger
from notifications.adapters.ssrf import SsrfGuard, UnsafeUrl
from notifications.adapters.webhook_sender import PostResult, WebhookSender
from notifications.config import NotificationsSettings
from notifications.domain.webhooks import Endpoint, WebhookDelivery, WebhookDeliveryStatus
from notifications.service_layer.unit_of_work import NotificationsUnitOfWork

log = get_logger(__name__)
WEBHOOKS = Counter("webhook_attempts_total", "Partner webhook delivery attempts", ["outcome"])


#: a leased delivery, its endpoint, the stored event and whether the subject consented
Job = tuple[WebhookDelivery, Endpoint | None, Any, bool]
#: a delivery's id, what the attempt gave, and the delivery's endpoint
Outcome = tuple[UUID, PostResult, UUID]


class UnknownEventType(InvalidInput, ValueError):
    title = "Unknown event type"


class NotFound(kinds.NotFound, LookupError):
    pass


def partner_visible_types() -> dict[str, type[IntegrationEvent]]:
    """CloudEvents types partners may receive: those of partner-visible topics only."""
    return {
        e.type_name: e for t in registry.all_topics() if t.partner_visible for e in t.event_types
    }


@dataclass
class PartnerCatalogue:
    """The event types partners can subscribe to (injectable so tests can add a topic)."""

    types: Mapping[str, type[IntegrationEvent]]

    @classmethod
    def from_registry(cls) -> PartnerCatalogue:
        return cls(partner_visible_types())

    def personal_fields(self) -> frozenset[str]:
        return frozenset(f for model in self.types.values() for f in model.personal_fields)

    def check(self, event_types: list[str]) -> None:
        unknown = sorted(set(event_types) - set(self.types))
        if unknown:
            raise UnknownEventType(f"not partner-visible event types: {unknown}")


# ---- commands -----------------------------------------------------------------------------
async def register_endpoint(
    uow: NotificationsUnitOfWork,
    guard: SsrfGuard,
    catalogue: PartnerCatalogue,
    *,
    owner_id: UUID,
    url: str,
    event_types: list[str],
    description: str,
) -> Endpoint:
    catalogue.check(event_types)
    await guard.check(url)  # raises UnsafeUrl
    endpoint = Endpoint(
        owner_id=owner_id, url=url, event_types=sorted(set(event_types)), description=description
    )
    async with uow:
        await uow.webhooks.add_endpoint(endpoint)
        await uow.commit()
    return endpoint


async def owned_endpoint(
    uow: NotificationsUnitOfWork, endpoint_id: UUID, owner_id: UUID | None
) -> Endpoint:
    """The endpoint, if it exists and ``owner_id`` owns it (None: an operator, any endpoint).
    Someone else's endpoint is reported as missing: ids of others are not confirmed."""
    endpoint = await uow.webhooks.endpoint(endpoint_id, for_update=True)
    if endpoint is None or (owner_id is not None and endpoint.owner_id != owner_id):
        raise NotFound("No such webhook endpoint.")
    return endpoint


async def record_partner_event(
    ce: CloudEvent, uow: NotificationsUnitOfWork, catalogue: PartnerCatalogue, now: datetime
) -> int:
    """Keep the event for replays and queue one delivery per subscribed active endpoint
    (one statement, however many endpoints)."""
    if ce.type not in catalogue.types:
        return 0
    return await uow.webhooks.record_partner_event(
        ce.id, ce.type, ce.subject, ce.time, ce.structured(), now
    )


async def redeliver(uow: NotificationsUnitOfWork, delivery: WebhookDelivery, now: datetime) -> None:
    delivery.redeliver(now)
    await uow.webhooks.save_delivery(delivery)


async def replay_since(
    uow: NotificationsUnitOfWork, endpoint: Endpoint, since: datetime, now: datetime
) -> int:
    """Queue again every partner event since ``since`` this endpoint subscribes to (same
    ``webhook-id`` for messages it already had, so the receiver can deduplicate)."""
    count = 0
    for row in await uow.webhooks.partner_events_since(since, endpoint.event_types):
        existing = await uow.webhooks.delivery_for(endpoint.id, row["event_id"])
        if existing is None:
            await uow.webhooks.add_delivery(
                WebhookDelivery(
                    endpoint_id=endpoint.id, event_id=row["event_id"], event_type=row["type"]
                )
            )
        else:
            existing.redeliver(now)
            await uow.webhooks.save_delivery(existing)
        count += 1
    return count


# ---- dispatch -----------------------------------------------------------------------------
def message_body(
    envelope: dict[str, Any], model: type[IntegrationEvent] | None, consented: bool
) -> bytes:
    """The structured CloudEvent, without personal fields unless the subject consented."""
    body = dict(envelope)
    if model is not None and model.personal_fields and not consented:
        data = dict(body.get("data") or {})
        for name in model.personal_fields:
            data.pop(name, None)
        body["data"] = data
    return json.dumps(body, separators=(",", ":"), ensure_ascii=False).encode()


class WebhookDispatcher:
    def __init__(
        self,
        uow_factory: Callable[[], NotificationsUnitOfWork],
        sender: WebhookSender,
        guard: SsrfGuard,
        catalogue: PartnerCatalogue,
        settings: NotificationsSettings,
        clock: Clock,
    ) -> None:
        self.uow_factory = uow_factory
        #: the service's clock: leases, retries and the ``webhook-timestamp`` a receiver
        #: checks against its own clock (so the real time in production)
        self.clock = clock
        self.sender = sender
        self.guard = guard
        self.catalogue = catalogue
        self.settings = settings
        self._limit = asyncio.Semaphore(settings.webhook_concurrency)
        #: messages leased and not yet answered, per endpoint (at most the per-endpoint limit
        #: are sent at once; an endpoint at its limit gets no more leased)
        self._in_flight: collections.Counter[UUID] = collections.Counter()
        self._endpoint_limits: dict[UUID, asyncio.Semaphore] = {}
        #: endpoints known to have no dead-letter streak (saves a locked read per success)
        self._healthy: set[UUID] = set()
        #: set when the running dispatch is asked to stop
        self._stopping = asyncio.Event()

    @property
    def _per_endpoint_ahead(self) -> int:
        """Messages leased per endpoint at most: twice what it may be sent at once, so its
        next messages wait in memory, not behind a lease round trip."""
        return 2 * self.settings.webhook_concurrency_per_endpoint

    def _busy(self) -> frozenset[UUID]:
        full = self._per_endpoint_ahead
        return frozenset(e for e, n in self._in_flight.items() if n >= full)

    async def _lease(self, limit: int) -> list[Job]:
        """Claim due deliveries (hidden for the lease) with what sending them needs: one
        statement."""
        s = self.settings
        now = self.clock.now()
        async with self.uow_factory() as uow:
            jobs = await uow.webhooks.lease_jobs(
                now,
                limit,
                now + timedelta(seconds=s.webhook_lease_s),
                per_endpoint=self._per_endpoint_ahead,
                busy=self._busy(),
            )
            await uow.commit()
        return jobs

    async def run(self, stop: asyncio.Event) -> None:
        """Pipelined dispatch: up to four times ``webhook_concurrency`` messages leased ahead
        (at most twice the per-endpoint limit per endpoint), ``webhook_concurrency`` sent at
        once (at most ``webhook_concurrency_per_endpoint`` to one endpoint), more leased as
        slots free up, outcomes recorded in small batches. A slow or black-holed endpoint
        only holds its own slots and gets no more leased; it never stalls the others."""
        s = self.settings
        self._stopping = stop
        # enough leased ahead that sending goes on at full concurrency while the next
        # lease (a round trip or five) is on its way
        window = max(2, s.webhook_concurrency * 4)
        outcomes: asyncio.Queue[Outcome | None] = asyncio.Queue()
        in_flight: set[asyncio.Task[None]] = set()
        recorder = asyncio.create_task(self._record_from(outcomes))
        stopping = asyncio.create_task(stop.wait())

        async def send(job: Job) -> None:
            endpoint_id = job[0].endpoint_id
            try:
                result = await self._deliver(*job)
                if result is not None:
                    await outcomes.put((job[0].id, result, endpoint_id))
            finally:
                self._in_flight[endpoint_id] -= 1
                if self._in_flight[endpoint_id] <= 0:
                    del self._in_flight[endpoint_id]

        try:
            while not stop.is_set():
                jobs: list[Job] = []
                room = window - len(in_flight)
                # lease in chunks, not one by one
                if room >= s.webhook_concurrency or not in_flight:
                    try:
                        jobs = await self._lease(min(room, s.webhook_batch_size))
                    except Exception as exc:  # the database may be away: keep going
                        log.warning("webhook.lease_error", error=type(exc).__name__)
                for job in jobs:
                    self._in_flight[job[0].endpoint_id] += 1
                    task = asyncio.create_task(send(job))
                    in_flight.add(task)
                    task.add_done_callback(in_flight.discard)
                if not jobs:  # idle or full: wait for a free slot, new work, or stop
                    await self.sender.close_idle()
                    await asyncio.wait(
                        {*in_flight, stopping},
                        timeout=s.dispatch_poll_interval_s,
                        return_when=asyncio.FIRST_COMPLETED,
                    )
        finally:
            await asyncio.gather(*in_flight, return_exceptions=True)
            await outcomes.put(None)
            await recorder
            stopping.cancel()

    async def _record_from(self, outcomes: asyncio.Queue[Outcome | None]) -> None:
        done = False
        while not done:
            batch: list[Outcome] = []
            item = await outcomes.get()
            while item is not None:
                batch.append(item)
                if outcomes.empty() or len(batch) >= 200:
                    break
                item = outcomes.get_nowait()
            done = item is None
            if batch:
                # the chaos suite kills the worker here: the receiver answered, nothing
                # recorded yet; the lease runs out and the same webhook-id goes out again
                fault_point("webhook.sent_before_recorded")
                try:
                    await self._record(batch)
                except Exception as exc:  # leases expire: those messages are sent again
                    log.warning("webhook.record_error", error=type(exc).__name__)

    async def _deliver(
        self,
        delivery: WebhookDelivery,
        endpoint: Endpoint | None,
        event: Any,
        consented: bool,
    ) -> PostResult | None:
        """The outcome of sending one message, or None when the dispatch stopped before
        its turn came: it was not sent, and goes out again once its lease ends."""
        if endpoint is None or event is None or not endpoint.wants(delivery.event_type):
            result = PostResult(None, "endpoint disabled or event missing", 0)
        else:
            try:
                await self.guard.check(endpoint.url)
            except UnsafeUrl as exc:
                result = PostResult(None, f"refused: {exc}", 0)
            else:
                body = message_body(
                    dict(event["envelope"]),
                    self.catalogue.types.get(delivery.event_type),
                    consented,
                )
                timestamp = int(self.clock.now().timestamp())
                headers = {
                    "webhook-id": delivery.message_id,
                    "webhook-timestamp": str(timestamp),
                    "webhook-signature": endpoint.signature_header(
                        delivery.message_id, timestamp, body
                    ),
                }
                per_endpoint = self._endpoint_limits.setdefault(
                    endpoint.id,
                    asyncio.Semaphore(self.settings.webhook_concurrency_per_endpoint),
                )
                async with per_endpoint, self._overall_slot():
                    # stopping: no new request (one could take webhook_timeout_s)
                    if self._stopping.is_set():
                        return None
                    # traced: a child of the event's traceparent (the outbox write that made
                    # it), like the email a handling records (eventkit.tracing)
                    with tracing.span(
                        "webhook send",
                        parent=event["envelope"].get("traceparent"),
                        kind=tracing.CLIENT,
                        attributes={
                            "webhook.event_type": delivery.event_type,
                            "webhook.id": delivery.message_id,
                        },
                    ):
                        result = await self.sender.post(endpoint.id, endpoint.url, body, headers)
        return result

    @contextlib.asynccontextmanager
    async def _overall_slot(self) -> AsyncIterator[None]:
        """One of the ``webhook_concurrency`` slots, given back when the request ends or
        once it has taken ``webhook_slow_after_s``: a slow or silent endpoint then holds
        only its own (per-endpoint) slots, and the others keep the whole overall limit."""
        await self._limit.acquire()
        held = True

        def give_back() -> None:
            nonlocal held
            if held:
                held = False
                self._limit.release()

        timer = asyncio.get_running_loop().call_later(self.settings.webhook_slow_after_s, give_back)
        try:
            yield
        finally:
            timer.cancel()
            give_back()

    async def _record(self, outcomes: list[Outcome]) -> None:
        """Record a batch's outcomes in one transaction (the attempt log, retries, dead
        letters and their alerts); endpoint rows are locked only when they change. Successes
        to an endpoint known healthy (the common case) take one statement for all of them."""
        s = self.settings
        now = self.clock.now()
        # successes to endpoints with no dead-letter streak: settled set-based, no aggregate
        plain = [
            (delivery_id, result.status_code or 200, result.duration_ms)
            for delivery_id, result, endpoint_id in outcomes
            if result.ok and endpoint_id in self._healthy
        ]
        rest = [
            (delivery_id, result)
            for delivery_id, result, endpoint_id in outcomes
            if not (result.ok and endpoint_id in self._healthy)
        ]
        async with self.uow_factory() as uow:
            await uow.webhooks.record_successes(plain, now)
            WEBHOOKS.labels("delivered").inc(len(plain))
            deliveries = await uow.webhooks.deliveries_by_id(
                [delivery_id for delivery_id, _ in rest], for_update=True
            )
            attempts: list[dict[str, Any]] = []
            settled: list[WebhookDelivery] = []
            for delivery_id, result in rest:
                delivery = deliveries.get(delivery_id)
                if delivery is None or delivery.status != WebhookDeliveryStatus.PENDING:
                    continue  # erased or already settled by someone else
                attempts.append(
                    {
                        "delivery_id": delivery_id,
                        "attempted_at": now,
                        "status_code": result.status_code,
                        "error": result.error[:500] if result.error else None,
                        "duration_ms": result.duration_ms,
                    }
                )
                if result.ok:
                    delivery.succeeded(result.status_code or 200, now)
                    WEBHOOKS.labels("delivered").inc()
                else:
                    dead = delivery.failed(
                        result.error or "failed",
                        result.status_code,
                        now,
                        max_attempts=s.webhook_max_attempts,
                        base_s=s.webhook_retry_base_s,
                        cap_s=s.webhook_retry_cap_s,
                    )
                    WEBHOOKS.labels("dead_lettered" if dead else "retry").inc()
                    uow.track(delivery)
                settled.append(delivery)
                await self._settle_endpoint(uow, delivery, now)
            await uow.webhooks.save_deliveries(settled)
            await uow.webhooks.add_attempts(attempts)
            await uow.commit()

    async def _settle_endpoint(
        self, uow: NotificationsUnitOfWork, delivery: WebhookDelivery, now: datetime
    ) -> None:
        """Count dead letters in a row per endpoint (disabling it at the limit); a success
        resets the count. The endpoint row is locked only when it changes."""
        if delivery.status == WebhookDeliveryStatus.DEAD:
            log.warning(
                "webhook.dead_lettered",
                delivery_id=str(delivery.id),
                endpoint_id=str(delivery.endpoint_id),
                attempts=delivery.attempts,
            )
            endpoint = await uow.webhooks.endpoint(delivery.endpoint_id, for_update=True)
            if endpoint is not None:
                endpoint.delivery_dead_lettered(
                    now, self.settings.webhook_disable_after_dead_letters
                )
                uow.track(endpoint)
                await uow.webhooks.save_endpoint(endpoint)
        elif delivery.status == WebhookDeliveryStatus.SUCCEEDED:
            if delivery.endpoint_id in self._healthy:
                return
            endpoint = await uow.webhooks.endpoint(delivery.endpoint_id, for_update=True)
            if endpoint is not None and endpoint.consecutive_dead_letters:
                endpoint.delivery_succeeded()
                await uow.webhooks.save_endpoint(endpoint)
            self._healthy.add(delivery.endpoint_id)
        else:
            self._healthy.discard(delivery.endpoint_id)


async def run_webhook_dispatcher(dispatcher: WebhookDispatcher, stop: asyncio.Event) -> None:
    try:
        await dispatcher.run(stop)
    finally:
        await dispatcher.sender.close()
