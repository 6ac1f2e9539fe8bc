"""Maps domain events to the published contracts (only fields safe to share)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from contracts.base import IntegrationEvent
from contracts.events import resources as contract
from eventkit.aggregate import AggregateRoot, DomainEvent
from resources.domain import calendar as cal
from resources.domain import course
from resources.domain import opportunity as o
from resources.domain import resource as r

_STATUS_EVENTS: dict[r.Status, type[contract.ResourceEvent]] = {
    r.Status.SUBMITTED: contract.ResourceSubmitted,
    r.Status.PUBLISHED: contract.ResourcePublished,
    r.Status.REJECTED: contract.ResourceRejected,
    r.Status.ARCHIVED: contract.ResourceArchived,
}


def to_integration_events(
    aggregate: AggregateRoot, event: DomainEvent
) -> Iterable[IntegrationEvent]:
    if isinstance(aggregate, r.Resource):
        return _resource_event(aggregate, event)
    if isinstance(aggregate, o.Opportunity):
        return _opportunity_event(aggregate, event)
    if isinstance(aggregate, cal.CalendarEvent):
        return _calendar_event(aggregate, event)
    if isinstance(aggregate, course.Enrolment):
        return _enrolment_event(aggregate, event)
    if isinstance(aggregate, course.Course) and isinstance(event, course.CoursePublished):
        return [
            contract.CoursePublished(
                course_id=aggregate.id,
                title=aggregate.title,
                language=aggregate.language,
                lesson_count=len(aggregate.lesson_ids()),
                created_by=aggregate.created_by,
                published_at=aggregate.created_at,
            )
        ]
    return []


def _enrolment_event(x: course.Enrolment, event: DomainEvent) -> list[IntegrationEvent]:
    who = {"course_id": x.course_id, "enrolment_id": x.id, "person_id": x.person_id}
    match event:
        case course.Enrolled():
            return [
                contract.LearnerEnrolled(
                    **who, course_title=x.course_title or "", enrolled_at=x.enrolled_at
                )
            ]
        case course.LessonDone():
            return [
                contract.LessonCompleted(
                    **who,
                    lesson_id=event.lesson_id,
                    completed_lessons=event.completed_lessons,
                    total_lessons=event.total_lessons,
                    completed_at=event.at,
                )
            ]
        case course.CourseCompleted():
            return [
                contract.CourseCompleted(
                    course_id=event.course_id,
                    completion_id=event.completion_id,
                    person_id=event.person_id,
                    course_title=event.course_title,
                    completed_at=event.completed_at,
                )
            ]
    return []


def _calendar_event(x: cal.CalendarEvent, event: DomainEvent) -> list[IntegrationEvent]:
    details = {
        "event_id": x.id,
        "kind": x.kind.value,
        "title": x.title,
        "language": x.language,
        "organiser": x.organiser,
        "time_zone": x.time_zone,
        "starts_at": x.starts_at,
        "ends_at": x.ends_at,
        "capacity": x.capacity,
    }
    match event:
        case cal.EventScheduled():
            return [contract.CalendarEventScheduled(**details)]
        case cal.EventUpdated():
            return [contract.CalendarEventUpdated(**details)]
        case cal.EventCalledOff(reason=reason):
            return [
                contract.CalendarEventCancelled(
                    event_id=x.id,
                    title=x.title,
                    starts_at=x.starts_at,
                    reason=reason,
                    cancelled_at=x.cancelled_at or datetime.now(UTC),
                )
            ]
        case cal.RegistrationChanged():
            return [
                contract.EventRegistrationChanged(
                    event_id=x.id,
                    registration_id=event.registration_id,
                    person_id=event.person_id,
                    status=event.status.value,
                    promoted=event.promoted,
                    title=x.title,
                    starts_at=x.starts_at,
                )
            ]
    return []


def _resource_event(x: r.Resource, event: DomainEvent) -> list[IntegrationEvent]:
    common = {
        "resource_id": x.id,
        "kind": x.kind.value,
        "title": x.title,
        "language": x.original_language,
        "status": x.status.value,
        "contributor_id": x.contributor_id,
        "occurred_at": datetime.now(UTC),
    }
    match event:
        case r.ResourceDrafted(actor_id=actor):
            return [contract.ResourceDrafted(**common, actor_id=actor)]
        case r.StatusChanged(to_status=to, actor_id=actor, reason=reason):
            if to is r.Status.REJECTED:
                return [contract.ResourceRejected(**common, actor_id=actor, reason=reason or "")]
            return [_STATUS_EVENTS[to](**common, actor_id=actor)]
        case r.ResourceReported(report_count=n):
            # the reporter stays anonymous to everyone but moderators (history)
            return [contract.ResourceReported(**common, report_count=n)]
        case r.VisibilityChanged(hidden=True, actor_id=actor, reason=reason):
            return [contract.ResourceHidden(**common, actor_id=actor, reason=reason)]
        case r.VisibilityChanged(hidden=False, actor_id=actor):
            return [contract.ResourceRestored(**common, actor_id=actor)]
        case r.ResourceEdited(actor_id=actor, what=what):
            return [
                contract.ResourceRevised(
                    **common,
                    actor_id=actor,
                    what=what,
                    version=x.version,
                    languages=sorted(x.translations),
                )
            ]
    return []


def _opportunity_event(x: o.Opportunity, event: DomainEvent) -> list[IntegrationEvent]:
    now = datetime.now(UTC)
    match event:
        case o.OpportunityPosted():
            assert x.posted_by is not None
            return [
                contract.OpportunityPosted(
                    opportunity_id=x.id,
                    kind=x.kind.value,
                    title=x.title,
                    organisation=x.organisation,
                    organisation_id=x.organisation_id,
                    required_occupations=x.required_occupations,
                    required_skills=x.required_skills,
                    sectors=x.sectors,
                    countries=x.countries,
                    contribution_modes=x.contribution_modes,
                    languages=x.languages,
                    work_mode=x.work_mode.value,
                    deadline=x.deadline,
                    posted_by=x.posted_by,
                )
            ]
        case o.InterestExpressed(interest_id=iid, person_id=pid) if x.posted_by is not None:
            return [
                contract.InterestExpressed(
                    opportunity_id=x.id,
                    interest_id=iid,
                    person_id=pid,
                    poster_id=x.posted_by,
                    expressed_at=now,
                )
            ]
        case o.InterestStatusChanged(interest_id=iid, person_id=pid, status=status):
            return [
                contract.InterestStatusChanged(
                    opportunity_id=x.id,
                    interest_id=iid,
                    person_id=pid,
                    status=status.value,
                    changed_at=now,
                )
            ]
    return []
