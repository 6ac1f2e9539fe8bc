"""Events published by the resources service."""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field

from contracts.base import IntegrationEvent
from contracts.topics import Topic

RESOURCE_TOPIC = "resources.resource.v1"


class ResourceEvent(IntegrationEvent):
    """A step of a Learn resource through moderation. No personal data beyond account ids."""

    topic: ClassVar[str] = RESOURCE_TOPIC

    resource_id: UUID
    kind: str = Field(description="research, law_policy, toolkit, ..., project_record")
    title: str = Field(description="title in the resource's original language")
    language: str = Field(description="original language, ISO 639-1")
    status: str = Field(description="draft, submitted, published, rejected, archived")
    #: the contributing account (null for imported records or after erasure)
    contributor_id: UUID | None = None
    #: who caused this step (the contributor or a moderator)
    actor_id: UUID | None = None
    occurred_at: datetime

    def subject(self) -> str:
        return str(self.resource_id)


class ResourceDrafted(ResourceEvent):
    type_name: ClassVar[str] = "resources.resource.drafted"


class ResourceSubmitted(ResourceEvent):
    type_name: ClassVar[str] = "resources.resource.submitted"


class ResourcePublished(ResourceEvent):
    type_name: ClassVar[str] = "resources.resource.published"


class ResourceRejected(ResourceEvent):
    type_name: ClassVar[str] = "resources.resource.rejected"
    reason: str


class ResourceArchived(ResourceEvent):
    type_name: ClassVar[str] = "resources.resource.archived"


class ResourceReported(ResourceEvent):
    """Someone reported the resource; moderators review it."""

    type_name: ClassVar[str] = "resources.resource.reported"
    report_count: int


class ResourceHidden(ResourceEvent):
    type_name: ClassVar[str] = "resources.resource.hidden"
    reason: str


class ResourceRestored(ResourceEvent):
    """A moderator made a hidden resource visible again."""

    type_name: ClassVar[str] = "resources.resource.restored"


class ResourceRevised(ResourceEvent):
    """The resource was edited: a translation added or changed, or its classification
    (themes, SDGs, countries, authors...) revised. Caches and feeds refresh it."""

    type_name: ClassVar[str] = "resources.resource.revised"

    what: str = Field(description="translation:<language> or classification")
    version: int
    languages: list[str] = Field(default=[], description="languages it is available in now")


OPPORTUNITY_TOPIC = "resources.opportunity.v1"


class OpportunityEvent(IntegrationEvent):
    topic: ClassVar[str] = OPPORTUNITY_TOPIC
    opportunity_id: UUID

    def subject(self) -> str:
        return str(self.opportunity_id)


class OpportunityPosted(OpportunityEvent):
    """A call for experts, mentors, volunteers, investment or projects was posted."""

    type_name: ClassVar[str] = "resources.opportunity.posted"

    kind: str
    title: str
    organisation: str
    #: the profiles organisation, when the poster named it
    organisation_id: UUID | None = None
    required_occupations: list[str] = Field(
        default=[], description="ISCO-08 unit groups (vocabulary scheme occupations)"
    )
    required_skills: list[str] = Field(
        default=[], description="ESCO skill groups (vocabulary scheme skills)"
    )
    sectors: list[str] = Field(default=[], description="ISIC Rev.4 sections (scheme sectors)")
    countries: list[str] = Field(default=[], description="ISO 3166-1 alpha-2")
    contribution_modes: list[str] = Field(default=[], description="scheme contribution_modes")
    languages: list[str] = Field(default=[], description="ISO 639 (vocabulary scheme languages)")
    work_mode: str = Field(description="remote, on_site or hybrid")
    deadline: datetime
    posted_by: UUID


class MatchReason(BaseModel):
    """One reason a person fits: a criterion and the person's codes that meet it. The codes
    are vocabulary codes: ``contracts.vocabulary.explain(kind, values, locale)`` says it in a
    person's language ("Speaks French")."""

    model_config = ConfigDict(frozen=True)

    kind: str = Field(
        description="occupations, skills, sectors, languages, contribution_modes, "
        "country_of_origin, country_of_residence"
    )
    values: list[str] = []


class OpportunityMatchFound(OpportunityEvent):
    """A good new match between a person (who consented) and an open opportunity.

    Notifications turns these into digests for the person.
    """

    type_name: ClassVar[str] = "resources.opportunity.match_found"

    person_id: UUID
    title: str
    score: float = Field(ge=0, le=1)
    reasons: list[MatchReason] = []
    deadline: datetime


class InterestExpressed(OpportunityEvent):
    type_name: ClassVar[str] = "resources.opportunity.interest_expressed"

    interest_id: UUID
    person_id: UUID
    poster_id: UUID
    expressed_at: datetime


class InterestStatusChanged(OpportunityEvent):
    """The poster shortlisted, accepted or declined an expression of interest (or the person
    withdrew it); the person is told the new status in their language."""

    type_name: ClassVar[str] = "resources.opportunity.interest_status_changed"

    interest_id: UUID
    person_id: UUID
    status: str
    changed_at: datetime


CALENDAR_TOPIC = "resources.calendar_event.v1"


