"""Events from other services, through the real broker, end as email (real SMTP process),
feed items and live SSE messages in the recipient's language; unsubscribe links work."""

from __future__ import annotations

import asyncio
import contextlib
import json
import re
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime, time, timedelta
from email.message import EmailMessage
from typing import Any

import httpx
import pytest
import uvicorn
from aiokafka import AIOKafkaProducer
from sqlalchemy import text

from conftest import TEST_CATALOGUE, create_topic, publish, settings_for
from contracts.envelope import CloudEvent
from contracts.events import profiles, resources
from devstack.harness import SmtpSink, TestInfra
from devstack.testing import TokenIssuer, eventually, running_worker, skip_history
from devstack.waiting import free_port
from notifications.bootstrap import NotificationsService
from notifications.domain.preferences import Category, Frequency, Preferences, QuietHours

pytestmark = pytest.mark.timeout(120)


@pytest.fixture(scope="module")
def issuer() -> TokenIssuer:
    return TokenIssuer()


@pytest.fixture(scope="module")
async def service(
    notifications_db: str, infra: TestInfra, smtp: SmtpSink, issuer: TokenIssuer
) -> AsyncIterator[NotificationsService]:
    svc = NotificationsService(
        # digests run on an injected clock in their own test, never on the wall clock here
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
async def base_url(service: NotificationsService, issuer: TokenIssuer) -> AsyncIterator[str]:
    """The API served by a real uvicorn server (streaming needs a real server)."""
    app = service.create_app()
    issuer.install(app)
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(
            app, host="127.0.0.1", port=port, log_config=None, access_log=False, lifespan="off"
        )
    )
    task = asyncio.create_task(server.serve())
    await eventually(lambda: asyncio.sleep(0, server.started))
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    server.force_exit = True
    await task


async def register(
    producer: AIOKafkaProducer,
    locale: str,
    name: str = "Amina Diallo",
    verification_url: str | None = None,
) -> tuple[uuid.UUID, str, CloudEvent]:
    account = uuid.uuid4()
    email = f"p-{account.hex[:10]}@example.org"
    ce = await publish(
        producer,
        profiles.AccountRegistered(
            account_id=account,
            email=email,
            display_name=name,
            locale=locale,
            registered_at=datetime.now(UTC),
            verification_url=verification_url,
        ),
    )
    return account, email, ce


def mail_to(smtp: SmtpSink, address: str) -> list[EmailMessage]:
    return [m for m in smtp.messages() if m["To"] == address]


async def wait_mail(
    smtp: SmtpSink, address: str, count: int = 1, timeout_s: float = 30
) -> list[EmailMessage]:
    async def probe() -> list[EmailMessage]:
        return mail_to(smtp, address)

    return await eventually(probe, lambda m: len(m) >= count, timeout_s=timeout_s)


async def handled(service: NotificationsService, ce: CloudEvent) -> None:
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


def published(contributor: uuid.UUID | None, title: str) -> resources.ResourcePublished:
    return resources.ResourcePublished(
        resource_id=uuid.uuid4(),
        kind="toolkit",
        title=title,
        language="en",
        status="published",
        contributor_id=contributor,
        occurred_at=datetime.now(UTC),
    )


def body_of(mail: EmailMessage, subtype: str) -> str:
    part = mail.get_body(preferencelist=(subtype,))
    assert part is not None
    return str(part.get_content())  # type: ignore[attr-defined]


async def test_welcome_email_and_feed_item_in_the_recipients_language(
    service: NotificationsService,
    producer: AIOKafkaProducer,
    smtp: SmtpSink,
    base_url: str,
    issuer: TokenIssuer,
) -> None:
    link = f"https://app.example.org/verify#{uuid.uuid4().hex}"
    account, email, _ = await register(producer, "fr-CA", "Amina Diallo", link)
    [mail] = await wait_mail(smtp, email)
    assert mail["Subject"] == "Bienvenue sur la Plateforme de la diaspora, Amina Diallo"
    assert link in body_of(mail, "plain") and f'href="{link}"' in body_of(mail, "html")
    assert mail["Content-Language"] == "fr"  # fr-CA falls back to fr
    assert mail["List-Unsubscribe"] is None  # transactional: no unsubscribe
    async with httpx.AsyncClient(base_url=base_url, headers=issuer.headers(account)) as c:
        feed = (await c.get("/v1/notifications/feed")).json()
    assert [i["title"] for i in feed["items"]] == [mail["Subject"]]
    assert feed["items"][0]["body"] == "Bienvenue sur la Plateforme de la diaspora !"
    assert feed["unread"] == 1
    assert link not in json.dumps(feed)  # the one-time link never reaches the feed


