"""Composition root of the alliance service."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from fastapi import FastAPI

from alliance.adapters.integration_events import to_integration_events
from alliance.adapters.orm import metadata
from alliance.config import AllianceSettings
from alliance.entrypoints.consumers import build_dispatcher
from alliance.entrypoints.http import (
    bodies,
    cohorts,
    commitments,
    meetings,
    members,
    representation,
)
from alliance.entrypoints.http import recommendations as recommendations_http
from alliance.service_layer.commitments import review_statuses
from alliance.service_layer.unit_of_work import AllianceUnitOfWork
from eventkit.cli import Service
from eventkit.clock import Clock, SystemClock
from eventkit.consumer import EventDispatcher
from eventkit.jobs import PeriodicJob
from eventkit.logging import get_logger
from eventkit.service import Chassis

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
log = get_logger(__name__)


class AllianceService(Service):
    migrations_dir = MIGRATIONS

    def __init__(
        self, settings: AllianceSettings | None = None, clock: Clock | None = None
    ) -> None:
        self.settings = settings or AllianceSettings()
        self.chassis = Chassis(self.settings, metadata)
        self.clock: Clock = clock or SystemClock()
        self.chassis.clock = self.clock

    def uow(self) -> AllianceUnitOfWork:
        return AllianceUnitOfWork(
            self.chassis.sessions, self.chassis.outbox, self.chassis.inbox, to_integration_events
        )

    def create_app(self) -> FastAPI:
        app = self.chassis.create_app(
            [
                members.router,
                representation.router,
                bodies.router,
                meetings.router,
                recommendations_http.router,
                commitments.router,
                cohorts.router,
            ],
            title="Alliance API",
            description="Governance of a policy alliance: members, bodies, meetings, votes, "
            "recommendations, commitments and their monitoring.",
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
        async def status_review() -> int:
            changed = await review_statuses(self.uow(), self.clock)
            log.info("commitments.status_review", changed=changed)
            return changed

        return [
            PeriodicJob(
                "commitments.status_review",
                status_review,
                interval_s=self.settings.status_review_interval_s,
            )
        ]

    async def seed(self) -> None:
        from alliance.seed import seed_demo

        try:
            await seed_demo(self.uow, self.clock)
        finally:
            await self.chassis.dispose()


def bootstrap(
    settings: AllianceSettings | None = None, clock: Clock | None = None
) -> AllianceService:
    return AllianceService(settings, clock)
