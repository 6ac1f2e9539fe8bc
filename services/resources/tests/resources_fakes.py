"""In-memory repositories, unit of work and attachment storage for resources' use cases.

Each fake implements its protocol of ``resources.service_layer.repositories`` (``make lint``
type-checks this module against them) over tables of a ``devstack.fakes.FakeSession``. As the
SQL repositories do, a fake keeps *rows*: what it stores and hands out are copies, so a use
case that changes an aggregate and forgets to ``save`` it changes nothing, as against
PostgreSQL. The real-database tests (``tests/integration``, ``tests/api``) keep the SQL honest.
"""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from typing import Any, TypeVar
from uuid import UUID

from contracts.events.privacy import DIRECTORY_LISTING, GOVERNMENT_CONTACT
from contracts.events.profiles import PersonProfileSnapshot
from devstack.fakes import FakeDatabase, FakeSession, FakeUnitOfWork
from devstack.fakes import row as _row
from resources.adapters.integration_events import to_integration_events
from resources.adapters.repository import history_entries
from resources.adapters.storage import ContentMissing
from resources.domain import matching
from resources.domain import resource as r
from resources.domain.attachment import Attachment
from resources.domain.calendar import CalendarEvent, Registration, RegistrationStatus
from resources.domain.course import AlreadyEnrolled, Course, Enrolment
from resources.domain.opportunity import ExpressionOfInterest, Opportunity, OpportunityKind
from resources.service_layer.unit_of_work import ResourcesUnitOfWork

T = TypeVar("T")


def _page(
    rows: Iterable[T], keep: Callable[[T], bool], key: Callable[[T], Any], limit: int | None
) -> list[T]:
    return [copy.deepcopy(x) for x in sorted(filter(keep, rows), key=key)[:limit]]


def _title_in(resource: r.Resource, language: str | None) -> str:
    """The title in ``language`` when translated, else the original's (as the SQL does)."""
    found = resource.translations.get(language or "") or resource.translations.get(
        resource.original_language
    )
    return found.title if found else ""


class FakeResources:
    def __init__(self, session: FakeSession) -> None:
        self.rows: dict[UUID, r.Resource] = session.table("resources")
        self.updated: dict[UUID, datetime] = session.table("resource_updated_at")
        self.entries: list[dict[str, Any]] = session.table("resource_history", list)
        self.reports: dict[tuple[UUID, UUID], str] = session.table("resource_reports")
        self.attachments: dict[UUID, Attachment] = session.table("attachments")

    async def get(self, resource_id: UUID, *, for_update: bool = False) -> r.Resource | None:
        return copy.deepcopy(self.rows.get(resource_id))

    async def get_with_attachments(
        self, resource_id: UUID
    ) -> tuple[r.Resource, list[Attachment]] | None:
        resource = await self.get(resource_id)
        if resource is None:
            return None
        return resource, _page(
            self.attachments.values(),
            lambda a: a.resource_id == resource_id,
            lambda a: a.uploaded_at,
            None,
        )

    async def id_for_source(self, source_ref: str) -> UUID | None:
        return next((i for i, x in self.rows.items() if x.source_ref == source_ref), None)

    async def add(self, resource: r.Resource) -> None:
        await self.save(resource)

    async def save(self, resource: r.Resource) -> None:
        now = datetime.now(UTC)
        self.rows[resource.id] = _row(resource)
        self.updated[resource.id] = now
        self.entries.extend(history_entries(resource, now))

    async def history(self, resource_id: UUID) -> list[dict[str, Any]]:
        found = [dict(e) for e in self.entries if e["resource_id"] == resource_id]
        return sorted(found, key=lambda e: e["version"])

    async def add_report(self, resource_id: UUID, reporter_id: UUID, reason: str) -> int | None:
        if (resource_id, reporter_id) in self.reports:
            return None
        self.reports[(resource_id, reporter_id)] = reason
        return self._reports(resource_id)

    def _reports(self, resource_id: UUID) -> int:
        return sum(1 for (rid, _) in self.reports if rid == resource_id)

    async def contributed_by(
        self, person_id: UUID, language: str | None, limit: int
    ) -> list[dict[str, Any]]:
        mine = [x for x in self.rows.values() if x.contributor_id == person_id]
        mine.sort(key=lambda x: x.id)
        mine.sort(key=lambda x: self.updated[x.id], reverse=True)
        return [
            {
                "id": x.id,
                "kind": str(x.kind),
                "status": str(x.status),
                "hidden": x.hidden,
                "moderation_note": x.moderation_note,
                "updated_at": self.updated[x.id],
                "title": _title_in(x, language),
            }
            for x in mine[:limit]
        ]

    def _reasons(self, x: r.Resource) -> dict[str, bool]:
        """Why a resource is in the moderation queue (the SQL's three conditions)."""
        return {
            "submitted": x.status == r.Status.SUBMITTED,
            "reported": self._reports(x.id) > 0 and x.status == r.Status.PUBLISHED and not x.hidden,
            "hidden": x.hidden,
        }

    def _queued(self, reason: str | None, kind: str | None) -> list[r.Resource]:
        return [
            x
            for x in self.rows.values()
            if (self._reasons(x)[reason] if reason else any(self._reasons(x).values()))
            and kind in (None, str(x.kind))
        ]

    async def moderation_queue(
        self,
        limit: int,
        reason: str | None = None,
        kind: str | None = None,
        language: str | None = None,
    ) -> list[dict[str, Any]]:
        queued = sorted(self._queued(reason, kind), key=lambda x: (self.updated[x.id], x.id))
        return [
            {
                "id": x.id,
                "kind": str(x.kind),
                "status": str(x.status),
                "hidden": x.hidden,
                "updated_at": self.updated[x.id],
                "original_language": x.original_language,
                "reports": self._reports(x.id),
                "title": _title_in(x, language),
            }
            for x in queued[:limit]
        ]

    async def moderation_counts(self, kind: str | None = None) -> dict[str, int]:
        return {
            name: sum(
                1 for x in self.rows.values() if self._reasons(x)[name] and kind in (None, x.kind)
            )
            for name in ("submitted", "reported", "hidden")
        }


