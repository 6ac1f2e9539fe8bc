"""Alliance settings."""

from __future__ import annotations

from eventkit.settings import ServiceSettings


class AllianceSettings(ServiceSettings):
    service_name: str = "alliance"
    #: how often the worker re-evaluates commitment statuses (late/at risk happen with time)
    status_review_interval_s: float = 3600.0
