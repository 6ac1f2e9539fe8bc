"""The alliance unit of work: repositories, outbox and inbox on one transaction."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from alliance.adapters.repository import (
    AccountTraces,
    AllianceRepository,
    BodyRepository,
    CohortRepository,
    CommitmentRepository,
    DocumentRepository,
    MeetingRepository,
    MemberRepository,
    MotionRepository,
    RecommendationRepository,
    repositories,
)
from eventkit.uow import UnitOfWork


class AllianceUnitOfWork(UnitOfWork):
    alliances: AllianceRepository
    members: MemberRepository
    bodies: BodyRepository
    meetings: MeetingRepository
    motions: MotionRepository
    recommendations: RecommendationRepository
    commitments: CommitmentRepository
    cohorts: CohortRepository
    account_traces: AccountTraces

    def init_repositories(self, session: AsyncSession) -> None:
        self._repos: list[DocumentRepository[object]] = []  # type: ignore[type-var]
        for name, repo in repositories(session, self.track).items():
            setattr(self, name, repo)
            self._repos.append(repo)
        self.account_traces = AccountTraces(session, (r.table for r in self._repos))

    async def commit(self) -> None:
        # documents first (a lost optimistic race aborts before any outbox row is written)
        for repo in self._repos:
            await repo.save_changes()
        await super().commit()
