"""The alliance unit of work: repositories, outbox and inbox on one transaction."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from sqlalchemy.ext.asyncio import AsyncSession

from alliance.adapters.repository import (
    AccountTraces,
    AllianceRepository,
    BodyRepository,
    CohortRepository,
    CommitmentRepository,
    DocumentRepository,
    IdempotencyRepository,
    MeetingRepository,
    MemberRepository,
    MotionRepository,
    RecommendationRepository,
    repositories,
)
from alliance.domain.errors import AllianceError
from eventkit.uow import UnitOfWork


@dataclass(frozen=True)
class IdempotencyClaim:
    """This request carries an Idempotency-Key: remember what it creates, atomically."""

    account_id: UUID
    key: str
    fingerprint: str
    #: the repository whose first new aggregate is the created resource
    resource: str


class DuplicateRequest(AllianceError):
    title = "Duplicate request"


class AllianceUnitOfWork(UnitOfWork):
    alliances: AllianceRepository
    members: MemberRepository
    bodies: BodyRepository
    meetings: MeetingRepository
    motions: MotionRepository
    recommendations: RecommendationRepository
    commitments: CommitmentRepository
    cohorts: CohortRepository
    idempotency: IdempotencyRepository
    account_traces: AccountTraces
    #: set by the entrypoint before the handler runs
    claim: IdempotencyClaim | None = None

    def init_repositories(self, session: AsyncSession) -> None:
        self.idempotency = IdempotencyRepository(session)
        self._repos: list[DocumentRepository[object]] = []  # type: ignore[type-var]
        for name, repo in repositories(session, self.track).items():
            setattr(self, name, repo)
            self._repos.append(repo)
        self.account_traces = AccountTraces(session, (r.table for r in self._repos))

    async def commit(self) -> None:
        # documents first (a lost optimistic race aborts before any outbox row is written)
        for repo in self._repos:
            await repo.save_changes()
        claim = self.claim
        if claim is not None:
            created: DocumentRepository[object] = getattr(self, claim.resource)  # type: ignore[type-var]
            if created.created:
                first = created.created[0].id  # type: ignore[attr-defined]
                fresh = await self.idempotency.remember(
                    claim.account_id, claim.key, claim.fingerprint, claim.resource, first
                )
                if not fresh:  # a concurrent twin committed first: roll this one back
                    raise DuplicateRequest("A request with this Idempotency-Key was processed.")
        await super().commit()
