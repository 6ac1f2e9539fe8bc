"""Retention of delivery logs: a background job deletes what is older than the configured
windows (email deliveries settled long ago, webhook attempts, settled webhook deliveries and
the partner events they came from)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import datetime, timedelta

from eventkit.logging import get_logger
from eventkit.stopping import sleep_until_stopped
from notifications.config import NotificationsSettings
from notifications.service_layer.digests import Clock, utc_now
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


async def run_retention(
    uow_factory: Callable[[], NotificationsUnitOfWork],
    settings: NotificationsSettings,
    stop: asyncio.Event,
    clock: Clock = utc_now,
) -> None:
    while not stop.is_set():
        try:
            await purge_expired_logs(uow_factory, settings, clock())
        except Exception as exc:  # the database may be away: try again next round
            log.warning("retention.error", error=type(exc).__name__)
        await sleep_until_stopped(stop, settings.retention_interval_s)
