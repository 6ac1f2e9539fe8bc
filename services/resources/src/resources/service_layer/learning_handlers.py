"""Use cases of the events calendar and the courses."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from eventkit.preconditions import IfMatch
from eventkit.privacy import record_access
from resources.domain import calendar as cal
from resources.domain import course as c
from resources.service_layer.errors import (
    Conflict,
    Forbidden,
    InvalidInput,
    NotFound,
)
from resources.service_layer.resource_handlers import Actor
from resources.service_layer.unit_of_work import ResourcesUnitOfWork


class EventFull(Conflict):
    title = "Event full"
    type = "https://diaspora.example/problems/event-full"


class InvalidEvent(InvalidInput):
    pass


@dataclass(frozen=True)
class RegistrationView:
    registration: cal.Registration
    waitlist_position: int | None


async def schedule(uow: ResourcesUnitOfWork, fields: dict[str, object]) -> cal.CalendarEvent:
    try:
        event = cal.CalendarEvent.schedule(**fields)
    except cal.CalendarError as exc:
        raise InvalidEvent(str(exc)) from exc
    async with uow:
        uow.track(event)
        await uow.calendar.add(event)
        await uow.commit()
    return event


async def get_event(uow: ResourcesUnitOfWork, event_id: UUID) -> tuple[cal.CalendarEvent, int]:
    async with uow:
        event = await uow.calendar.get(event_id)
        if event is None:
            raise NotFound("no such event")
        return event, await uow.calendar.confirmed_count(event_id)


async def _managed_event(
    uow: ResourcesUnitOfWork, event_id: UUID, actor: Actor
) -> cal.CalendarEvent:
    event = await uow.calendar.get(event_id, for_update=True)
    if event is None:
        raise NotFound("no such event")
    if not event.may_manage(actor.id, moderator=actor.moderator):
        raise Forbidden("only the organiser and moderators change an event")
    return event


async def update_event(
    uow: ResourcesUnitOfWork,
    event_id: UUID,
    actor: Actor,
    changes: dict[str, object],
    expected: IfMatch,
    now: datetime,
) -> tuple[cal.CalendarEvent, int]:
    """The organiser (or a moderator) edits the details; publishes CalendarEventUpdated."""
    async with uow:
        event = await _managed_event(uow, event_id, actor)
        expected.check(event.revision, what="the event")
        confirmed = await uow.calendar.confirmed_count(event_id)
        uow.track(event)
        try:
            time_zone = str(changes.get("time_zone") or event.time_zone)
            for name in ("starts_at", "ends_at"):  # wall-clock in the (new) zone -> UTC
                moment = changes.get(name)
                if isinstance(moment, datetime):
                    changes[name] = cal.to_utc(moment, time_zone)
            changed = event.revise(changes, confirmed)
        except cal.EventCancelled as exc:
            raise Conflict(str(exc)) from exc
        except cal.CalendarError as exc:
            raise InvalidEvent(str(exc)) from exc
        if changed:
            # more seats: the waitlist moves up, first come first served
            while (free := event.seats_free(confirmed)) is None or free > 0:
                waiting = await uow.calendar.first_waitlisted(event_id)
                if waiting is None:
                    break
                event.promote(waiting, now)
                await uow.calendar.save_registration(waiting)
                confirmed += 1
            await uow.calendar.save(event)
            await uow.commit()
        return event, confirmed


async def cancel_event(
    uow: ResourcesUnitOfWork,
    event_id: UUID,
    actor: Actor,
    reason: str | None,
    expected: IfMatch,
    now: datetime,
) -> cal.CalendarEvent:
    """Call the event off (If-Match optional: cancelling is not an overwrite of details)."""
    async with uow:
        event = await _managed_event(uow, event_id, actor)
        expected.check(event.revision, required=False, what="the event")
        uow.track(event)
        try:
            event.cancel_event(reason, now)
        except cal.CalendarError as exc:
            raise Conflict(str(exc)) from exc
        await uow.calendar.save(event)
        await uow.commit()
        return event


async def register(
    uow: ResourcesUnitOfWork, event_id: UUID, actor: Actor, now: datetime
) -> RegistrationView:
    async with uow:
        event = await uow.calendar.get(event_id, for_update=True)
        if event is None:
            raise NotFound("no such event")
        uow.track(event)
        existing = await uow.calendar.registration_of(event_id, actor.id)
        try:
            registration = event.register(
                actor.id, await uow.calendar.confirmed_count(event_id), existing, now
            )
        except cal.EventFull as exc:
            raise EventFull(str(exc)) from exc
        except cal.CalendarError as exc:
            raise Conflict(str(exc)) from exc
        await uow.calendar.save_registration(registration, requeue=existing is not None)
        await uow.calendar.save(event)
        position = await uow.calendar.waitlist_position(registration)
        await uow.commit()
        return RegistrationView(registration, position)


async def cancel(
    uow: ResourcesUnitOfWork, event_id: UUID, actor: Actor, now: datetime
) -> cal.Registration | None:
    """Cancel the caller's registration; returns whoever was promoted from the waitlist."""
    async with uow:
        promoted = await _cancel_registration(uow, event_id, actor.id, now)
        await uow.commit()
        return promoted


