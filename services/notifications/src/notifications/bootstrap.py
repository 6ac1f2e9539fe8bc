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
from notifications.adapters.orm import metadata
from notifications.config import NotificationsSettings
from notifications.entrypoints.consumers import build_dispatcher
from notifications.service_layer.dispatch import run_email_dispatcher
from notifications.service_layer.unit_of_work import NotificationsUnitOfWork

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


class NotificationsService(Service):
    migrations_dir = MIGRATIONS

    def __init__(self, settings: NotificationsSettings | None = None) -> None:
        self.settings = settings or NotificationsSettings()
        self.chassis = Chassis(self.settings, metadata)
        self.email_sender = SmtpEmailSender(self.settings)

    def uow(self) -> NotificationsUnitOfWork:
        return NotificationsUnitOfWork(
            self.chassis.sessions, self.chassis.outbox, self.chassis.inbox
        )

    def create_app(self) -> FastAPI:
        app = self.chassis.create_app(
            [],
            title="Notifications API",
            description="Preferences, feed, email, digests, newsletters, partner webhooks.",
        )
        app.state.uow_factory = self.uow
        return app

    def dispatcher(self) -> EventDispatcher[Any] | None:
        return build_dispatcher(
            self.uow,
            max_attempts=self.settings.consumer_max_attempts,
            backoff_s=self.settings.consumer_retry_backoff_s,
        )

    def background_jobs(self) -> list[Callable[[asyncio.Event], Awaitable[None]]]:
        async def email_dispatcher(stop: asyncio.Event) -> None:
            await run_email_dispatcher(self.uow, self.email_sender, self.settings, stop)

        return [email_dispatcher]


def bootstrap(settings: NotificationsSettings | None = None) -> NotificationsService:
    return NotificationsService(settings)
