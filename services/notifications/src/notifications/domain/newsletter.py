"""Newsletters and campaigns: composed from published resources, sent to an audience
segment, in each recipient's language, at a scheduled time, throttled."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from uuid import UUID

from eventkit.domain_errors import Conflict
from notifications.domain.locales import fallback_chain


class NewsletterStatus(StrEnum):
    DRAFT = "draft"
    SCHEDULED = "scheduled"
    QUEUING = "queuing"  # recipients' deliveries are being recorded, a chunk at a time
    SENT = "sent"  # every recipient's delivery is queued (the dispatcher paces them)


class NotEditable(Conflict):
    pass


@dataclass(frozen=True, kw_only=True)
class Segment:
    """Who gets it; empty lists mean "anyone". Criteria combine with AND, values with OR."""

    countries_of_origin: list[str] = field(default_factory=list)
    countries_of_residence: list[str] = field(default_factory=list)
    interests: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    #: members (any role) of an organisation of one of these kinds (profiles' organisation kind)
    organisation_kinds: list[str] = field(default_factory=list)
    #: representatives of an active member of one of these alliances
    alliance_ids: list[UUID] = field(default_factory=list)
    #: representatives of an active alliance member of one of these kinds (member_state,
    #: organisation, expert, observer, guest, youth_leader)
    alliance_member_kinds: list[str] = field(default_factory=list)
    #: representatives of members holding an active seat on one of these alliance bodies
    alliance_body_ids: list[UUID] = field(default_factory=list)
    #: representatives of members holding an active seat on a body of one of these kinds
    #: (secretariat, steering_committee, advisory_group, working_group, plenary)
    alliance_body_kinds: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, list[str]]:
        return {
            "countries_of_origin": self.countries_of_origin,
            "countries_of_residence": self.countries_of_residence,
            "interests": self.interests,
            "languages": self.languages,
            "organisation_kinds": self.organisation_kinds,
            "alliance_ids": [str(a) for a in self.alliance_ids],
            "alliance_member_kinds": self.alliance_member_kinds,
            "alliance_body_ids": [str(b) for b in self.alliance_body_ids],
            "alliance_body_kinds": self.alliance_body_kinds,
        }

    @classmethod
    def from_json(cls, data: dict[str, list[str]]) -> Segment:
        values = dict(data)
        alliances = [UUID(a) for a in values.pop("alliance_ids", [])]
        bodies = [UUID(b) for b in values.pop("alliance_body_ids", [])]
        return cls(**values, alliance_ids=alliances, alliance_body_ids=bodies)


@dataclass(frozen=True, kw_only=True)
class LocalisedContent:
    subject: str
    intro: str


@dataclass(kw_only=True)
class Newsletter:
    id: UUID = field(default_factory=uuid.uuid4)
    created_by: UUID
    content: dict[str, LocalisedContent]
    resource_ids: list[UUID] = field(default_factory=list)
    #: public calendar entries to announce (cancelled ones drop out when it is sent)
    event_ids: list[UUID] = field(default_factory=list)
    segment: Segment = field(default_factory=Segment)
    status: NewsletterStatus = NewsletterStatus.DRAFT
    send_at: datetime | None = None
    per_minute: int = 60
    recipients: int | None = None
    created_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    version: int = 0
    #: deliveries recorded so far, and the last audience member (by account id) recorded
    queued: int = 0
    queued_through: UUID | None = None

    def content_for(self, locale: str) -> tuple[str, LocalisedContent]:
        """The recipient's language, its fallbacks, English, then any language written."""
        for candidate in fallback_chain(locale):
            if candidate in self.content:
                return candidate, self.content[candidate]
        first = sorted(self.content)[0]
        return first, self.content[first]

    def schedule(self, send_at: datetime) -> None:
        if self.status in (NewsletterStatus.QUEUING, NewsletterStatus.SENT):
            raise NotEditable("this newsletter is being sent or was sent")
        self.status = NewsletterStatus.SCHEDULED
        self.send_at = send_at
        self.version += 1

    def send_time(self, index: int) -> datetime:
        """Throttling: the n-th recipient's mail is due n/per_minute minutes after send_at."""
        assert self.send_at is not None
        return self.send_at + timedelta(minutes=index / max(self.per_minute, 1))

    def queued_chunk(self, recorded: int, through: UUID) -> None:
        """A chunk of the audience, up to account ``through``, has its deliveries."""
        self.status = NewsletterStatus.QUEUING
        self.queued += recorded
        self.queued_through = through

    def sent(self) -> None:
        """Every audience member's delivery is recorded."""
        self.status = NewsletterStatus.SENT
        self.recipients = self.queued
        self.version += 1
