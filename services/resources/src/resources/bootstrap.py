"""Composition root of the resources service."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI

from eventkit.cli import Service
from eventkit.service import Chassis
from resources.adapters.orm import metadata
from resources.config import ResourcesSettings

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


class ResourcesService(Service):
    migrations_dir = MIGRATIONS

    def __init__(self, settings: ResourcesSettings | None = None) -> None:
        self.settings = settings or ResourcesSettings()
        self.chassis = Chassis(self.settings, metadata)

    def create_app(self) -> FastAPI:
        return self.chassis.create_app([], title="Resources API")


def bootstrap(settings: ResourcesSettings | None = None) -> ResourcesService:
    return ResourcesService(settings)
