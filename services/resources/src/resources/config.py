"""Resources settings."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field

from eventkit.settings import ServiceSettings


class ResourcesSettings(ServiceSettings):
    service_name: str = "resources"
    #: where the local-filesystem attachment storage keeps files
    attachment_dir: Path = Path(".local/resources/attachments")
    attachment_max_bytes: int = Field(default=20 * 1024 * 1024, description="per attachment")
    #: distinct reports after which a published resource is hidden pending review
    reports_to_hide: int = 3
    #: how many people an opportunity is announced to at most when it is posted
    match_announcements: int = 50
