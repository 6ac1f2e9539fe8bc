"""Resources settings."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, model_validator

from eventkit.settings import ServiceSettings


class ResourcesSettings(ServiceSettings):
    service_name: str = "resources"
    #: where attachment contents live (adapters/storage.py): PostgreSQL (every replica sees
    #: them, backups include them) or files under ``attachment_dir`` (one process only)
    attachment_storage: Literal["postgres", "local", "s3"] = "postgres"
    #: ATTACHMENT_STORAGE=s3: an S3-compatible store, path-style (``https://host[:port]``)
    attachment_s3_endpoint: str = ""
    attachment_s3_bucket: str = ""
    attachment_s3_region: str = "us-east-1"
    attachment_s3_prefix: str = "attachments/"
    attachment_s3_access_key_id: str = ""
    attachment_s3_secret_access_key: SecretStr = SecretStr("")
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

    @model_validator(mode="after")
    def _s3_complete(self) -> ResourcesSettings:
        """ATTACHMENT_STORAGE=s3 without where or how: refused at start, not at the first
        upload."""
        if self.attachment_storage == "s3":
            missing = [
                name.upper()
                for name in (
                    "attachment_s3_endpoint",
                    "attachment_s3_bucket",
                    "attachment_s3_access_key_id",
                )
                if not getattr(self, name)
            ]
            if not self.attachment_s3_secret_access_key.get_secret_value():
                missing.append("ATTACHMENT_S3_SECRET_ACCESS_KEY")
            if missing:
                raise ValueError(f"ATTACHMENT_STORAGE=s3 needs {', '.join(missing)}")
        return self