async def test_account_secrets_are_emailed_never_put_in_the_feed(
    service: NotificationsService,
    producer: AIOKafkaProducer,
    smtp: SmtpSink,
    base_url: str,
    issuer: TokenIssuer,
) -> None:
    account, email, _ = await register(producer, "es")
    await wait_mail(smtp, email)
    url = f"https://app.example.org/reset#{uuid.uuid4().hex}"
    await publish(
        producer,
        profiles.PasswordResetRequested(
            account_id=account,
            email=email,
            display_name="Amina Diallo",
            locale="es",
            reset_url=url,
            expires_at=datetime.now(UTC) + timedelta(hours=1),
        ),
        sequence=2,
    )
    mails = await wait_mail(smtp, email, 2)
    reset = next(m for m in mails if m["Subject"] == "Restablezca su contraseña")
    assert url in body_of(reset, "plain") and url in body_of(reset, "html")
    async with httpx.AsyncClient(base_url=base_url, headers=issuer.headers(account)) as c:
        feed = (await c.get("/v1/notifications/feed")).json()
    assert all(url not in json.dumps(i) for i in feed["items"])
    assert len(feed["items"]) == 1  # only the welcome


async def test_a_used_recovery_code_and_a_removed_authenticator_app_are_emailed(
    service: NotificationsService, producer: AIOKafkaProducer, smtp: SmtpSink
) -> None:
    """Two-factor changes that may be someone else's doing reach the owner in their
    language (#25): a recovery code signed in, the authenticator app was removed."""
    account, email, _ = await register(producer, "fr")
    await wait_mail(smtp, email)
    holder = {"account_id": account, "email": email, "display_name": "Amina", "locale": "fr"}
    await publish(
        producer,
        profiles.RecoveryCodeUsed(**holder, used_at=datetime.now(UTC), codes_left=7),
        sequence=2,
    )
    await publish(
        producer, profiles.SecondFactorRemoved(**holder, removed_at=datetime.now(UTC)), sequence=3
    )
    mails = {m["Subject"]: m for m in await wait_mail(smtp, email, 3)}
    used = mails["Un code de récupération a servi à vous connecter à votre compte"]
    assert "Il vous reste 7 codes" in body_of(used, "plain")
    removed = mails["La connexion à deux facteurs a été désactivée"]
    assert "ne demande plus que votre mot de passe" in body_of(removed, "plain")


async def sse_events(response: httpx.Response) -> AsyncIterator[dict[str, Any]]:
    event: dict[str, Any] = {}
    async for line in response.aiter_lines():
        if line == "":
            if "data" in event:
                yield event
            event = {}
        elif not line.startswith(":"):
            name, _, value = line.partition(":")
            event[name] = value.removeprefix(" ")


