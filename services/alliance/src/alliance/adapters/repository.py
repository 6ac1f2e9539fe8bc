"""Repositories: aggregates in and out of their JSONB documents, with optimistic locking.

Aggregates loaded through a repository are tracked; the unit of work saves the changed ones
(``version`` moved) on commit and refuses a save if someone else saved first.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from typing import Any, ClassVar, Generic, TypeVar
from uuid import UUID

from pydantic import TypeAdapter
from sqlalchemy import ColumnElement, String, Table, func, or_, select, tuple_
from sqlalchemy.dialects.postgresql import JSONB, array
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from alliance.adapters import orm
from alliance.domain.alliance import Alliance
from alliance.domain.body import Body, BodyKind
from alliance.domain.cohort import Cohort
from alliance.domain.commitment import Commitment, Status
from alliance.domain.errors import ConcurrentUpdate, SeatTaken
from alliance.domain.meeting import Meeting
from alliance.domain.member import Member, MemberKind, MemberStatus
from alliance.domain.motion import Motion
from alliance.domain.recommendation import Recommendation, Stage
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
    #: where the aggregates live, and their type
    table: ClassVar[Table]
    model: ClassVar[type[AggregateRoot]]

    #: columns beside the document, derived from the aggregate
    def columns(self, aggregate: A) -> dict[str, Any]:
        return {}

    def __init__(self, session: AsyncSession, track: Track) -> None:
        self.session = session
        self.adapter: TypeAdapter[A] = _adapter(self.model)  # type: ignore[arg-type]
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
        rows = await self._find(self.table.c.id == aggregate_id)
        return rows[0] if rows else None

    async def _find(
        self,
        *where: ColumnElement[bool],
        order_by: Sequence[Any] = (),
        limit: int | None = None,
    ) -> list[A]:
        """The aggregates matching ``where``, oldest first unless ``order_by`` says."""
        stmt = select(self.table.c.id, self.table.c.version, self.table.c.data).where(*where)
        stmt = stmt.order_by(*(order_by or [self.table.c.created_at, self.table.c.id]))
        if limit is not None:
            stmt = stmt.limit(limit)
        return [self._hydrate(r) for r in (await self.session.execute(stmt)).all()]

    async def _id_page(
        self, where: list[ColumnElement[bool]], after: UUID | None, limit: int | None
    ) -> list[A]:
        """Keyset pagination in id order: the aggregates matching ``where`` after ``after``."""
        if after is not None:
            where = [*where, self.table.c.id > after]
        return await self._find(*where, order_by=[self.table.c.id], limit=limit)

    async def get_many(self, ids: Iterable[UUID]) -> dict[UUID, A]:
        wanted = list(set(ids))
        if not wanted:
            return {}
        found = await self._find(self.table.c.id.in_(wanted))
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
    table = orm.alliances
    model = Alliance

    def columns(self, a: Alliance) -> dict[str, Any]:
        return {"slug": a.slug}

    async def by_slug(self, slug: str) -> Alliance | None:
        found = await self._find(self.table.c.slug == slug)
        return found[0] if found else None

    async def named_like(
        self, text: str | None, *, after: UUID | None = None, limit: int | None = None
    ) -> list[Alliance]:
        t = self.table.c
        where: list[ColumnElement[bool]] = []
        if text is not None:
            pattern = f"%{text.replace('%', '').replace('_', '')}%"
            where.append(or_(t.slug.ilike(pattern), t.data["name"].astext.ilike(pattern)))
        return await self._id_page(where, after, limit)


class MemberRepository(DocumentRepository[Member]):
    table = orm.members
    model = Member

    def columns(self, m: Member) -> dict[str, Any]:
        return {
            "alliance_id": m.alliance_id,
            "kind": m.kind.value,
            "country": m.country,
            "status": m.status.value,
            "representatives": sorted(m.representatives),
        }

    async def add(self, aggregate: Member) -> None:
        try:  # the partial unique index settles concurrent applications for one state
            await super().add(aggregate)
        except IntegrityError as exc:
            raise SeatTaken() from exc

    async def represented_by(self, account_id: UUID) -> list[Member]:
        return await self._find(self.table.c.representatives.contains([account_id]))

    async def page(
        self,
        alliance_id: UUID,
        *,
        status: MemberStatus | None = None,
        kind: MemberKind | None = None,
        after: UUID | None = None,
        limit: int,
    ) -> list[Member]:
        """An alliance's members in id order (keyset: those after ``after``)."""
        t = self.table.c
        where = [t.alliance_id == alliance_id]
        if status is not None:
            where.append(t.status == status.value)
        if kind is not None:
            where.append(t.kind == kind.value)
        return await self._id_page(where, after, limit)


