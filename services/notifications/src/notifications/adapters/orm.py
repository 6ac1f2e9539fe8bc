"""Tables of the notifications schema."""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    DateTime,
    Identity,
    Index,
    Integer,
    String,
    Table,
    Text,
    Time,
    UniqueConstraint,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB, UUID

from eventkit.db import messaging_tables, service_metadata
from eventkit.idempotency import idempotency_keys_table
from eventkit.revocations import revoked_subjects_table

SCHEMA = "notifications"
metadata = service_metadata(SCHEMA)
outbox, inbox = messaging_tables(metadata)
revoked_subjects = revoked_subjects_table(metadata)
#: Idempotency-Keys of creating POSTs and their first answers (eventkit.idempotency)
idempotency_keys = idempotency_keys_table(metadata)

#: local projection of accounts: who can be notified, where, in which language
recipients = Table(
    "recipients",
    metadata,
    Column("account_id", UUID(as_uuid=True), primary_key=True),
    Column("email", String(320), nullable=False),
    Column("display_name", String(200), nullable=False),
    Column("locale", String(12), nullable=False),
    Column("version", Integer, nullable=False),
)

preferences = Table(
    "preferences",
    metadata,
    Column("person_id", UUID(as_uuid=True), primary_key=True),
    Column("channels", JSONB, nullable=False),
    Column("categories", JSONB, nullable=False),
    Column("language", String(12)),
    Column("time_zone", String(64), nullable=False),
    Column("quiet_start", Time),
    Column("quiet_end", Time),
    Column("version", Integer, nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

deliveries = Table(
    "deliveries",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("recipient_id", UUID(as_uuid=True), nullable=False),
    Column("channel", String(20), nullable=False),
    Column("address", String(320), nullable=False),
    Column("template", String(100), nullable=False),
    Column("source_event_id", String(100), nullable=False),
    Column("locale", String(12), nullable=False),
    Column("subject", String(300), nullable=False),
    Column("body_text", Text, nullable=False),
    Column("body_html", Text, nullable=False),
    Column("status", String(20), nullable=False),
    Column("attempts", Integer, nullable=False),
    Column("next_attempt_at", DateTime(timezone=True), nullable=False),
    Column("last_error", String(500)),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("sent_at", DateTime(timezone=True)),
    Column("category", String(40), nullable=False, server_default="account"),
    #: extra mail headers, e.g. List-Unsubscribe (RFC 8058)
    Column("headers", JSONB, nullable=False, server_default=text("'{}'::jsonb")),
    #: W3C traceparent of the handling that recorded the delivery (eventkit.tracing)
    Column("traceparent", String(55)),
    #: the newsletter this mail is part of (its progress is counted from here)
    Column("campaign_id", UUID(as_uuid=True)),
    # an event may concern several people: one delivery per recipient, idempotently
    UniqueConstraint(
        "recipient_id",
        "source_event_id",
        "template",
        "channel",
        name="uq_deliveries_recipient_event",
    ),
    Index("ix_deliveries_due", "next_attempt_at", postgresql_where="status = 'pending'"),
    Index(
        "ix_deliveries_campaign",
        "campaign_id",
        "status",
        postgresql_where="campaign_id IS NOT NULL",
    ),
)

#: the in-app feed; ``position`` orders it and is the SSE event id (Last-Event-ID)
feed_items = Table(
    "feed_items",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("position", BigInteger, Identity(always=True), nullable=False, unique=True),
    Column("person_id", UUID(as_uuid=True), nullable=False),
    Column("category", String(40), nullable=False),
    Column("template", String(100), nullable=False),
    Column("source_event_id", String(100), nullable=False),
    Column("locale", String(12), nullable=False),
    Column("title", String(300), nullable=False),
    Column("body", Text, nullable=False),
    Column("link", String(500)),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("read_at", DateTime(timezone=True)),
    UniqueConstraint("person_id", "source_event_id", "template"),
    Index("ix_feed_items_person", "person_id", "position"),
)

#: notifications waiting for a person's daily or weekly digest
digest_entries = Table(
    "digest_entries",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("person_id", UUID(as_uuid=True), nullable=False),
    Column("frequency", String(10), nullable=False),
    Column("category", String(40), nullable=False),
    Column("template", String(100), nullable=False),
    Column("source_event_id", String(100), nullable=False),
    Column("title", String(300), nullable=False),
    Column("summary", Text, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("digest_id", String(120)),
    UniqueConstraint("person_id", "source_event_id", "template"),
    Index("ix_digest_entries_pending", "person_id", postgresql_where="digest_id IS NULL"),
)

webhook_endpoints = Table(
    "webhook_endpoints",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("owner_id", UUID(as_uuid=True), nullable=False),
    Column("url", String(2000), nullable=False),
    Column("description", String(300), nullable=False),
    Column("event_types", JSONB, nullable=False),
    Column("status", String(20), nullable=False),
    Column("secret", String(100), nullable=False),
    Column("previous_secret", String(100)),
    Column("previous_secret_expires_at", DateTime(timezone=True)),
    Column("consecutive_dead_letters", Integer, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("version", Integer, nullable=False),
    Index("ix_webhook_endpoints_owner", "owner_id"),
)

#: every partner-visible event received: the source of fan-out and of replays
partner_events = Table(
    "partner_events",
    metadata,
    Column("event_id", String(100), primary_key=True),
    Column("type", String(200), nullable=False),
    Column("subject", String(200), nullable=False),
    Column("time", DateTime(timezone=True), nullable=False),
    Column("envelope", JSONB, nullable=False),
    Column("received_at", DateTime(timezone=True), nullable=False),
    Index("ix_partner_events_time", "time"),
)

webhook_deliveries = Table(
    "webhook_deliveries",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("position", BigInteger, Identity(always=True), nullable=False, unique=True),
    #: the Standard Webhooks ``webhook-id``: the same for every attempt of this message
    Column("message_id", String(100), nullable=False),
    Column("endpoint_id", UUID(as_uuid=True), nullable=False),
    Column("event_id", String(100), nullable=False),
    Column("event_type", String(200), nullable=False),
    Column("status", String(20), nullable=False),
    Column("attempts", Integer, nullable=False),
    Column("next_attempt_at", DateTime(timezone=True), nullable=False),
    Column("last_status_code", Integer),
    Column("last_error", String(500)),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("delivered_at", DateTime(timezone=True)),
    UniqueConstraint("endpoint_id", "event_id"),
    Index("ix_webhook_deliveries_due", "next_attempt_at", postgresql_where="status = 'pending'"),
)

#: the delivery log: one row per HTTP attempt
webhook_attempts = Table(
    "webhook_attempts",
    metadata,
    Column("id", BigInteger, Identity(always=True), primary_key=True),
    Column("delivery_id", UUID(as_uuid=True), nullable=False),
    Column("attempted_at", DateTime(timezone=True), nullable=False),
    Column("status_code", Integer),
    Column("error", String(500)),
    Column("duration_ms", Integer, nullable=False),
    Index("ix_webhook_attempts_delivery", "delivery_id"),
)

#: local projection of the consent ledger (profiles.consent.v1): the latest decision per
#: person, purpose and recipient (``recipient_key``: the recipient id, or "platform")
consents = Table(
    "consents",
    metadata,
    Column("person_id", UUID(as_uuid=True), primary_key=True),
    Column("purpose", String(40), primary_key=True),
    Column("recipient_key", String(100), primary_key=True),
    Column("recipient_kind", String(20), nullable=False),
    Column("recipient_id", UUID(as_uuid=True)),
    Column("consent_id", UUID(as_uuid=True), nullable=False),
    Column("active", Boolean, nullable=False),
    #: when the person gave or withdrew it: the latest decision wins, whatever the order
    Column("decided_at", DateTime(timezone=True), nullable=False),
    Column("channel", String(20), nullable=False),
)

#: local projection of organisations (profiles): their kind, for newsletter segments
organisations = Table(
    "organisations",
    metadata,
    Column("organisation_id", UUID(as_uuid=True), primary_key=True),
    Column("kind", String(60), nullable=False),
    Column("version", Integer, nullable=False),
)

#: who belongs to which organisation (profiles OrganisationMembershipChanged)
organisation_memberships = Table(
    "organisation_memberships",
    metadata,
    Column("organisation_id", UUID(as_uuid=True), primary_key=True),
    Column("person_id", UUID(as_uuid=True), primary_key=True),
    Column("role", String(20), nullable=False),
    Index("ix_organisation_memberships_person", "person_id"),
)

#: local projection of alliance members (alliance.member.v1)
alliance_members = Table(
    "alliance_members",
    metadata,
    Column("member_id", UUID(as_uuid=True), primary_key=True),
    Column("alliance_id", UUID(as_uuid=True), nullable=False),
    Column("kind", String(40), nullable=False),
    Column("status", String(40), nullable=False),
    #: admitted or reinstated, and not since suspended, withdrawn or rejected
    Column("active", Boolean, nullable=False),
    #: when the newest applied member event happened: older ones are ignored
    Column("occurred_at", DateTime(timezone=True), nullable=False),
)

#: the accounts acting for each alliance member (``representative_ids`` of the newest member
#: event), replaced as a whole whenever a newer member event arrives
alliance_member_representatives = Table(
    "alliance_member_representatives",
    metadata,
    Column("member_id", UUID(as_uuid=True), primary_key=True),
    Column("account_id", UUID(as_uuid=True), primary_key=True),
    Index("ix_alliance_member_representatives_account", "account_id"),
)

#: seats of alliance members on alliance bodies (alliance.body.v1); an ended seat stays as an
#: inactive row so that an older "seat taken" arriving late cannot bring it back
alliance_body_seats = Table(
    "alliance_body_seats",
    metadata,
    Column("body_id", UUID(as_uuid=True), primary_key=True),
    Column("member_id", UUID(as_uuid=True), primary_key=True),
    Column("alliance_id", UUID(as_uuid=True), nullable=False),
    Column("body_kind", String(40), nullable=False),
    #: chair, co_chair, member, observer, rapporteur; null once the seat ended
    Column("role", String(40)),
    Column("active", Boolean, nullable=False),
    Column("occurred_at", DateTime(timezone=True), nullable=False),
    Index("ix_alliance_body_seats_member", "member_id"),
)

#: local projection of the public calendar (resources.calendar_event.v1) for newsletters
calendar_events = Table(
    "calendar_events",
    metadata,
    Column("event_id", UUID(as_uuid=True), primary_key=True),
    Column("kind", String(40), nullable=False),
    Column("title", String(500), nullable=False),
    Column("language", String(12), nullable=False),
    Column("organiser", String(300), nullable=False),
    Column("time_zone", String(64), nullable=False),
    Column("starts_at", DateTime(timezone=True), nullable=False),
    Column("ends_at", DateTime(timezone=True), nullable=False),
    Column("cancelled", Boolean, nullable=False),
    Column("version", Integer, nullable=False),
)

#: who registered for which calendar entry (confirmed or waitlisted): told when it changes or
#: is cancelled; the newest status per person wins (resources' registration sequence)
calendar_registrations = Table(
    "calendar_registrations",
    metadata,
    Column("event_id", UUID(as_uuid=True), primary_key=True),
    Column("person_id", UUID(as_uuid=True), primary_key=True),
    Column("status", String(20), nullable=False),
    Column("sequence", BigInteger, nullable=False),
    Index("ix_calendar_registrations_person", "person_id"),
)

#: local projection of person profiles (member-visible fields only): newsletter audiences
audience_members = Table(
    "audience_members",
    metadata,
    Column("person_id", UUID(as_uuid=True), primary_key=True),
    Column("country_of_origin", String(2)),
    Column("country_of_residence", String(2)),
    Column("interests", JSONB, nullable=False),
    Column("languages", JSONB, nullable=False),
    Column("version", Integer, nullable=False),
)

#: local projection of published Learn resources: what newsletters can be composed from
published_resources = Table(
    "published_resources",
    metadata,
    Column("resource_id", UUID(as_uuid=True), primary_key=True),
    Column("kind", String(40), nullable=False),
    Column("title", String(500), nullable=False),
    Column("language", String(12), nullable=False),
    Column("published", Boolean, nullable=False),
    Column("occurred_at", DateTime(timezone=True), nullable=False),
    Column("version", Integer, nullable=False),
)

newsletters = Table(
    "newsletters",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("created_by", UUID(as_uuid=True), nullable=False),
    #: per locale: {"en": {"subject": ..., "intro": ...}, "fr": {...}}
    Column("content", JSONB, nullable=False),
    Column("resource_ids", JSONB, nullable=False),
    Column("event_ids", JSONB, nullable=False, server_default=text("'[]'::jsonb")),
    Column("segment", JSONB, nullable=False),
    Column("status", String(20), nullable=False),
    Column("send_at", DateTime(timezone=True)),
    Column("per_minute", Integer, nullable=False),
    Column("recipients", Integer),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("version", Integer, nullable=False),
    #: deliveries recorded so far, and the last audience member recorded (account ids in
    #: order): the queuing resumes after it
    Column("queued", Integer, nullable=False, server_default=text("0")),
    Column("queued_through", UUID(as_uuid=True)),
)
