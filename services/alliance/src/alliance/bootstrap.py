"""Composition root of the alliance service."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI

from alliance.adapters.orm import metadata
from alliance.config import AllianceSettings
from eventkit.cli import Service
from eventkit.service import Chassis

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


class AllianceService(Service):
    migrations_dir = MIGRATIONS

    def __init__(self, settings: AllianceSettings | None = None) -> None:
        self.settings = settings or AllianceSettings()
        self.chassis = Chassis(self.settings, metadata)

    def create_app(self) -> FastAPI:
        return self.chassis.create_app([], title="Alliance API")


def bootstrap(settings: AllianceSettings | None = None) -> AllianceService:
    return AllianceService(settings)
