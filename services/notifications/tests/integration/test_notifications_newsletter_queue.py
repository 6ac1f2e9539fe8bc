"""A newsletter's audience is recorded a chunk at a time (real Postgres): the scheduler
never holds the whole audience, each chunk commits with the newsletter's progress, and a
scheduler that dies half-way is resumed by the next from the member after the last one
recorded, with nobody recorded twice and the pacing unbroken."""

from __future__ import annotations

import itertools
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import text

from conftest import settings_for
from devstack.harness import SmtpSink, TestInfra
from notifications.bootstrap import NotificationsService
from notifications.domain.newsletter import (
    LocalisedContent,
    Newsletter,
    NewsletterStatus,
    Segment,
)
from notifications.service_layer import newsletters

pytestmark = pytest.mark.timeout(120)


@pytest.fixture
async def service(
    notifications_db: str, infra: TestInfra, smtp: SmtpSink
) -> AsyncIterator[NotificationsService]:
    svc = NotificationsService(settings_for(notifications_db, infra, smtp.port, worker_jobs=[]))
    yield svc
    await svc.chassis.dispose()


async def audience(service: NotificationsService, size: int) -> tuple[str, list[uuid.UUID]]:
    """``size`` members sharing an interest of their own; returns it and their ids."""
    interest = f"i{uuid.uuid4().hex[:10]}"
    people = [uuid.uuid4() for _ in range(size)]
    async with service.chassis.engine.begin() as conn:
        await conn.execute(
            text(
                "INSERT INTO notifications.recipients (account_id, email, display_name, locale,"
                " version) VALUES (:id, :email, 'Member', :locale, 1)"
            ),
            [
                {"id": p, "email": f"{p}@example.org", "locale": ("fr", "en", "ar")[i % 3]}
                for i, p in enumerate(people)
            ],
        )
        await conn.execute(
            text(
                "INSERT INTO notifications.audience_members (person_id, interests, languages,"
                " version) VALUES (:id, CAST(:interests AS jsonb), '[]', 1)"
            ),
            [{"id": p, "interests": f'["{interest}"]'} for p in people],
        )
    return interest, people


async def rows(service: NotificationsService, sql: str, **params: Any) -> list[Any]:
    async with service.chassis.engine.connect() as conn:
        return list((await conn.execute(text(sql), params)).all())


async def test_a_scheduler_killed_half_way_is_resumed_without_duplicates(
    service: NotificationsService, monkeypatch: pytest.MonkeyPatch
) -> None:
    interest, people = await audience(service, 25)
    newsletter = Newsletter(
        created_by=uuid.uuid4(),
        content={
            "en": LocalisedContent(subject="News", intro="What moved"),
            "fr": LocalisedContent(subject="Nouvelles", intro="Ce qui a bougé"),
        },
        segment=Segment(interests=[interest]),
        per_minute=600,
    )
    newsletter.schedule(datetime.now(UTC))
    async with service.uow() as uow:
        await uow.audience.add_newsletter(newsletter)
        await uow.commit()

    # the scheduler dies while recording its second chunk
    real = newsletters._queue_chunk
    calls = 0

    async def dies_on_the_second_chunk(*args: Any) -> int | None:
        nonlocal calls
        calls += 1
        if calls == 2:
            raise RuntimeError("killed")
        return await real(*args)

    monkeypatch.setattr(newsletters, "_queue_chunk", dies_on_the_second_chunk)
    with pytest.raises(RuntimeError):
        await newsletters.send_due_newsletters(
            service.uow, service.notifier, service.settings, datetime.now(UTC), chunk=10
        )
    async with service.uow() as uow:
        half = await uow.audience.newsletter(newsletter.id)
        progress = await uow.deliveries.campaign_progress(newsletter.id)
    assert half is not None and half.status == NewsletterStatus.QUEUING
    assert half.queued == 10 and half.queued_through == sorted(people)[9]
    assert progress == {"pending": 10, "sent": 0, "failed": 0}

    # the next scheduler goes on from the 11th member
    monkeypatch.setattr(newsletters, "_queue_chunk", real)
    done = await newsletters.send_due_newsletters(
        service.uow, service.notifier, service.settings, datetime.now(UTC), chunk=10
    )
    assert done == 1
    async with service.uow() as uow:
        finished = await uow.audience.newsletter(newsletter.id)
        progress = await uow.deliveries.campaign_progress(newsletter.id)
    assert finished is not None and finished.status == NewsletterStatus.SENT
    assert finished.recipients == 25
    assert progress == {"pending": 25, "sent": 0, "failed": 0}
    recorded = await rows(
        service,
        "SELECT recipient_id, next_attempt_at, locale FROM notifications.deliveries"
        " WHERE campaign_id = :id ORDER BY next_attempt_at",
        id=newsletter.id,
    )
    assert sorted(r[0] for r in recorded) == sorted(people)  # each member once
    # paced: one every 100 ms (600 a minute), in audience order, across the interruption
    gaps = {(b[1] - a[1]).total_seconds() for a, b in itertools.pairwise(recorded)}
    assert gaps == {0.1}
    assert [r[0] for r in recorded] == sorted(people)
    assert {r[2] for r in recorded} == {"fr", "en"}  # Arabic readers get the English edition

    # nothing left to do: a further run records nothing
    assert (
        await newsletters.send_due_newsletters(
            service.uow, service.notifier, service.settings, datetime.now(UTC), chunk=10
        )
        == 0
    )