class FakeAttachments:
    def __init__(self, session: FakeSession) -> None:
        self.rows: dict[UUID, Attachment] = session.table("attachments")

    async def add(self, a: Attachment) -> None:
        self.rows[a.id] = _row(a)

    async def get(self, resource_id: UUID, attachment_id: UUID) -> Attachment | None:
        found = self.rows.get(attachment_id)
        return copy.deepcopy(found) if found and found.resource_id == resource_id else None

    async def for_resource(self, resource_id: UUID) -> list[Attachment]:
        return _page(
            self.rows.values(),
            lambda a: a.resource_id == resource_id,
            lambda a: a.uploaded_at,
            None,
        )


class FakeOpportunities:
    def __init__(self, session: FakeSession) -> None:
        self.rows: dict[UUID, Opportunity] = session.table("opportunities")
        self.interests: dict[UUID, ExpressionOfInterest] = session.table("interests")
        self.announced: dict[tuple[UUID, UUID], float] = session.table("announced_matches")

    async def add(self, o: Opportunity) -> None:
        self.rows[o.id] = _row(o)

    async def save(self, o: Opportunity) -> None:
        self.rows[o.id] = _row(o)

    async def get(self, opportunity_id: UUID, *, for_update: bool = False) -> Opportunity | None:
        return copy.deepcopy(self.rows.get(opportunity_id))

    async def get_many(self, ids: list[UUID]) -> list[Opportunity]:
        return [copy.deepcopy(self.rows[i]) for i in ids if i in self.rows]

    async def posted_by(self, person_id: UUID, limit: int) -> list[Opportunity]:
        mine = sorted(
            (o for o in self.rows.values() if o.posted_by == person_id), key=lambda o: o.id
        )
        mine.sort(key=lambda o: o.deadline, reverse=True)
        return [copy.deepcopy(o) for o in mine[:limit]]

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
    ) -> list[Opportunity]:
        def keep(o: Opportunity) -> bool:
            return (
                o.deadline >= now
                and kind in (None, o.kind)
                and (not sector or sector in o.sectors)
                and (not country or country in o.countries)
                and (not mode or mode in o.contribution_modes)
                and (after is None or (o.deadline, o.id) > after)
            )

        return _page(self.rows.values(), keep, lambda o: (o.deadline, o.id), limit)

    async def ranked_for(
        self, person: matching.ProfileFacts, now: datetime, limit: int
    ) -> list[Opportunity]:
        scored = [
            (matching.score(o.needs, person).score, o)
            for o in self.rows.values()
            if o.deadline >= now
        ]
        ranked = sorted((x for x in scored if x[0] > 0), key=lambda x: (-x[0], x[1].id))
        return [copy.deepcopy(o) for _, o in ranked[:limit]]

    async def interest_of(
        self, opportunity_id: UUID, person_id: UUID
    ) -> ExpressionOfInterest | None:
        return next(
            (
                copy.deepcopy(i)
                for i in self.interests.values()
                if i.opportunity_id == opportunity_id and i.person_id == person_id
            ),
            None,
        )

    async def interest(
        self, opportunity_id: UUID, interest_id: UUID
    ) -> ExpressionOfInterest | None:
        found = self.interests.get(interest_id)
        return copy.deepcopy(found) if found and found.opportunity_id == opportunity_id else None

    async def save_interest(self, i: ExpressionOfInterest) -> None:
        self.interests[i.id] = _row(i)

    async def interests_for(self, opportunity_id: UUID) -> list[ExpressionOfInterest]:
        return _page(
            self.interests.values(),
            lambda i: i.opportunity_id == opportunity_id,
            lambda i: (i.created_at, i.id),
            None,
        )

    async def interests_of(self, person_id: UUID, limit: int) -> list[dict[str, Any]]:
        mine = [i for i in self.interests.values() if i.person_id == person_id]
        mine.sort(key=lambda i: i.id)
        mine.sort(key=lambda i: i.created_at, reverse=True)
        return [
            {
                "id": i.id,
                "opportunity_id": i.opportunity_id,
                "opportunity_title": self.rows[i.opportunity_id].title,
                "deadline": self.rows[i.opportunity_id].deadline,
                "status": i.status.value,
                "created_at": i.created_at,
                "updated_at": i.updated_at,
            }
            for i in mine[:limit]
        ]

    async def mark_announced(self, opportunity_id: UUID, person_id: UUID, score: float) -> bool:
        if (opportunity_id, person_id) in self.announced:
            return False
        self.announced[(opportunity_id, person_id)] = score
        return True


