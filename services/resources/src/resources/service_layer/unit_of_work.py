"""The resources unit of work: every repository on one transaction."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from eventkit.uow import UnitOfWork
from resources.adapters.learning_repository import CalendarRepository, CourseRepository
from resources.adapters.people import PeopleProjection
from resources.adapters.personal_data import PersonalData
from resources.adapters.repository import (
    AttachmentRepository,
    OpportunityRepository,
    ResourceRepository,
)
from resources.service_layer.repositories import (
    Attachments,
    Calendar,
    Courses,
    Opportunities,
    People,
    Resources,
)


class ResourcesUnitOfWork(UnitOfWork):
    resources: Resources
    attachments: Attachments
    opportunities: Opportunities
    people: People
    calendar: Calendar
    courses: Courses
    personal_data: PersonalData

    def init_repositories(self, session: AsyncSession) -> None:
        self.resources = ResourceRepository(session)
        self.attachments = AttachmentRepository(session)
        self.opportunities = OpportunityRepository(session)
        self.people = PeopleProjection(session)
        self.calendar = CalendarRepository(session)
        self.courses = CourseRepository(session)
        self.personal_data = PersonalData(session)
