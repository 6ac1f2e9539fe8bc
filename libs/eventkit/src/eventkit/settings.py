"""Configuration every service shares, from the environment (12-factor)."""

from __future__ import annotations

import json
from typing import Annotated, Any

from pydantic import BeforeValidator, Field
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict


def _comma_list(value: Any) -> Any:
    """``a,b`` or ``["a", "b"]`` (JSON) from the environment; a list as it is."""
    if isinstance(value, str):
        text = value.strip()
        if text.startswith("["):
            return json.loads(text)
        return [part.strip() for part in text.split(",") if part.strip()]
    return value


#: a list setting an operator can write as ``a,b`` (or as a JSON list)
CommaList = Annotated[list[str], NoDecode, BeforeValidator(_comma_list)]


class ServiceSettings(BaseSettings):
    """Base settings; a service subclasses it to add its own options."""

    model_config = SettingsConfigDict(env_file=None, extra="ignore")

    service_name: str = "service"
    database_url: str = "postgresql+asyncpg://postgres@127.0.0.1:15432/diaspora"
    #: the schema this service owns; defaults to the service name
    db_schema: str = ""
    kafka_bootstrap_servers: str = "127.0.0.1:19092"
    log_level: str = "INFO"
    log_json: bool = True
    public_base_url: str = "http://127.0.0.1:8080"
    #: where people's pages are (the web client, web/): links in emails land there. Empty:
    #: the public base URL, since the gateway serves the web client at / beside the API
    web_base_url: str = ""
    jwks_url: str = "http://127.0.0.1:8001/.well-known/jwks.json"
    jwt_issuer: str = "diaspora-platform"
    jwt_audience: str = "diaspora-platform"
    max_request_bytes: int = Field(default=1_048_576, description="request body limit")
    #: browser origins allowed to call the API cross-origin (CORS), e.g.
    #: ``CORS_ALLOWED_ORIGINS=https://app.example.org,https://partner.example.net``; empty
    #: (the default): no CORS headers at all, browsers keep every other origin out
    cors_allowed_origins: CommaList = Field(default_factory=list)
    #: take the client address from the last X-Forwarded-For hop (set behind the gateway,
    #: which appends the real client's): the rate limit and sign-in throttle count per client
    trust_forwarded_for: bool = False
    #: roles whose routes need a sign-in with a second factor (the access token's ``amr``
    #: holds ``mfa``), e.g. ``SECOND_FACTOR_ROLES=platform_admin,moderator``. Empty (the
    #: default for development and tests): no route demands it; deploy/ sets the privileged
    #: roles (docs/developing.md, "Two-factor sign-in")
    second_factor_roles: CommaList = Field(default_factory=list)
    #: the general rate limit (eventkit.http.rate_limit): "requests/seconds" per account
    #: (signed in) or client address, for every path; "off" disables it
    rate_limit_default: str = "1200/60"
    #: route groups with their own quota, e.g. ``RATE_LIMITS=/v1/auth=120/60,/v1/mapping=300/60``
    rate_limits: CommaList = Field(default_factory=list)
    #: the longest silence allowed between two pieces of a request body (then 408)
    body_idle_timeout_s: float = 15.0
    #: JSON bodies: deeper nesting is 400, a longer string is 422 (before any model)
    max_json_depth: int = 32
    max_json_string_chars: int = 65_536
    #: how long the API keeps an idle keep-alive connection; longer than the gateway keeps
    #: its idle upstream connections (30 s), so the gateway never reuses one being closed
    http_keep_alive_s: float = 75.0
    #: how long an Idempotency-Key is remembered, and how often expired keys are deleted
    idempotency_ttl_s: int = 24 * 3600
    idempotency_purge_interval_s: float = 3600.0
    # database connections of one process: at most db_pool_size + db_pool_max_overflow
    # (the connection budget, deploy/README.md)
    db_pool_size: int = 10
    db_pool_max_overflow: int = 10
    # relay and worker processes (eventkit.process_health): 0 serves no health endpoints
    health_port: int = 0
    #: a relay whose loop has not come round, or a worker that has held one batch, this
    #: long is wedged: /livez fails and the kubelet restarts it
    health_stall_after_s: float = 120.0
    #: how often the outbox backlog and the consumer lag are sampled for /metrics
    health_sample_s: float = 15.0
    # outbox relay
    relay_batch_size: int = 1000
    relay_poll_interval_s: float = 1.0
    # consumers
    #: the consumer group; defaults to the service name (one group per consuming service)
    kafka_consumer_group: str = ""
    consumer_max_attempts: int = 3
    consumer_retry_backoff_s: float = 0.2
    consumer_graceful_timeout_s: float = 20.0
    consumer_batch_max_records: int = 100
    #: how long a poll waits for records; FastStream then sleeps as long again after an
    #: empty poll, and a record arriving meanwhile waits that out (end-to-end latency;
    #: idle, it is one poll per twice this interval)
    consumer_batch_timeout_ms: int = 5
    #: how long the broker may hold a fetch with no new data: bounds the wait of a record
    #: for a partition left out of the fetch in flight (end-to-end latency; idle, it is one
    #: fetch request per this interval)
    consumer_fetch_max_wait_ms: int = 25
    #: a worker whose consumer took no batch for this long while its group has records
    #: waiting restarts the consumer (eventkit.stall); checked every consumer_stall_check_s
    consumer_stall_after_s: float = 60.0
    consumer_stall_check_s: float = 10.0
    # crypto-shredded personal fields (docs/privacy.md): the owner's audited key endpoint,
    # e.g. http://profiles:8001/internal/subject-keys, and this service's token for it.
    # Unset: personal fields of consumed events arrive as null.
    subject_keys_url: str = ""
    subject_keys_token: str = ""
    #: how long a fetched key (or its destruction) is cached: bounds post-erasure reads
    subject_keys_cache_ttl_s: float = 5.0
    # access tokens of erased accounts (eventkit.revocations)
    #: how often an API process re-reads the revoked subjects: bounds how long an erased
    #: account's access token still opens this service after the service erased its data
    revocation_refresh_s: float = 2.0

    @property
    def schema_name(self) -> str:
        return self.db_schema or self.service_name

    @property
    def consumer_group(self) -> str:
        return self.kafka_consumer_group or self.service_name

    @property
    def web_url(self) -> str:
        """The base of people's pages, without a trailing slash."""
        return (self.web_base_url or self.public_base_url).rstrip("/")
