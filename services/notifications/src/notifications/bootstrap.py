"""Composition root of the notifications service."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from fastapi import FastAPI

from eventkit.cli import Service
from eventkit.clock import Clock, SystemClock
from eventkit.consumer import EventDispatcher
from eventkit.jobs import PeriodicJob
from eventkit.service import Chassis
from notifications.adapters.email_sender import SmtpEmailSender
from notifications.adapters.integration_events import to_integration_events
from notifications.adapters.orm import metadata
from notifications.adapters.signed_links import UnsubscribeSigner
from notifications.adapters.ssrf import SsrfGuard
from notifications.adapters.webhook_sender import WebhookSender
from notifications.config import NotificationsSettings
from notifications.entrypoints.consumers import build_dispatcher
from notifications.entrypoints.http import (
    feed,
    newsletters,
    preferences,
    unsubscribe,
    webhooks,
)
from notifications.entrypoints.http.webhook_docs import document_webhooks
from notifications.service_layer.digests import send_due_digests
from notifications.service_layer.dispatch import dispatch_due_emails
from notifications.service_layer.newsletters import send_due_newsletters
from notifications.service_layer.notify import Notifier
from notifications.service_layer.retention import purge_expired_logs
from notifications.service_layer.unit_of_work import NotificationsUnitOfWork
from notifications.service_layer.webhooks import (
    PartnerCatalogue,
    WebhookDispatcher,
    run_webhook_dispatcher,
)

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


class NotificationsService(Service):
    migrations_dir = MIGRATIONS

    def __init__(
        self,
        settings: NotificationsSettings | None = None,
        *,
        partner_catalogue: PartnerCatalogue | None = None,
        clock: Clock | None = None,
    ) -> None:
        self.settings = settings or NotificationsSettings()
        self.chassis = Chassis(self.settings, metadata)
        self.email_sender = SmtpEmailSender(self.settings)
        self.unsubscribe_signer = UnsubscribeSigner(self.settings.unsubscribe_signing_key)
        self.clock: Clock = clock or SystemClock()
        self.chassis.clock = self.clock
        self.notifier = Notifier(
            self.unsubscribe_signer,
            self.settings.public_base_url,
            self.settings.web_url,
            self.clock,
        )
        self.ssrf_guard = SsrfGuard(self.settings.webhook_allowed_private)
        self.partner_catalogue = partner_catalogue or PartnerCatalogue.from_registry()

    def uow(self) -> NotificationsUnitOfWork:
        return NotificationsUnitOfWork(
            self.chassis.sessions,
            self.chassis.outbox,
            self.chassis.inbox,
            to_integration_events,
        )

    def create_app(self) -> FastAPI:
        app = self.chassis.create_app(
            [
                preferences.router,
                unsubscribe.router,
                feed.router,
                webhooks.router,
                newsletters.router,
            ],
            title="Notifications API",
            description="Preferences, feed, email, digests, newsletters, partner webhooks.",
        )
        app.state.uow_factory = self.uow
        app.state.settings = self.settings
        app.state.unsubscribe_signer = self.unsubscribe_signer
        app.state.ssrf_guard = self.ssrf_guard
        app.state.partner_catalogue = self.partner_catalogue
        document_webhooks(app, self.partner_catalogue)
        return app

    def dispatcher(self) -> EventDispatcher[Any] | None:
        return build_dispatcher(
            self.uow,
            max_attempts=self.settings.consumer_max_attempts,
            backoff_s=self.settings.consumer_retry_backoff_s,
            notifier=self.notifier,
            catalogue=self.partner_catalogue,
            clock=self.clock,
        )

    def webhook_dispatcher(self) -> WebhookDispatcher:
        return WebhookDispatcher(
            self.uow,
            WebhookSender(
                self.settings.webhook_timeout_s, self.settings.webhook_concurrency_per_endpoint
            ),
            self.ssrf_guard,
            self.partner_catalogue,
            self.settings,
            self.clock,
        )

    def background_jobs(self) -> list[Callable[[asyncio.Event], Awaitable[None]]]:
        s = self.settings

        async def emails() -> int:
            return await dispatch_due_emails(self.uow, self.email_sender, s, self.clock)

        async def webhooks(stop: asyncio.Event) -> None:
            await run_webhook_dispatcher(self.webhook_dispatcher(), stop)

        async def digests() -> object:
            return await send_due_digests(self.uow, self.notifier, s, self.clock.now())

        async def newsletters() -> object:
            return await send_due_newsletters(self.uow, self.notifier, s, self.clock.now())

        async def retention() -> object:
            return await purge_expired_logs(self.uow, s, self.clock.now())

        jobs: dict[str, Callable[[asyncio.Event], Awaitable[None]]] = {
            # a round that sent something runs again at once: a backlog drains without pauses
            "email": PeriodicJob("email.dispatch", emails, s.dispatch_poll_interval_s, 0),
            "webhooks": webhooks,  # its own pipelined loop (WebhookDispatcher.run)
            "digests": PeriodicJob("digests.send", digests, s.digest_poll_interval_s),
            "newsletters": PeriodicJob(
                "newsletters.send", newsletters, s.dispatch_poll_interval_s * 4
            ),
            "retention": PeriodicJob("retention.purge", retention, s.retention_interval_s),
        }
        return [job for name, job in jobs.items() if name in s.worker_jobs]


def bootstrap(settings: NotificationsSettings | None = None) -> NotificationsService:
    return NotificationsService(settings)
