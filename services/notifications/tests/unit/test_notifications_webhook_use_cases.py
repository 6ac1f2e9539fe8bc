"""Partner webhooks' use cases over the in-memory unit of work: registration checks what a
partner may subscribe to, a partner event is recorded once per endpoint subscribed to its
type (a redelivered event queues nothing more), and redelivery and replay queue again under
the same ``webhook-id``. Recording only: nothing is posted. No PostgreSQL, no Kafka."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest
from notifications_fakes import FakeNotificationsUnitOfWork

from contracts.base import IntegrationEvent
from contracts.envelope import CloudEvent
from notifications.adapters.ssrf import SsrfGuard, UnsafeUrl
from notifications.domain.webhooks import EndpointStatus, WebhookDeliveryStatus
from notifications.service_layer.webhooks import (
    NotFound,
    PartnerCatalogue,
    UnknownEventType,
    owned_endpoint,
    record_partner_event,
    redeliver,
    register_endpoint,
    replay_since,
)

PUBLISHED, UPDATED = "test.resource.published", "test.resource.updated"
URL = "https://10.0.0.7/hooks"  # an operator-approved network: no DNS needed


@pytest.fixture
def uow() -> FakeNotificationsUnitOfWork:
    return FakeNotificationsUnitOfWork()


@pytest.fixture
def catalogue() -> PartnerCatalogue:
    return PartnerCatalogue({PUBLISHED: IntegrationEvent, UPDATED: IntegrationEvent})


@pytest.fixture
def guard() -> SsrfGuard:
    return SsrfGuard(["10.0.0.0/8"])


def partner_event(type_: str = PUBLISHED, at: datetime | None = None) -> CloudEvent:
    return CloudEvent(
        source="resources",
        type=type_,
        subject=str(uuid.uuid4()),
        time=at or datetime.now(UTC),
        data={"title": "Remittance guide"},
    )


async def register(
    uow: FakeNotificationsUnitOfWork,
    guard: SsrfGuard,
    catalogue: PartnerCatalogue,
    event_types: list[str],
    owner_id: uuid.UUID | None = None,
):  # type: ignore[no-untyped-def]
    return await register_endpoint(
        uow,
        guard,
        catalogue,
        owner_id=owner_id or uuid.uuid4(),
        url=URL,
        event_types=event_types,
        description="partner",
    )


async def record(
    uow: FakeNotificationsUnitOfWork, ce: CloudEvent, catalogue: PartnerCatalogue
) -> int:
    async with uow:
        queued = await record_partner_event(ce, uow, catalogue, datetime.now(UTC))
        await uow.commit()
    return queued


async def deliveries(uow: FakeNotificationsUnitOfWork, endpoint_id: uuid.UUID):  # type: ignore[no-untyped-def]
    async with uow:
        return [d for _, d in await uow.webhooks.deliveries_of(endpoint_id, before=None, limit=50)]


async def set_status(
    uow: FakeNotificationsUnitOfWork, endpoint_id: uuid.UUID, *, enabled: bool
) -> None:
    async with uow:
        found = await uow.webhooks.endpoint(endpoint_id)
        assert found is not None
        if enabled:
            found.enable()
        else:
            found.disable("partner asked", datetime.now(UTC))
        await uow.webhooks.save_endpoint(found)
        await uow.commit()


async def test_registration_keeps_the_subscription_and_refuses_what_partners_cannot_have(
    uow: FakeNotificationsUnitOfWork, guard: SsrfGuard, catalogue: PartnerCatalogue
) -> None:
    endpoint = await register(uow, guard, catalogue, [UPDATED, PUBLISHED, PUBLISHED])
    async with uow:
        kept = await uow.webhooks.endpoint(endpoint.id)
    assert kept is not None and kept.event_types == [PUBLISHED, UPDATED]
    assert kept.status == EndpointStatus.ACTIVE and kept.secret

    with pytest.raises(UnknownEventType):
        await register(uow, guard, catalogue, ["profiles.account.registered"])
    with pytest.raises(UnsafeUrl):
        await register_endpoint(
            uow, guard, catalogue, owner_id=uuid.uuid4(), url="http://127.0.0.1/x",
            event_types=[], description="",
        )  # fmt: skip
    async with uow:
        assert [e.id for e in await uow.webhooks.endpoints_of(endpoint.owner_id)] == [kept.id]
    assert len(uow.database.tables["webhook_endpoints"]) == 1  # the refused ones left nothing


async def test_an_endpoint_of_someone_else_is_missing_for_its_owner_only(
    uow: FakeNotificationsUnitOfWork, guard: SsrfGuard, catalogue: PartnerCatalogue
) -> None:
    endpoint = await register(uow, guard, catalogue, [PUBLISHED])
    async with uow:
        assert (await owned_endpoint(uow, endpoint.id, endpoint.owner_id)).id == endpoint.id
        assert (await owned_endpoint(uow, endpoint.id, None)).id == endpoint.id  # an operator
        with pytest.raises(NotFound):
            await owned_endpoint(uow, endpoint.id, uuid.uuid4())
        with pytest.raises(NotFound):
            await owned_endpoint(uow, uuid.uuid4(), None)


async def test_a_partner_event_is_recorded_once_per_endpoint_subscribed_to_its_type(
    uow: FakeNotificationsUnitOfWork, guard: SsrfGuard, catalogue: PartnerCatalogue
) -> None:
    wants_it = await register(uow, guard, catalogue, [PUBLISHED])
    wants_all = await register(uow, guard, catalogue, [])  # empty: every partner-visible type
    wants_other = await register(uow, guard, catalogue, [UPDATED])
    disabled = await register(uow, guard, catalogue, [PUBLISHED])
    await set_status(uow, disabled.id, enabled=False)

    ce = partner_event(PUBLISHED)
    assert await record(uow, ce, catalogue) == 2
    for endpoint in (wants_it, wants_all):
        [delivery] = await deliveries(uow, endpoint.id)
        assert (delivery.event_id, delivery.event_type) == (ce.id, PUBLISHED)
        assert delivery.status == WebhookDeliveryStatus.PENDING and delivery.attempts == 0
    assert await deliveries(uow, wants_other.id) == []
    assert await deliveries(uow, disabled.id) == []

    await record(uow, ce, catalogue)  # Kafka redelivers the same event
    assert [len(await deliveries(uow, e.id)) for e in (wants_it, wants_all)] == [1, 1]
    assert list(uow.database.tables["partner_events"]) == [ce.id]

    # not partner-visible: neither kept nor queued
    assert await record(uow, partner_event("profiles.account.registered"), catalogue) == 0
    assert list(uow.database.tables["partner_events"]) == [ce.id]


async def test_redelivery_starts_a_fresh_round_under_the_same_webhook_id(
    uow: FakeNotificationsUnitOfWork, guard: SsrfGuard, catalogue: PartnerCatalogue
) -> None:
    endpoint = await register(uow, guard, catalogue, [PUBLISHED])
    await record(uow, partner_event(), catalogue)
    [delivery] = await deliveries(uow, endpoint.id)
    now = datetime.now(UTC)
    async with uow:
        dead = await uow.webhooks.delivery(delivery.id)
        assert dead is not None
        assert dead.failed("503", 503, now, max_attempts=1, base_s=1, cap_s=1)
        await uow.webhooks.save_delivery(dead)
        await uow.commit()

    async with uow:
        found = await uow.webhooks.delivery(delivery.id)
        assert found is not None and found.status == WebhookDeliveryStatus.DEAD
        later = now + timedelta(minutes=5)
        await redeliver(uow, found, later)
        await uow.commit()
    [again] = await deliveries(uow, endpoint.id)
    assert again.status == WebhookDeliveryStatus.PENDING and again.attempts == 0
    assert again.message_id == delivery.message_id and again.next_attempt_at == later


async def test_replay_queues_again_what_the_endpoint_had_and_what_it_missed(
    uow: FakeNotificationsUnitOfWork, guard: SsrfGuard, catalogue: PartnerCatalogue
) -> None:
    start = datetime.now(UTC) - timedelta(hours=2)
    old = partner_event(PUBLISHED, start - timedelta(hours=1))
    had, other_type = partner_event(PUBLISHED, start), partner_event(UPDATED, start)
    await record(uow, old, catalogue)
    endpoint = await register(uow, guard, catalogue, [PUBLISHED])
    await record(uow, had, catalogue)
    [first] = await deliveries(uow, endpoint.id)
    async with uow:
        delivered = await uow.webhooks.delivery(first.id)
        assert delivered is not None
        delivered.succeeded(200, start)
        await uow.webhooks.save_delivery(delivered)
        await uow.commit()
    missed = partner_event(PUBLISHED, start + timedelta(minutes=1))
    await set_status(uow, endpoint.id, enabled=False)
    await record(uow, missed, catalogue)  # while the endpoint was disabled
    await set_status(uow, endpoint.id, enabled=True)
    await record(uow, other_type, catalogue)

    async with uow:
        assert await replay_since(uow, endpoint, start, datetime.now(UTC)) == 2
        await uow.commit()
    found = {d.event_id: d for d in await deliveries(uow, endpoint.id)}
    assert set(found) == {had.id, missed.id}  # not the older one, not the other type
    assert all(d.status == WebhookDeliveryStatus.PENDING for d in found.values())
    assert found[had.id].message_id == first.message_id  # the receiver can deduplicate

    async with uow:  # a second replay adds nothing
        assert await replay_since(uow, endpoint, start, datetime.now(UTC)) == 2
        await uow.commit()
    assert len(await deliveries(uow, endpoint.id)) == 2


async def test_settings_change_what_is_recorded_next_and_disabling_is_announced(
    uow: FakeNotificationsUnitOfWork, guard: SsrfGuard, catalogue: PartnerCatalogue
) -> None:
    endpoint = await register(uow, guard, catalogue, [PUBLISHED])
    # what PATCH /endpoints/{id} does once If-Match passed
    async with uow:
        found = await owned_endpoint(uow, endpoint.id, endpoint.owner_id)
        found.reconfigure(event_types=[UPDATED], status=None, now=datetime.now(UTC))
        await uow.webhooks.save_endpoint(found)
        await uow.commit()
    assert await record(uow, partner_event(PUBLISHED), catalogue) == 0
    assert await record(uow, partner_event(UPDATED), catalogue) == 1

    async with uow:
        found = await owned_endpoint(uow, endpoint.id, endpoint.owner_id)
        found.reconfigure(event_types=None, status=EndpointStatus.DISABLED, now=datetime.now(UTC))
        uow.track(found)
        await uow.webhooks.save_endpoint(found)
        await uow.commit()
    assert await record(uow, partner_event(UPDATED), catalogue) == 0
    assert len(await deliveries(uow, endpoint.id)) == 1
    [announced] = [p.event for p in uow.database.published]
    assert type(announced).__name__ == "WebhookEndpointDisabled"
