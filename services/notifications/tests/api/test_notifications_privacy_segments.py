"""Audience segments by organisation type and alliance, newsletters announcing calendar
events on each recipient's clock, NEWSLETTERS consent withdrawal, the privacy sagas (erasure
answer, sealed export slice) and the export-ready email — all through the real broker,
Postgres, the SMTP sink process and the HTTP API."""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from typing import Any

import httpx
import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from sqlalchemy import text

from conftest import TEST_CATALOGUE, create_topic, publish, settings_for
from contracts.base import IntegrationEvent
from contracts.envelope import CloudEvent
from contracts.events import alliance, privacy, profiles, resources
from devstack.harness import SmtpSink, TestInfra
from devstack.testing import (
    TokenIssuer,
    api_client,
    eventually,
    running_relay,
    running_worker,
    skip_history,
)
from eventkit.sealed import SealedBoxError, new_keypair, open_sealed
from notifications.bootstrap import NotificationsService
from notifications.domain.preferences import Preferences

pytestmark = pytest.mark.timeout(150)


@pytest.fixture(scope="module")
def issuer() -> TokenIssuer:
    return TokenIssuer()


@pytest.fixture(scope="module")
async def service(
    notifications_db: str, infra: TestInfra, smtp: SmtpSink
) -> AsyncIterator[NotificationsService]:
    svc = NotificationsService(
        settings_for(notifications_db, infra, smtp.port, worker_jobs=["email", "newsletters"]),
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


@pytest.fixture(scope="module")
async def api(
    service: NotificationsService, issuer: TokenIssuer
) -> AsyncIterator[httpx.AsyncClient]:
    app = service.create_app()
    issuer.install(app)
    async with api_client(app) as client:
        yield client


#: events a test event is only meaningful after (other topics: no order between them)
_AFTER: dict[str, list[CloudEvent]] = {}


async def handled(service: NotificationsService, ce: CloudEvent) -> None:
    for earlier in _AFTER.get(ce.id, []):
        await handled(service, earlier)

    async def probe() -> int:
        async with service.chassis.engine.connect() as conn:
            return int(
                (
                    await conn.execute(
                        text("SELECT count(*) FROM notifications.inbox WHERE event_id = :id"),
                        {"id": ce.id},
                    )
                ).scalar_one()
            )

    await eventually(probe, lambda n: n == 1, timeout_s=30)


async def person(
    producer: AIOKafkaProducer, locale: str = "en", origin: str = "HT"
) -> tuple[uuid.UUID, str, CloudEvent]:
    """A registered person with a profile; the returned event is the last of both topics
    to be handled (the account event is published after the profile one)."""
    account = uuid.uuid4()
    email = f"s-{account.hex[:10]}@example.org"
    profile = await publish(
        producer,
        profiles.PersonProfileCreated(
            person_id=account, country_of_origin=origin, country_of_residence="FR"
        ),
    )
    registered = await publish(
        producer,
        profiles.AccountRegistered(
            account_id=account,
            email=email,
            display_name=f"Person {locale}",
            locale=locale,
            registered_at=datetime.now(UTC),
        ),
    )
    _AFTER[registered.id] = [profile]
    return account, email, registered


def mail_to(smtp: SmtpSink, address: str) -> list[EmailMessage]:
    return [m for m in smtp.messages() if m["To"] == address]


async def wait_mail(smtp: SmtpSink, address: str, count: int = 1) -> list[EmailMessage]:
    async def probe() -> list[EmailMessage]:
        return mail_to(smtp, address)

    return await eventually(probe, lambda m: len(m) >= count, timeout_s=30)


def body_of(mail: EmailMessage, subtype: str) -> str:
    part = mail.get_body(preferencelist=(subtype,))
    assert part is not None
    return str(part.get_content())


def member_event(
    model: type[alliance.MemberEvent],
    member: uuid.UUID,
    alliance_id: uuid.UUID,
    kind: str,
    representatives: list[uuid.UUID],
    at: datetime,
    status: str | None = None,
) -> alliance.MemberEvent:
    return model(
        member_id=member,
        alliance_id=alliance_id,
        kind=kind,
        status=status or model.type_name.rsplit(".", 1)[1],
        occurred_at=at,
        representative_ids=representatives,
    )


def seat(
    body: uuid.UUID, kind: str, member: uuid.UUID, role: str | None, at: datetime
) -> alliance.BodyMembershipChanged:
    return alliance.BodyMembershipChanged(
        body_id=body,
        alliance_id=uuid.uuid4(),
        body_kind=kind,
        member_id=member,
        role=role,
        occurred_at=at,
    )


async def test_segments_by_organisation_type_and_alliance_membership(
    service: NotificationsService,
    producer: AIOKafkaProducer,
    api: httpx.AsyncClient,
    issuer: TokenIssuer,
) -> None:
    origin = "GY"  # only this test's people come from here
    association_member, _, p1 = await person(producer, origin=origin)
    academic, _, p2 = await person(producer, origin=origin)
    representative, _, p3 = await person(producer, origin=origin)
    focal_point, _, p4 = await person(producer, origin=origin)  # belongs to nothing yet
    association, university = uuid.uuid4(), uuid.uuid4()
    for org, kind in ((association, "diaspora_association"), (university, "academia")):
        await publish(
            producer,
            profiles.OrganisationCreated(organisation_id=org, name="Org", kind=kind, country="FR"),
        )
    now = datetime.now(UTC)
    for org, who in ((association, association_member), (university, academic)):
        await publish(
            producer,
            profiles.OrganisationMembershipChanged(
                organisation_id=org, person_id=who, role="member", changed_at=now
            ),
        )
    # the academic leaves and joins again as admin; someone joins and leaves
    leaver = uuid.uuid4()
    for who, role in ((leaver, "member"), (leaver, None), (academic, "admin")):
        last = await publish(
            producer,
            profiles.OrganisationMembershipChanged(
                organisation_id=university, person_id=who, role=role, changed_at=now
            ),
        )
    # alliance: the representative's state member is admitted; another member only applied
    the_alliance, state, applicant = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    t0 = datetime.now(UTC)

    def at(minutes: int) -> datetime:
        return t0 + timedelta(minutes=minutes)

    alliance_events = [
        member_event(
            alliance.MemberApplied, state, the_alliance, "member_state", [representative], at(0)
        ),
        member_event(
            alliance.MemberAdmitted, state, the_alliance, "member_state", [representative], at(1)
        ),
        member_event(
            alliance.MemberApplied, applicant, the_alliance, "expert", [association_member], at(0)
        ),
    ]
    published = [await publish(producer, e) for e in alliance_events]
    for ce in (p1, p2, p3, p4, last, *published):
        await handled(service, ce)
    admin = issuer.headers(uuid.uuid4(), roles=("alliance_secretariat",))

    async def size(**segment: Any) -> int:
        r = await api.post(
            "/v1/newsletters/audience-preview",
            json={"countries_of_origin": [origin], **segment},
            headers=admin,
        )
        assert r.status_code == 200, r.text
        return int(r.json()["size"])

    assert await size() == 4
    assert await size(organisation_kinds=["diaspora_association"]) == 1
    assert await size(organisation_kinds=["academia", "diaspora_association"]) == 2
    assert await size(organisation_kinds=["ministry"]) == 0
    # only active members count
    assert await size(alliance_ids=[str(the_alliance)]) == 1
    assert await size(alliance_member_kinds=["member_state"]) == 1
    assert await size(alliance_member_kinds=["expert"]) == 0  # applied, not admitted
    assert await size(alliance_ids=[str(uuid.uuid4())]) == 0

    # a second focal point acts for the state: the new set replaces the old one as a whole;
    # an older event arriving late (without representatives) changes nothing
    changed = await publish(
        producer,
        member_event(
            alliance.MemberRepresentativesChanged,
            state,
            the_alliance,
            "member_state",
            [representative, focal_point],
            at(2),
            status="admitted",
        ),
    )
    stale = await publish(
        producer,
        member_event(alliance.MemberAdmitted, state, the_alliance, "member_state", [], at(1)),
    )
    for ce in (changed, stale):
        await handled(service, ce)
    assert await size(alliance_ids=[str(the_alliance)]) == 2
    assert await size(alliance_member_kinds=["member_state"]) == 2
    suspended = await publish(
        producer,
        member_event(
            alliance.MemberSuspended, state, the_alliance, "member_state", [focal_point], at(3)
        ),
    )
    await handled(service, suspended)
    assert await size(alliance_ids=[str(the_alliance)]) == 0
    async with service.chassis.engine.connect() as conn:
        accounts = (
            await conn.execute(
                text(
                    "SELECT account_id FROM notifications.alliance_member_representatives"
                    " WHERE member_id = :m"
                ),
                {"m": str(state)},
            )
        ).scalars()
        assert set(accounts) == {focal_point}
    bad = await api.post(
        "/v1/newsletters/audience-preview", json={"alliance_ids": ["nope"]}, headers=admin
    )
    assert bad.status_code == 422 and bad.headers["content-type"].startswith(
        "application/problem+json"
    )


async def test_segments_by_alliance_body_seat(
    service: NotificationsService,
    producer: AIOKafkaProducer,
    api: httpx.AsyncClient,
    issuer: TokenIssuer,
) -> None:
    """Recipients are the representatives of members holding an active seat: a seat that
    ended no longer counts, even if an older "seat taken" arrives after the end."""
    origin = "BZ"  # only this test's people come from here
    chair, _, p1 = await person(producer, origin=origin)
    deputy, _, p2 = await person(producer, origin=origin)
    expert, _, p3 = await person(producer, origin=origin)
    the_alliance, state, individual = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    steering, group_a, group_b = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    t0 = datetime.now(UTC)

    def at(minutes: int) -> datetime:
        return t0 + timedelta(minutes=minutes)

    events: list[IntegrationEvent] = [
        member_event(
            alliance.MemberAdmitted, state, the_alliance, "member_state", [chair, deputy], at(0)
        ),
        member_event(alliance.MemberAdmitted, individual, the_alliance, "expert", [expert], at(0)),
        seat(steering, "steering_committee", state, "chair", at(1)),
        seat(group_a, "working_group", state, "member", at(1)),
        seat(group_a, "working_group", state, None, at(3)),  # the state leaves group A
        seat(group_a, "working_group", state, "rapporteur", at(2)),  # older, arrives late
        seat(group_b, "working_group", individual, "member", at(1)),
    ]
    published = [await publish(producer, e) for e in events]
    for ce in (p1, p2, p3, *published):
        await handled(service, ce)

    admin = issuer.headers(uuid.uuid4(), roles=("alliance_secretariat",))

    async def size(**segment: Any) -> int:
        r = await api.post(
            "/v1/newsletters/audience-preview",
            json={"countries_of_origin": [origin], **segment},
            headers=admin,
        )
        assert r.status_code == 200, r.text
        return int(r.json()["size"])

    assert await size() == 3
    assert await size(alliance_body_kinds=["steering_committee"]) == 2  # both focal points
    assert await size(alliance_body_ids=[str(steering)]) == 2
    assert await size(alliance_body_ids=[str(group_a)]) == 0  # seat ended
    assert await size(alliance_body_ids=[str(group_b)]) == 1
    assert await size(alliance_body_kinds=["working_group"]) == 1
    assert await size(alliance_body_kinds=["working_group", "steering_committee"]) == 3
    assert await size(alliance_body_kinds=["plenary"]) == 0
    # criteria combine with AND: steering committee seats of expert members: none
    assert (
        await size(alliance_body_kinds=["steering_committee"], alliance_member_kinds=["expert"])
        == 0
    )
    # the individual's seat in group B ends; the state's deputy stops acting for it
    ended = await publish(producer, seat(group_b, "working_group", individual, None, at(4)))
    changed = await publish(
        producer,
        member_event(
            alliance.MemberRepresentativesChanged,
            state,
            the_alliance,
            "member_state",
            [chair],
            at(5),
            status="admitted",
        ),
    )
    for ce in (ended, changed):
        await handled(service, ce)
    assert await size(alliance_body_kinds=["working_group"]) == 0
    assert await size(alliance_body_ids=[str(steering)]) == 1
    bad = await api.post(
        "/v1/newsletters/audience-preview", json={"alliance_body_ids": ["nope"]}, headers=admin
    )
    assert bad.status_code == 422 and bad.headers["content-type"].startswith(
        "application/problem+json"
    )


def calendar_entry(title: str, starts_at: datetime) -> resources.CalendarEventScheduled:
    return resources.CalendarEventScheduled(
        event_id=uuid.uuid4(),
        kind="virtual_exchange",
        title=title,
        language="en",
        organiser="Diaspora Desk",
        time_zone="UTC",
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=2),
    )


