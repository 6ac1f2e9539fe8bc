"""Repositories: aggregates in and out of their JSONB documents, with optimistic locking.

Aggregates loaded through a repository are tracked; the unit of work saves the changed ones
(``version`` moved) on commit and refuses a save if someone else saved first.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any, Generic, TypeVar
from uuid import UUID

from pydantic import TypeAdapter
from sqlalchemy import ColumnElement, String, Table, func, select
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.ext.asyncio import AsyncSession

from alliance.adapters import orm
from alliance.domain.alliance import Alliance
from alliance.domain.body import Body
from alliance.domain.cohort import Cohort
from alliance.domain.commitment import Commitment
from alliance.domain.errors import ConcurrentUpdate
from alliance.domain.meeting import Meeting
from alliance.domain.member import Member
from alliance.domain.motion import Motion
from alliance.domain.recommendation import Recommendation
from eventkit.aggregate import AggregateRoot

A = TypeVar("A", bound=AggregateRoot)
Track = Callable[[AggregateRoot], object]


_ADAPTERS: dict[type, TypeAdapter[Any]] = {}


def _adapter(model: type[A]) -> TypeAdapter[A]:
    """Building a TypeAdapter compiles a schema: once per aggregate type, not per request."""
    if model not in _ADAPTERS:
        _ADAPTERS[model] = TypeAdapter(model)
    return _ADAPTERS[model]


class DocumentRepository(Generic[A]):
    #: columns beside the document, derived from the aggregate
    def columns(self, aggregate: A) -> dict[str, Any]:
        return {}

    def __init__(self, session: AsyncSession, table: Table, model: type[A], track: Track) -> None:
        self.session = session
        self.table = table
        self.adapter: TypeAdapter[A] = _adapter(model)
        self._track = track
        #: id -> (aggregate, version and document when read): what the unit of work saves
        self._loaded: dict[UUID, tuple[A, int, dict[str, Any]]] = {}
        #: aggregates added in this unit of work, in order
        self.created: list[A] = []

    def _document(self, aggregate: A) -> dict[str, Any]:
        data: dict[str, Any] = self.adapter.dump_python(
            aggregate, mode="json", exclude={"events", "version"}
        )
        return data

    def _hydrate(self, row: Any) -> A:
        known = self._loaded.get(row.id)
        if known is not None:  # one object per id per unit of work
            return known[0]
        aggregate = self.adapter.validate_python(row.data)
        aggregate.version = row.version
        self._loaded[row.id] = (aggregate, row.version, row.data)
        self._track(aggregate)
        return aggregate

    async def add(self, aggregate: A) -> None:
        agg_id: UUID = aggregate.id  # type: ignore[attr-defined]
        document = self._document(aggregate)
        await self.session.execute(
            self.table.insert().values(
                id=agg_id, version=aggregate.version, data=document, **self.columns(aggregate)
            )
        )
        self._loaded[agg_id] = (aggregate, aggregate.version, document)
        self.created.append(aggregate)
        self._track(aggregate)

    async def get(self, aggregate_id: UUID) -> A | None:
        rows = await self.find(self.table.c.id == aggregate_id)
        return rows[0] if rows else None

    async def find(
        self,
        *where: ColumnElement[bool],
        order_by: Sequence[Any] = (),
        limit: int | None = None,
    ) -> list[A]:
        stmt = select(self.table.c.id, self.table.c.version, self.table.c.data).where(*where)
        stmt = stmt.order_by(*(order_by or [self.table.c.created_at, self.table.c.id]))
        if limit is not None:
            stmt = stmt.limit(limit)
        return [self._hydrate(r) for r in (await self.session.execute(stmt)).all()]

    async def get_many(self, ids: Iterable[UUID]) -> dict[UUID, A]:
        wanted = list(set(ids))
        if not wanted:
            return {}
        found = await self.find(self.table.c.id.in_(wanted))
        return {a.id: a for a in found}  # type: ignore[attr-defined]

    async def save_changes(self) -> None:
        for agg_id, (aggregate, read_version, read_document) in list(self._loaded.items()):
            document = self._document(aggregate)
            if document == read_document and aggregate.version == read_version:
                continue
            if aggregate.version == read_version:
                # a change that announces nothing (a ballot, an agenda item) still moves the
                # version, so concurrent writers of the same aggregate collide
                aggregate.version += 1
            result = await self.session.execute(
                self.table.update()
                .where(self.table.c.id == agg_id, self.table.c.version == read_version)
                .values(
                    version=aggregate.version,
                    data=document,
                    updated_at=func.now(),
                    **self.columns(aggregate),
                )
            )
            if result.rowcount != 1:  # type: ignore[attr-defined]
                raise ConcurrentUpdate("This record changed meanwhile; read it again and retry.")
            self._loaded[agg_id] = (aggregate, aggregate.version, document)


class AllianceRepository(DocumentRepository[Alliance]):
    def columns(self, a: Alliance) -> dict[str, Any]:
        return {"slug": a.slug}

    async def by_slug(self, slug: str) -> Alliance | None:
        found = await self.find(self.table.c.slug == slug)
        return found[0] if found else None


class MemberRepository(DocumentRepository[Member]):
    def columns(self, m: Member) -> dict[str, Any]:
        return {
            "alliance_id": m.alliance_id,
            "kind": m.kind.value,
            "country": m.country,
            "status": m.status.value,
            "representatives": sorted(m.representatives),
        }

    async def represented_by(self, account_id: UUID) -> list[Member]:
        return await self.find(self.table.c.representatives.contains([account_id]))


class BodyRepository(DocumentRepository[Body]):
    def columns(self, b: Body) -> dict[str, Any]:
        return {"alliance_id": b.alliance_id, "kind": b.kind.value}


class MeetingRepository(DocumentRepository[Meeting]):
    def columns(self, m: Meeting) -> dict[str, Any]:
        return {"alliance_id": m.alliance_id, "body_id": m.body_id, "starts_at": m.starts_at}


class MotionRepository(DocumentRepository[Motion]):
    def columns(self, m: Motion) -> dict[str, Any]:
        return {
            "meeting_id": m.meeting_id,
            "body_id": m.body_id,
            "recommendation_id": m.recommendation_id,
        }


class RecommendationRepository(DocumentRepository[Recommendation]):
    def columns(self, r: Recommendation) -> dict[str, Any]:
        return {
            "alliance_id": r.alliance_id,
            "working_group_id": r.working_group_id,
            "stage": r.stage.value,
        }


class CommitmentRepository(DocumentRepository[Commitment]):
    def columns(self, c: Commitment) -> dict[str, Any]:
        return {
            "alliance_id": c.alliance_id,
            "member_id": c.member_id,
            "pillar": c.pillar,
            "theme": c.theme,
            "status": c.status.value,
        }


class CohortRepository(DocumentRepository[Cohort]):
    def columns(self, c: Cohort) -> dict[str, Any]:
        return {"alliance_id": c.alliance_id}


def repositories(session: AsyncSession, track: Track) -> dict[str, DocumentRepository[Any]]:
    return {
        "alliances": AllianceRepository(session, orm.alliances, Alliance, track),
        "members": MemberRepository(session, orm.members, Member, track),
        "bodies": BodyRepository(session, orm.bodies, Body, track),
        "meetings": MeetingRepository(session, orm.meetings, Meeting, track),
        "motions": MotionRepository(session, orm.motions, Motion, track),
        "recommendations": RecommendationRepository(
            session, orm.recommendations, Recommendation, track
        ),
        "commitments": CommitmentRepository(session, orm.commitments, Commitment, track),
        "cohorts": CohortRepository(session, orm.cohorts, Cohort, track),
    }


class AccountTraces:
    """Where an account id appears inside aggregate documents (who voted, drafted minutes,
    reported progress...), across every document table of the schema.

    Erasure replaces those ids with :data:`ERASED_ACCOUNT` in place: the records stay (the
    alliance's history relies on them) but no longer point to the person.
    """

    def __init__(self, session: AsyncSession, tables: Iterable[Table]) -> None:
        self.session = session
        self.tables = list(tables)

    async def find(self, account_id: UUID) -> dict[str, list[str]]:
        """Document table -> ids of the records that mention the account."""
        found: dict[str, list[str]] = {}
        needle = f"%{account_id}%"
        for table in self.tables:
            rows = await self.session.execute(
                select(table.c.id).where(table.c.data.cast(String).like(needle))
            )
            ids = [str(r.id) for r in rows]
            if ids:
                found[table.name] = ids
        return found

    async def replace(self, account_id: UUID, replacement: UUID) -> dict[str, int]:
        """Rewrite every mention of the account; returns table -> records changed."""
        changed: dict[str, int] = {}
        for table in self.tables:
            text_data = table.c.data.cast(String)
            result = await self.session.execute(
                table.update()
                .where(text_data.like(f"%{account_id}%"))
                .values(
                    data=func.replace(text_data, str(account_id), str(replacement)).cast(JSONB),
                    updated_at=func.now(),
                )
            )
            if result.rowcount:  # type: ignore[attr-defined]
                changed[table.name] = result.rowcount  # type: ignore[attr-defined]
        return changed
