"""E-learning API: courses of modules and lessons, enrolment, progress, verifiable completion."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Depends, Path, Query, Response, status
from pydantic import BaseModel, Field

from contracts.vocabulary.types import LanguageCode
from eventkit.cursors import decode_time_key, encode_time_key
from eventkit.http.auth import writes_need_a_verified_email
from eventkit.http.clock import Now
from eventkit.http.openapi_headers import CREATED
from resources.domain import course as c
from resources.entrypoints.http.deps import CourseAuthor, CurrentActor, UoW
from resources.entrypoints.http.schemas import Theme
from resources.service_layer import learning_handlers as handlers

# what reaches other people waits for a verified email address
router = APIRouter(
    prefix="/v1/courses", tags=["courses"], dependencies=[Depends(writes_need_a_verified_email)]
)

LessonId = Annotated[str, Field(min_length=1, max_length=100, pattern=r"^[A-Za-z0-9_\-.]+$")]


class LessonIn(BaseModel):
    id: LessonId
    title: str = Field(min_length=1, max_length=300)
    resource_id: UUID | None = Field(default=None, description="a published Learn resource")


class ModuleIn(BaseModel):
    title: str = Field(min_length=1, max_length=300)
    lessons: list[LessonIn] = Field(min_length=1, max_length=200)


class CourseIn(BaseModel):
    title: str = Field(min_length=1, max_length=300)
    description: str = Field(default="", max_length=20_000)
    language: LanguageCode = "en"
    themes: list[Theme] = Field(default=[], max_length=20)
    modules: list[ModuleIn] = Field(min_length=1, max_length=50)


class CourseOut(BaseModel):
    id: UUID
    title: str
    description: str
    language: str
    themes: list[str] = []
    modules: list[ModuleIn]


class CourseSummary(BaseModel):
    id: UUID
    title: str
    description: str
    language: str
    themes: list[str]
    lessons: int


class ProgressOut(BaseModel):
    course_id: UUID
    completion_id: UUID
    completed_lessons: list[str]
    progress: float = Field(ge=0, le=1)
    completed_at: datetime | None
    #: returned once, when the last lesson completes the course: proves the completion
    verification_code: str | None = None


class CompletionOut(BaseModel):
    completion_id: UUID
    course_id: UUID
    course_title: str
    completed_at: datetime
    valid: bool = True


def _course(x: c.Course) -> CourseOut:
    return CourseOut(
        id=x.id,
        title=x.title,
        description=x.description,
        language=x.language,
        themes=x.themes,
        modules=[
            ModuleIn(
                title=m.title,
                lessons=[
                    LessonIn(id=x.id, title=x.title, resource_id=x.resource_id) for x in m.lessons
                ],
            )
            for m in x.modules
        ],
    )


def _progress(course: c.Course, e: c.Enrolment, code: str | None = None) -> ProgressOut:
    return ProgressOut(
        course_id=course.id,
        completion_id=e.id,
        completed_lessons=e.completed_lessons,
        progress=e.progress(course),
        completed_at=e.completed_at,
        verification_code=code,
    )


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=CourseOut,
    responses=CREATED,
    dependencies=[CourseAuthor],
)
async def create_course(
    body: CourseIn, actor: CurrentActor, uow: UoW, response: Response
) -> CourseOut:
    modules = [
        c.Module(
            title=m.title,
            lessons=tuple(c.Lesson(x.id, x.title, x.resource_id) for x in m.lessons),
        )
        for m in body.modules
    ]
    course = await handlers.create_course(
        uow,
        actor,
        {
            "title": body.title,
            "description": body.description,
            "language": body.language,
            "themes": list(dict.fromkeys(body.themes)),
            "modules": modules,
        },
    )
    response.headers["Location"] = f"/v1/courses/{course.id}"
    return _course(course)


@router.post(
    "/{course_id}/enrolments/me/verification-code",
    response_model=ProgressOut,
    responses={409: {"description": "the course is not completed yet"}},
)
async def reissue_code(course_id: UUID, actor: CurrentActor, uow: UoW) -> ProgressOut:
    """A new verification code for the caller's completed course, for someone who lost the
    one shown at completion; the previous code stops verifying."""
    course, enrolment, code = await handlers.reissue_code(uow, course_id, actor)
    return _progress(course, enrolment, code)


@router.get("/completions/{code}", response_model=CompletionOut)
async def verify_completion(
    code: Annotated[str, Path(min_length=10, max_length=100)], uow: UoW
) -> CompletionOut:
    """Anyone holding the code (e.g. an employer) can check the completion record; it names
    the course and the date, never the person."""
    enrolment, course = await handlers.verify_completion(uow, code)
    assert enrolment.completed_at is not None
    return CompletionOut(
        completion_id=enrolment.id,
        course_id=course.id,
        course_title=course.title,
        completed_at=enrolment.completed_at,
    )


class CoursePage(BaseModel):
    items: list[CourseSummary]
    next_cursor: str | None


@router.get("", response_model=CoursePage, responses={400: {"description": "Bad cursor"}})
async def list_courses(
    uow: UoW,
    language: Annotated[LanguageCode | None, Query(description="taught in")] = None,
    theme: Annotated[str | None, Query(min_length=1, max_length=100)] = None,
    q: Annotated[str | None, Query(min_length=1, max_length=200, description="words")] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    cursor: Annotated[str | None, Query(max_length=500)] = None,
) -> CoursePage:
    """The course catalogue, newest first, by language, theme and words of the title or
    description (keyset pagination: pass ``next_cursor`` back until it is null)."""
    after = decode_time_key(cursor) if cursor else None
    found, following = await handlers.catalogue(
        uow, after, limit, language=language, theme=theme, text=q
    )
    return CoursePage(
        items=[
            CourseSummary(
                id=x.id,
                title=x.title,
                description=x.description,
                language=x.language,
                themes=x.themes,
                lessons=len(x.lesson_ids()),
            )
            for x in found
        ],
        next_cursor=encode_time_key(following[0], following[1]) if following else None,
    )


@router.get("/{course_id}", response_model=CourseOut)
async def get_course(course_id: UUID, uow: UoW) -> CourseOut:
    return _course(await handlers.get_course(uow, course_id))


@router.post(
    "/{course_id}/enrolments",
    status_code=status.HTTP_201_CREATED,
    response_model=ProgressOut,
    responses=CREATED,
)
async def enrol(
    course_id: UUID, actor: CurrentActor, uow: UoW, now: Now, response: Response
) -> ProgressOut:
    await handlers.enrol(uow, course_id, actor, now.now())
    course, enrolment = await handlers.progress(uow, course_id, actor)
    response.headers["Location"] = f"/v1/courses/{course_id}/enrolments/me"
    return _progress(course, enrolment)


@router.get("/{course_id}/enrolments/me", response_model=ProgressOut)
async def my_progress(course_id: UUID, actor: CurrentActor, uow: UoW) -> ProgressOut:
    course, enrolment = await handlers.progress(uow, course_id, actor)
    return _progress(course, enrolment)


@router.post("/{course_id}/lessons/{lesson_id}/complete", response_model=ProgressOut)
async def complete_lesson(
    course_id: UUID,
    lesson_id: Annotated[str, Path(max_length=100)],
    actor: CurrentActor,
    uow: UoW,
    now: Now,
) -> ProgressOut:
    course, enrolment, code = await handlers.complete_lesson(
        uow, course_id, lesson_id, actor, now.now()
    )
    return _progress(course, enrolment, code)
