"""Repositories of the events calendar and the courses."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from sqlalchemy import any_, delete, func, literal, or_, select, tuple_, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.engine import RowMapping
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from resources.adapters.orm import calendar_events, courses, enrolments, registrations
from resources.domain.calendar import (
    CalendarEvent,
    EventKind,
    EventStatus,
    Registration,
    RegistrationStatus,
)
from resources.domain.course import AlreadyEnrolled, Course, Enrolment, Lesson, Module


class CalendarRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, e: CalendarEvent) -> None:
        await self.session.execute(calendar_events.insert().values(**_event_row(e)))

    async def save(self, e: CalendarEvent) -> None:
        row = _event_row(e)
        del row["id"], row["created_at"]
        await self.session.execute(
            update(calendar_events).where(calendar_events.c.id == e.id).values(**row)
        )

    async def get(self, event_id: UUID, *, for_update: bool = False) -> CalendarEvent | None:
        stmt = select(calendar_events).where(calendar_events.c.id == event_id)
        if for_update:
            stmt = stmt.with_for_update()  # serialises seat counting and promotion
        row = (await self.session.execute(stmt)).mappings().first()
        return _event(row) if row else None

    async def upcoming(
        self, after: tuple[datetime, UUID] | None, since: datetime, limit: int
    ) -> list[CalendarEvent]:
        stmt = select(calendar_events).where(calendar_events.c.ends_at >= since)
        if after is not None:
            from sqlalchemy import tuple_

            stmt = stmt.where(tuple_(calendar_events.c.starts_at, calendar_events.c.id) > after)
        stmt = stmt.order_by(calendar_events.c.starts_at, calendar_events.c.id).limit(limit)
        return [_event(m) for m in (await self.session.execute(stmt)).mappings()]

    async def organised_by(self, person_id: UUID, limit: int) -> list[CalendarEvent]:
        """The person's events, past, cancelled and to come, latest start first."""
        c = calendar_events.c
        stmt = (
            select(calendar_events)
            .where(c.organised_by == person_id)
            .order_by(c.starts_at.desc(), c.id)
            .limit(limit)
        )
        return [_event(m) for m in (await self.session.execute(stmt)).mappings()]

    async def confirmed_counts(self, event_ids: list[UUID]) -> dict[UUID, int]:
        """Confirmed registrations of each event, in one statement."""
        r = registrations.c
        rows = await self.session.execute(
            select(r.event_id, func.count())
            .where(r.event_id.in_(event_ids), r.status == RegistrationStatus.CONFIRMED.value)
            .group_by(r.event_id)
        )
        counts = {event_id: int(n) for event_id, n in rows.all()}
        return {event_id: counts.get(event_id, 0) for event_id in event_ids}

    async def confirmed_count(self, event_id: UUID) -> int:
        n: int = (
            await self.session.scalar(
                select(func.count()).where(
                    registrations.c.event_id == event_id,
                    registrations.c.status == RegistrationStatus.CONFIRMED.value,
                )
            )
            or 0
        )
        return n

    async def registration_of(self, event_id: UUID, person_id: UUID) -> Registration | None:
        row = (
            (
                await self.session.execute(
                    select(registrations).where(
                        registrations.c.event_id == event_id,
                        registrations.c.person_id == person_id,
                    )
                )
            )
            .mappings()
            .first()
        )
        return _registration(row) if row else None

    async def events_registered_by(self, person_id: UUID) -> list[UUID]:
        """Events the person holds a live (confirmed or waitlisted) registration for, in a
        fixed order (locks are then always taken in the same order)."""
        rows = await self.session.execute(
            select(registrations.c.event_id)
            .where(
                registrations.c.person_id == person_id,
                registrations.c.status != RegistrationStatus.CANCELLED.value,
            )
            .order_by(registrations.c.event_id)
        )
        return [row[0] for row in rows]

    async def first_waitlisted(self, event_id: UUID) -> Registration | None:
        row = (
            (
                await self.session.execute(
                    select(registrations)
                    .where(
                        registrations.c.event_id == event_id,
                        registrations.c.status == RegistrationStatus.WAITLISTED.value,
                    )
                    .order_by(registrations.c.position)
                    .limit(1)
                )
            )
            .mappings()
            .first()
        )
        return _registration(row) if row else None

    async def waitlist_position(self, registration: Registration) -> int | None:
        if registration.status is not RegistrationStatus.WAITLISTED:
            return None
        mine = select(registrations.c.position).where(registrations.c.id == registration.id)
        n: int = (
            await self.session.scalar(
                select(func.count()).where(
                    registrations.c.event_id == registration.event_id,
                    registrations.c.status == RegistrationStatus.WAITLISTED.value,
                    registrations.c.position <= mine.scalar_subquery(),
                )
            )
            or 0
        )
        return n

    async def save_registration(self, r: Registration, *, requeue: bool = False) -> None:
        """Insert or update; ``requeue`` (a new registration after a cancellation) takes a
        fresh place at the end of the waitlist."""
        if requeue:
            await self.session.execute(delete(registrations).where(registrations.c.id == r.id))
        values = {
            "id": r.id,
            "event_id": r.event_id,
            "person_id": r.person_id,
            "status": r.status.value,
            "created_at": r.created_at,
            "updated_at": r.updated_at,
        }
        stmt = insert(registrations).values(**values)
        await self.session.execute(
            stmt.on_conflict_do_update(
                index_elements=["id"],
                set_={"status": stmt.excluded.status, "updated_at": stmt.excluded.updated_at},
            )
        )

    async def registrations_for(self, event_id: UUID) -> list[Registration]:
        rows = await self.session.execute(
            select(registrations)
            .where(registrations.c.event_id == event_id)
            .order_by(registrations.c.position)
        )
        return [_registration(m) for m in rows.mappings()]


class CourseRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, c: Course) -> None:
        await self.session.execute(
            courses.insert().values(
                id=c.id,
                title=c.title,
                description=c.description,
                language=c.language,
                modules=[
                    {
                        "title": m.title,
                        "lessons": [
                            {
                                "id": lesson.id,
                                "title": lesson.title,
                                "resource_id": str(lesson.resource_id)
                                if lesson.resource_id
                                else None,
                            }
                            for lesson in m.lessons
                        ],
                    }
                    for m in c.modules
                ],
                created_by=c.created_by,
                themes=c.themes,
                version=c.version,
                created_at=c.created_at,
            )
        )

    async def catalogue(
        self,
        *,
        language: str | None,
        theme: str | None,
        text: str | None,
        after: tuple[datetime, UUID] | None,
        limit: int,
    ) -> list[Course]:
        """Courses newest first (keyset on creation time and id), by language, theme and
        words of the title or description (any case)."""
        stmt = select(courses)
        if language is not None:
            stmt = stmt.where(courses.c.language == language)
        if theme is not None:
            stmt = stmt.where(literal(theme) == any_(courses.c.themes))
        if text:
            pattern = f"%{text.replace('%', '').replace('_', '')}%"
            stmt = stmt.where(
                or_(courses.c.title.ilike(pattern), courses.c.description.ilike(pattern))
            )
        if after is not None:
            stmt = stmt.where(tuple_(courses.c.created_at, courses.c.id) < after)
        stmt = stmt.order_by(courses.c.created_at.desc(), courses.c.id.desc()).limit(limit)
        return [_course(m) for m in (await self.session.execute(stmt)).mappings()]

    async def created_at(self, course_id: UUID) -> datetime | None:
        return await self.session.scalar(
            select(courses.c.created_at).where(courses.c.id == course_id)
        )

    async def get(self, course_id: UUID) -> Course | None:
        row = (
            (await self.session.execute(select(courses).where(courses.c.id == course_id)))
            .mappings()
            .first()
        )
        return _course(row) if row else None

    async def enrolment_of(
        self, course_id: UUID, person_id: UUID, *, for_update: bool = False
    ) -> Enrolment | None:
        stmt = select(enrolments).where(
            enrolments.c.course_id == course_id, enrolments.c.person_id == person_id
        )
        if for_update:
            stmt = stmt.with_for_update()
        row = (await self.session.execute(stmt)).mappings().first()
        return _enrolment(row) if row else None

    async def completion(self, verification_digest: str) -> tuple[Enrolment, Course] | None:
        row = (
            (
                await self.session.execute(
                    select(enrolments).where(
                        enrolments.c.verification_digest == verification_digest
                    )
                )
            )
            .mappings()
            .first()
        )
        if row is None:
            return None
        course = await self.get(row["course_id"])
        return (_enrolment(row), course) if course else None

    async def save_enrolment(self, e: Enrolment) -> None:
        values: dict[str, Any] = {
            "id": e.id,
            "course_id": e.course_id,
            "person_id": e.person_id,
            "enrolled_at": e.enrolled_at,
            "completed_lessons": e.completed_lessons,
            "completed_at": e.completed_at,
            "verification_digest": e.verification_digest,
            "version": e.version,
        }
        stmt = insert(enrolments).values(**values)
        try:  # the unique (course, person) index settles concurrent enrolments
            await self.session.execute(
                stmt.on_conflict_do_update(
                    index_elements=["id"],
                    set_={
                        k: stmt.excluded[k]
                        for k in (
                            "completed_lessons",
                            "completed_at",
                            "verification_digest",
                            "version",
                        )
                    },
                )
            )
        except IntegrityError as exc:
            raise AlreadyEnrolled() from exc


