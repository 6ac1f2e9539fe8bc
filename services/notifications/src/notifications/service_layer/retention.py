"""Retention of delivery logs: a background job deletes what is older than the configured
windows (email deliveries settled long ago, webhook attempts, settled webhook deliveries and
the partner events they came from)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from eventkit.logging import get_logger
from notifications.config import NotificationsSettings
from notifications.service_layer.unit_of_work import NotificationsUnitOfWork

log = get_logger(__name__)


async def purge_expired_logs(
    uow_factory: Callable[[], NotificationsUnitOfWork],
    settings: NotificationsSettings,
    now: datetime,
) -> dict[str, int]:
    """One pass; returns rows deleted per table (idempotent: run it as often as you like)."""
    email_cutoff = now - timedelta(days=settings.delivery_log_retention_days)
    webhook_cutoff = now - timedelta(days=settings.webhook_log_retention_days)
    async with uow_factory() as uow:
        purged = {"email_deliveries": await uow.deliveries.purge_settled_before(email_cutoff)}
        purged.update(await uow.webhooks.purge_log_before(webhook_cutoff))
        await uow.commit()
    if any(purged.values()):
        log.info("retention.purged", **purged)
    return purged
