"""Calendar, iCalendar and course rules without infrastructure."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest

from resources.adapters.icalendar import _fold, calendar
from resources.domain import calendar as cal
from resources.domain.course import Course, CourseError, Enrolment, Lesson, Module, digest


def event(capacity: int | None = 1, waitlist: bool = True) -> cal.CalendarEvent:
    start = datetime.now(UTC) + timedelta(days=1)
    return cal.CalendarEvent.schedule(
        kind=cal.EventKind.CONSULTATION,
        title="Consultation; régionale, Afrique",
        description="line one\nline two",
        language="fr",
        organiser="OIM",
        organised_by=None,
        time_zone="Africa/Dakar",
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        capacity=capacity,
        waitlist=waitlist,
    )


def test_wall_clock_times_are_read_in_the_events_zone() -> None:
    utc = cal.to_utc(datetime(2026, 7, 1, 10, 0), "Europe/Dublin")
    assert utc == datetime(2026, 7, 1, 9, 0, tzinfo=UTC)  # Irish summer time
    aware = datetime(2026, 7, 1, 10, 0, tzinfo=UTC)
    assert cal.to_utc(aware, "Asia/Tokyo") == aware
    with pytest.raises(cal.CalendarError):
        cal.to_utc(datetime(2026, 7, 1), "Not/AZone")


def test_waitlist_promotion_and_full_events() -> None:
    e = event(capacity=1)
    now = datetime.now(UTC)
    first = e.register(uuid.uuid4(), 0, None, now)
    second = e.register(uuid.uuid4(), 1, None, now)
    assert (first.status, second.status) == (
        cal.RegistrationStatus.CONFIRMED,
        cal.RegistrationStatus.WAITLISTED,
    )
    promoted = e.cancel(first, second, now)
    assert promoted is second and second.status is cal.RegistrationStatus.CONFIRMED
    assert e.cancel(second, None, now) is None
    with pytest.raises(cal.EventFull):
        event(capacity=1, waitlist=False).register(uuid.uuid4(), 1, None, now)
    with pytest.raises(cal.CalendarError):
        e.register(uuid.uuid4(), 0, None, e.starts_at)  # started: closed


def test_icalendar_escapes_and_folds() -> None:
    text = calendar([event()], "https://example.org", "Cal")
    assert text.endswith("END:VCALENDAR\r\n")
    unfolded = text.replace("\r\n ", "")
    assert "SUMMARY:Consultation\\; régionale\\, Afrique" in unfolded
    assert "DESCRIPTION:line one\\nline two" in unfolded
    folded = _fold("X:" + "é" * 100)
    assert all(len(part.encode()) <= 75 for part in folded.split("\r\n"))
    assert folded.replace("\r\n ", "") == "X:" + "é" * 100


def test_course_completion_gives_a_code_once() -> None:
    course = Course.create(
        title="T",
        description="",
        language="en",
        modules=[Module("m", (Lesson("a", "A"), Lesson("b", "B")))],
        created_by=None,
    )
    e = Enrolment.enrol(course.id, uuid.uuid4(), datetime.now(UTC))
    assert e.complete_lesson(course, "a", datetime.now(UTC)) is None
    code = e.complete_lesson(course, "b", datetime.now(UTC))
    assert code and e.verification_digest == digest(code) and e.progress(course) == 1.0
    assert e.complete_lesson(course, "b", datetime.now(UTC)) is None
    # enrolled, two lessons done (progress), completed; doing a lesson again changes nothing
    assert [type(x).__name__ for x in e.events] == [
        "Enrolled",
        "LessonDone",
        "LessonDone",
        "CourseCompleted",
    ]
    with pytest.raises(CourseError):
        e.complete_lesson(course, "zzz", datetime.now(UTC))
    with pytest.raises(CourseError):
        Course.create(title="T", description="", language="en", modules=[], created_by=None)
