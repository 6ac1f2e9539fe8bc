"""Resources settings."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field

from eventkit.settings import ServiceSettings


class ResourcesSettings(ServiceSettings):
    service_name: str = "resources"
    #: where attachment contents live (adapters/storage.py): PostgreSQL (every replica sees
    #: them, backups include them) or files under ``attachment_dir`` (one process only)
    attachment_storage: Literal["postgres", "local"] = "postgres"
    #: the local files' folder (ATTACHMENT_STORAGE=local, and what ``attachments
    #: import-local`` reads)
    attachment_dir: Path = Path(".local/resources/attachments")
    attachment_max_bytes: int = Field(default=20 * 1024 * 1024, description="per attachment")
    #: distinct reports after which a published resource is hidden pending review
    reports_to_hide: int = 3
    #: how many people an opportunity is announced to at most when it is posted
    match_announcements: int = 50
    #: seconds between an API replica's catch-ups with the search change log (a search
    #: also catches up first, so this only keeps that cheap)
    search_refresh_s: float = 0.5
