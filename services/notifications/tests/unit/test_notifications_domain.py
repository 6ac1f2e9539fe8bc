"""Domain rules of notifications, without infrastructure."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, time, timedelta

import pytest
from standardwebhooks.webhooks import Webhook

from notifications.adapters.signed_links import (
    ForgedToken,
    InvalidToken,
    UnsubscribeSigner,
)
from notifications.adapters.ssrf import SsrfGuard, UnsafeUrl
from notifications.domain.backoff import retry_delay_s
from notifications.domain.digest import digest_period
from notifications.domain.preferences import (
    Category,
    Channel,
    Frequency,
    InvalidPreferences,
    Preferences,
    QuietHours,
)
from notifications.domain.webhooks import Endpoint, WebhookDelivery, WebhookDeliveryStatus


def prefs(**kw: object) -> Preferences:
    return Preferences(person_id=uuid.uuid4(), **kw)  # type: ignore[arg-type]


def test_transactional_mail_ignores_switches_but_others_follow_them() -> None:
    p = prefs(channels={Channel.EMAIL: False, Channel.IN_APP: True})
    assert p.email_frequency(Category.ACCOUNT) == Frequency.IMMEDIATE
    assert p.email_frequency(Category.RESOURCES) == Frequency.OFF
    p = prefs(categories={Category.OPPORTUNITIES: Frequency.WEEKLY})
    assert p.email_frequency(Category.OPPORTUNITIES) == Frequency.WEEKLY
    assert p.wants_in_app(Category.OPPORTUNITIES)
    p.unsubscribe(Category.OPPORTUNITIES)
    assert p.email_frequency(Category.OPPORTUNITIES) == Frequency.OFF
    p.unsubscribe(Category.ACCOUNT)  # cannot unsubscribe from password resets
    assert p.email_frequency(Category.ACCOUNT) == Frequency.IMMEDIATE


def test_quiet_hours_wrap_midnight_in_the_persons_time_zone() -> None:
    quiet = QuietHours(start=time(22), end=time(7))
    assert quiet.contains(time(23, 30)) and quiet.contains(time(6, 59))
    assert not quiet.contains(time(7)) and not quiet.contains(time(12))
    p = prefs(time_zone="America/Port-au-Prince", quiet_hours=quiet)
    # 03:00 UTC = 22:00 in Port-au-Prince (UTC-5 in November): quiet until 07:00 local
    now = datetime(2026, 11, 22, 3, 0, tzinfo=UTC)
    assert p.earliest_send(now, Category.RESOURCES) == datetime(2026, 11, 22, 12, 0, tzinfo=UTC)
    assert p.earliest_send(now, Category.ACCOUNT) == now  # security mail never waits
    assert p.earliest_send(now + timedelta(hours=10), Category.RESOURCES) == now + timedelta(
        hours=10
    )


def test_invalid_preferences_are_refused() -> None:
    with pytest.raises(InvalidPreferences):
        prefs(time_zone="Nowhere/Land")
    with pytest.raises(InvalidPreferences):
        prefs(language="de")


def test_digest_periods_follow_local_time() -> None:
    # 07:30 UTC is 08:30 in Lagos (UTC+1) but 02:30 in Port-au-Prince
    now = datetime(2026, 11, 23, 7, 30, tzinfo=UTC)  # a Monday
    assert digest_period(Frequency.DAILY, now, "Africa/Lagos", hour=8, weekday=0) == date(
        2026, 11, 23
    )
    assert digest_period(Frequency.DAILY, now, "America/Port-au-Prince", hour=8, weekday=0) is None
    assert digest_period(Frequency.WEEKLY, now, "Africa/Lagos", hour=8, weekday=0) == date(
        2026, 11, 23
    )
    # weekly: later in the week still names the same Monday (catch-up, idempotent)
    thursday = now + timedelta(days=3)
    assert digest_period(Frequency.WEEKLY, thursday, "UTC", hour=8, weekday=0) == date(2026, 11, 23)
    assert digest_period(Frequency.IMMEDIATE, now, "UTC", hour=8, weekday=0) is None


def test_unsubscribe_tokens_cannot_be_forged() -> None:
    signer = UnsubscribeSigner("k" * 32)
    person = uuid.uuid4()
    token = signer.token(person, Category.EVENTS)
    what = signer.verify(token)
    assert what.person_id == person and what.category == Category.EVENTS
    assert signer.verify(signer.token(person, None)).category is None
    _payload, mac = token.split(".")
    other_payload = signer.token(uuid.uuid4(), Category.EVENTS).split(".")[0]
    with pytest.raises(ForgedToken):
        signer.verify(f"{other_payload}.{mac}")
    with pytest.raises(ForgedToken):
        UnsubscribeSigner("x" * 32).verify(token)
    with pytest.raises(InvalidToken):
        signer.verify("garbage")


def test_retry_delays_grow_with_jitter() -> None:
    for attempts in range(1, 8):
        step = min(100.0, 2.0 * 2 ** (attempts - 1))
        samples = [retry_delay_s(attempts, 2.0, cap_s=100.0) for _ in range(200)]
        assert all(step / 2 <= s <= step for s in samples)
        assert len(set(samples)) > 1  # jittered


def test_our_signatures_verify_with_the_standardwebhooks_package() -> None:
    endpoint = Endpoint(owner_id=uuid.uuid4(), url="https://partner.example.org/h")
    body = b'{"id":"1","type":"x","data":{"a":"\xc3\xa9"}}'
    ts = int(datetime.now(UTC).timestamp())
    headers = {
        "webhook-id": "msg_1",
        "webhook-timestamp": str(ts),
        "webhook-signature": endpoint.signature_header("msg_1", ts, body),
    }
    Webhook(endpoint.secret).verify(body, headers)
    old = endpoint.secret
    endpoint.rotate_secret(datetime.now(UTC), timedelta(hours=1))
    headers["webhook-signature"] = endpoint.signature_header("msg_1", ts, body)
    Webhook(old).verify(body, headers)
    Webhook(endpoint.secret).verify(body, headers)


def test_a_delivery_dead_letters_after_its_attempts_and_can_be_redelivered() -> None:
    d = WebhookDelivery(endpoint_id=uuid.uuid4(), event_id="e", event_type="t")
    now = datetime.now(UTC)
    assert not d.failed("HTTP 500", 500, now, max_attempts=2, base_s=1, cap_s=10)
    assert d.status == WebhookDeliveryStatus.PENDING and d.next_attempt_at > now
    assert d.failed("HTTP 500", 500, now, max_attempts=2, base_s=1, cap_s=10)
    assert d.status == WebhookDeliveryStatus.DEAD and len(d.events) == 1
    message_id = d.message_id
    d.redeliver(now)
    assert d.status == WebhookDeliveryStatus.PENDING and d.message_id == message_id


async def test_ssrf_guard_refuses_internal_targets_unless_allowed() -> None:
    guard = SsrfGuard([])
    for url in (
        "http://127.0.0.1/x",
        "https://localhost/x",
        "https://10.1.2.3/x",
        "https://[fd00::1]/x",
        "https://[::ffff:127.0.0.1]/x",
        "https://169.254.169.254/x",
        "gopher://example.org/",
    ):
        with pytest.raises(UnsafeUrl):
            await guard.check(url)
    await SsrfGuard(["127.0.0.1"]).check("http://127.0.0.1:8080/x")
    await SsrfGuard(["10.0.0.0/8"]).check("https://10.1.2.3/x")
    with pytest.raises(UnsafeUrl):  # plain http to the public internet
        await guard.check("http://93.184.215.14/x")
    await guard.check("https://93.184.215.14/x")


def test_a_webhook_message_keeps_its_id_for_one_event_and_endpoint() -> None:
    """webhook-id is derived from (endpoint, event): a recreated delivery (replay after the
    first row was purged) carries the id the receiver already saw, so it can drop it."""
    endpoint, other = uuid.uuid4(), uuid.uuid4()
    first = WebhookDelivery(endpoint_id=endpoint, event_id="e-1", event_type="t")
    again = WebhookDelivery(endpoint_id=endpoint, event_id="e-1", event_type="t")
    assert first.message_id == again.message_id and first.message_id.startswith("msg_")
    assert WebhookDelivery(endpoint_id=endpoint, event_id="e-2", event_type="t").message_id != (
        first.message_id
    )
    assert WebhookDelivery(endpoint_id=other, event_id="e-1", event_type="t").message_id != (
        first.message_id
    )
