"""The alliance unit of work: repositories, outbox and inbox on one transaction."""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from alliance.adapters import repository as sql
from alliance.service_layer.repositories import (
    AccountTraces,
    Alliances,
    Bodies,
    Cohorts,
    Commitments,
    Documents,
    Meetings,
    Members,
    Motions,
    Recommendations,
)
from eventkit.uow import UnitOfWork


class AllianceUnitOfWork(UnitOfWork):
    alliances: Alliances
    members: Members
    bodies: Bodies
    meetings: Meetings
    motions: Motions
    recommendations: Recommendations
    commitments: Commitments
    cohorts: Cohorts
    account_traces: AccountTraces

    def init_repositories(self, session: AsyncSession) -> None:
        self.alliances = sql.AllianceRepository(session, self.track)
        self.members = sql.MemberRepository(session, self.track)
        self.bodies = sql.BodyRepository(session, self.track)
        self.meetings = sql.MeetingRepository(session, self.track)
        self.motions = sql.MotionRepository(session, self.track)
        self.recommendations = sql.RecommendationRepository(session, self.track)
        self.commitments = sql.CommitmentRepository(session, self.track)
        self.cohorts = sql.CohortRepository(session, self.track)
        self.account_traces = sql.DocumentAccountTraces(session, sql.DOCUMENT_TABLES)

    def documents(self) -> list[Documents[Any]]:
        return [
            self.alliances,
            self.members,
            self.bodies,
            self.meetings,
            self.motions,
            self.recommendations,
            self.commitments,
            self.cohorts,
        ]

    async def commit(self) -> None:
        # documents first (a lost optimistic race aborts before any outbox row is written)
        for repo in self.documents():
            await repo.save_changes()
        await super().commit()
