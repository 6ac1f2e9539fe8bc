"""Notifications settings."""

from __future__ import annotations

from eventkit.settings import ServiceSettings


class NotificationsSettings(ServiceSettings):
    service_name: str = "notifications"
    smtp_host: str = "127.0.0.1"
    smtp_port: int = 2525
    smtp_username: str | None = None
    smtp_password: str | None = None
    smtp_starttls: bool = False
    smtp_use_tls: bool = False
    smtp_timeout_s: float = 10.0
    mail_from: str = "Diaspora Platform <no-reply@diaspora.local>"
    email_max_attempts: int = 8
    email_retry_base_s: float = 2.0
    dispatch_poll_interval_s: float = 0.5
