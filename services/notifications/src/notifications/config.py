"""Notifications settings."""

from __future__ import annotations

from pydantic import Field

from eventkit.settings import CommaList, ServiceSettings


class NotificationsSettings(ServiceSettings):
    service_name: str = "notifications"
    #: background jobs the worker process runs beside the consumers (scale them apart by
    #: running workers with different lists)
    worker_jobs: list[str] = Field(
        default_factory=lambda: ["email", "webhooks", "digests", "newsletters", "retention"]
    )
    # ---- retention ----------------------------------------------------------------------
    #: sent/failed email delivery rows older than this are deleted (pending mail never is)
    delivery_log_retention_days: float = Field(default=90.0, gt=0)
    #: webhook attempts, settled webhook deliveries and partner events (the replay window)
    webhook_log_retention_days: float = Field(default=90.0, gt=0)
    retention_interval_s: float = 3600.0
    # ---- email --------------------------------------------------------------------------
    smtp_host: str = "127.0.0.1"
    smtp_port: int = 2525
    smtp_username: str | None = None
    smtp_password: str | None = None
    #: upgrade a plain connection with STARTTLS (submission port 587)
    smtp_starttls: bool = False
    #: implicit TLS from the first byte (port 465)
    smtp_use_tls: bool = False
    #: verify the server certificate (turn off only for a local test server)
    smtp_validate_certs: bool = True
    smtp_ca_file: str | None = None
    smtp_timeout_s: float = 10.0
    mail_from: str = "Diaspora Platform <no-reply@diaspora.local>"
    email_max_attempts: int = 8
    email_retry_base_s: float = 2.0
    email_batch_size: int = 50
    #: parallel SMTP sessions of one dispatcher
    email_concurrency: int = 4
    dispatch_poll_interval_s: float = 0.5
    # ---- unsubscribe links ----------------------------------------------------------------
    #: HMAC key of one-click unsubscribe links; set a long random value in production
    unsubscribe_signing_key: str = Field(default="dev-only-unsubscribe-key-change-me")
    # ---- in-app feed ------------------------------------------------------------------------
    sse_poll_interval_s: float = 0.5
    sse_heartbeat_s: float = 15.0
    # ---- digests ----------------------------------------------------------------------------
    #: local hour at which digests go out (daily every day, weekly on ``digest_weekday``)
    digest_hour: int = 8
    digest_weekday: int = 0  # Monday
    digest_poll_interval_s: float = 60.0
    # ---- partner webhooks -------------------------------------------------------------------
    webhook_max_attempts: int = 10
    webhook_retry_base_s: float = 5.0
    webhook_retry_cap_s: float = 6 * 3600.0
    webhook_timeout_s: float = 10.0
    webhook_batch_size: int = 100
    #: messages in flight at once, over all endpoints
    webhook_concurrency: int = 16
    #: messages in flight at once to one endpoint (its own connections, kept alive): a slow
    #: or dead endpoint holds these, never the others'
    webhook_concurrency_per_endpoint: int = 4
    #: a request slower than this stops counting against ``webhook_concurrency`` (it still
    #: holds its endpoint's slot): slow partners never take the fast ones' slots
    webhook_slow_after_s: float = 1.0
    #: how long a claimed delivery is hidden from other dispatchers while it is being sent
    webhook_lease_s: float = 60.0
    webhook_disable_after_dead_letters: int = 5
    webhook_secret_overlap_s: float = 24 * 3600.0
    #: operator allow-list: hosts or CIDRs that may resolve to private/loopback addresses,
    #: comma-separated (or a JSON list), e.g. ``WEBHOOK_ALLOWED_PRIVATE=127.0.0.1`` for a
    #: receiver on this machine (``make run WEBHOOK_ALLOWED_PRIVATE=127.0.0.1``); plain http
    #: is accepted only for these. Empty (the default): every private address is refused
    webhook_allowed_private: CommaList = Field(default_factory=list)
