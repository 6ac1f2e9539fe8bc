"""Use cases of the events calendar (registrations and the waitlist) and of the courses, over
the in-memory unit of work: no PostgreSQL, no Kafka."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest
from resources_fakes import FakeResourcesUnitOfWork
from test_resources_resource_use_cases import published

from contracts.events import resources as contract
from eventkit.preconditions import IfMatch, etag
from resources.domain import calendar as cal
from resources.domain.course import AlreadyEnrolled, Lesson, Module
from resources.service_layer import learning_handlers as uc
from resources.service_layer.errors import (
    Conflict,
    Forbidden,
    NotFound,
    PreconditionFailed,
    PreconditionRequired,
)
from resources.service_layer.resource_handlers import Actor

NOW = datetime(2026, 5, 4, 9, 0, tzinfo=UTC)
ORGANISER = Actor(id=uuid.uuid4(), role="organisation_admin")


@pytest.fixture
def uow() -> FakeResourcesUnitOfWork:
    return FakeResourcesUnitOfWork()


async def scheduled(
    uow: FakeResourcesUnitOfWork, capacity: int | None = 1, waitlist: bool = True
) -> cal.CalendarEvent:
    return await uc.schedule(
        uow,
        {
            "kind": cal.EventKind.WEBINAR,
            "title": "Diaspora bonds",
            "description": "",
            "language": "en",
            "organiser": "Ministry",
            "organised_by": ORGANISER.id,
            "time_zone": "Africa/Dakar",
            "starts_at": NOW + timedelta(days=7),
            "ends_at": NOW + timedelta(days=7, hours=2),
            "capacity": capacity,
            "waitlist": waitlist,
        },
    )


def person() -> Actor:
    return Actor(id=uuid.uuid4())


def changes(uow: FakeResourcesUnitOfWork) -> list[tuple[uuid.UUID, str, bool]]:
    return [
        (e.person_id, e.status, e.promoted)
        for e in uow.published_of(contract.EventRegistrationChanged)
    ]


async def test_a_full_event_waitlists_and_a_cancellation_promotes_the_first_in_line(
    uow: FakeResourcesUnitOfWork,
) -> None:
    event = await scheduled(uow, capacity=1)
    first, second, third = person(), person(), person()
    seated = await uc.register(uow, event.id, first, NOW)
    waiting = await uc.register(uow, event.id, second, NOW)
    behind = await uc.register(uow, event.id, third, NOW)
    assert (seated.registration.status, seated.waitlist_position) == ("confirmed", None)
    assert (waiting.registration.status, waiting.waitlist_position) == ("waitlisted", 1)
    assert behind.waitlist_position == 2
    with pytest.raises(Conflict):
        await uc.register(uow, event.id, first, NOW)
    promoted = await uc.cancel(uow, event.id, first, NOW)
    assert promoted is not None and promoted.person_id == second.id
    assert (await uc.my_registration(uow, event.id, third)).waitlist_position == 1
    assert changes(uow)[-2:] == [(first.id, "cancelled", False), (second.id, "confirmed", True)]
    _, confirmed = await uc.get_event(uow, event.id)
    assert confirmed == 1


async def test_registering_again_after_cancelling_goes_to_the_end_of_the_waitlist(
    uow: FakeResourcesUnitOfWork,
) -> None:
    event = await scheduled(uow, capacity=1)
    first, second, third = person(), person(), person()
    for p in (first, second, third):
        await uc.register(uow, event.id, p, NOW)
    await uc.cancel(uow, event.id, second, NOW)  # waiting: frees no seat
    again = await uc.register(uow, event.id, second, NOW)
    assert (again.registration.status, again.waitlist_position) == ("waitlisted", 2)


async def test_without_a_waitlist_a_full_event_refuses(uow: FakeResourcesUnitOfWork) -> None:
    event = await scheduled(uow, capacity=1, waitlist=False)
    await uc.register(uow, event.id, person(), NOW)
    with pytest.raises(uc.EventFull):
        await uc.register(uow, event.id, person(), NOW)
    with pytest.raises(NotFound):
        await uc.cancel(uow, event.id, person(), NOW)


async def test_more_seats_move_the_waitlist_up_and_edits_need_the_current_etag(
    uow: FakeResourcesUnitOfWork,
) -> None:
    event = await scheduled(uow, capacity=1)
    people = [person() for _ in range(3)]
    for p in people:
        await uc.register(uow, event.id, p, NOW)
    with pytest.raises(PreconditionRequired):
        await uc.update_event(uow, event.id, ORGANISER, {"capacity": 3}, IfMatch(), NOW)
    with pytest.raises(Forbidden):
        await uc.update_event(
            uow, event.id, person(), {"capacity": 3}, IfMatch(etag(event.revision)), NOW
        )
    updated, confirmed = await uc.update_event(
        uow, event.id, ORGANISER, {"capacity": 3}, IfMatch(etag(event.revision)), NOW
    )
    assert (updated.capacity, confirmed) == (3, 3)
    assert [c for c in changes(uow) if c[2]] == [
        (people[1].id, "confirmed", True),
        (people[2].id, "confirmed", True),
    ]
    assert len(uow.published_of(contract.CalendarEventUpdated)) == 1
    with pytest.raises(PreconditionFailed):  # the etag read before the change is stale now
        await uc.update_event(
            uow, event.id, ORGANISER, {"title": "x"}, IfMatch(etag(event.revision)), NOW
        )


async def test_a_cancelled_event_takes_no_registrations_and_keeps_its_records(
    uow: FakeResourcesUnitOfWork,
) -> None:
    event = await scheduled(uow)
    member = person()
    await uc.register(uow, event.id, member, NOW)
    await uc.cancel_event(uow, event.id, ORGANISER, "storm", IfMatch(), NOW)
    [called_off] = uow.published_of(contract.CalendarEventCancelled)
    assert called_off.event_id == event.id
    with pytest.raises(Conflict):
        await uc.register(uow, event.id, person(), NOW)
    with pytest.raises(Conflict):
        await uc.cancel_event(uow, event.id, ORGANISER, "again", IfMatch(), NOW)
    assert (await uc.my_registration(uow, event.id, member)).registration.status == "confirmed"


async def test_the_organiser_reads_registrations_and_each_person_hears_of_it(
    uow: FakeResourcesUnitOfWork,
) -> None:
    from contracts.events.privacy import PersonalDataAccessed

    event = await scheduled(uow, capacity=None)
    members = [person(), person()]
    for p in members:
        await uc.register(uow, event.id, p, NOW)
    with pytest.raises(Forbidden):
        await uc.registrations(uow, event.id, members[0])
    found = await uc.registrations(uow, event.id, ORGANISER)
    assert [r.person_id for r in found] == [p.id for p in members]
    audit = uow.published_of(PersonalDataAccessed)
    assert [(a.person_id, a.record_type) for a in audit] == [
        (p.id, "event_registration") for p in members
    ]
    assert [(e.id, n) for e, n in await uc.organised_by(uow, ORGANISER, 10)] == [(event.id, 2)]
    assert [e.id for e in await uc.upcoming(uow, None, 10, NOW)] == [event.id]
    assert await uc.upcoming(uow, None, 10, NOW + timedelta(days=30)) == []


async def test_an_erased_account_gives_its_seat_to_the_waitlist(  # privacy.erase_person's 1st step
    uow: FakeResourcesUnitOfWork,
) -> None:
    event = await scheduled(uow, capacity=1)
    erased, waiting = person(), person()
    await uc.register(uow, event.id, erased, NOW)
    await uc.register(uow, event.id, waiting, NOW)
    async with uow:
        assert await uc.release_seats_of(uow, erased.id, NOW) == 1
        await uow.commit()
    assert (await uc.my_registration(uow, event.id, waiting)).registration.status == "confirmed"
    assert changes(uow)[-1] == (waiting.id, "confirmed", True)


# ---- courses ------------------------------------------------------------------------------
def modules(resource_id: uuid.UUID | None = None) -> list[Module]:
    return [Module("Basics", (Lesson("a", "A", resource_id), Lesson("b", "B")))]


async def test_a_course_links_only_published_resources(uow: FakeResourcesUnitOfWork) -> None:
    author = person()
    with pytest.raises(uc.InvalidEvent, match="no published resource"):
        await uc.create_course(
            uow,
            author,
            {
                "title": "Bonds",
                "description": "",
                "language": "en",
                "modules": modules(uuid.uuid4()),
            },
        )
    resource_id = await published(uow, person())
    course = await uc.create_course(
        uow,
        author,
        {"title": "Bonds", "description": "", "language": "en", "modules": modules(resource_id)},
    )
    [announced] = uow.published_of(contract.CoursePublished)
    assert (announced.course_id, announced.lesson_count) == (course.id, 2)
    assert (await uc.get_course(uow, course.id)).title == "Bonds"


async def test_enrol_complete_and_verify_a_course(uow: FakeResourcesUnitOfWork) -> None:
    course = await uc.create_course(
        uow, person(), {"title": "Bonds", "description": "", "language": "en", "modules": modules()}
    )
    learner = person()
    enrolment = await uc.enrol(uow, course.id, learner, NOW)
    with pytest.raises(AlreadyEnrolled):
        await uc.enrol(uow, course.id, learner, NOW)
    with pytest.raises(Conflict):  # not completed: no code to reissue
        await uc.reissue_code(uow, course.id, learner)
    _, _, code = await uc.complete_lesson(uow, course.id, "a", learner, NOW)
    assert code is None
    with pytest.raises(NotFound):
        await uc.complete_lesson(uow, course.id, "zzz", learner, NOW)
    _, done, code = await uc.complete_lesson(uow, course.id, "b", learner, NOW)
    assert code and done.id == enrolment.id and done.completed_at == NOW
    verified, of_course = await uc.verify_completion(uow, code)
    assert (verified.person_id, of_course.id) == (learner.id, course.id)
    _, _, new_code = await uc.reissue_code(uow, course.id, learner)
    with pytest.raises(NotFound):  # the old code stops working
        await uc.verify_completion(uow, code)
    assert (await uc.verify_completion(uow, new_code))[0].id == enrolment.id
    kinds = [type(e).__name__ for e in uow.published if type(e).__module__ == contract.__name__]
    assert kinds[-4:] == [
        "LearnerEnrolled",
        "LessonCompleted",
        "LessonCompleted",
        "CourseCompleted",
    ]
    with pytest.raises(NotFound):
        await uc.progress(uow, course.id, person())


async def test_the_catalogue_pages_newest_first_by_language_theme_and_words(
    uow: FakeResourcesUnitOfWork,
) -> None:
    made = []
    for title, language in (("Bonds 101", "en"), ("Obligations", "fr"), ("Bonds 201", "en")):
        made.append(
            await uc.create_course(
                uow,
                person(),
                {
                    "title": title,
                    "description": "",
                    "language": language,
                    "modules": modules(),
                    "themes": ["finance"],
                },
            )
        )
    page, after = await uc.catalogue(uow, None, 2)
    assert after is not None and len(page) == 2
    rest, end = await uc.catalogue(uow, after, 2)
    assert end is None and {c.id for c in page + rest} == {c.id for c in made}
    english, _ = await uc.catalogue(uow, None, 10, language="en", text="bonds")
    assert {c.title for c in english} == {"Bonds 101", "Bonds 201"}
    assert (await uc.catalogue(uow, None, 10, theme="health"))[0] == []
