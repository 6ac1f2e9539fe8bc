"""Composition root of the resources service."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import FastAPI

from eventkit.cli import Service
from eventkit.consumer import EventDispatcher
from eventkit.jobs import PeriodicJob
from eventkit.logging import get_logger
from eventkit.service import Chassis
from resources.adapters.integration_events import to_integration_events
from resources.adapters.orm import metadata
from resources.adapters.project_records import parse_project_page
from resources.adapters.search_feed import SearchReplica
from resources.adapters.storage import (
    AttachmentStorage,
    LocalFileStorage,
    PostgresAttachmentStorage,
    S3ObjectStorage,
)
from resources.config import ResourcesSettings
from resources.entrypoints.consumers import build_dispatcher
from resources.entrypoints.http import (
    calendar_api,
    courses_api,
    open_data_api,
    opportunities_api,
    resources_api,
)
from resources.service_layer.resource_handlers import seed_project
from resources.service_layer.unit_of_work import ResourcesUnitOfWork

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
SEED_DATA = Path(__file__).resolve().parent / "seed_data"
log = get_logger(__name__)


class ResourcesService(Service):
    migrations_dir = MIGRATIONS

    def __init__(
        self,
        settings: ResourcesSettings | None = None,
        storage: AttachmentStorage | None = None,
    ) -> None:
        self.settings = settings or ResourcesSettings()
        self.chassis = Chassis(self.settings, metadata)
        self.storage = storage or self._storage()
        #: this process's search index (built before the API serves, then kept current)
        self.search = SearchReplica(lambda: self.chassis.engine)

    def _storage(self) -> AttachmentStorage:
        s = self.settings
        if s.attachment_storage == "local":
            return LocalFileStorage(s.attachment_dir)
        if s.attachment_storage == "s3":
            return S3ObjectStorage(
                endpoint=s.attachment_s3_endpoint,
                bucket=s.attachment_s3_bucket,
                region=s.attachment_s3_region,
                prefix=s.attachment_s3_prefix,
                access_key_id=s.attachment_s3_access_key_id,
                secret_access_key=s.attachment_s3_secret_access_key.get_secret_value(),
            )
        return PostgresAttachmentStorage(lambda: self.chassis.engine)

    def uow(self) -> ResourcesUnitOfWork:
        return ResourcesUnitOfWork(
            self.chassis.sessions,
            self.chassis.outbox,
            self.chassis.inbox,
            to_integration_events,
        )

    def create_app(self) -> FastAPI:
        app = self.chassis.create_app(
            [
                resources_api.router,
                opportunities_api.router,
                calendar_api.router,
                courses_api.router,
                open_data_api.router,
            ],
            title="Resources API",
            description="Learn repository, search, courses, events calendar, opportunities and "
            "explainable matching, open data.",
            # attachments are uploaded under /v1/resources/{id}/attachments (the handler
            # enforces the exact attachment limit; never lower the JSON limit below default)
            on_startup=[self._build_search_index],
            background=[
                PeriodicJob("search.catch_up", self.search.refresh, self.settings.search_refresh_s)
            ],
            upload_limits={
                "/v1/resources/": max(
                    self.settings.attachment_max_bytes, self.settings.max_request_bytes
                )
            },
        )
        app.state.uow_factory = self.uow
        app.state.settings = self.settings
        app.state.storage = self.storage
        app.state.search = self.search
        return app

    async def _build_search_index(self, app: FastAPI) -> None:
        if not self.search.built.is_set():
            await self.search.build()

    def dispatcher(self) -> EventDispatcher[Any] | None:
        return build_dispatcher(
            self.uow,
            self.chassis.clock,
            max_attempts=self.settings.consumer_max_attempts,
            backoff_s=self.settings.consumer_retry_backoff_s,
        )

    async def seed(self) -> None:
        """The IOM project records of ``seed_data/`` (idempotent on their project ids)."""
        try:
            for page in sorted(SEED_DATA.glob("project_*.txt")):
                project = parse_project_page(page.read_text())
                created = await seed_project(self.uow(), project, self.chassis.clock.now())
                log.info("seed.project", file=page.name, created=created)
        finally:
            await self.chassis.dispose()


def bootstrap(settings: ResourcesSettings | None = None) -> ResourcesService:
    return ResourcesService(settings)