def _event_row(e: CalendarEvent) -> dict[str, Any]:
    return {
        "id": e.id,
        "kind": e.kind.value,
        "title": e.title,
        "description": e.description,
        "language": e.language,
        "organiser": e.organiser,
        "organised_by": e.organised_by,
        "time_zone": e.time_zone,
        "starts_at": e.starts_at,
        "ends_at": e.ends_at,
        "location": e.location,
        "online_url": e.online_url,
        "capacity": e.capacity,
        "waitlist": e.waitlist,
        "status": e.status.value,
        "revision": e.revision,
        "cancelled_at": e.cancelled_at,
        "cancellation_reason": e.cancellation_reason,
        "version": e.version,
        "created_at": e.created_at,
    }


def _event(row: RowMapping) -> CalendarEvent:
    fields = dict(row)
    fields["kind"] = EventKind(fields["kind"])
    fields["status"] = EventStatus(fields["status"])
    return CalendarEvent(**fields)


def _registration(row: RowMapping) -> Registration:
    return Registration(
        id=row["id"],
        event_id=row["event_id"],
        person_id=row["person_id"],
        status=RegistrationStatus(row["status"]),
        created_at=row["created_at"],
        updated_at=row["updated_at"],
    )


def _course(row: RowMapping) -> Course:
    return Course(
        id=row["id"],
        title=row["title"],
        description=row["description"],
        language=row["language"],
        modules=[
            Module(
                title=m["title"],
                lessons=tuple(
                    Lesson(
                        id=lesson["id"],
                        title=lesson["title"],
                        resource_id=UUID(lesson["resource_id"]) if lesson["resource_id"] else None,
                    )
                    for lesson in m["lessons"]
                ),
            )
            for m in row["modules"]
        ],
        created_by=row["created_by"],
        themes=list(row["themes"]),
        version=row["version"],
        created_at=row["created_at"],
    )


def _enrolment(row: RowMapping) -> Enrolment:
    return Enrolment(
        id=row["id"],
        course_id=row["course_id"],
        person_id=row["person_id"],
        enrolled_at=row["enrolled_at"],
        completed_lessons=list(row["completed_lessons"]),
        completed_at=row["completed_at"],
        verification_digest=row["verification_digest"],
        version=row["version"],
    )