async def _cancel_registration(
    uow: ResourcesUnitOfWork, event_id: UUID, person_id: UUID, now: datetime
) -> cal.Registration | None:
    """Cancel one registration in the caller's unit of work; a freed seat goes to the first
    person on the waitlist (returned). The one path for a cancellation by the person and
    for an erased account's seats, so both publish the same events."""
    event = await uow.calendar.get(event_id, for_update=True)
    registration = await uow.calendar.registration_of(event_id, person_id)
    if event is None or registration is None:
        raise NotFound("you are not registered for this event")
    uow.track(event)
    try:
        promoted = event.cancel(registration, await uow.calendar.first_waitlisted(event_id), now)
    except cal.CalendarError as exc:
        raise Conflict(str(exc)) from exc
    await uow.calendar.save_registration(registration)
    if promoted is not None:
        await uow.calendar.save_registration(promoted)
    await uow.calendar.save(event)
    return promoted


async def release_seats_of(uow: ResourcesUnitOfWork, person_id: UUID, now: datetime) -> int:
    """Before an erased account's registrations are deleted: each one is cancelled exactly
    as the person would (same events, a freed seat promotes the first waitlisted person).
    Runs in the erasure's unit of work; returns how many were cancelled."""
    cancelled = 0
    for event_id in await uow.calendar.events_registered_by(person_id):
        await _cancel_registration(uow, event_id, person_id, now)
        cancelled += 1
    return cancelled


async def my_registration(
    uow: ResourcesUnitOfWork, event_id: UUID, actor: Actor
) -> RegistrationView:
    async with uow:
        registration = await uow.calendar.registration_of(event_id, actor.id)
        if registration is None:
            raise NotFound("you are not registered for this event")
        return RegistrationView(registration, await uow.calendar.waitlist_position(registration))


async def registrations(
    uow: ResourcesUnitOfWork, event_id: UUID, actor: Actor
) -> list[cal.Registration]:
    async with uow:
        event = await uow.calendar.get(event_id)
        if event is None:
            raise NotFound("no such event")
        if not event.may_manage(actor.id, moderator=actor.moderator):
            raise Forbidden("only the organiser and moderators see registrations")
        found = await uow.calendar.registrations_for(event_id)
        for r in found:  # an organiser or moderator read who registered: the person's audit
            await record_access(
                uow,
                "resources",
                person_id=r.person_id,
                accessor_id=actor.id,
                accessor_role=actor.role,
                record_type="event_registration",
                record_id=str(r.id),
            )
        await uow.commit()
        return found


async def organised_by(
    uow: ResourcesUnitOfWork, actor: Actor, limit: int
) -> list[tuple[cal.CalendarEvent, int]]:
    """The caller's own events with their confirmed registrations (an organiser's console)."""
    async with uow:
        events = await uow.calendar.organised_by(actor.id, limit)
        counts = await uow.calendar.confirmed_counts([e.id for e in events])
    return [(e, counts[e.id]) for e in events]


async def upcoming(
    uow: ResourcesUnitOfWork, after: tuple[datetime, UUID] | None, limit: int, now: datetime
) -> list[cal.CalendarEvent]:
    async with uow:
        return await uow.calendar.upcoming(after, now, limit)


