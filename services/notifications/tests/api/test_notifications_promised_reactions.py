"""The reactions contracts promise, through the real broker, Postgres and SMTP sink (the
person promoted from a waiting list: test_notifications_delivery.py): people registered for
an event that changes or is cancelled, representatives invited to meetings and told of
votes and results, of published recommendations and of commitments turning late or at risk;
each in their language.

Found from the outside: nothing of this reached a feed or a mailbox."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from aiokafka import AIOKafkaProducer
from test_notifications_privacy_segments import (
    body_of,
    handled,
    mail_to,
    member_event,
    person,
    wait_mail,
)

from conftest import TEST_CATALOGUE, create_topic, publish, settings_for
from contracts.envelope import CloudEvent
from contracts.events import alliance, resources
from devstack.harness import SmtpSink, TestInfra
from devstack.testing import running_worker, skip_history
from notifications.bootstrap import NotificationsService

pytestmark = pytest.mark.timeout(180)

SOON = datetime(2027, 3, 4, 16, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
async def service(
    notifications_db: str, infra: TestInfra, smtp: SmtpSink
) -> AsyncIterator[NotificationsService]:
    svc = NotificationsService(
        settings_for(notifications_db, infra, smtp.port, worker_jobs=["email"]),
        partner_catalogue=TEST_CATALOGUE,
    )
    for topic in TEST_CATALOGUE.types.values():
        await create_topic(infra, topic.topic)
    dispatcher = svc.dispatcher()
    assert dispatcher is not None
    await skip_history(infra.kafka_bootstrap, svc.settings.consumer_group, dispatcher.topics())
    async with running_worker(svc):
        yield svc
    await svc.chassis.dispose()


async def people(
    service: NotificationsService, producer: AIOKafkaProducer, smtp: SmtpSink, *locales: str
) -> list[tuple[uuid.UUID, str]]:
    """Registered people (their welcome mail already sent)."""
    found = []
    for locale in locales:
        account, email, last = await person(producer, locale)
        await handled(service, last)
        await wait_mail(smtp, email, 1)
        found.append((account, email))
    return found


async def send(
    service: NotificationsService, producer: AIOKafkaProducer, event: Any, sequence: int = 1
) -> CloudEvent:
    ce = await publish(producer, event, sequence=sequence)
    await handled(service, ce)
    return ce


def registration(
    event_id: uuid.UUID, person_id: uuid.UUID, status: str, promoted: bool = False
) -> resources.EventRegistrationChanged:
    return resources.EventRegistrationChanged(
        event_id=event_id,
        registration_id=uuid.uuid4(),
        person_id=person_id,
        status=status,
        promoted=promoted,
        title="Diaspora Summit",
        starts_at=SOON,
    )


def calendar(
    model: type[resources.CalendarEventDetails], event_id: uuid.UUID, **changes: Any
) -> resources.CalendarEventDetails:
    fields: dict[str, Any] = {
        "event_id": event_id,
        "kind": "summit",
        "title": "Diaspora Summit",
        "language": "en",
        "organiser": "IOM",
        "time_zone": "UTC",
        "starts_at": SOON,
        "ends_at": SOON + timedelta(hours=2),
        "capacity": 2,
    }
    return model(**{**fields, **changes})


async def test_registered_people_are_told_when_an_event_changes_or_is_cancelled(
    service: NotificationsService, producer: AIOKafkaProducer, smtp: SmtpSink
) -> None:
    (seated, seated_mail), (waiting, waiting_mail), (gone, gone_mail) = await people(
        service, producer, smtp, "es", "ar", "en"
    )
    event_id = uuid.uuid4()
    await send(service, producer, calendar(resources.CalendarEventScheduled, event_id), 1)
    await send(service, producer, registration(event_id, seated, "confirmed"), 2)
    await send(service, producer, registration(event_id, waiting, "waitlisted"), 3)
    await send(service, producer, registration(event_id, gone, "confirmed"), 4)
    await send(service, producer, registration(event_id, gone, "cancelled"), 5)

    # only the capacity changed: nobody is bothered
    bigger = calendar(resources.CalendarEventUpdated, event_id, capacity=10)
    await send(service, producer, bigger, 6)
    # the time changed: the registered are told, in their language and on their clock
    later = SOON + timedelta(days=1)
    moved = calendar(
        resources.CalendarEventUpdated,
        event_id,
        capacity=10,
        starts_at=later,
        ends_at=later + timedelta(hours=2),
    )
    await send(service, producer, moved, 7)
    changed = (await wait_mail(smtp, seated_mail, 2))[-1]
    assert changed["Subject"] == "Modificado: Diaspora Summit"
    assert "5 de marzo de 2027" in body_of(changed, "plain")
    assert len(mail_to(smtp, seated_mail)) == 2  # not one for the capacity change

    cancelled = resources.CalendarEventCancelled(
        event_id=event_id,
        title="Diaspora Summit",
        starts_at=later,
        reason="Venue closed",
        cancelled_at=datetime.now(UTC),
    )
    await send(service, producer, cancelled, 8)
    to_seated = (await wait_mail(smtp, seated_mail, 3))[-1]
    assert to_seated["Subject"] == "Cancelado: Diaspora Summit"
    assert "Venue closed" in body_of(to_seated, "plain")
    to_waiting = [m for m in await wait_mail(smtp, waiting_mail, 3) if "أُلغي" in m["Subject"]]
    assert len(to_waiting) == 1 and 'dir="rtl"' in body_of(to_waiting[0], "html")
    assert len(mail_to(smtp, gone_mail)) == 1  # cancelled their registration: the welcome only


async def test_representatives_are_invited_and_told_of_votes_and_their_results(
    service: NotificationsService, producer: AIOKafkaProducer, smtp: SmtpSink
) -> None:
    (delegate, delegate_mail), (outsider, outsider_mail) = await people(
        service, producer, smtp, "ar", "fr"
    )
    alliance_id, body_id, other_body = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    state, other_state = uuid.uuid4(), uuid.uuid4()
    now = datetime.now(UTC)
    for member, rep in ((state, delegate), (other_state, outsider)):
        await send(
            service,
            producer,
            member_event(alliance.MemberAdmitted, member, alliance_id, "member_state", [rep], now),
        )
    for member, body in ((state, body_id), (other_state, other_body)):
        await send(
            service,
            producer,
            alliance.BodyMembershipChanged(
                body_id=body,
                alliance_id=alliance_id,
                body_kind="steering_committee",
                member_id=member,
                role="member",
                occurred_at=now,
            ),
        )
    meeting, motion = uuid.uuid4(), uuid.uuid4()
    ids = {"alliance_id": alliance_id, "body_id": body_id}
    await send(
        service,
        producer,
        alliance.MeetingScheduled(
            meeting_id=meeting,
            kind="ordinary",
            title="Steering committee, March",
            starts_at=SOON,
            timezone="Europe/Dublin",
            **ids,
        ),
    )
    invitation = (await wait_mail(smtp, delegate_mail, 3))[-1]  # welcome, admitted, invited
    assert invitation["Subject"] == "دعوة: Steering committee, March"
    await send(
        service,
        producer,
        alliance.VoteOpened(
            motion_id=motion,
            meeting_id=meeting,
            title="Endorse recommendation 7",
            eligible=5,
            opened_at=now,
            **ids,
        ),
    )
    assert (await wait_mail(smtp, delegate_mail, 4))[-1]["Subject"] == (
        "تصويت مفتوح: Endorse recommendation 7"
    )
    await send(
        service,
        producer,
        alliance.VoteClosed(
            motion_id=motion,
            meeting_id=meeting,
            title="Endorse recommendation 7",
            yes=4,
            no=1,
            abstain=0,
            eligible=5,
            present=5,
            quorum_met=True,
            outcome="carried",
            closed_at=now,
            **ids,
        ),
    )
    result = (await wait_mail(smtp, delegate_mail, 5))[-1]
    assert "أُقرّ" in body_of(result, "plain") and "carried" not in body_of(result, "plain")
    await send(
        service,
        producer,
        alliance.MeetingCancelled(
            meeting_id=meeting,
            title="Steering committee, March",
            starts_at=SOON,
            cancelled_at=now,
            **ids,
        ),
    )
    assert (await wait_mail(smtp, delegate_mail, 6))[-1]["Subject"] == (
        "أُلغي الاجتماع: Steering committee, March"
    )
    # the other member sits on another body: admitted, and nothing else
    assert len(mail_to(smtp, outsider_mail)) == 2


async def test_published_recommendations_and_worrying_commitments_are_told(
    service: NotificationsService, producer: AIOKafkaProducer, smtp: SmtpSink
) -> None:
    [(official, official_mail)] = await people(service, producer, smtp, "fr")
    alliance_id, member = uuid.uuid4(), uuid.uuid4()
    now = datetime.now(UTC)
    await send(
        service,
        producer,
        member_event(alliance.MemberAdmitted, member, alliance_id, "member_state", [official], now),
    )
    recommendation = uuid.uuid4()

    def moved(to_stage: str) -> alliance.RecommendationMoved:
        return alliance.RecommendationMoved(
            recommendation_id=recommendation,
            alliance_id=alliance_id,
            working_group_id=uuid.uuid4(),
            title="Portable pensions",
            theme="social_protection",
            action=to_stage,
            to_stage=to_stage,
            occurred_at=now,
        )

    await send(service, producer, moved("endorsed"), 1)  # not news for every member
    await send(service, producer, moved("published"), 2)
    published = (await wait_mail(smtp, official_mail, 3))[-1]
    assert published["Subject"] == "Recommandation publiée : Portable pensions"

    commitment = uuid.uuid4()

    def status(to_status: str) -> alliance.CommitmentStatusChanged:
        return alliance.CommitmentStatusChanged(
            commitment_id=commitment,
            alliance_id=alliance_id,
            member_id=member,
            title="Diaspora bonds by 2027",
            pillar="investment",
            to_status=to_status,
            as_of=date.today(),
        )

    await send(service, producer, status("on_track"), 1)
    await send(service, producer, status("at_risk"), 2)
    worried = (await wait_mail(smtp, official_mail, 4))[-1]
    assert worried["Subject"] == "Engagement menacé : Diaspora bonds by 2027"
    assert len(mail_to(smtp, official_mail)) == 4  # on track told nobody