async def test_newsletter_announces_calendar_events_on_each_recipients_clock(
    service: NotificationsService,
    producer: AIOKafkaProducer,
    api: httpx.AsyncClient,
    smtp: SmtpSink,
    issuer: TokenIssuer,
) -> None:
    origin = "SR"
    paris, paris_mail, _ = await person(producer, "fr", origin)
    haiti, haiti_mail, _ = await person(producer, "en", origin)
    quitter, quitter_mail, last = await person(producer, "en", origin)
    await handled(service, last)
    async with service.uow() as uow:
        await uow.preferences.save(Preferences(person_id=paris, time_zone="Europe/Paris"))
        await uow.preferences.save(Preferences(person_id=haiti, time_zone="America/Port-au-Prince"))
        await uow.commit()
    # the third person withdraws consent to newsletters: excluded at once
    withdrawn = await publish(
        producer,
        privacy.ConsentWithdrawn(
            person_id=quitter,
            consent_id=uuid.uuid4(),
            purpose=privacy.NEWSLETTERS,
            recipient_kind=privacy.RECIPIENT_PLATFORM,
            channel="web",
            withdrawn_at=datetime.now(UTC),
        ),
    )
    summit_at = datetime(2027, 3, 4, 15, 0, tzinfo=UTC)
    summit = calendar_entry("Diaspora Summit", summit_at)
    webinar = calendar_entry("Investment webinar", summit_at + timedelta(days=7))
    await publish(producer, summit, sequence=1)
    await publish(producer, webinar, sequence=1)
    moved = summit_at + timedelta(hours=1)  # the organiser moves the summit by an hour
    await publish(
        producer,
        resources.CalendarEventUpdated(**{**summit.model_dump(), "starts_at": moved}),
        sequence=2,
    )
    last = await publish(producer, calendar_entry("Unknown", summit_at))
    await handled(service, withdrawn)
    await handled(service, last)

    admin = issuer.headers(uuid.uuid4(), roles=("platform_admin",))
    segment = {"countries_of_origin": [origin]}
    preview = await api.post("/v1/newsletters/audience-preview", json=segment, headers=admin)
    assert preview.json() == {"size": 2}  # the withdrawn one is not counted
    draft = {
        "content": {
            "en": {"subject": "Coming up", "intro": "Meet us."},
            "fr": {"subject": "À venir", "intro": "Rejoignez-nous."},
        },
        "event_ids": [str(summit.event_id), str(webinar.event_id)],
        "segment": segment,
    }
    unknown = await api.post(
        "/v1/newsletters", json={**draft, "event_ids": [str(uuid.uuid4())]}, headers=admin
    )
    assert unknown.status_code == 422
    created = await api.post("/v1/newsletters", json=draft, headers=admin)
    assert created.status_code == 201, created.text
    assert created.json()["event_ids"] == draft["event_ids"]
    # cancelled after the newsletter was written: it drops out when sent
    cancelled = await publish(
        producer,
        resources.CalendarEventCancelled(
            event_id=webinar.event_id,
            title=webinar.title,
            starts_at=webinar.starts_at,
            cancelled_at=datetime.now(UTC),
        ),
        sequence=2,
    )
    await handled(service, cancelled)
    r = await api.post(
        f"/v1/newsletters/{created.json()['id']}/schedule",
        json={"send_at": datetime.now(UTC).isoformat()},
        headers=admin,
    )
    assert r.status_code == 200

    fr = (await wait_mail(smtp, paris_mail, 2))[-1]
    en = (await wait_mail(smtp, haiti_mail, 2))[-1]
    assert fr["Subject"] == "À venir" and en["Subject"] == "Coming up"
    fr_text, en_text = body_of(fr, "plain"), body_of(en, "plain")
    # 16:00 UTC is 17:00 in Paris and 11:00 in Port-au-Prince, in each one's language
    assert "Diaspora Summit — 4 mars 2027 17:00 (Europe/Paris)" in fr_text
    assert "Diaspora Summit — March 4, 2027 11:00\u202fAM (America/Port-au-Prince)" in en_text
    assert "4 mars 2027 17:00 (Europe/Paris)" in body_of(fr, "html")
    for body in (fr_text, en_text):
        assert "Investment webinar" not in body  # cancelled
        assert f"/events/{summit.event_id}" in body  # the web client's page
    assert len(mail_to(smtp, quitter_mail)) == 1  # the welcome only


