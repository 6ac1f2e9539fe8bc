"""Tables of the profiles schema (SQLAlchemy Core; repositories map rows to aggregates)."""

from __future__ import annotations

from sqlalchemy import (
    ARRAY,
    BigInteger,
    Boolean,
    CheckConstraint,
    Column,
    Computed,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Table,
    Text,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import INET, JSONB, TSVECTOR, UUID

from eventkit.db import messaging_tables, service_metadata
from eventkit.idempotency import idempotency_keys_table
from eventkit.revocations import revoked_subjects_table
from eventkit.subject_keys import subject_keys_table

SCHEMA = "profiles"
metadata = service_metadata(SCHEMA)
outbox, inbox = messaging_tables(metadata)
revoked_subjects = revoked_subjects_table(metadata)
#: Idempotency-Keys of creating POSTs and their first answers (eventkit.idempotency)
idempotency_keys = idempotency_keys_table(metadata)

accounts = Table(
    "accounts",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("email", String(320), nullable=False, unique=True),  # stored lower-cased
    Column("display_name", String(200), nullable=False),
    Column("locale", String(12), nullable=False),
    Column("password_hash", String(255)),
    Column("status", String(20), nullable=False),
    Column("roles", ARRAY(String(40)), nullable=False),
    Column("version", Integer, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Column("verified_at", DateTime(timezone=True)),
)

# Access-token signing keys. The newest un-retired key signs; retired keys stay published in
# the JWKS until ``expires_at`` so tokens they signed keep verifying until they expire.
signing_keys = Table(
    "signing_keys",
    metadata,
    Column("kid", String(64), primary_key=True),
    Column("algorithm", String(10), nullable=False),
    Column("private_pem", Text, nullable=False),
    Column("public_jwk", JSONB, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("retired_at", DateTime(timezone=True)),
    Column("expires_at", DateTime(timezone=True)),
)

# Rotating refresh tokens: only a SHA-256 of each token is stored. A token is used once;
# presenting a used (or revoked) one again revokes its whole family (reuse detection).
refresh_tokens = Table(
    "refresh_tokens",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("family_id", UUID(as_uuid=True), nullable=False, index=True),
    Column("account_id", UUID(as_uuid=True), ForeignKey("accounts.id"), nullable=False, index=True),
    Column("issued_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
    Column("used_at", DateTime(timezone=True)),
    Column("revoked_at", DateTime(timezone=True)),
    #: how the session's sign-in was authenticated (RFC 8176 ``amr``): a refresh keeps it
    Column("amr", JSONB, nullable=False, server_default=text("'[\"pwd\"]'::jsonb")),
)

# An account's authenticator app (TOTP, RFC 6238): the shared secret, the last accepted
# step (no replay) and the SHA-256 digests of the unused recovery codes.
second_factors = Table(
    "second_factors",
    metadata,
    Column("account_id", UUID(as_uuid=True), ForeignKey("accounts.id"), primary_key=True),
    #: the plain secret, only where no key-encryption key is configured (development)
    Column("secret", LargeBinary),
    #: the secret under the person's subject key (eventkit.crypto envelope): erasure shreds it
    Column("sealed_secret", JSONB(none_as_null=True)),  # None is SQL NULL, not JSON null
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("confirmed_at", DateTime(timezone=True)),
    Column("last_step", BigInteger, nullable=False, server_default=text("0")),
    Column("recovery_digests", JSONB, nullable=False, server_default=text("'[]'::jsonb")),
    CheckConstraint("(secret IS NULL) <> (sealed_secret IS NULL)", name="one_secret"),
)

# Second steps of sign-ins whose password was right and which wait for the authenticator
# app's code (or a recovery code): SHA-256 of the challenge token only, a few minutes' life,
# used once, and a count of the wrong codes sent with it (past a few it is spent).
sign_in_challenges = Table(
    "sign_in_challenges",
    metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("account_id", UUID(as_uuid=True), ForeignKey("accounts.id"), nullable=False, index=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
    Column("used_at", DateTime(timezone=True)),
    Column("wrong_codes", Integer, nullable=False, server_default=text("0")),
)

# Emailed one-time links (email verification, password reset): SHA-256 of the token only.
one_time_tokens = Table(
    "one_time_tokens",
    metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("purpose", String(30), nullable=False),
    Column("account_id", UUID(as_uuid=True), ForeignKey("accounts.id"), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
    Column("used_at", DateTime(timezone=True)),
    Index("ix_one_time_tokens_account_purpose", "account_id", "purpose"),
)

# Notices sent to an account's owner about something done with their address by someone who
# may not be them (a registration with it), kept to throttle those emails. No personal data.
account_notices = Table(
    "account_notices",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("account_id", UUID(as_uuid=True), ForeignKey("accounts.id"), nullable=False),
    Column("kind", String(30), nullable=False),
    Column("sent_at", DateTime(timezone=True), nullable=False),
    Index("ix_account_notices_account_kind_at", "account_id", "kind", "sent_at"),
)

# Failed sign-ins per (account key, client address) for throttling. ``account_key`` is a
# SHA-256 of the normalised email so unknown emails are throttled too without storing them.
login_failures = Table(
    "login_failures",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("account_key", String(64), nullable=False),
    Column("client_ip", INET, nullable=False),
    Column("failed_at", DateTime(timezone=True), nullable=False),
    Index("ix_login_failures_key_ip_at", "account_key", "client_ip", "failed_at"),
    # the account's failures from everywhere, and the address's across accounts
    Index("ix_login_failures_key_at", "account_key", "failed_at"),
    Index("ix_login_failures_ip_at", "client_ip", "failed_at"),
)

#: client addresses that signed in to an account (by the digest of its email, like the
#: failures): the owner's usual clients keep signing in while others are slowed down
trusted_sign_ins = Table(
    "trusted_sign_ins",
    metadata,
    Column("account_key", String(64), primary_key=True),
    Column("client_ip", INET, primary_key=True),
    Column("last_success_at", DateTime(timezone=True), nullable=False, index=True),
)

person_profiles = Table(
    "person_profiles",
    metadata,
    Column("person_id", UUID(as_uuid=True), ForeignKey("accounts.id"), primary_key=True),
    Column("display_name", String(200), nullable=False),
    Column("given_name", String(100)),
    Column("family_name", String(100)),
    Column("headline", JSONB, nullable=False, server_default=text("'{}'::jsonb")),
    Column("bio", JSONB, nullable=False, server_default=text("'{}'::jsonb")),
    Column("country_of_origin", String(2)),
    Column("country_of_residence", String(2)),
    Column("city", String(120)),
    Column("languages", JSONB, nullable=False, server_default=text("'[]'::jsonb")),
    Column("skills", ARRAY(String(20)), nullable=False, server_default="{}"),
    Column("occupations", ARRAY(String(8)), nullable=False, server_default="{}"),
    Column("tags", ARRAY(String(50)), nullable=False, server_default="{}"),
    Column("sectors", ARRAY(String(2)), nullable=False, server_default="{}"),
    Column("interests", ARRAY(String(80)), nullable=False, server_default="{}"),
    Column("education_level", String(2)),
    Column("years_of_experience", Integer),
    Column("contribution_modes", ARRAY(String(30)), nullable=False, server_default="{}"),
    Column("availability", String(20)),
    Column("open_to_opportunities", Boolean, nullable=False, server_default=text("false")),
    # false once the person withdrew directory_listing consent (kept by the consent service)
    Column("directory_listed", Boolean, nullable=False, server_default=text("true")),
    # statistics only: never returned to anyone but the owner, never published
    Column("gender", String(20)),
    Column("birth_year", Integer),
    Column("visibility", JSONB, nullable=False, server_default=text("'{}'::jsonb")),
    Column("locale", String(12), nullable=False, server_default="en"),
    Column("version", Integer, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

# One row per pair of people (``pair_key`` = the two ids in sorted order), whatever its state.
connections = Table(
    "connections",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("pair_key", String(73), nullable=False, unique=True),
    Column("requester_id", UUID(as_uuid=True), nullable=False, index=True),
    Column("addressee_id", UUID(as_uuid=True), nullable=False, index=True),
    Column("status", String(20), nullable=False),
    Column("note", String(300)),
    Column("version", Integer, nullable=False),
    Column("requested_at", DateTime(timezone=True), nullable=False),
    Column("responded_at", DateTime(timezone=True)),
)

# Blocking hides each person from the other everywhere (profiles, directory, requests, messages).
blocks = Table(
    "blocks",
    metadata,
    Column("blocker_id", UUID(as_uuid=True), primary_key=True),
    Column("blocked_id", UUID(as_uuid=True), primary_key=True, index=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

# The people directory: one row per profile holding only member-visible values (filled in the
# same transaction as the profile), so search can never match on a hidden field. ``document``
# is built from accent-folded text (see domain/directory.py): accent-insensitive without the
# unaccent extension, which a service role cannot create.
directory_people = Table(
    "directory_people",
    metadata,
    Column("person_id", UUID(as_uuid=True), ForeignKey("accounts.id"), primary_key=True),
    Column("display_name", String(200), nullable=False),
    Column("sort_name", String(200), nullable=False),
    Column("headline", String(200)),
    Column("document", TSVECTOR, nullable=False),
    # the words of the name alone (sort_name is the folded display name): name matches rank
    # first in a word search
    Column(
        "name_document",
        TSVECTOR,
        Computed("to_tsvector('simple'::regconfig, (sort_name)::text)", persisted=True),
        nullable=False,
    ),
    Column("origin", String(2)),
    Column("residence", String(2)),
    Column("skills", ARRAY(String(20)), nullable=False, server_default="{}"),
    Column("occupations", ARRAY(String(8)), nullable=False, server_default="{}"),
    Column("sectors", ARRAY(String(2)), nullable=False, server_default="{}"),
    Column("languages", ARRAY(String(3)), nullable=False, server_default="{}"),
    Column("modes", ARRAY(String(30)), nullable=False, server_default="{}"),
    Column("open_to_opportunities", Boolean, nullable=False, server_default=text("false")),
    # every filterable value as "facet:value" (DirectoryEntry.codes)
    Column("codes", ARRAY(Text), nullable=False, server_default="{}"),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    # One GIN index over words and filter codes: a word search with filters is a single
    # index scan that intersects everything (skipping through long posting lists such as
    # "residence:FR"), so only the returned rows are read from the table. fastupdate off:
    # a pending list would be scanned linearly by every search; directory writes are rare.
    Index(
        "ix_directory_people_search",
        "document",
        "codes",
        postgresql_using="gin",
        postgresql_with={"fastupdate": "off"},
    ),
    # the first tier of a word search: names (small: two or three words a person)
    Index(
        "ix_directory_people_names",
        "name_document",
        "codes",
        postgresql_using="gin",
        postgresql_with={"fastupdate": "off"},
    ),
    # browsing pages in name order, optionally within an origin or residence
    Index("ix_directory_people_origin_sort", "origin", "sort_name", "person_id"),
    Index("ix_directory_people_residence_sort", "residence", "sort_name", "person_id"),
    Index("ix_directory_people_sort", "sort_name", "person_id"),
)

# Every word ever indexed in directory_people.document (kept by a trigger of the migration
# "directory vocabulary"; words are never removed: a stale one matches nobody). A word search
# turns a typed prefix into the exact words it starts (domain.directory.expanded_tsquery).
directory_words = Table(
    "directory_words",
    metadata,
    # byte order: a prefix is one contiguous range of the primary key
    Column("word", Text(collation="C"), primary_key=True),
)

organisations = Table(
    "organisations",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("name", String(200), nullable=False),
    Column("sort_name", String(200), nullable=False),
    Column("kind", String(40), nullable=False),
    Column("country", String(2), nullable=False),
    Column("city", String(120)),
    Column("website", String(300)),
    Column("description", JSONB, nullable=False, server_default=text("'{}'::jsonb")),
    Column("document", TSVECTOR, nullable=False),
    Column("verified_at", DateTime(timezone=True)),
    Column("verified_by", UUID(as_uuid=True)),
    Column("refusal_reason", Text),
    Column("refused_at", DateTime(timezone=True)),
    Column("refused_by", UUID(as_uuid=True)),
    Column("created_by", UUID(as_uuid=True), nullable=False),
    Column("version", Integer, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Index("ix_organisations_document", "document", postgresql_using="gin"),
    Index("ix_organisations_sort", "sort_name", "id"),
)

organisation_members = Table(
    "organisation_members",
    metadata,
    Column("organisation_id", UUID(as_uuid=True), ForeignKey("organisations.id"), primary_key=True),
    Column("person_id", UUID(as_uuid=True), primary_key=True, index=True),
    Column("role", String(20), nullable=False),
    Column("joined_at", DateTime(timezone=True), nullable=False),
)

# invitations (an admin asks a person) and join requests (a person asks the organisation)
membership_requests = Table(
    "membership_requests",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column(
        "organisation_id",
        UUID(as_uuid=True),
        ForeignKey("organisations.id"),
        nullable=False,
        index=True,
    ),
    Column("person_id", UUID(as_uuid=True), nullable=False, index=True),
    Column("kind", String(20), nullable=False),
    Column("role", String(20), nullable=False),
    Column("status", String(20), nullable=False),
    Column("message", String(300)),
    Column("created_by", UUID(as_uuid=True), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("responded_at", DateTime(timezone=True)),
)

# Private conversations between two connected people; bodies never leave this service.
conversations = Table(
    "conversations",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("pair_key", String(73), nullable=False, unique=True),
    Column("person_a", UUID(as_uuid=True), nullable=False, index=True),
    Column("person_b", UUID(as_uuid=True), nullable=False, index=True),
    Column("message_count", Integer, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("last_message_at", DateTime(timezone=True), nullable=False),
)

messages = Table(
    "messages",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("conversation_id", UUID(as_uuid=True), ForeignKey("conversations.id"), nullable=False),
    Column("sender_id", UUID(as_uuid=True), nullable=False),
    Column("body", Text, nullable=False),
    Column("sent_at", DateTime(timezone=True), nullable=False),
    Index("ix_messages_conversation_sent", "conversation_id", "sent_at", "id"),
)

conversation_reads = Table(
    "conversation_reads",
    metadata,
    Column("conversation_id", UUID(as_uuid=True), ForeignKey("conversations.id"), primary_key=True),
    Column("person_id", UUID(as_uuid=True), primary_key=True),
    Column("last_read_at", DateTime(timezone=True), nullable=False),
)

# Profile photos, re-encoded on upload (which also strips EXIF metadata such as GPS position).
person_photos = Table(
    "person_photos",
    metadata,
    Column("person_id", UUID(as_uuid=True), ForeignKey("accounts.id"), primary_key=True),
    Column("content_type", String(30), nullable=False),
    Column("image", LargeBinary, nullable=False),
    Column("thumbnail", LargeBinary, nullable=False),
    Column("width", Integer, nullable=False),
    Column("height", Integer, nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

# Identities at external OpenID Providers linked to accounts (social login).
oidc_identities = Table(
    "oidc_identities",
    metadata,
    Column("provider", String(40), primary_key=True),
    Column("subject", String(255), primary_key=True),
    Column("account_id", UUID(as_uuid=True), ForeignKey("accounts.id"), nullable=False, index=True),
    Column("email", String(320)),
    Column("linked_at", DateTime(timezone=True), nullable=False),
)

# Sign-ins in flight: PKCE verifier and nonce, found again by a digest of ``state``.
oidc_logins = Table(
    "oidc_logins",
    metadata,
    Column("state_hash", String(64), primary_key=True),
    Column("provider", String(40), nullable=False),
    Column("code_verifier", String(128), nullable=False),
    Column("nonce", String(128), nullable=False),
    Column("link_account_id", UUID(as_uuid=True)),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
    Column("used_at", DateTime(timezone=True)),
)

# ---- the privacy sagas (domain/privacy.py) ----------------------------------------------------
# One row per erasure request. ``receipt_hash`` is a SHA-256 of the receipt handed to the person
# at request time: their tokens die with the account, the receipt still lets them poll.
privacy_erasures = Table(
    "privacy_erasures",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("person_id", UUID(as_uuid=True), nullable=False, index=True),
    Column("receipt_hash", String(64), nullable=False),
    Column("status", String(20), nullable=False),
    Column("participants", ARRAY(String(40)), nullable=False),
    # service -> counts of what it erased / de-identified (never values)
    Column("confirmations", JSONB, nullable=False, server_default=text("'{}'::jsonb")),
    Column("requested_at", DateTime(timezone=True), nullable=False),
    Column("last_requested_at", DateTime(timezone=True), nullable=False),
    Column("requests", Integer, nullable=False),
    Column("completed_at", DateTime(timezone=True)),
    Index(
        "ix_privacy_erasures_pending",
        "last_requested_at",
        postgresql_where=text("status = 'pending'"),
    ),
)

# One row per export. ``private_key`` opens the sealed slices; it is destroyed (NULL) when the
# export expires, and so are the stored parts and the archive.
privacy_exports = Table(
    "privacy_exports",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("person_id", UUID(as_uuid=True), nullable=False, index=True),
    Column("status", String(20), nullable=False),
    Column("participants", ARRAY(String(40)), nullable=False),
    Column("public_key", String(64), nullable=False),
    Column("private_key", LargeBinary),
    Column("requested_at", DateTime(timezone=True), nullable=False),
    Column("last_requested_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
    Column("ready_at", DateTime(timezone=True)),
    Column("archive_key", String(200)),
    # SHA-256 of the download link's secret
    Column("token_hash", String(64), unique=True),
)

# The sealed parts as they arrive (still sealed: opened only while assembling the archive).
privacy_export_parts = Table(
    "privacy_export_parts",
    metadata,
    Column(
        "export_id",
        UUID(as_uuid=True),
        ForeignKey("privacy_exports.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("service", String(40), primary_key=True),
    Column("part", Integer, primary_key=True),
    Column("parts", Integer, nullable=False),
    Column("sealed", Text, nullable=False),
    Column("received_at", DateTime(timezone=True), nullable=False),
)

# Assembled export archives when no archive folder is configured (the default): the worker
# assembles, the API serves, and in a cluster they share only the database.
privacy_archives = Table(
    "privacy_archives",
    metadata,
    Column("key", String(200), primary_key=True),
    Column("data", LargeBinary, nullable=False),
    Column("stored_at", DateTime(timezone=True), nullable=False),
)

# ---- privacy -------------------------------------------------------------------------------
# The consent ledger: append-only, one row per consent given or withdrawn (domain/consent.py).
consent_entries = Table(
    "consent_entries",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("person_id", UUID(as_uuid=True), nullable=False),
    Column("purpose", String(40), nullable=False),
    Column("recipient_kind", String(20), nullable=False),
    Column("recipient_id", UUID(as_uuid=True)),
    Column("action", String(10), nullable=False),
    Column("policy_version", String(40)),
    Column("channel", String(20), nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Index("ix_consent_entries_person", "person_id", "purpose", "at"),
    Index("ix_consent_entries_recipient", "purpose", "recipient_kind", "recipient_id"),
)

# Reads of identified personal data by officials, moderators and admins, in any service
# (profiles' own reads and other services' ``<service>.privacy.data_accessed`` events).
# The id is the event's ``access_id``, so a redelivered event is recorded once.
audit_log = Table(
    "audit_log",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("person_id", UUID(as_uuid=True), nullable=False),
    Column("service", String(40), nullable=False),
    Column("accessor_id", UUID(as_uuid=True), nullable=False),
    Column("accessor_role", String(40), nullable=False),
    Column("record_type", String(60), nullable=False),
    Column("record_id", String(100)),
    Column("accessed_at", DateTime(timezone=True), nullable=False),
    Index("ix_audit_log_person_at", "person_id", "accessed_at", "id"),
    Index("ix_audit_log_at", "accessed_at"),
)

# Crypto-shredding: one data key per person, wrapped under the KEK (eventkit.subject_keys).
subject_keys = subject_keys_table(metadata)

# Every fetch of a subject key through the internal endpoint, with the calling service.
subject_key_fetches = Table(
    "subject_key_fetches",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("key_id", String(64), nullable=False),
    Column("caller", String(40), nullable=False),
    Column("outcome", String(12), nullable=False),  # served | destroyed | unknown
    Column("at", DateTime(timezone=True), nullable=False),
    Index("ix_subject_key_fetches_key", "key_id", "at"),
)