class FakePeople:
    """The projection: facts as the snapshot said (``open_to_opportunities`` as given), whether
    the person is listed (directory_listing not withdrawn), and the newest consent decisions."""

    def __init__(self, session: FakeSession) -> None:
        self.rows: dict[UUID, dict[str, Any]] = session.table("people")
        self.consents: dict[tuple[UUID, str, str], tuple[bool, datetime]] = session.table(
            "consents"
        )
        self.erased: set[UUID] = session.table("erased_people", set)

    async def apply(self, snapshot: PersonProfileSnapshot, sequence: int) -> bool:
        known = self.rows.get(snapshot.person_id)
        if await self.is_erased(snapshot.person_id) or (known and known["sequence"] >= sequence):
            return False
        self.rows[snapshot.person_id] = {
            "sequence": sequence,
            "listed": not await self.withdrew(snapshot.person_id, DIRECTORY_LISTING),
            "facts": matching.ProfileFacts(
                person_id=snapshot.person_id,
                occupations=frozenset(snapshot.occupations),
                skills=frozenset(snapshot.skills),
                sectors=frozenset(snapshot.sectors),
                languages=frozenset(lang.code for lang in snapshot.languages),
                contribution_modes=frozenset(snapshot.contribution_modes),
                country_of_origin=snapshot.country_of_origin,
                country_of_residence=snapshot.country_of_residence,
                open_to_opportunities=snapshot.open_to_opportunities,
            ),
        }
        return True

    async def is_erased(self, person_id: UUID) -> bool:
        return person_id in self.erased

    async def record_consent(
        self, person_id: UUID, purpose: str, recipient: str, withdrawn: bool, at: datetime
    ) -> bool:
        known = self.consents.get((person_id, purpose, recipient))
        if known is not None and known[1] >= at:
            return False
        self.consents[(person_id, purpose, recipient)] = (withdrawn, at)
        if purpose == DIRECTORY_LISTING and person_id in self.rows:
            self.rows[person_id]["listed"] = not withdrawn
        return True

    async def withdrew(self, person_id: UUID, purpose: str, recipient: str = "platform") -> bool:
        known = self.consents.get((person_id, purpose, recipient))
        return known is not None and known[0]

    async def get(self, person_id: UUID) -> matching.ProfileFacts | None:
        row = self.rows.get(person_id)
        if row is None:
            return None
        facts: matching.ProfileFacts = row["facts"]
        # withdrawn directory_listing consent: never matched, whatever the profile says
        return dataclasses.replace(
            facts, open_to_opportunities=facts.open_to_opportunities and row["listed"]
        )

    async def ranked_for(
        self, needs: matching.Needs, limit: int, organisation_id: UUID | None = None
    ) -> list[matching.ProfileFacts]:
        ranked = []
        for person_id in self.rows:
            person = await self.get(person_id)
            if person is None or not person.open_to_opportunities:
                continue
            if organisation_id is not None and await self.withdrew(
                person_id, GOVERNMENT_CONTACT, str(organisation_id)
            ):
                continue
            found = matching.score(needs, person).score
            if found > 0:
                ranked.append((found, person))
        ranked.sort(key=lambda x: (-x[0], x[1].person_id))
        return [p for _, p in ranked[:limit]]