async def test_account_email_times_are_in_the_recipients_zone(
    service: NotificationsService, producer: AIOKafkaProducer, smtp: SmtpSink
) -> None:
    account, email, last = await person(producer, "es")
    await handled(service, last)
    async with service.uow() as uow:
        await uow.preferences.save(Preferences(person_id=account, time_zone="America/Bogota"))
        await uow.commit()
    changed = await publish(
        producer,
        profiles.PasswordChanged(
            account_id=account,
            email=email,
            display_name="Person es",
            locale="es",
            changed_at=datetime(2026, 12, 1, 3, 5, tzinfo=UTC),
        ),
        sequence=2,
    )
    await handled(service, changed)
    mail = (await wait_mail(smtp, email, 2))[-1]
    # 03:05 UTC is the evening before in Bogotá (UTC-5)
    assert "30 de noviembre de 2026 22:05 (America/Bogota)" in body_of(mail, "plain")


async def test_an_alliance_membership_step_reaches_its_representatives_in_their_language(
    service: NotificationsService, producer: AIOKafkaProducer, smtp: SmtpSink
) -> None:
    official, official_mail, p1 = await person(producer, "fr")
    colleague, colleague_mail, p2 = await person(producer, "ar")
    for ce in (p1, p2):
        await handled(service, ce)
    state = uuid.uuid4()
    admitted = await publish(
        producer,
        member_event(
            alliance.MemberAdmitted,
            state,
            uuid.uuid4(),
            "member_state",
            [official, colleague],
            datetime.now(UTC),
        ),
    )
    await handled(service, admitted)

    fr = (await wait_mail(smtp, official_mail, 2))[-1]
    ar = (await wait_mail(smtp, colleague_mail, 2))[-1]
    # the status is said in their language, not inserted raw ("... : admitted")
    assert fr["Subject"] == "Votre adhésion à l'alliance : admise"
    assert ar["Subject"] == "عضويتك في التحالف: مقبولة"
    assert 'dir="rtl"' in body_of(ar, "html")
    feed = await count_rows(service, "feed_items", "source_event_id", admitted.id)
    assert feed == 2  # one in-app item each (the live stream serves the feed)


