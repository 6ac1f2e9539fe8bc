"""E-learning courses: modules of lessons (each referencing a Learn resource), enrolment,
progress and a verifiable completion record."""

from __future__ import annotations

import hashlib
import secrets
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from uuid import UUID

from eventkit import domain_errors as kinds
from eventkit.aggregate import AggregateRoot, DomainEvent


class AlreadyEnrolled(kinds.Conflict):
    message = "you are already enrolled"


class CourseError(Exception):
    pass


@dataclass(frozen=True)
class Lesson:
    id: str
    title: str
    resource_id: UUID | None = None


@dataclass(frozen=True)
class Module:
    title: str
    lessons: tuple[Lesson, ...]


@dataclass(kw_only=True)
class CourseCompleted(DomainEvent):
    course_id: UUID
    course_title: str
    person_id: UUID
    completion_id: UUID
    completed_at: datetime


@dataclass(kw_only=True)
class CoursePublished(DomainEvent):
    pass


@dataclass(kw_only=True)
class Enrolled(DomainEvent):
    pass


@dataclass(kw_only=True)
class LessonDone(DomainEvent):
    lesson_id: str
    completed_lessons: int
    total_lessons: int
    at: datetime


@dataclass(kw_only=True, eq=False)
class Enrolment(AggregateRoot):
    """One person in one course: their progress, then their completion record."""

    id: UUID
    course_id: UUID
    person_id: UUID
    enrolled_at: datetime
    completed_lessons: list[str] = field(default_factory=list)
    completed_at: datetime | None = None
    #: sha256 of the verification code; the code itself is shown to the person once
    verification_digest: str | None = None
    #: for the events only (not stored: the course has it)
    course_title: str | None = None

    @classmethod
    def enrol(cls, course_id: UUID, person_id: UUID, now: datetime) -> Enrolment:
        enrolment = cls(id=uuid.uuid4(), course_id=course_id, person_id=person_id, enrolled_at=now)
        enrolment.record(Enrolled())
        return enrolment

    def progress(self, course: Course) -> float:
        total = len(course.lesson_ids())
        return round(len(self.completed_lessons) / total, 4) if total else 0.0

    def complete_lesson(self, course: Course, lesson_id: str, now: datetime) -> str | None:
        """Mark a lesson done; on the last one, the course is completed and the returned
        verification code proves it (only its digest is kept)."""
        if lesson_id not in course.lesson_ids():
            raise CourseError("no such lesson in this course")
        if lesson_id in self.completed_lessons:
            return None
        self.completed_lessons.append(lesson_id)
        self.record(
            LessonDone(
                lesson_id=lesson_id,
                completed_lessons=len(set(self.completed_lessons)),
                total_lessons=len(course.lesson_ids()),
                at=now,
            )
        )
        if self.completed_at is None and set(self.completed_lessons) >= set(course.lesson_ids()):
            code = secrets.token_urlsafe(18)
            self.completed_at = now
            self.verification_digest = digest(code)
            self.record(
                CourseCompleted(
                    course_id=course.id,
                    course_title=course.title,
                    person_id=self.person_id,
                    completion_id=self.id,
                    completed_at=now,
                )
            )
            return code
        return None

    def reissue_code(self) -> str:
        """A new verification code for a completed course, for a person who lost theirs:
        the previous one stops verifying (only the digest of the newest is kept)."""
        if self.completed_at is None:
            raise CourseNotCompleted("the course is not completed yet")
        code = secrets.token_urlsafe(18)
        self.verification_digest = digest(code)
        return code


class CourseNotCompleted(CourseError):
    pass


def digest(code: str) -> str:
    return hashlib.sha256(code.encode()).hexdigest()


@dataclass(kw_only=True, eq=False)
class Course(AggregateRoot):
    id: UUID
    title: str
    description: str
    language: str
    modules: list[Module]
    created_by: UUID | None
    #: the resources' theme slugs it belongs to: the catalogue is searched by them
    themes: list[str] = field(default_factory=list)
    created_at: datetime = field(default_factory=lambda: datetime.now(UTC))

    @classmethod
    def create(cls, **fields: object) -> Course:
        course = cls(id=uuid.uuid4(), **fields)  # type: ignore[arg-type]
        ids = [lesson.id for module in course.modules for lesson in module.lessons]
        if not ids:
            raise CourseError("a course needs at least one lesson")
        if len(ids) != len(set(ids)):
            raise CourseError("lesson ids must be unique within a course")
        course.record(CoursePublished())
        return course

    def lesson_ids(self) -> list[str]:
        return [lesson.id for module in self.modules for lesson in module.lessons]