async def test_rtl_email_with_one_click_unsubscribe_and_live_sse(
    service: NotificationsService,
    producer: AIOKafkaProducer,
    smtp: SmtpSink,
    base_url: str,
    issuer: TokenIssuer,
) -> None:
    account, email, _ = await register(producer, "ar", "ليلى")
    await wait_mail(smtp, email)
    async with (
        httpx.AsyncClient(base_url=base_url, headers=issuer.headers(account), timeout=30) as c,
        c.stream("GET", "/v1/notifications/stream") as stream,
    ):
        assert stream.headers["content-type"].startswith("text/event-stream")
        events = sse_events(stream)
        ready = await anext(events)
        assert ready["event"] == "ready"
        await publish(producer, published(account, "دليل الاستثمار"))
        live = await asyncio.wait_for(anext(events), 30)
    item = json.loads(live["data"])
    assert live["event"] == "notification" and int(live["id"]) == item["position"]
    assert item["title"] == "تم نشر موردك «دليل الاستثمار»"
    assert item["locale"] == "ar" and item["type"] == "resource_published"

    mails = await wait_mail(smtp, email, 2)
    mail = next(m for m in mails if "دليل الاستثمار" in m["Subject"])
    assert 'dir="rtl"' in body_of(mail, "html") and 'lang="ar"' in body_of(mail, "html")
    assert mail["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    link = mail["List-Unsubscribe"].strip("<>")
    # people get the web client's page in the footer, with the same kind of signed token
    footer = re.search(r"https?://\S+/unsubscribe\?token=\S+", body_of(mail, "plain"))
    assert footer and not footer.group(0).startswith(link.split("?")[0])

    # what a mail client does for RFC 8058 one-click: POST, no login
    path = link.removeprefix("http://notifications.test")
    async with httpx.AsyncClient(base_url=base_url) as anonymous:
        r = await anonymous.post(
            path,
            content="List-Unsubscribe=One-Click",
            headers={"content-type": "application/x-www-form-urlencoded"},
        )
    assert r.status_code == 200, r.text

    ce = await publish(producer, published(account, "Second toolkit"))
    await handled(service, ce)
    await asyncio.sleep(0.5)  # give a (wrong) email the time to arrive
    assert not any("Second toolkit" in m["Subject"] for m in mail_to(smtp, email))


async def test_sse_resumes_after_last_event_id(
    service: NotificationsService,
    producer: AIOKafkaProducer,
    smtp: SmtpSink,
    base_url: str,
    issuer: TokenIssuer,
) -> None:
    account, email, _ = await register(producer, "en")
    await wait_mail(smtp, email)
    headers = issuer.headers(account)
    async with httpx.AsyncClient(base_url=base_url, headers=headers, timeout=30) as c:
        async with c.stream("GET", "/v1/notifications/stream") as stream:
            events = sse_events(stream)
            await anext(events)
            await publish(producer, published(account, "One"))
            first = await asyncio.wait_for(anext(events), 30)
        # disconnected: two more happen meanwhile
        for title in ("Two", "Three"):
            ce = await publish(producer, published(account, title))
            await handled(service, ce)
        async with c.stream(
            "GET", "/v1/notifications/stream", headers={"Last-Event-ID": first["id"]}
        ) as stream:
            events = sse_events(stream)
            await anext(events)
            missed = [await asyncio.wait_for(anext(events), 30) for _ in range(2)]
        titles = [json.loads(e["data"])["title"] for e in missed]
        assert titles == ["Your resource “Two” is published", "Your resource “Three” is published"]

        bad = await c.get("/v1/notifications/stream", headers={"Last-Event-ID": "nope"})
        assert bad.status_code == 400
        assert bad.headers["content-type"] == "application/problem+json"


async def test_feed_pagination_unread_count_and_mark_read(
    service: NotificationsService,
    producer: AIOKafkaProducer,
    smtp: SmtpSink,
    base_url: str,
    issuer: TokenIssuer,
) -> None:
    account, email, _ = await register(producer, "en")
    await wait_mail(smtp, email)
    for n in range(4):  # different resources: different partitions, any order
        await publish(producer, published(account, f"Item {n}"))
    async with httpx.AsyncClient(base_url=base_url, headers=issuer.headers(account)) as c:

        async def unread() -> int:
            return int((await c.get("/v1/notifications/feed/unread-count")).json()["unread"])

        await eventually(unread, lambda n: n == 5)
        page1 = (await c.get("/v1/notifications/feed", params={"limit": 3})).json()
        page2 = (
            await c.get(
                "/v1/notifications/feed", params={"limit": 3, "cursor": page1["next_cursor"]}
            )
        ).json()
        titles = [i["title"] for i in page1["items"] + page2["items"]]
        assert len(titles) == 5 and len(set(titles)) == 5  # 4 items + welcome, no overlap
        assert page2["next_cursor"] is None
        assert (await c.get("/v1/notifications/feed/unread-count")).json() == {"unread": 5}

        item = page1["items"][0]["id"]
        # someone else cannot mark my item (and learns nothing about it)
        other = await c.post(
            f"/v1/notifications/feed/{item}/read", headers=issuer.headers(uuid.uuid4())
        )
        assert other.status_code == 404
        r = await c.post(f"/v1/notifications/feed/{item}/read")
        assert r.json() == {"unread": 4}
        await c.post("/v1/notifications/feed/read-all")
        assert (await c.get("/v1/notifications/feed/unread-count")).json() == {"unread": 0}
        bad = await c.get("/v1/notifications/feed", params={"cursor": "abc"})
        assert bad.status_code == 400


async def test_quiet_hours_hold_email_until_they_end(
    service: NotificationsService,
    producer: AIOKafkaProducer,
    smtp: SmtpSink,
) -> None:
    account, email, _ = await register(producer, "en")
    await wait_mail(smtp, email)
    now = datetime.now(UTC)
    async with service.uow() as uow:  # quiet from an hour ago to an hour from now, in Tokyo
        tokyo = now.astimezone(__import__("zoneinfo").ZoneInfo("Asia/Tokyo"))
        await uow.preferences.save(
            Preferences(
                person_id=account,
                time_zone="Asia/Tokyo",
                quiet_hours=QuietHours(
                    start=time((tokyo.hour - 1) % 24), end=time((tokyo.hour + 2) % 24)
                ),
                version=1,
            )
        )
        await uow.commit()
    ce = await publish(producer, published(account, "Quiet please"))
    await handled(service, ce)
    async with service.uow() as uow:
        [held] = [d for d in await uow.deliveries.for_recipient(account) if d.template != "welcome"]
    assert held.status.value == "pending"
    assert held.next_attempt_at > now + timedelta(minutes=60)
    with contextlib.suppress(AssertionError):
        await wait_mail(smtp, email, 2, timeout_s=2)
    assert len(mail_to(smtp, email)) == 1


async def test_newsletter_to_a_segment_in_each_recipients_language_throttled(
    service: NotificationsService,
    producer: AIOKafkaProducer,
    smtp: SmtpSink,
    base_url: str,
    issuer: TokenIssuer,
) -> None:
    origin = "HT"  # Haiti; people are spread over residences and languages
    people = []
    for locale, residence in (("fr", "CA"), ("ar", "FR"), ("es", "US"), ("en", "US")):
        account, email, _ = await register(producer, locale, f"Member {locale}")
        last = await publish(
            producer,
            profiles.PersonProfileCreated(
                person_id=account,
                country_of_origin=origin if locale != "en" else "SN",
                country_of_residence=residence,
                interests=["investment", "health"] if locale != "es" else ["education"],
            ),
        )
        people.append((account, email, locale))
    resource = published(None, "Guide de l'investissement")  # an imported record
    last = await publish(producer, resource)
    await handled(service, last)
    for _, email, _ in people:
        await wait_mail(smtp, email)  # welcome mails out of the way

    admin = issuer.headers(uuid.uuid4(), roles=("platform_admin",))
    async with httpx.AsyncClient(base_url=base_url, headers=admin) as c:
        segment = {"countries_of_origin": [origin], "interests": ["investment"]}
        preview = await c.post("/v1/newsletters/audience-preview", json=segment)
        assert preview.json() == {"size": 2}  # fr + ar (es: other interest, en: other origin)
        member = await c.post(
            "/v1/newsletters/audience-preview",
            json=segment,
            headers=issuer.headers(uuid.uuid4()),
        )
        assert member.status_code == 403

        draft = {
            "content": {
                "en": {"subject": "Diaspora news", "intro": "Twice a year, what moved."},
                "fr": {"subject": "Nouvelles de la diaspora", "intro": "Deux fois par an."},
            },
            "resource_ids": [str(resource.resource_id)],
            "segment": segment,
            "per_minute": 120,
        }
        unpublished = await c.post(
            "/v1/newsletters", json={**draft, "resource_ids": [str(uuid.uuid4())]}
        )
        assert unpublished.status_code == 422
        created = await c.post("/v1/newsletters", json=draft)
        assert created.status_code == 201, created.text
        newsletter = created.json()["id"]
        assert created.headers["location"] == f"/v1/newsletters/{newsletter}"
        r = await c.post(
            f"/v1/newsletters/{newsletter}/schedule",
            json={"send_at": datetime.now(UTC).isoformat()},
        )
        assert r.json()["status"] == "scheduled"

        fr = (await wait_mail(smtp, people[0][1], 2))[-1]
        ar = (await wait_mail(smtp, people[1][1], 2))[-1]
        assert fr["Subject"] == "Nouvelles de la diaspora"
        assert "Guide de l'investissement" in body_of(fr, "plain")
        assert ar["Subject"] == "Diaspora news"  # no Arabic edition: falls back to English
        assert 'dir="rtl"' not in body_of(ar, "html")
        assert ar["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert len(mail_to(smtp, people[2][1])) == 1 and len(mail_to(smtp, people[3][1])) == 1
        sent = (await c.get(f"/v1/newsletters/{newsletter}")).json()
        assert sent["status"] == "sent" and sent["recipients"] == 2
        # the progress, as the sending goes: both marked sent just after the server took them
        done = await eventually(
            lambda: c.get(f"/v1/newsletters/{newsletter}"),
            lambda r: r.json()["progress"]["sent"] == 2,
        )
        assert done.json()["progress"] == {"queued": 2, "pending": 0, "sent": 2, "failed": 0}

    # throttled: the two deliveries are due 60/120 s apart
    async with service.uow() as uow:
        times = []
        for account, _, _ in people[:2]:
            times += [
                d.next_attempt_at
                for d in await uow.deliveries.for_recipient(account)
                if d.template == "newsletter"
            ]
        times.sort()
    assert times[1] - times[0] == timedelta(seconds=0.5)


async def test_newsletters_are_listed_newest_first_to_their_author_and_to_managers(
    base_url: str, issuer: TokenIssuer
) -> None:
    """A secretariat member finds the drafts they wrote (not a colleague's); a platform admin,
    who manages newsletters, finds everyone's; pages follow ``next_cursor``."""
    author, colleague = uuid.uuid4(), uuid.uuid4()
    draft = {"content": {"en": {"subject": "Draft", "intro": "Soon."}}}
    mine: list[str] = []
    async with httpx.AsyncClient(base_url=base_url) as c:
        as_author = issuer.headers(author, roles=("alliance_secretariat",))
        for n in range(3):
            body = {"content": {"en": {"subject": f"Draft {n}", "intro": "Soon."}}}
            r = await c.post("/v1/newsletters", json=body, headers=as_author)
            assert r.status_code == 201, r.text
            mine.insert(0, r.json()["id"])
        as_colleague = issuer.headers(colleague, roles=("alliance_secretariat",))
        theirs = (await c.post("/v1/newsletters", json=draft, headers=as_colleague)).json()["id"]

        first = (await c.get("/v1/newsletters?limit=2", headers=as_author)).json()
        assert [n["id"] for n in first["items"]] == mine[:2]
        assert first["items"][0]["progress"] == {"queued": 0, "pending": 0, "sent": 0, "failed": 0}
        rest = await c.get(
            "/v1/newsletters",
            params={"limit": 2, "cursor": first["next_cursor"]},
            headers=as_author,
        )
        assert [n["id"] for n in rest.json()["items"]] == mine[2:]
        assert rest.json()["next_cursor"] is None
        admin = issuer.headers(uuid.uuid4(), roles=("platform_admin",))
        everyone = (await c.get("/v1/newsletters?limit=100", headers=admin)).json()["items"]
        assert {theirs, *mine} <= {n["id"] for n in everyone}
        bad = await c.get("/v1/newsletters", params={"cursor": "!!"}, headers=as_author)
        assert bad.status_code == 400
        member = issuer.headers(uuid.uuid4(), roles=("member",))
        assert (await c.get("/v1/newsletters", headers=member)).status_code == 403


async def test_connections_and_messages_notify_the_other_person_in_their_language(
    service: NotificationsService,
    producer: AIOKafkaProducer,
    smtp: SmtpSink,
    base_url: str,
    issuer: TokenIssuer,
) -> None:
    requester, requester_email, _ = await register(producer, "es")
    addressee, addressee_email, _ = await register(producer, "ar")
    await wait_mail(smtp, requester_email)
    await wait_mail(smtp, addressee_email)
    # the addressee wants messages in a daily digest, not one mail each
    async with service.uow() as uow:
        await uow.preferences.save(
            Preferences(
                person_id=addressee,
                categories={Category.MESSAGES: Frequency.DAILY},
                version=1,
            )
        )
        await uow.commit()
    connection = uuid.uuid4()
    await publish(
        producer,
        profiles.ConnectionRequested(
            connection_id=connection,
            requester_id=requester,
            addressee_id=addressee,
            note="private note",
            requested_at=datetime.now(UTC),
        ),
    )
    mail = (await wait_mail(smtp, addressee_email, 2))[-1]
    assert mail["Subject"] == "طلب تواصل جديد"
    assert "private note" not in body_of(mail, "plain")
    await publish(
        producer,
        profiles.ConnectionAccepted(
            connection_id=connection,
            requester_id=requester,
            addressee_id=addressee,
            accepted_at=datetime.now(UTC),
        ),
        sequence=2,
    )
    accepted = (await wait_mail(smtp, requester_email, 2))[-1]
    assert accepted["Subject"] == "Su solicitud de contacto fue aceptada"
    ce = await publish(
        producer,
        profiles.MessageSent(
            conversation_id=uuid.uuid4(),
            message_id=uuid.uuid4(),
            sender_id=requester,
            recipient_id=addressee,
            sent_at=datetime.now(UTC),
        ),
    )
    await handled(service, ce)
    async with httpx.AsyncClient(base_url=base_url, headers=issuer.headers(addressee)) as c:
        feed = (await c.get("/v1/notifications/feed")).json()
    assert [i["type"] for i in feed["items"]][:2] == ["message_received", "connection_requested"]
    assert feed["items"][0]["title"] == "لديك رسالة جديدة"
    async with service.uow() as uow:  # queued for the digest, not mailed
        waiting = await uow.digests.claim_pending(addressee, "daily")
    assert [e.template for e in waiting] == ["message_received"]
    assert len(mail_to(smtp, addressee_email)) == 2


async def test_an_erased_account_is_forgotten_and_never_notified_again(
    service: NotificationsService,
    producer: AIOKafkaProducer,
    smtp: SmtpSink,
    base_url: str,
    issuer: TokenIssuer,
) -> None:
    account, email, _ = await register(producer, "fr")
    await wait_mail(smtp, email)
    ce = await publish(
        producer,
        profiles.AccountErased(account_id=account, erased_at=datetime.now(UTC)),
        sequence=5,
    )
    await handled(service, ce)
    async with service.uow() as uow:
        assert await uow.recipients.get(account) is None
        [welcome] = await uow.deliveries.for_recipient(account)
    assert welcome.address == "" and welcome.message.text == ""  # content and address gone
    async with httpx.AsyncClient(base_url=base_url, headers=issuer.headers(account)) as c:
        assert (await c.get("/v1/notifications/feed")).json()["items"] == []
    late = await publish(producer, published(account, "After erasure"))
    await handled(service, late)
    # an older account event arriving late does not bring the person back
    stale = await publish(
        producer,
        profiles.PasswordChanged(
            account_id=account,
            email=email,
            display_name="Back?",
            locale="fr",
            changed_at=datetime.now(UTC),
        ),
        sequence=3,
    )
    await handled(service, stale)
    async with service.uow() as uow:
        assert len(await uow.deliveries.for_recipient(account)) == 1


async def test_a_person_promoted_from_a_waiting_list_is_told_the_seat_is_theirs(
    service: NotificationsService,
    producer: AIOKafkaProducer,
    smtp: SmtpSink,
    base_url: str,
    issuer: TokenIssuer,
) -> None:
    account, email, _ = await register(producer, "fr", "Amina Diallo")
    await wait_mail(smtp, email)  # the welcome
    event_id = uuid.uuid4()

    def change(status: str, promoted: bool) -> resources.EventRegistrationChanged:
        return resources.EventRegistrationChanged(
            event_id=event_id,
            registration_id=uuid.uuid4(),
            person_id=account,
            status=status,
            promoted=promoted,
            title="Forum des investisseurs",
            starts_at=datetime(2027, 3, 4, 16, 0, tzinfo=UTC),
            occurred_at=datetime.now(UTC),
        )

    # joining the waiting list is the person's own act: no notification
    await handled(service, await publish(producer, change("waitlisted", False)))
    await publish(producer, change("confirmed", True))
    [_, seat] = await wait_mail(smtp, email, 2)
    assert seat["Subject"] == "Vous avez une place : Forum des investisseurs"
    assert "4 mars 2027" in body_of(seat, "plain")
    async with httpx.AsyncClient(base_url=base_url, headers=issuer.headers(account)) as c:
        feed = (await c.get("/v1/notifications/feed")).json()
    item = next(i for i in feed["items"] if i["type"] == "event_seat_given")
    assert "Forum des investisseurs" in item["body"]
    assert item["category"] == "events" and item["link"] == f"/v1/events/{event_id}"