async def read_answers(
    bootstrap: str, person_id: uuid.UUID, want: int, timeout_s: float = 40
) -> list[tuple[str, dict[str, Any]]]:
    """(type, data) of notifications' privacy answers about the person, from the broker."""
    consumer = AIOKafkaConsumer(
        privacy.NOTIFICATIONS.topic.name,
        bootstrap_servers=bootstrap,
        group_id=None,
        auto_offset_reset="earliest",
        enable_auto_commit=False,
    )
    await consumer.start()
    found: list[tuple[str, dict[str, Any]]] = []
    deadline = time.monotonic() + timeout_s
    try:
        while time.monotonic() < deadline and len(found) < want:
            for records in (await consumer.getmany(timeout_ms=300)).values():
                for rec in records:
                    if rec.key is not None and rec.key.decode() == str(person_id):
                        ce_type = dict(rec.headers)["ce_type"].decode()
                        found.append((ce_type, json.loads(rec.value)))
    finally:
        await consumer.stop()
    return found


async def count_rows(service: NotificationsService, table: str, column: str, value: str) -> int:
    async with service.chassis.engine.connect() as conn:
        return int(
            (
                await conn.execute(
                    text(f"SELECT count(*) FROM notifications.{table} WHERE {column} = :v"),
                    {"v": value},
                )
            ).scalar_one()
        )