class FakeCalendar:
    def __init__(self, session: FakeSession) -> None:
        self.rows: dict[UUID, CalendarEvent] = session.table("calendar_events")
        #: registration id -> (place in the order of registering, the registration)
        self.registrations: dict[UUID, tuple[int, Registration]] = session.table("registrations")
        self.sequence: dict[str, int] = session.table("registration_positions")

    async def add(self, e: CalendarEvent) -> None:
        self.rows[e.id] = _row(e)

    async def save(self, e: CalendarEvent) -> None:
        self.rows[e.id] = _row(e)

    async def get(self, event_id: UUID, *, for_update: bool = False) -> CalendarEvent | None:
        return copy.deepcopy(self.rows.get(event_id))

    async def upcoming(
        self, after: tuple[datetime, UUID] | None, since: datetime, limit: int
    ) -> list[CalendarEvent]:
        return _page(
            self.rows.values(),
            lambda e: e.ends_at >= since and (after is None or (e.starts_at, e.id) > after),
            lambda e: (e.starts_at, e.id),
            limit,
        )

    def _of(self, event_id: UUID, status: RegistrationStatus | None = None) -> list[Registration]:
        """The event's registrations in the order they were taken (of one status)."""
        return [
            copy.deepcopy(x)
            for _, x in sorted(self.registrations.values(), key=lambda p: p[0])
            if x.event_id == event_id and status in (None, x.status)
        ]

    async def organised_by(self, person_id: UUID, limit: int) -> list[CalendarEvent]:
        mine = sorted(
            (e for e in self.rows.values() if e.organised_by == person_id), key=lambda e: e.id
        )
        mine.sort(key=lambda e: e.starts_at, reverse=True)
        return [copy.deepcopy(e) for e in mine[:limit]]

    async def confirmed_counts(self, event_ids: list[UUID]) -> dict[UUID, int]:
        return {i: await self.confirmed_count(i) for i in event_ids}

    async def confirmed_count(self, event_id: UUID) -> int:
        return len(self._of(event_id, RegistrationStatus.CONFIRMED))

    async def registration_of(self, event_id: UUID, person_id: UUID) -> Registration | None:
        return next((x for x in self._of(event_id) if x.person_id == person_id), None)

    async def events_registered_by(self, person_id: UUID) -> list[UUID]:
        return sorted(
            x.event_id
            for _, x in self.registrations.values()
            if x.person_id == person_id and x.status != RegistrationStatus.CANCELLED
        )

    async def first_waitlisted(self, event_id: UUID) -> Registration | None:
        waiting = self._of(event_id, RegistrationStatus.WAITLISTED)
        return waiting[0] if waiting else None

    async def waitlist_position(self, registration: Registration) -> int | None:
        if registration.status is not RegistrationStatus.WAITLISTED:
            return None
        waiting = self._of(registration.event_id, RegistrationStatus.WAITLISTED)
        ids = [x.id for x in waiting]
        return ids.index(registration.id) + 1 if registration.id in ids else 0

    async def save_registration(self, r: Registration, *, requeue: bool = False) -> None:
        if requeue or r.id not in self.registrations:
            self.sequence["next"] = place = self.sequence.get("next", 0) + 1
        else:
            place = self.registrations[r.id][0]
        self.registrations[r.id] = (place, _row(r))

    async def registrations_for(self, event_id: UUID) -> list[Registration]:
        return self._of(event_id)


