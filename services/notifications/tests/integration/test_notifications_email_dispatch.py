"""The email dispatcher against real SMTP servers: refusals (5xx) are permanent and announced
through the outbox; an unreachable server is retried with growing, jittered delays."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session
from sqlalchemy import text

from conftest import settings_for
from devstack.harness import SmtpSink, TestInfra
from devstack.waiting import free_port, wait_until
from eventkit.clock import FixedClock
from notifications.adapters import templates
from notifications.bootstrap import NotificationsService
from notifications.domain.delivery import Delivery, DeliveryStatus
from notifications.service_layer.dispatch import dispatch_due_emails


class Refuser:
    """An SMTP server that refuses every recipient with 550 (a hard bounce)."""

    async def handle_RCPT(
        self, server: SMTP, session: Session, envelope: Envelope, address: str, options: list[str]
    ) -> str:
        return "550 5.1.1 mailbox unavailable"


@pytest.fixture
def refusing_smtp() -> Iterator[int]:
    port = free_port()
    controller = Controller(Refuser(), hostname="127.0.0.1", port=port)
    controller.start()
    yield port
    controller.stop()


def delivery(recipient: uuid.UUID, address: str) -> Delivery:
    return Delivery(
        recipient_id=recipient,
        channel="email",
        address=address,
        template="welcome",
        source_event_id=str(uuid.uuid4()),
        message=templates.render("welcome", "en", name="Test"),
    )


async def run(svc: NotificationsService, d: Delivery) -> Delivery:
    async with svc.uow() as uow:
        await uow.deliveries.add(d)
        await uow.commit()
    await dispatch_due_emails(svc.uow, svc.email_sender, svc.settings, svc.clock)
    async with svc.uow() as uow:
        stored = await uow.deliveries.get(d.id)
    assert stored is not None
    return stored


async def test_a_refusal_is_permanent_and_announced(
    notifications_db: str, infra: TestInfra, refusing_smtp: int
) -> None:
    svc = NotificationsService(settings_for(notifications_db, infra, refusing_smtp))
    try:
        stored = await run(svc, delivery(uuid.uuid4(), "gone@example.org"))
        assert stored.status == DeliveryStatus.FAILED
        assert stored.attempts == 1
        async with svc.chassis.engine.connect() as conn:
            row = (
                await conn.execute(
                    text(
                        "SELECT payload FROM notifications.outbox"
                        " WHERE type = 'notifications.delivery.failed' AND aggregateid = :id"
                    ),
                    {"id": str(stored.id)},
                )
            ).one()
        assert row.payload["permanent"] is True
        assert "gone@example.org" not in str(row.payload)  # no address in events
    finally:
        await svc.chassis.dispose()


async def test_an_unreachable_server_is_retried_with_growing_delays(
    notifications_db: str, infra: TestInfra
) -> None:
    d = delivery(uuid.uuid4(), "later@example.org")
    # the service's clock decides when a retry is due: the test moves it, not the rows
    clock = FixedClock(d.next_attempt_at)
    svc = NotificationsService(
        settings_for(
            notifications_db, infra, free_port(), email_retry_base_s=10.0, email_max_attempts=4
        ),
        clock=clock,
    )
    try:
        delays = []
        for attempt in range(1, 5):
            before = clock.now()
            stored = await run(svc, d)
            assert stored.attempts == attempt
            if attempt < 4:
                assert stored.status == DeliveryStatus.PENDING
                delays.append((stored.next_attempt_at - before).total_seconds())
                clock.set(stored.next_attempt_at - timedelta(seconds=1))  # not due yet
                assert (
                    await dispatch_due_emails(svc.uow, svc.email_sender, svc.settings, clock) == 0
                )
                clock.set(stored.next_attempt_at)  # due now
        assert stored.status == DeliveryStatus.FAILED  # out of attempts
        # equal jitter: attempt n waits between base*2^(n-1)/2 and base*2^(n-1)
        for n, delay in enumerate(delays, start=1):
            assert 10.0 * 2 ** (n - 1) / 2 <= delay <= 10.0 * 2 ** (n - 1), delays
    finally:
        await svc.chassis.dispose()


async def test_delivered_mail_carries_the_headers_recorded_with_it(
    notifications_db: str, infra: TestInfra, smtp: SmtpSink
) -> None:
    svc = NotificationsService(settings_for(notifications_db, infra, smtp.port))
    try:
        address = f"h-{uuid.uuid4().hex[:8]}@example.org"
        d = delivery(uuid.uuid4(), address)
        d.headers = {"List-Unsubscribe": "<https://x.test/u>", "List-Unsubscribe-Post": "x"}
        assert (await run(svc, d)).status == DeliveryStatus.SENT
        [mail] = [m for m in smtp.messages() if m["To"] == address]
        assert mail["List-Unsubscribe"] == "<https://x.test/u>"
    finally:
        await svc.chassis.dispose()


class DispatcherKilled(BaseException):
    """Stands for the worker's death (kill -9) in the middle of a batch: not an Exception,
    so nothing in the dispatcher handles it."""


class DyingSender:
    """The real SMTP sender until ``survives`` mails were accepted; dies on the next one."""

    def __init__(self, real: Any, survives: int) -> None:
        self.real = real
        self.left = survives

    def compose(self, *args: Any, **kwargs: Any) -> Any:
        return self.real.compose(*args, **kwargs)

    async def send(self, mail: Any) -> None:
        if self.left == 0:
            raise DispatcherKilled
        self.left -= 1
        await self.real.send(mail)


async def test_a_dispatcher_killed_mid_batch_sends_no_mail_twice(
    notifications_db: str, infra: TestInfra, smtp: SmtpSink
) -> None:
    """Each mail is marked sent right after the SMTP server accepts it (its own short
    transaction), so the dispatcher that takes over sends only the mails not yet accepted."""
    svc = NotificationsService(settings_for(notifications_db, infra, smtp.port))
    try:
        await svc.chassis.engine.dispose()
        async with svc.uow() as uow:  # nothing else due: this batch is the test's
            await uow.session.execute(
                text("UPDATE notifications.deliveries SET status = 'sent' WHERE status = 'pending'")
            )
            await uow.commit()
        run_id = uuid.uuid4().hex[:8]
        addresses = [f"batch-{run_id}-{n}@example.org" for n in range(6)]
        async with svc.uow() as uow:
            for address in addresses:
                await uow.deliveries.add(delivery(uuid.uuid4(), address))
            await uow.commit()
        with pytest.raises(DispatcherKilled):
            await dispatch_due_emails(
                svc.uow,
                DyingSender(svc.email_sender, 4),  # type: ignore[arg-type]
                svc.settings,
                svc.clock,
            )

        # the sink files a mail just after it accepts it: wait for the four accepted ones
        def accepted() -> int:
            return len([m for m in smtp.messages() if m["To"] in addresses])

        wait_until(lambda: accepted() >= 4, 10, what="the four accepted mails in the sink")
        assert accepted() == 4
        while await dispatch_due_emails(svc.uow, svc.email_sender, svc.settings, svc.clock):
            pass
        wait_until(lambda: accepted() >= len(addresses), 10, what="every mail in the sink")
        received = [m for m in smtp.messages() if m["To"] in addresses]
        assert sorted(m["To"] for m in received) == sorted(addresses)  # each exactly once
    finally:
        await svc.chassis.dispose()


async def test_every_attempt_of_a_delivery_carries_the_same_message_id(
    notifications_db: str, infra: TestInfra
) -> None:
    """Mail software drops a copy with a Message-ID it has seen: the id is the delivery's."""
    svc = NotificationsService(settings_for(notifications_db, infra, free_port()))
    try:
        d = delivery(uuid.uuid4(), "same@example.org")
        first = svc.email_sender.compose(d.address, d.message, d.headers, delivery_id=d.id)
        again = svc.email_sender.compose(d.address, d.message, d.headers, delivery_id=d.id)
        assert first["Message-ID"] == again["Message-ID"]
        assert str(d.id) in first["Message-ID"]
        other = delivery(uuid.uuid4(), "same@example.org")
        assert (
            svc.email_sender.compose(other.address, other.message, delivery_id=other.id)[
                "Message-ID"
            ]
            != first["Message-ID"]
        )
    finally:
        await svc.chassis.dispose()