class BodyRepository(DocumentRepository[Body]):
    table = orm.bodies
    model = Body

    def columns(self, b: Body) -> dict[str, Any]:
        return {"alliance_id": b.alliance_id, "kind": b.kind.value}

    async def of_alliance(
        self,
        alliance_id: UUID,
        kind: BodyKind | None = None,
        *,
        after: UUID | None = None,
        limit: int | None = None,
    ) -> list[Body]:
        t = self.table.c
        where = [t.alliance_id == alliance_id]
        if kind is not None:
            where.append(t.kind == kind.value)
        return await self._id_page(where, after, limit)


class MeetingRepository(DocumentRepository[Meeting]):
    table = orm.meetings
    model = Meeting

    def columns(self, m: Meeting) -> dict[str, Any]:
        return {"alliance_id": m.alliance_id, "body_id": m.body_id, "starts_at": m.starts_at}

    async def page_of_body(
        self, body_id: UUID, *, after: tuple[datetime, UUID] | None, limit: int
    ) -> list[Meeting]:
        """A body's meetings by start time (keyset: those after ``(starts_at, id)``)."""
        t = self.table.c
        where = [t.body_id == body_id]
        if after is not None:
            where.append(tuple_(t.starts_at, t.id) > tuple_(*after))
        return await self._find(*where, order_by=[t.starts_at, t.id], limit=limit)

    async def attended_by_any(self, member_ids: Iterable[UUID]) -> list[Meeting]:
        """Meetings any of these members attended (any body, any alliance)."""
        wanted = [str(m) for m in member_ids]
        if not wanted:
            return []
        return await self._find(self.table.c.data["attendance"].has_any(array(wanted)))

    async def inviting_any(self, member_ids: Iterable[UUID]) -> list[Meeting]:
        """Meetings any of these members is invited to (any body), by start time."""
        wanted = [str(m) for m in member_ids]
        if not wanted:
            return []
        t = self.table.c
        return await self._find(
            t.data["invitations"].has_any(array(wanted)), order_by=[t.starts_at, t.id]
        )


class MotionRepository(DocumentRepository[Motion]):
    table = orm.motions
    model = Motion

    def columns(self, m: Motion) -> dict[str, Any]:
        return {
            "meeting_id": m.meeting_id,
            "body_id": m.body_id,
            "recommendation_id": m.recommendation_id,
        }

    async def put_to(self, meeting_id: UUID) -> list[Motion]:
        """The motions put to one meeting, in the order they were opened."""
        return await self._find(self.table.c.meeting_id == meeting_id)


class RecommendationRepository(DocumentRepository[Recommendation]):
    table = orm.recommendations
    model = Recommendation

    def columns(self, r: Recommendation) -> dict[str, Any]:
        return {
            "alliance_id": r.alliance_id,
            "working_group_id": r.working_group_id,
            "stage": r.stage.value,
        }

    async def of_alliance(
        self, alliance_id: UUID, stage: Stage | None = None
    ) -> list[Recommendation]:
        t = self.table.c
        where = [t.alliance_id == alliance_id]
        if stage is not None:
            where.append(t.stage == stage.value)
        return await self._find(*where)


class CommitmentRepository(DocumentRepository[Commitment]):
    table = orm.commitments
    model = Commitment

    def columns(self, c: Commitment) -> dict[str, Any]:
        return {
            "alliance_id": c.alliance_id,
            "member_id": c.member_id,
            "pillar": c.pillar,
            "theme": c.theme,
            "status": c.status.value,
        }

    async def of_alliance(
        self, alliance_id: UUID, *, member_id: UUID | None = None, pillar: str | None = None
    ) -> list[Commitment]:
        t = self.table.c
        where = [t.alliance_id == alliance_id]
        if member_id is not None:
            where.append(t.member_id == member_id)
        if pillar is not None:
            where.append(t.pillar == pillar)
        return await self._find(*where)

    async def ids_not_achieved(self, *, after: UUID | None, limit: int) -> list[UUID]:
        """Ids of the commitments still to achieve, in id order (keyset: after ``after``)."""
        t = self.table.c
        stmt = select(t.id).where(t.status != Status.ACHIEVED.value).order_by(t.id).limit(limit)
        if after is not None:
            stmt = stmt.where(t.id > after)
        return list((await self.session.execute(stmt)).scalars())


class CohortRepository(DocumentRepository[Cohort]):
    table = orm.cohorts
    model = Cohort

    def columns(self, c: Cohort) -> dict[str, Any]:
        return {"alliance_id": c.alliance_id}

    async def of_alliance(
        self, alliance_id: UUID, *, after: UUID | None = None, limit: int | None = None
    ) -> list[Cohort]:
        return await self._id_page([self.table.c.alliance_id == alliance_id], after, limit)


#: every table of aggregate documents (where an account id may appear)
DOCUMENT_TABLES = (
    orm.alliances,
    orm.members,
    orm.bodies,
    orm.meetings,
    orm.motions,
    orm.recommendations,
    orm.commitments,
    orm.cohorts,
)


class DocumentAccountTraces:
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
