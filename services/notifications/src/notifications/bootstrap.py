"""Composition root of the notifications service."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from fastapi import FastAPI

from eventkit.cli import Service
from eventkit.consumer import EventDispatcher
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
from notifications.service_layer.digests import Clock, run_digest_scheduler, utc_now
from notifications.service_layer.dispatch import run_email_dispatcher
from notifications.service_layer.newsletters import run_newsletter_scheduler
from notifications.service_layer.notify import Notifier
from notifications.service_layer.retention import run_retention
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
        clock: Clock = utc_now,
    ) -> None:
        self.settings = settings or NotificationsSettings()
        self.chassis = Chassis(self.settings, metadata)
        self.email_sender = SmtpEmailSender(self.settings)
        self.unsubscribe_signer = UnsubscribeSigner(self.settings.unsubscribe_signing_key)
        self.notifier = Notifier(self.unsubscribe_signer, self.settings.public_base_url)
        self.ssrf_guard = SsrfGuard(self.settings.webhook_allowed_private)
        self.partner_catalogue = partner_catalogue or PartnerCatalogue.from_registry()
        self.clock = clock

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
        )

    def webhook_dispatcher(self) -> WebhookDispatcher:
        return WebhookDispatcher(
            self.uow,
            WebhookSender(self.settings.webhook_timeout_s, self.settings.webhook_concurrency),
            self.ssrf_guard,
            self.partner_catalogue,
            self.settings,
        )

    def background_jobs(self) -> list[Callable[[asyncio.Event], Awaitable[None]]]:
        async def email_dispatcher(stop: asyncio.Event) -> None:
            await run_email_dispatcher(self.uow, self.email_sender, self.settings, stop)

        async def webhook_dispatcher(stop: asyncio.Event) -> None:
            await run_webhook_dispatcher(self.webhook_dispatcher(), stop)

        async def digest_scheduler(stop: asyncio.Event) -> None:
            await run_digest_scheduler(self.uow, self.notifier, self.settings, stop, self.clock)

        async def newsletter_scheduler(stop: asyncio.Event) -> None:
            await run_newsletter_scheduler(self.uow, self.notifier, self.settings, stop, self.clock)

        async def retention(stop: asyncio.Event) -> None:
            await run_retention(self.uow, self.settings, stop, self.clock)

        jobs = {
            "email": email_dispatcher,
            "webhooks": webhook_dispatcher,
            "digests": digest_scheduler,
            "newsletters": newsletter_scheduler,
            "retention": retention,
        }
        return [job for name, job in jobs.items() if name in self.settings.worker_jobs]


def bootstrap(settings: NotificationsSettings | None = None) -> NotificationsService:
    return NotificationsService(settings)
