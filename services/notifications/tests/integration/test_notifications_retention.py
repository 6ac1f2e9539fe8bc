"""Retention: the job deletes settled email deliveries and webhook logs older than their
windows, and keeps pending work and anything recent (real Postgres)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from sqlalchemy import text

from conftest import settings_for
from devstack.harness import SmtpSink, TestInfra
from notifications.adapters import templates
from notifications.bootstrap import NotificationsService
from notifications.domain.delivery import Delivery, DeliveryStatus
from notifications.domain.webhooks import WebhookDelivery, WebhookDeliveryStatus
from notifications.service_layer.retention import purge_expired_logs


def mail(recipient: uuid.UUID, status: DeliveryStatus) -> Delivery:
    return Delivery(
        recipient_id=recipient,
        channel="email",
        address="r@example.org",
        template="welcome",
        source_event_id=str(uuid.uuid4()),
        message=templates.render("welcome", "en", name="Test"),
        status=status,
    )


async def test_old_settled_logs_go_pending_and_recent_ones_stay(
    notifications_db: str, infra: TestInfra, smtp: SmtpSink
) -> None:
    svc = NotificationsService(
        settings_for(
            notifications_db,
            infra,
            smtp.port,
            delivery_log_retention_days=30,
            webhook_log_retention_days=10,
        )
    )
    now = datetime.now(UTC)
    person = uuid.uuid4()
    old_sent, old_pending, recent_sent = (
        mail(person, DeliveryStatus.SENT),
        mail(person, DeliveryStatus.PENDING),
        mail(person, DeliveryStatus.SENT),
    )
    endpoint = uuid.uuid4()
    old_event, kept_event = f"old-{uuid.uuid4()}", f"kept-{uuid.uuid4()}"
    old_hook = WebhookDelivery(endpoint_id=endpoint, event_id=old_event, event_type="t")
    pending_hook = WebhookDelivery(endpoint_id=endpoint, event_id=kept_event, event_type="t")
    old_hook.status = WebhookDeliveryStatus.SUCCEEDED
    try:
        async with svc.uow() as uow:
            for d in (old_sent, old_pending, recent_sent):
                await uow.deliveries.add(d)
            for event_id in (old_event, kept_event):
                await uow.webhooks.add_partner_event(event_id, "t", "s", now, {"data": {}})
            await uow.webhooks.add_delivery(old_hook)
            await uow.webhooks.add_delivery(pending_hook)
            await uow.webhooks.add_attempts(
                [
                    {
                        "delivery_id": old_hook.id,
                        "attempted_at": now - timedelta(days=11),
                        "status_code": 200,
                        "error": None,
                        "duration_ms": 5,
                    }
                ]
            )
            await uow.commit()
        async with svc.chassis.engine.begin() as conn:
            await conn.execute(
                text(
                    "UPDATE notifications.deliveries SET created_at = now() - interval '31 days'"
                    " WHERE id IN (:a, :b)"
                ),
                {"a": old_sent.id, "b": old_pending.id},
            )
            await conn.execute(
                text(
                    "UPDATE notifications.webhook_deliveries"
                    " SET created_at = now() - interval '11 days' WHERE endpoint_id = :e"
                ),
                {"e": endpoint},
            )
            await conn.execute(
                text(
                    "UPDATE notifications.partner_events"
                    " SET received_at = now() - interval '11 days' WHERE event_id IN (:a, :b)"
                ),
                {"a": old_event, "b": kept_event},
            )

        purged = await purge_expired_logs(svc.uow, svc.settings, now)
        assert purged["email_deliveries"] >= 1 and purged["webhook_attempts"] >= 1
        assert purged["webhook_deliveries"] >= 1 and purged["partner_events"] >= 1

        async with svc.uow() as uow:
            assert await uow.deliveries.get(old_sent.id) is None
            assert await uow.deliveries.get(old_pending.id) is not None  # never sent yet
            assert await uow.deliveries.get(recent_sent.id) is not None
            assert await uow.webhooks.delivery_for(endpoint, old_event) is None
            assert await uow.webhooks.delivery_for(endpoint, kept_event) is not None
            assert await uow.webhooks.partner_event(old_event) is None
            assert await uow.webhooks.partner_event(kept_event) is not None  # still pending
            assert await uow.webhooks.attempts_of(old_hook.id) == []
        # a second pass finds nothing left to delete: idempotent
        again = await purge_expired_logs(svc.uow, svc.settings, now)
        assert set(again.values()) == {0}
    finally:
        await svc.chassis.dispose()