class FakeCourses:
    def __init__(self, session: FakeSession) -> None:
        self.rows: dict[UUID, Course] = session.table("courses")
        self.enrolments: dict[UUID, Enrolment] = session.table("enrolments")

    async def add(self, c: Course) -> None:
        self.rows[c.id] = _row(c)

    async def catalogue(
        self,
        *,
        language: str | None,
        theme: str | None,
        text: str | None,
        after: tuple[datetime, UUID] | None,
        limit: int,
    ) -> list[Course]:
        words = (text or "").replace("%", "").replace("_", "").casefold()

        def keep(c: Course) -> bool:
            return (
                language in (None, c.language)
                and (theme is None or theme in c.themes)
                and (words in c.title.casefold() or words in c.description.casefold())
                and (after is None or (c.created_at, c.id) < after)
            )

        newest = sorted(filter(keep, self.rows.values()), key=lambda c: (c.created_at, c.id))
        return [copy.deepcopy(c) for c in reversed(newest)][:limit]

    async def created_at(self, course_id: UUID) -> datetime | None:
        found = self.rows.get(course_id)
        return found.created_at if found else None

    async def get(self, course_id: UUID) -> Course | None:
        return copy.deepcopy(self.rows.get(course_id))

    async def enrolment_of(
        self, course_id: UUID, person_id: UUID, *, for_update: bool = False
    ) -> Enrolment | None:
        return next(
            (
                copy.deepcopy(e)
                for e in self.enrolments.values()
                if e.course_id == course_id and e.person_id == person_id
            ),
            None,
        )

    async def completion(self, verification_digest: str) -> tuple[Enrolment, Course] | None:
        found = next(
            (e for e in self.enrolments.values() if e.verification_digest == verification_digest),
            None,
        )
        course = None if found is None else await self.get(found.course_id)
        return (copy.deepcopy(found), course) if found and course else None

    async def save_enrolment(self, e: Enrolment) -> None:
        if any(
            x.id != e.id and x.course_id == e.course_id and x.person_id == e.person_id
            for x in self.enrolments.values()
        ):
            raise AlreadyEnrolled()  # the unique (course, person) index
        self.enrolments[e.id] = _row(e)


class FakeStorage:
    """``AttachmentStorage`` in memory: content by key."""

    def __init__(self) -> None:
        self.content: dict[str, bytes] = {}

    async def put(self, key: str, content: bytes) -> None:
        self.content[key] = content

    async def get(self, key: str) -> bytes:
        if key not in self.content:
            raise ContentMissing(key)
        return self.content[key]


class FakeResourcesUnitOfWork(FakeUnitOfWork, ResourcesUnitOfWork):
    """``ResourcesUnitOfWork`` in memory: the same repositories by name, the real event
    mapper (so a test reads the integration events a commit wrote to the outbox)."""

    def __init__(self, database: FakeDatabase | None = None) -> None:
        super().__init__(to_integration_events, database)

    def init_repositories(self, session: Any) -> None:  # a FakeSession
        self.resources = FakeResources(session)
        self.attachments = FakeAttachments(session)
        self.opportunities = FakeOpportunities(session)
        self.people = FakePeople(session)
        self.calendar = FakeCalendar(session)
        self.courses = FakeCourses(session)
