"""Alliance settings."""

from __future__ import annotations

from eventkit.settings import ServiceSettings


class AllianceSettings(ServiceSettings):
    service_name: str = "alliance"
