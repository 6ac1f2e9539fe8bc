"""What the use cases need from storage: one protocol per repository of the unit of work.

The service layer depends on these, not on SQL: ``adapters/repository.py``,
``adapters/learning_repository.py`` and ``adapters/people.py`` implement them over PostgreSQL,
the tests' fakes in memory (``tests/resources_fakes.py``; ``make lint`` type-checks them
against these). Unlike alliance's documents, a changed aggregate is written by an explicit
``save`` (rows per table); the unit of work only publishes its events.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Protocol
from uuid import UUID

from contracts.events.profiles import PersonProfileSnapshot
from resources.domain import resource as r
from resources.domain.attachment import Attachment
from resources.domain.calendar import CalendarEvent, Registration
from resources.domain.course import Course, Enrolment
from resources.domain.matching import Needs, ProfileFacts
from resources.domain.opportunity import ExpressionOfInterest, Opportunity, OpportunityKind


class Resources(Protocol):
    async def get(self, resource_id: UUID, *, for_update: bool = False) -> r.Resource | None: ...

    async def get_with_attachments(
        self, resource_id: UUID
    ) -> tuple[r.Resource, list[Attachment]] | None: ...

    async def id_for_source(self, source_ref: str) -> UUID | None: ...

    async def add(self, resource: r.Resource) -> None:
        """Store a new resource and a history entry per pending domain event."""
        ...

    async def save(self, resource: r.Resource) -> None:
        """Store the changes and a history entry per pending domain event."""
        ...

    async def history(self, resource_id: UUID) -> list[dict[str, Any]]:
        """The history entries (``action``, ``actor_id``, ``reason``, ...), oldest first."""
        ...

    async def add_report(self, resource_id: UUID, reporter_id: UUID, reason: str) -> int | None:
        """The number of distinct reporters after this one, or None if already reported."""
        ...

    async def contributed_by(
        self, person_id: UUID, language: str | None, limit: int
    ) -> list[dict[str, Any]]: ...

    async def moderation_queue(
        self,
        limit: int,
        reason: str | None = None,
        kind: str | None = None,
        language: str | None = None,
    ) -> list[dict[str, Any]]: ...

    async def moderation_counts(self, kind: str | None = None) -> dict[str, int]: ...


class Attachments(Protocol):
    async def add(self, a: Attachment) -> None: ...

    async def get(self, resource_id: UUID, attachment_id: UUID) -> Attachment | None: ...

    async def for_resource(self, resource_id: UUID) -> list[Attachment]: ...


class Opportunities(Protocol):
    async def add(self, o: Opportunity) -> None: ...

    async def save(self, o: Opportunity) -> None: ...

    async def get(
        self, opportunity_id: UUID, *, for_update: bool = False
    ) -> Opportunity | None: ...

    async def get_many(self, ids: list[UUID]) -> list[Opportunity]:
        """In the order given, unknown ids left out."""
        ...

    async def posted_by(self, person_id: UUID, limit: int) -> list[Opportunity]:
        """What the person posted, open or not, latest deadline first."""
        ...

    async def open_page(
        self,
        now: datetime,
        *,
        kind: OpportunityKind | None = None,
        sector: str | None = None,
        country: str | None = None,
        mode: str | None = None,
        after: tuple[datetime, UUID] | None = None,
        limit: int,
    ) -> list[Opportunity]: ...

    async def ranked_for(
        self, person: ProfileFacts, now: datetime, limit: int
    ) -> list[Opportunity]:
        """Opportunities open at ``now`` that share anything with the person's profile, best
        first (``domain.matching``'s weights)."""
        ...

    async def interest_of(
        self, opportunity_id: UUID, person_id: UUID
    ) -> ExpressionOfInterest | None: ...

    async def interest(
        self, opportunity_id: UUID, interest_id: UUID
    ) -> ExpressionOfInterest | None: ...

    async def save_interest(self, i: ExpressionOfInterest) -> None: ...

    async def interests_for(self, opportunity_id: UUID) -> list[ExpressionOfInterest]: ...

    async def interests_of(self, person_id: UUID, limit: int) -> list[dict[str, Any]]: ...

    async def mark_announced(self, opportunity_id: UUID, person_id: UUID, score: float) -> bool:
        """True the first time this match is announced."""
        ...


class People(Protocol):
    """The local projection of profiles and consents (built from profiles' events)."""

    async def apply(self, snapshot: PersonProfileSnapshot, sequence: int) -> bool: ...

    async def is_erased(self, person_id: UUID) -> bool: ...

    async def record_consent(
        self, person_id: UUID, purpose: str, recipient: str, withdrawn: bool, at: datetime
    ) -> bool: ...

    async def withdrew(
        self, person_id: UUID, purpose: str, recipient: str = "platform"
    ) -> bool: ...

    async def get(self, person_id: UUID) -> ProfileFacts | None: ...

    async def ranked_for(
        self, needs: Needs, limit: int, organisation_id: UUID | None = None
    ) -> list[ProfileFacts]:
        """People open to opportunities and listed who share anything the needs ask for,
        best first; with ``organisation_id``, not those who withdrew government_contact for
        it."""
        ...


class Calendar(Protocol):
    async def add(self, e: CalendarEvent) -> None: ...

    async def save(self, e: CalendarEvent) -> None: ...

    async def get(self, event_id: UUID, *, for_update: bool = False) -> CalendarEvent | None: ...

    async def upcoming(
        self, after: tuple[datetime, UUID] | None, since: datetime, limit: int
    ) -> list[CalendarEvent]: ...

    async def organised_by(self, person_id: UUID, limit: int) -> list[CalendarEvent]:
        """The person's events, past, cancelled and to come, latest start first."""
        ...

    async def confirmed_counts(self, event_ids: list[UUID]) -> dict[UUID, int]: ...

    async def confirmed_count(self, event_id: UUID) -> int: ...

    async def registration_of(self, event_id: UUID, person_id: UUID) -> Registration | None: ...

    async def events_registered_by(self, person_id: UUID) -> list[UUID]: ...

    async def first_waitlisted(self, event_id: UUID) -> Registration | None: ...

    async def waitlist_position(self, registration: Registration) -> int | None: ...

    async def save_registration(self, r: Registration, *, requeue: bool = False) -> None:
        """Insert or update; ``requeue`` takes a fresh place at the end of the waitlist."""
        ...

    async def registrations_for(self, event_id: UUID) -> list[Registration]: ...


class Courses(Protocol):
    async def add(self, c: Course) -> None: ...

    async def catalogue(
        self,
        *,
        language: str | None,
        theme: str | None,
        text: str | None,
        after: tuple[datetime, UUID] | None,
        limit: int,
    ) -> list[Course]: ...

    async def created_at(self, course_id: UUID) -> datetime | None: ...

    async def get(self, course_id: UUID) -> Course | None: ...

    async def enrolment_of(
        self, course_id: UUID, person_id: UUID, *, for_update: bool = False
    ) -> Enrolment | None: ...

    async def completion(self, verification_digest: str) -> tuple[Enrolment, Course] | None: ...

    async def save_enrolment(self, e: Enrolment) -> None:
        """Insert or update; ``AlreadyEnrolled`` when the person has another enrolment."""
        ...
