"""Tables of the resources schema."""

from __future__ import annotations

from sqlalchemy import (
    ARRAY,
    BigInteger,
    Boolean,
    Column,
    Computed,
    DateTime,
    ForeignKey,
    Identity,
    Index,
    Integer,
    LargeBinary,
    Numeric,
    String,
    Table,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB, UUID
from sqlalchemy.types import UserDefinedType

from eventkit.db import messaging_tables, service_metadata
from eventkit.idempotency import idempotency_keys_table
from eventkit.revocations import revoked_subjects_table


class XID8(UserDefinedType[int]):
    """PostgreSQL's 64-bit transaction id (``pg_current_xact_id()``)."""

    cache_ok = True

    def get_col_spec(self, **kw: object) -> str:
        return "xid8"


SCHEMA = "resources"
metadata = service_metadata(SCHEMA)
outbox, inbox = messaging_tables(metadata)
revoked_subjects = revoked_subjects_table(metadata)

resources = Table(
    "resources",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("kind", String(40), nullable=False),
    Column("status", String(20), nullable=False),
    Column("original_language", String(3), nullable=False),
    #: every language the resource has a translation in (a search facet)
    Column("languages", ARRAY(String(3)), nullable=False),
    Column("themes", ARRAY(String(40)), nullable=False),
    Column("sdgs", ARRAY(Integer), nullable=False),
    Column("countries", ARRAY(String(2)), nullable=False),
    Column("regions", ARRAY(String(100)), nullable=False),
    Column("year", Integer),
    Column("url", String(2000)),
    Column("authors", JSONB, nullable=False),
    Column("project", JSONB),
    Column("contributor_id", UUID(as_uuid=True)),
    Column("hidden", Boolean, nullable=False),
    Column("moderation_note", String(1000)),
    Column("source_ref", String(100), unique=True),
    Column("version", Integer, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("published_at", DateTime(timezone=True)),
    Index("ix_resources_themes", "themes", postgresql_using="gin"),
    Index("ix_resources_sdgs", "sdgs", postgresql_using="gin"),
    Index("ix_resources_countries", "countries", postgresql_using="gin"),
    Index(
        "ix_resources_public_recent",
        text("published_at DESC"),
        text("id DESC"),
        postgresql_where=text("status = 'published' AND NOT hidden"),
    ),
    Index("ix_resources_contributor", "contributor_id"),
    Index("ix_resources_status", "status"),
)

translations = Table(
    "resource_translations",
    metadata,
    Column(
        "resource_id",
        UUID(as_uuid=True),
        ForeignKey("resources.resources.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("language", String(3), primary_key=True),
    Column("title", String(500), nullable=False),
    Column("summary", Text, nullable=False),
    Column("body", Text, nullable=False),
)

#: the change log the search index of every API replica follows (adapters/search_feed.py):
#: one row per statement that changed a resource or a translation, written by triggers in
#: that statement's transaction, so no write path (HTTP, consumers, erasure) can forget it.
#: ``xid`` is the writing transaction's id: a reader takes rows of transactions that ended
#: before its snapshot, which positions alone cannot tell (they become visible out of order)
search_changes = Table(
    "search_changes",
    metadata,
    Column("position", BigInteger, Identity(always=True), primary_key=True),
    Column("resource_id", UUID(as_uuid=True), nullable=False),
    Column("xid", XID8, nullable=False, server_default=text("pg_current_xact_id()")),
    Column("recorded_at", DateTime(timezone=True), nullable=False, server_default=text("now()")),
    Index("ix_search_changes_xid", "xid"),
)

#: every change of a resource: moderation transitions and edits (with a content snapshot)
history = Table(
    "resource_history",
    metadata,
    Column("id", BigInteger, Identity(always=True), primary_key=True),
    Column("resource_id", UUID(as_uuid=True), nullable=False),
    Column("version", Integer, nullable=False),
    Column("action", String(40), nullable=False),
    Column("from_status", String(20)),
    Column("to_status", String(20)),
    Column("actor_id", UUID(as_uuid=True)),
    Column("reason", String(1000)),
    Column("snapshot", JSONB),
    Column("at", DateTime(timezone=True), nullable=False),
    Index("ix_resource_history_resource", "resource_id", "version"),
)

reports = Table(
    "resource_reports",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("resource_id", UUID(as_uuid=True), nullable=False),
    Column("reporter_id", UUID(as_uuid=True)),
    Column("reason", String(1000), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("resource_id", "reporter_id"),
)

attachments = Table(
    "attachments",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("resource_id", UUID(as_uuid=True), nullable=False),
    Column("filename", String(255), nullable=False),
    Column("media_type", String(120), nullable=False),
    Column("size", BigInteger, nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("storage_key", String(300), nullable=False),
    Column("uploaded_by", UUID(as_uuid=True)),
    Column("uploaded_at", DateTime(timezone=True), nullable=False),
    Index("ix_attachments_resource", "resource_id"),
)

#: attachment contents, content-addressed (key = sha256 hex): the default storage
#: (adapters/storage.py), so every API replica sees every file and backups include them
attachment_blobs = Table(
    "attachment_blobs",
    metadata,
    Column("storage_key", String(64), primary_key=True),
    Column("content", LargeBinary, nullable=False),
    Column("size", BigInteger, nullable=False),
    Column("stored_at", DateTime(timezone=True), nullable=False),
)

#: local projection of person profiles (profiles.person.v1), member-visible fields only
people = Table(
    "people",
    metadata,
    Column("person_id", UUID(as_uuid=True), primary_key=True),
    #: CloudEvents sequence of the newest snapshot applied (older ones are ignored)
    Column("sequence", BigInteger, nullable=False),
    Column("display_name", String(200)),
    Column("country_of_origin", String(2)),
    Column("country_of_residence", String(2)),
    Column("languages", ARRAY(String(3)), nullable=False),
    Column("occupations", ARRAY(String(4)), nullable=False, server_default="{}"),
    Column("skills", ARRAY(String(200)), nullable=False),
    Column("sectors", ARRAY(String(100)), nullable=False),
    Column("contribution_modes", ARRAY(String(40)), nullable=False),
    Column("open_to_opportunities", Boolean, nullable=False),
    #: false once the person withdrew ``directory_listing`` consent (never matched then)
    Column("listed", Boolean, nullable=False, server_default=text("true")),
    Column("locale", String(12), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    #: every matchable value as one prefixed tag (``oc:`` occupation, ``sk:`` skill, ``se:``
    #: sector, ``mo:`` contribution mode, ``la:`` language, ``or:`` country of origin, ``re:``
    #: country of residence), kept by the database: one GIN index answers "holds all of
    #: these" across criteria in one probe
    Column(
        "tags",
        ARRAY(String(210)),
        Computed(
            "resources.match_tags(occupations, skills, sectors, contribution_modes, languages, "
            "country_of_origin, country_of_residence)",
            persisted=True,
        ),
        nullable=False,
    ),
    # fastupdate off: a pending list of unsorted entries (up to 4 MB) is scanned in full by
    # every probe until a vacuum merges it; the projection is read far more than written
    Index(
        "ix_people_matchable_tags",
        "tags",
        postgresql_using="gin",
        postgresql_where=text("open_to_opportunities AND listed"),
        postgresql_with={"fastupdate": "off"},
    ),
)

#: the newest consent decision per person, purpose and recipient (profiles.consent.v1);
#: only withdrawals matter here, the row is kept so an older event never undoes a newer one
consents = Table(
    "consents",
    metadata,
    Column("person_id", UUID(as_uuid=True), primary_key=True),
    Column("purpose", String(40), primary_key=True),
    #: 'platform' or the recipient's id
    Column("recipient", String(40), primary_key=True),
    Column("withdrawn", Boolean, nullable=False),
    Column("changed_at", DateTime(timezone=True), nullable=False),
    Index(
        "ix_consents_withdrawn_recipient",
        "purpose",
        "recipient",
        "person_id",
        postgresql_where=text("withdrawn"),
    ),
)

#: erased accounts: a tombstone so a late or replayed profile event never brings them back
erased_people = Table(
    "erased_people",
    metadata,
    Column("person_id", UUID(as_uuid=True), primary_key=True),
    Column("erased_at", DateTime(timezone=True), nullable=False),
)

opportunities = Table(
    "opportunities",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("kind", String(20), nullable=False),
    Column("title", String(300), nullable=False),
    Column("description", Text, nullable=False),
    Column("organisation", String(300), nullable=False),
    #: the profiles organisation posting it, when named (government_contact consent)
    Column("organisation_id", UUID(as_uuid=True)),
    Column("posted_by", UUID(as_uuid=True)),
    Column("work_mode", String(10), nullable=False),
    Column("deadline", DateTime(timezone=True), nullable=False),
    Column("required_occupations", ARRAY(String(4)), nullable=False, server_default="{}"),
    Column("required_skills", ARRAY(String(200)), nullable=False),
    Column("sectors", ARRAY(String(100)), nullable=False),
    Column("countries", ARRAY(String(2)), nullable=False),
    Column("contribution_modes", ARRAY(String(40)), nullable=False),
    Column("languages", ARRAY(String(3)), nullable=False),
    Column("version", Integer, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Index("ix_opportunities_deadline", "deadline", "id"),
    Index("ix_opportunities_skills", "required_skills", postgresql_using="gin"),
)

interests = Table(
    "expressions_of_interest",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("opportunity_id", UUID(as_uuid=True), nullable=False),
    Column("person_id", UUID(as_uuid=True), nullable=False),
    Column("message", Text, nullable=False),
    Column("status", String(20), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("opportunity_id", "person_id"),
    Index("ix_expressions_of_interest_person", "person_id"),
)

#: matches already announced (OpportunityMatchFound), so each is announced once
announced_matches = Table(
    "announced_matches",
    metadata,
    Column("opportunity_id", UUID(as_uuid=True), primary_key=True),
    Column("person_id", UUID(as_uuid=True), primary_key=True),
    Column("score", Numeric(5, 4), nullable=False),
    Column("announced_at", DateTime(timezone=True), nullable=False),
    Index("ix_announced_matches_person", "person_id"),
)

#: the public events calendar
calendar_events = Table(
    "calendar_events",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("kind", String(30), nullable=False),
    Column("title", String(300), nullable=False),
    Column("description", Text, nullable=False),
    Column("language", String(3), nullable=False),
    Column("organiser", String(300), nullable=False),
    Column("organised_by", UUID(as_uuid=True)),
    Column("time_zone", String(64), nullable=False),
    Column("starts_at", DateTime(timezone=True), nullable=False),
    Column("ends_at", DateTime(timezone=True), nullable=False),
    Column("location", String(300)),
    Column("online_url", String(2000)),
    Column("capacity", Integer),
    Column("waitlist", Boolean, nullable=False),
    #: scheduled | cancelled
    Column("status", String(20), nullable=False, server_default="scheduled"),
    #: revisions of the details by the organiser: the ETag and iCalendar SEQUENCE
    Column("revision", Integer, nullable=False, server_default=text("0")),
    Column("cancelled_at", DateTime(timezone=True)),
    Column("cancellation_reason", String(500)),
    Column("version", Integer, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Index("ix_calendar_events_starts", "starts_at", "id"),
)

registrations = Table(
    "event_registrations",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    #: waitlist order (first come, first promoted)
    Column("position", BigInteger, Identity(always=True), nullable=False, unique=True),
    Column("event_id", UUID(as_uuid=True), nullable=False),
    Column("person_id", UUID(as_uuid=True), nullable=False),
    Column("status", String(20), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("event_id", "person_id"),
    Index("ix_event_registrations_event_status", "event_id", "status", "position"),
    Index("ix_event_registrations_person", "person_id"),
)

courses = Table(
    "courses",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("title", String(300), nullable=False),
    Column("description", Text, nullable=False),
    Column("language", String(3), nullable=False),
    #: [{"title": ..., "lessons": [{"id": ..., "title": ..., "resource_id": ...}]}]
    Column("modules", JSONB, nullable=False),
    Column("created_by", UUID(as_uuid=True)),
    Column("themes", ARRAY(String(100)), nullable=False, server_default="{}"),
    Column("version", Integer, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

enrolments = Table(
    "enrolments",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("course_id", UUID(as_uuid=True), nullable=False),
    Column("person_id", UUID(as_uuid=True), nullable=False),
    Column("enrolled_at", DateTime(timezone=True), nullable=False),
    Column("completed_lessons", ARRAY(String(100)), nullable=False),
    Column("completed_at", DateTime(timezone=True)),
    Column("verification_digest", String(64), unique=True),
    Column("version", Integer, nullable=False),
    UniqueConstraint("course_id", "person_id"),
    Index("ix_enrolments_person", "person_id"),
)

#: Idempotency-Keys of creating POSTs and their first answers (eventkit.idempotency)
idempotency_keys = idempotency_keys_table(metadata)
