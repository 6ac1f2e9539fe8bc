"""Composition root of the profiles service: wires adapters into the service layer."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI

from eventkit.cli import Service
from eventkit.service import Chassis
from profiles.adapters.integration_events import to_integration_events
from profiles.adapters.orm import metadata
from profiles.config import ProfilesSettings
from profiles.entrypoints.http import accounts
from profiles.service_layer.unit_of_work import ProfilesUnitOfWork

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


class ProfilesService(Service):
    migrations_dir = MIGRATIONS

    def __init__(self, settings: ProfilesSettings | None = None) -> None:
        self.settings = settings or ProfilesSettings()
        self.chassis = Chassis(self.settings, metadata)

    def uow(self) -> ProfilesUnitOfWork:
        return ProfilesUnitOfWork(
            self.chassis.sessions,
            self.chassis.outbox,
            self.chassis.inbox,
            to_integration_events,
        )

    def create_app(self) -> FastAPI:
        app = self.chassis.create_app(
            [accounts.router],
            title="Profiles API",
            description="Accounts, people, organisations, connections, directory, mapping.",
        )
        app.state.uow_factory = self.uow
        return app


def bootstrap(settings: ProfilesSettings | None = None) -> ProfilesService:
    return ProfilesService(settings)
