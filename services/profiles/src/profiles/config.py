"""Profiles settings."""

from __future__ import annotations

from eventkit.settings import ServiceSettings


class ProfilesSettings(ServiceSettings):
    service_name: str = "profiles"
