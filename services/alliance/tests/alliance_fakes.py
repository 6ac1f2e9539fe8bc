"""In-memory repositories and unit of work for the alliance's use cases (no database).

Each fake implements its protocol of ``alliance.service_layer.repositories`` (``make lint``
type-checks this module against them) over one table of a ``devstack.fakes.FakeSession``.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from typing import Any, Generic, TypeVar
from uuid import UUID

from pydantic import TypeAdapter

from alliance.adapters.integration_events import to_integration_events
from alliance.domain.alliance import Alliance, Pillar, Theme
from alliance.domain.body import Body, BodyKind, BodyRules, Role
from alliance.domain.cohort import Cohort
from alliance.domain.commitment import Commitment, Status
from alliance.domain.errors import SeatTaken
from alliance.domain.meeting import Meeting
from alliance.domain.member import STANDING, Member, MemberKind, MemberStatus
from alliance.domain.motion import Motion
from alliance.domain.recommendation import Recommendation, Stage
from alliance.service_layer import bodies as body_use_cases
from alliance.service_layer import members as member_use_cases
from alliance.service_layer.access import Actor
from alliance.service_layer.unit_of_work import AllianceUnitOfWork
from devstack.fakes import FakeDatabase, FakeSession, FakeUnitOfWork
from eventkit.aggregate import AggregateRoot
from eventkit.clock import FixedClock

A = TypeVar("A", bound=AggregateRoot)
Track = Callable[[AggregateRoot], object]


class FakeDocuments(Generic[A]):
    """Aggregates by id, in the order they were added (the real tables' ``created_at``)."""

    def __init__(self, session: FakeSession, name: str, track: Track) -> None:
        self.rows: dict[UUID, A] = session.table(name)
        self._track = track

    def _out(self, aggregate: A) -> A:
        self._track(aggregate)
        return aggregate

    def _where(self, keep: Callable[[A], bool]) -> list[A]:
        return [self._out(a) for a in self.rows.values() if keep(a)]

    def _id_page(self, keep: Callable[[A], bool], after: UUID | None, limit: int | None) -> list[A]:
        found = self._where(lambda a: keep(a) and (after is None or a.id > after))  # type: ignore[attr-defined]
        return sorted(found, key=lambda a: a.id)[:limit]  # type: ignore[attr-defined]

    async def add(self, aggregate: A) -> None:
        self.rows[aggregate.id] = aggregate  # type: ignore[attr-defined]
        self._track(aggregate)

    async def get(self, aggregate_id: UUID) -> A | None:
        found = self.rows.get(aggregate_id)
        return None if found is None else self._out(found)

    async def get_many(self, ids: Iterable[UUID]) -> dict[UUID, A]:
        return {i: self._out(self.rows[i]) for i in set(ids) if i in self.rows}

    async def save_changes(self) -> None:
        """Nothing to do: the working copy is what commit keeps."""


class FakeAlliances(FakeDocuments[Alliance]):
    async def by_slug(self, slug: str) -> Alliance | None:
        found = self._where(lambda a: a.slug == slug)
        return found[0] if found else None

    async def named_like(
        self, text: str | None, *, after: UUID | None = None, limit: int | None = None
    ) -> list[Alliance]:
        wanted = (text or "").replace("%", "").replace("_", "").casefold()
        return self._id_page(
            lambda a: wanted in a.slug.casefold() or wanted in a.name.casefold(), after, limit
        )


class FakeMembers(FakeDocuments[Member]):
    async def add(self, aggregate: Member) -> None:
        def standing(m: Member) -> bool:
            return m.kind == MemberKind.MEMBER_STATE and m.status in STANDING

        if standing(aggregate) and any(
            standing(m)
            and m.alliance_id == aggregate.alliance_id
            and m.country == aggregate.country
            for m in self.rows.values()
        ):
            raise SeatTaken()
        await super().add(aggregate)

    async def represented_by(self, account_id: UUID) -> list[Member]:
        return self._where(lambda m: account_id in m.representatives)

    async def page(
        self,
        alliance_id: UUID,
        *,
        status: MemberStatus | None = None,
        kind: MemberKind | None = None,
        after: UUID | None = None,
        limit: int,
    ) -> list[Member]:
        return self._id_page(
            lambda m: (
                m.alliance_id == alliance_id
                and status in (None, m.status)
                and kind in (None, m.kind)
            ),
            after,
            limit,
        )


class FakeBodies(FakeDocuments[Body]):
    async def of_alliance(
        self,
        alliance_id: UUID,
        kind: BodyKind | None = None,
        *,
        after: UUID | None = None,
        limit: int | None = None,
    ) -> list[Body]:
        return self._id_page(
            lambda b: b.alliance_id == alliance_id and kind in (None, b.kind), after, limit
        )


class FakeMeetings(FakeDocuments[Meeting]):
    async def page_of_body(
        self, body_id: UUID, *, after: tuple[datetime, UUID] | None, limit: int
    ) -> list[Meeting]:
        found = self._where(
            lambda m: m.body_id == body_id and (after is None or (m.starts_at, m.id) > after)
        )
        return sorted(found, key=lambda m: (m.starts_at, m.id))[:limit]

    async def attended_by_any(self, member_ids: Iterable[UUID]) -> list[Meeting]:
        wanted = set(member_ids)
        return self._where(lambda m: bool(wanted & m.attendance))

    async def inviting_any(self, member_ids: Iterable[UUID]) -> list[Meeting]:
        wanted = set(member_ids)
        found = self._where(lambda m: bool(wanted & m.invitations))
        return sorted(found, key=lambda m: (m.starts_at, m.id))


class FakeMotions(FakeDocuments[Motion]):
    async def put_to(self, meeting_id: UUID) -> list[Motion]:
        return self._where(lambda m: m.meeting_id == meeting_id)


class FakeRecommendations(FakeDocuments[Recommendation]):
    async def of_alliance(
        self, alliance_id: UUID, stage: Stage | None = None
    ) -> list[Recommendation]:
        return self._where(lambda r: r.alliance_id == alliance_id and stage in (None, r.stage))


class FakeCommitments(FakeDocuments[Commitment]):
    async def of_alliance(
        self, alliance_id: UUID, *, member_id: UUID | None = None, pillar: str | None = None
    ) -> list[Commitment]:
        return self._where(
            lambda c: (
                c.alliance_id == alliance_id
                and member_id in (None, c.member_id)
                and pillar in (None, c.pillar)
            )
        )

    async def ids_not_achieved(self, *, after: UUID | None, limit: int) -> list[UUID]:
        ids = [
            c.id
            for c in self.rows.values()
            if c.status != Status.ACHIEVED and (after is None or c.id > after)
        ]
        return sorted(ids)[:limit]


class FakeCohorts(FakeDocuments[Cohort]):
    async def of_alliance(
        self, alliance_id: UUID, *, after: UUID | None = None, limit: int | None = None
    ) -> list[Cohort]:
        return self._id_page(lambda c: c.alliance_id == alliance_id, after, limit)


class FakeAccountTraces:
    """Mentions of an account anywhere in the documents, found and replaced in their JSON
    (what the real one does in PostgreSQL)."""

    def __init__(self, documents: dict[str, FakeDocuments[Any]]) -> None:
        self.documents = documents

    @staticmethod
    def _json(aggregate: AggregateRoot) -> str:
        data: bytes = TypeAdapter(type(aggregate)).dump_json(aggregate, exclude={"events"})
        return data.decode()

    async def find(self, account_id: UUID) -> dict[str, list[str]]:
        found: dict[str, list[str]] = {}
        for name, repo in self.documents.items():
            ids = [str(i) for i, a in repo.rows.items() if str(account_id) in self._json(a)]
            if ids:
                found[name] = ids
        return found

    async def replace(self, account_id: UUID, replacement: UUID) -> dict[str, int]:
        changed: dict[str, int] = {}
        for name, repo in self.documents.items():
            for agg_id, aggregate in list(repo.rows.items()):
                text = self._json(aggregate)
                if str(account_id) in text:
                    adapter = TypeAdapter(type(aggregate))
                    repo.rows[agg_id] = adapter.validate_json(
                        text.replace(str(account_id), str(replacement))
                    )
                    changed[name] = changed.get(name, 0) + 1
        return changed


class FakeAllianceUnitOfWork(FakeUnitOfWork, AllianceUnitOfWork):
    """``AllianceUnitOfWork`` in memory: the same repositories by name, the real event mapper."""

    def __init__(self, database: FakeDatabase | None = None) -> None:
        super().__init__(to_integration_events, database)

    def init_repositories(self, session: Any) -> None:  # a FakeSession
        track = self.track
        self.alliances = alliances = FakeAlliances(session, "alliances", track)
        self.members = members = FakeMembers(session, "members", track)
        self.bodies = bodies = FakeBodies(session, "bodies", track)
        self.meetings = meetings = FakeMeetings(session, "meetings", track)
        self.motions = motions = FakeMotions(session, "motions", track)
        self.recommendations = recs = FakeRecommendations(session, "recommendations", track)
        self.commitments = commitments = FakeCommitments(session, "commitments", track)
        self.cohorts = cohorts = FakeCohorts(session, "cohorts", track)
        self.account_traces = FakeAccountTraces(
            {
                "alliances": alliances,
                "members": members,
                "bodies": bodies,
                "meetings": meetings,
                "motions": motions,
                "recommendations": recs,
                "commitments": commitments,
                "cohorts": cohorts,
            }
        )


# ---- a world to test the use cases in ------------------------------------------------------
NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


class FakeWorld:
    """An alliance built through its own use cases over the fakes: the secretariat, and
    helpers that admit members and establish bodies the way a test needs them."""

    def __init__(self) -> None:
        self.uow = FakeAllianceUnitOfWork()
        self.clock = FixedClock(NOW)
        self.secretariat = Actor(account_id=uuid.uuid4(), secretariat=True)
        self.alliance: Alliance

    async def found(self) -> Alliance:
        self.alliance = await member_use_cases.found_alliance(
            self.uow,
            self.clock,
            self.secretariat,
            slug=f"test-{uuid.uuid4().hex[:8]}",
            name="Test Alliance",
            declaration="",
            pillars=[Pillar(code="networks", title="Networks")],
            themes=[Theme(code="data", title="Data"), Theme(code="climate", title="Climate")],
        )
        return self.alliance

    @property
    def id(self) -> UUID:
        return self.alliance.id

    async def applicant(
        self, kind: MemberKind = MemberKind.ORGANISATION, country: str | None = None
    ) -> tuple[Member, Actor]:
        """A member that applied, and the account representing it."""
        actor = Actor(account_id=uuid.uuid4())
        member = await member_use_cases.apply(
            self.uow,
            self.clock,
            actor,
            alliance_id=self.id,
            kind=kind,
            name=f"{kind} {uuid.uuid4().hex[:6]}",
            country=country,
            motivation="We want to help.",
        )
        return member, actor

    async def member(
        self, kind: MemberKind = MemberKind.ORGANISATION, country: str | None = None
    ) -> tuple[Member, Actor]:
        """An admitted member (term from today), and its representative."""
        member, actor = await self.applicant(kind, country)
        admitted = await member_use_cases.review(
            self.uow, self.clock, self.secretariat, member.id, decision="admit"
        )
        return admitted, actor

    async def body(
        self,
        kind: BodyKind,
        seats: list[tuple[Member, Role]] = (),  # type: ignore[assignment]
        *,
        theme: str | None = None,
        rules: BodyRules | None = None,
    ) -> Body:
        body = await body_use_cases.establish(
            self.uow,
            self.clock,
            self.secretariat,
            alliance_id=self.id,
            kind=kind,
            name=f"{kind}",
            theme=theme or ("data" if kind is BodyKind.WORKING_GROUP else None),
            mandate="",
            rules=rules or BodyRules(),
        )
        for member, role in seats:
            await body_use_cases.appoint(
                self.uow,
                self.clock,
                self.secretariat,
                body.id,
                member_id=member.id,
                role=role,
                starts_on=None,
                ends_on=None,
            )
        return body

    async def load(self, repo: str, aggregate_id: UUID) -> Any:
        """An aggregate as committed (what the next request would read)."""
        async with self.uow:
            return await getattr(self.uow, repo).get(aggregate_id)
