"""Partner webhooks, per the Standard Webhooks specification (standardwebhooks.com).

* ``webhook-id`` is the message id: the same on every retry and replay, so receivers can
  deduplicate; ``webhook-timestamp`` is the attempt time (seconds); ``webhook-signature`` is a
  space-separated list of ``v1,<base64 HMAC-SHA256 of "id.timestamp.body">``.
* Secrets are ``whsec_<base64 of 24+ random bytes>``. Rotation keeps the previous secret for an
  overlap period during which every message is signed with both, so a receiver can switch keys
  at its own pace.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from uuid import UUID

from eventkit.aggregate import AggregateRoot, DomainEvent
from notifications.domain.backoff import retry_delay_s

SECRET_PREFIX = "whsec_"


def new_secret() -> str:
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(32)).decode()


def sign(secret: str, message_id: str, timestamp: int, body: bytes) -> str:
    key = base64.b64decode(secret.removeprefix(SECRET_PREFIX))
    signed = f"{message_id}.{timestamp}.".encode() + body
    digest = hmac.new(key, signed, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode()


class EndpointStatus(StrEnum):
    ACTIVE = "active"
    DISABLED = "disabled"


class WebhookDeliveryStatus(StrEnum):
    PENDING = "pending"
    SUCCEEDED = "succeeded"
    DEAD = "dead"  # dead-lettered: out of attempts; replayable by hand


@dataclass(kw_only=True)
class EndpointDisabled(DomainEvent):
    endpoint_id: UUID
    reason: str
    at: datetime


@dataclass(kw_only=True)
class DeliveryDeadLettered(DomainEvent):
    endpoint_id: UUID
    delivery_id: UUID
    message_id: str
    event_type: str
    attempts: int
    last_error: str
    at: datetime


@dataclass(kw_only=True, eq=False)
class Endpoint(AggregateRoot):
    id: UUID = field(default_factory=uuid.uuid4)
    owner_id: UUID
    url: str
    description: str = ""
    #: CloudEvents types this endpoint wants; empty = every partner-visible type
    event_types: list[str] = field(default_factory=list)
    status: EndpointStatus = EndpointStatus.ACTIVE
    secret: str = field(default_factory=new_secret)
    previous_secret: str | None = None
    previous_secret_expires_at: datetime | None = None
    consecutive_dead_letters: int = 0
    created_at: datetime = field(default_factory=lambda: datetime.now(UTC))

    def wants(self, event_type: str) -> bool:
        return self.status == EndpointStatus.ACTIVE and (
            not self.event_types or event_type in self.event_types
        )

    def signing_secrets(self, now: datetime) -> list[str]:
        keys = [self.secret]
        if (
            self.previous_secret
            and self.previous_secret_expires_at
            and now < self.previous_secret_expires_at
        ):
            keys.append(self.previous_secret)
        return keys

    def signature_header(self, message_id: str, timestamp: int, body: bytes) -> str:
        now = datetime.fromtimestamp(timestamp, UTC)
        return " ".join(sign(k, message_id, timestamp, body) for k in self.signing_secrets(now))

    def rotate_secret(self, now: datetime, overlap: timedelta) -> str:
        self.previous_secret = self.secret
        self.previous_secret_expires_at = now + overlap
        self.secret = new_secret()
        self.version += 1
        return self.secret

    def disable(self, reason: str, now: datetime) -> None:
        if self.status == EndpointStatus.DISABLED:
            return
        self.status = EndpointStatus.DISABLED
        self.record(EndpointDisabled(endpoint_id=self.id, reason=reason, at=now))

    def enable(self) -> None:
        self.status = EndpointStatus.ACTIVE
        self.consecutive_dead_letters = 0
        self.version += 1

    def reconfigure(
        self, *, event_types: list[str] | None, status: EndpointStatus | None, now: datetime
    ) -> None:
        """Its owner's change of what it wants and whether it is on: always a new version
        (the ETag a later If-Match must name)."""
        before = self.version
        if event_types is not None:
            self.event_types = sorted(set(event_types))
        if status == EndpointStatus.DISABLED:
            self.disable("disabled by its owner", now)
        elif status == EndpointStatus.ACTIVE:
            self.enable()
        if self.version == before:
            self.version += 1

    def delivery_succeeded(self) -> None:
        self.consecutive_dead_letters = 0

    def delivery_dead_lettered(self, now: datetime, disable_after: int) -> None:
        self.consecutive_dead_letters += 1
        if self.consecutive_dead_letters >= disable_after:
            self.disable(f"{self.consecutive_dead_letters} deliveries dead-lettered in a row", now)


#: namespace of derived ``webhook-id``s (uuid5)
_WEBHOOK_IDS = uuid.UUID("6f1c2a7e-3b0d-5c64-9e55-0d2b8a4f7c11")


def webhook_id(endpoint_id: UUID, event_id: str) -> str:
    """The stable ``webhook-id`` of one event's message to one endpoint."""
    return f"msg_{uuid.uuid5(_WEBHOOK_IDS, f'{endpoint_id}:{event_id}').hex}"


@dataclass(kw_only=True, eq=False)
class WebhookDelivery(AggregateRoot):
    id: UUID = field(default_factory=uuid.uuid4)
    #: the ``webhook-id``: derived from (endpoint, event), so every retry, redelivery and
    #: replay of one event to one endpoint carries the same id and the receiver can drop
    #: repeats (Standard Webhooks)
    message_id: str = ""
    endpoint_id: UUID
    event_id: str
    event_type: str
    status: WebhookDeliveryStatus = WebhookDeliveryStatus.PENDING
    attempts: int = 0
    next_attempt_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    last_status_code: int | None = None
    last_error: str | None = None
    created_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    delivered_at: datetime | None = None

    def __post_init__(self) -> None:
        if not self.message_id:
            self.message_id = webhook_id(self.endpoint_id, self.event_id)

    def succeeded(self, status_code: int, now: datetime) -> None:
        self.attempts += 1
        self.status = WebhookDeliveryStatus.SUCCEEDED
        self.last_status_code = status_code
        self.last_error = None
        self.delivered_at = now

    def failed(
        self,
        error: str,
        status_code: int | None,
        now: datetime,
        *,
        max_attempts: int,
        base_s: float,
        cap_s: float,
    ) -> bool:
        """Schedule a retry with growing, jittered delays; True when dead-lettered now."""
        self.attempts += 1
        self.last_status_code = status_code
        self.last_error = error[:500]
        if self.attempts >= max_attempts:
            self.status = WebhookDeliveryStatus.DEAD
            self.record(
                DeliveryDeadLettered(
                    endpoint_id=self.endpoint_id,
                    delivery_id=self.id,
                    message_id=self.message_id,
                    event_type=self.event_type,
                    attempts=self.attempts,
                    last_error=self.last_error,
                    at=now,
                )
            )
            return True
        self.next_attempt_at = now + timedelta(seconds=retry_delay_s(self.attempts, base_s, cap_s))
        return False

    def redeliver(self, now: datetime) -> None:
        """Manual redelivery or replay: a fresh round of attempts, same ``webhook-id``."""
        self.status = WebhookDeliveryStatus.PENDING
        self.attempts = 0
        self.next_attempt_at = now
        self.delivered_at = None