class CalendarEventMessage(IntegrationEvent):
    topic: ClassVar[str] = CALENDAR_TOPIC
    event_id: UUID

    def subject(self) -> str:
        return str(self.event_id)


class CalendarEventDetails(CalendarEventMessage):
    """Event-carried state of a public calendar entry."""

    kind: str
    title: str
    language: str
    organiser: str
    time_zone: str = Field(description="IANA time zone of the organiser")
    starts_at: datetime
    ends_at: datetime
    capacity: int | None = None


class CalendarEventScheduled(CalendarEventDetails):
    """A virtual exchange, consultation, summit... was put on the public calendar."""

    type_name: ClassVar[str] = "resources.calendar_event.scheduled"


class CalendarEventUpdated(CalendarEventDetails):
    """The organiser changed an entry (title, time, capacity...): the full new state. When
    its title or time changed, the people registered for it are told."""

    type_name: ClassVar[str] = "resources.calendar_event.updated"


class CalendarEventCancelled(CalendarEventMessage):
    """The entry was called off; registered people are told."""

    type_name: ClassVar[str] = "resources.calendar_event.cancelled"

    title: str
    starts_at: datetime
    reason: str | None = Field(default=None, max_length=500)
    cancelled_at: datetime


class EventRegistrationChanged(CalendarEventMessage):
    """A registration was confirmed, waitlisted, cancelled, or promoted from the waitlist
    (``promoted``: notifications tells the person they now have a seat)."""

    type_name: ClassVar[str] = "resources.calendar_event.registration_changed"

    registration_id: UUID
    person_id: UUID
    status: str = Field(description="confirmed, waitlisted or cancelled")
    promoted: bool = False
    title: str
    starts_at: datetime


COURSE_TOPIC = "resources.course.v1"


class CoursePublished(IntegrationEvent):
    """A course was put in the catalogue (courses are published when created)."""

    topic: ClassVar[str] = COURSE_TOPIC
    type_name: ClassVar[str] = "resources.course.published"

    course_id: UUID
    title: str
    language: str
    lesson_count: int
    created_by: UUID | None = None
    published_at: datetime

    def subject(self) -> str:
        return str(self.course_id)


class EnrolmentEvent(IntegrationEvent):
    """One person's enrolment; keyed by the enrolment (= completion) id, so in order."""

    topic: ClassVar[str] = COURSE_TOPIC

    course_id: UUID
    enrolment_id: UUID
    person_id: UUID

    def subject(self) -> str:
        return str(self.enrolment_id)


class LearnerEnrolled(EnrolmentEvent):
    type_name: ClassVar[str] = "resources.course.enrolled"

    course_title: str
    enrolled_at: datetime


class LessonCompleted(EnrolmentEvent):
    """Progress: one more lesson done (``completed_lessons`` of ``total_lessons``)."""

    type_name: ClassVar[str] = "resources.course.lesson_completed"

    lesson_id: str
    completed_lessons: int
    total_lessons: int
    completed_at: datetime


class CourseCompleted(IntegrationEvent):
    """A person completed every lesson of a course; ``completion_id`` identifies the
    completion record, verifiable with the code the person was given."""

    topic: ClassVar[str] = COURSE_TOPIC
    type_name: ClassVar[str] = "resources.course.completed"

    course_id: UUID
    completion_id: UUID
    person_id: UUID
    course_title: str
    completed_at: datetime

    def subject(self) -> str:
        return str(self.completion_id)


TOPICS: tuple[Topic, ...] = (
    Topic(
        name=RESOURCE_TOPIC,
        owner="resources",
        partitions=6,
        partner_visible=False,
        description="Learn resources through moderation: drafted, submitted, published, "
        "rejected, archived, reported, hidden, restored, revised. Carries account ids: "
        "internal.",
        event_types=(
            ResourceDrafted,
            ResourceSubmitted,
            ResourcePublished,
            ResourceRejected,
            ResourceArchived,
            ResourceReported,
            ResourceHidden,
            ResourceRestored,
            ResourceRevised,
        ),
    ),
    Topic(
        name=OPPORTUNITY_TOPIC,
        owner="resources",
        partitions=6,
        partner_visible=False,
        description="Contribute opportunities: posted, good matches found, expressions of "
        "interest. Carries person ids: internal.",
        event_types=(
            OpportunityPosted,
            OpportunityMatchFound,
            InterestExpressed,
            InterestStatusChanged,
        ),
    ),
    Topic(
        name=CALENDAR_TOPIC,
        owner="resources",
        partitions=3,
        partner_visible=False,
        description="The events calendar: events scheduled, updated, cancelled; registrations "
        "(confirmed, waitlisted, cancelled, promoted). Carries person ids: internal.",
        event_types=(
            CalendarEventScheduled,
            CalendarEventUpdated,
            CalendarEventCancelled,
            EventRegistrationChanged,
        ),
    ),
    Topic(
        name=COURSE_TOPIC,
        owner="resources",
        partitions=3,
        partner_visible=False,
        description="E-learning: courses published; enrolments, lessons completed (progress) "
        "and course completions. Carries person ids: internal.",
        event_types=(CoursePublished, LearnerEnrolled, LessonCompleted, CourseCompleted),
    ),
)
