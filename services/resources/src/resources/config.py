"""Resources settings."""

from __future__ import annotations

from eventkit.settings import ServiceSettings


class ResourcesSettings(ServiceSettings):
    service_name: str = "resources"