# ---- courses ------------------------------------------------------------------------------
async def catalogue(
    uow: ResourcesUnitOfWork,
    after: tuple[datetime, UUID] | None,
    limit: int,
    *,
    language: str | None = None,
    theme: str | None = None,
    text: str | None = None,
) -> tuple[list[c.Course], tuple[datetime, UUID] | None]:
    """A page of the catalogue (by language, theme, words) and where the next one starts
    (None: no more)."""
    async with uow.autocommit_reads():
        found = await uow.courses.catalogue(
            language=language, theme=theme, text=text, after=after, limit=limit + 1
        )
        if len(found) <= limit:
            return found, None
        last = found[limit - 1]
        created = await uow.courses.created_at(last.id)
    return found[:limit], (created, last.id) if created else None


async def create_course(
    uow: ResourcesUnitOfWork, actor: Actor, fields: dict[str, object]
) -> c.Course:
    try:
        course = c.Course.create(created_by=actor.id, **fields)
    except c.CourseError as exc:
        raise InvalidEvent(str(exc)) from exc
    async with uow:
        for module in course.modules:
            for lesson in module.lessons:
                if lesson.resource_id is None:
                    continue
                resource = await uow.resources.get(lesson.resource_id)
                if resource is None or not resource.is_public():
                    raise InvalidEvent(f"lesson {lesson.id!r} references no published resource")
        uow.track(course)
        await uow.courses.add(course)
        await uow.commit()
    return course


async def get_course(uow: ResourcesUnitOfWork, course_id: UUID) -> c.Course:
    async with uow:
        course = await uow.courses.get(course_id)
    if course is None:
        raise NotFound("no such course")
    return course


async def enrol(
    uow: ResourcesUnitOfWork, course_id: UUID, actor: Actor, now: datetime
) -> c.Enrolment:
    async with uow:
        course = await uow.courses.get(course_id)
        if course is None:
            raise NotFound("no such course")
        if await uow.courses.enrolment_of(course_id, actor.id) is not None:
            raise c.AlreadyEnrolled()
        enrolment = c.Enrolment.enrol(course_id, actor.id, now)
        enrolment.course_title = course.title
        uow.track(enrolment)
        await uow.courses.save_enrolment(enrolment)  # AlreadyEnrolled if one came meanwhile
        await uow.commit()
        return enrolment


async def progress(
    uow: ResourcesUnitOfWork, course_id: UUID, actor: Actor
) -> tuple[c.Course, c.Enrolment]:
    async with uow:
        course = await uow.courses.get(course_id)
        enrolment = await uow.courses.enrolment_of(course_id, actor.id)
    if course is None or enrolment is None:
        raise NotFound("you are not enrolled in this course")
    return course, enrolment


async def complete_lesson(
    uow: ResourcesUnitOfWork, course_id: UUID, lesson_id: str, actor: Actor, now: datetime
) -> tuple[c.Course, c.Enrolment, str | None]:
    """Returns the verification code when this lesson completed the course (shown once)."""
    async with uow:
        course = await uow.courses.get(course_id)
        enrolment = await uow.courses.enrolment_of(course_id, actor.id, for_update=True)
        if course is None or enrolment is None:
            raise NotFound("you are not enrolled in this course")
        uow.track(enrolment)
        try:
            code = enrolment.complete_lesson(course, lesson_id, now)
        except c.CourseError as exc:
            raise NotFound(str(exc)) from exc
        await uow.courses.save_enrolment(enrolment)
        await uow.commit()
        return course, enrolment, code


async def reissue_code(
    uow: ResourcesUnitOfWork, course_id: UUID, actor: Actor
) -> tuple[c.Course, c.Enrolment, str]:
    """A new verification code for the caller's completed course (the old one stops working)."""
    async with uow:
        course = await uow.courses.get(course_id)
        enrolment = await uow.courses.enrolment_of(course_id, actor.id, for_update=True)
        if course is None or enrolment is None:
            raise NotFound("you are not enrolled in this course")
        try:
            code = enrolment.reissue_code()
        except c.CourseNotCompleted as exc:
            raise Conflict(str(exc)) from exc
        await uow.courses.save_enrolment(enrolment)
        await uow.commit()
        return course, enrolment, code


async def verify_completion(uow: ResourcesUnitOfWork, code: str) -> tuple[c.Enrolment, c.Course]:
    async with uow:
        found = await uow.courses.completion(c.digest(code))
    if found is None:
        raise NotFound("no completion record has this code")
    return found