async def test_export_slice_is_sealed_and_erasure_is_answered_with_rows_gone(
    service: NotificationsService,
    producer: AIOKafkaProducer,
    api: httpx.AsyncClient,
    smtp: SmtpSink,
    issuer: TokenIssuer,
    infra: TestInfra,
) -> None:
    account, email, registered = await person(producer, "ar")
    other, other_mail, other_registered = await person(producer, "en")
    # known to notifications before the alliance notice (different topics: no order between)
    await handled(service, registered)
    await handled(service, other_registered)
    given = await publish(
        producer,
        privacy.ConsentGiven(
            person_id=account,
            consent_id=uuid.uuid4(),
            purpose=privacy.PARTNER_SHARING,
            recipient_kind=privacy.RECIPIENT_PARTNER,
            recipient_id=uuid.uuid4(),
            channel="web",
            policy_version="2026-01",
            given_at=datetime.now(UTC),
        ),
    )
    represented = uuid.uuid4()  # the person and the other one act for an organisation member
    admitted = await publish(
        producer,
        member_event(
            alliance.MemberAdmitted,
            represented,
            uuid.uuid4(),
            "organisation",
            [account, other],
            datetime.now(UTC),
        ),
    )
    await handled(service, given)
    await handled(service, admitted)
    # the welcome and the alliance membership notice
    await wait_mail(smtp, email, 2)
    await wait_mail(smtp, other_mail, 2)
    headers = issuer.headers(account)
    prefs = {
        "channels": {"email": True, "in_app": True},
        "categories": {},
        "language": "fr",
        "time_zone": "Africa/Casablanca",
    }
    r = await api.put("/v1/preferences", json=prefs, headers={**headers, "If-Match": '"0"'})
    assert r.status_code == 200, r.text

    # the export-ready email: in the person's chosen language, link in mail only
    expires = datetime(2026, 12, 10, 12, 0, tzinfo=UTC)
    ready = await publish(
        producer,
        privacy.DataExportReady(
            person_id=account,
            export_id=uuid.uuid4(),
            download_url="https://app.example.org/exports/secret-token",
            expires_at=expires,
            locale="ar",
        ),
    )
    await handled(service, ready)
    mail = (await wait_mail(smtp, email, 3))[-1]
    assert mail["Subject"] == "Votre export de données est prêt"
    assert "https://app.example.org/exports/secret-token" in body_of(mail, "plain")
    assert "(Africa/Casablanca)" in body_of(mail, "plain")
    feed = (await api.get("/v1/notifications/feed", headers=headers)).json()["items"]
    [item] = [i for i in feed if i["title"] == "Votre export de données est prêt"]
    assert "secret-token" not in json.dumps(item)

    # export: the slice, sealed to the request's key, opens to this person's data only
    private, public = new_keypair()
    export_id = uuid.uuid4()
    requested = await publish(
        producer,
        privacy.DataExportRequested(
            person_id=account,
            export_id=export_id,
            public_key=public,
            participants=["resources", "alliance", "notifications"],
            requested_at=datetime.now(UTC),
        ),
    )
    await handled(service, requested)
    erasure_id = uuid.uuid4()
    async with running_relay(service):
        [(kind, exported)] = await read_answers(infra.kafka_bootstrap, account, 1)
        assert kind == "notifications.privacy.data_exported"
        assert exported["export_id"] == str(export_id) and exported["parts"] == 1
        with pytest.raises(SealedBoxError):  # sealed: nobody else can read it
            open_sealed(new_keypair()[0], exported["sealed_slice"])
        slice_ = json.loads(open_sealed(private, exported["sealed_slice"]))
        data = slice_["data"]
        assert slice_["service"] == "notifications"
        assert data["contact"]["email"] == email
        assert data["preferences"]["time_zone"] == "Africa/Casablanca"
        assert {d["template"] for d in data["email_deliveries"]} == {
            "welcome",
            "alliance_membership",  # they act for the member of this test
            "export_ready",
        }
        assert {d["address"] for d in data["email_deliveries"]} == {email}
        assert [c["purpose"] for c in data["consents"]] == [privacy.PARTNER_SHARING]
        assert len(data["feed"]) >= 2
        assert [m["member_id"] for m in data["alliance_members_represented"]] == [str(represented)]
        assert other_mail not in json.dumps(slice_) and str(other) not in json.dumps(slice_)

        # erasure: answered on notifications.privacy.v1 with counts, the rows gone
        erased = await publish(
            producer,
            profiles.AccountErased(
                account_id=account, erased_at=datetime.now(UTC), erasure_id=erasure_id
            ),
            sequence=9,
        )
        await handled(service, erased)
        answers = await read_answers(infra.kafka_bootstrap, account, 2)
    kind, answer = answers[1]
    assert kind == "notifications.privacy.data_erased"
    assert answer["erasure_id"] == str(erasure_id) and answer["service"] == "notifications"
    assert answer["deleted"]["feed_items"] >= 2 and answer["deleted"]["consents"] == 1
    assert answer["deleted"]["preferences"] == 1
    assert answer["deleted"]["alliance_member_representatives"] == 1
    assert (
        answer["de_identified"]["email_deliveries"] == 3
    )  # welcome, alliance membership, export ready
    for table, column in (
        ("feed_items", "person_id"),
        ("preferences", "person_id"),
        ("consents", "person_id"),
        ("audience_members", "person_id"),
    ):
        assert await count_rows(service, table, column, str(account)) == 0, table
    async with service.chassis.engine.connect() as conn:
        rows = (
            await conn.execute(
                text(
                    "SELECT address, body_text FROM notifications.deliveries"
                    " WHERE recipient_id = :p"
                ),
                {"p": str(account)},
            )
        ).all()
        recipient = (
            await conn.execute(
                text(
                    "SELECT email, display_name FROM notifications.recipients WHERE account_id = :p"
                ),
                {"p": str(account)},
            )
        ).one()
    assert rows and all(r.address == "" and r.body_text == "" for r in rows)
    assert tuple(recipient) == ("", "")
    # the other person is untouched
    assert await count_rows(service, "audience_members", "person_id", str(other)) == 1
    assert (
        await count_rows(service, "alliance_member_representatives", "account_id", str(account))
        == 0
    )
    assert (
        await count_rows(service, "alliance_member_representatives", "account_id", str(other)) == 1
    )
