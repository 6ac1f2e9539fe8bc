"""Repositories: rows <-> aggregates, hiding SQL from the service layer."""

from __future__ import annotations

from dataclasses import asdict
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any
from uuid import UUID

from sqlalchemy import (
    JSON,
    ColumnElement,
    Select,
    Table,
    any_,
    bindparam,
    func,
    literal,
    literal_column,
    or_,
    select,
    tuple_,
    update,
)
from sqlalchemy.dialects.postgresql import aggregate_order_by, insert
from sqlalchemy.engine import RowMapping
from sqlalchemy.ext.asyncio import AsyncSession

from eventkit.deferred import insert_row
from resources.adapters import matching_sql
from resources.adapters.orm import (
    announced_matches,
    attachments,
    history,
    interests,
    opportunities,
    reports,
    resources,
    translations,
)
from resources.domain import resource as r
from resources.domain.attachment import Attachment
from resources.domain.matching import ProfileFacts
from resources.domain.opportunity import (
    ExpressionOfInterest,
    InterestStatus,
    Opportunity,
    OpportunityKind,
    WorkMode,
)

# Statements built once and executed with parameters: SQLAlchemy then finds the compiled form
# in its cache by a memoised key, where ``insert().values(**row)`` builds a new statement and
# walks all its values to compute the cache key on every write.
_INSERT_HISTORY = history.insert()


_INSERT_RESOURCE = resources.insert()


_new_translation = insert(translations)
_UPSERT_TRANSLATION = _new_translation.on_conflict_do_update(
    index_elements=["resource_id", "language"],
    set_={
        "title": _new_translation.excluded.title,
        "summary": _new_translation.excluded.summary,
        "body": _new_translation.excluded.body,
    },
)


def _rows_as_json(
    table: Table, where: ColumnElement[bool], order_by: ColumnElement[Any] | None = None
) -> ColumnElement[Any]:
    """A correlated subquery: the ``table`` rows matching ``where`` as a JSON array of objects
    (column name -> value; ``[]`` when none), so a parent's rows come in the parent's row."""
    pairs: list[ColumnElement[Any]] = []
    for c in table.c:
        pairs += (literal_column(f"'{c.name}'"), c)  # names are the table's own, never input
    row = func.json_build_object(*pairs)
    rows = func.json_agg(row if order_by is None else aggregate_order_by(row, order_by))
    found = select(rows).where(where).scalar_subquery()
    return func.coalesce(found, literal_column("'[]'::json"), type_=JSON)


_AGGREGATE_COLUMNS = list(resources.c)


def _select_resource(*, with_attachments: bool = False) -> Select[Any]:
    """The resource ``:resource_id``'s row with its translations (and its attachments, oldest
    first) as JSON columns: the whole aggregate in one statement, one round trip."""
    of_resource = translations.c.resource_id == resources.c.id
    stmt = select(
        *_AGGREGATE_COLUMNS, _rows_as_json(translations, of_resource).label("translations_json")
    )
    if with_attachments:
        attached = _rows_as_json(
            attachments, attachments.c.resource_id == resources.c.id, attachments.c.uploaded_at
        )
        stmt = stmt.add_columns(attached.label("attachments_json"))
    return stmt.where(resources.c.id == bindparam("resource_id"))


_RESOURCE = _select_resource()
_RESOURCE_FOR_UPDATE = _RESOURCE.with_for_update(of=resources)  # not its translations' rows
_RESOURCE_WITH_ATTACHMENTS = _select_resource(with_attachments=True)


def _translation_row(resource_id: UUID, t: r.Translation) -> dict[str, Any]:
    return {
        "resource_id": resource_id,
        "language": t.language,
        "title": t.title,
        "summary": t.summary,
        "body": t.body,
    }


def _title_in(language: str | None) -> Any:
    """A resource's title in ``language`` when translated, else in its original language."""
    return (
        select(translations.c.title)
        .where(translations.c.resource_id == resources.c.id)
        .order_by(
            (translations.c.language == (language or "")).desc(),
            (translations.c.language == resources.c.original_language).desc(),
        )
        .limit(1)
        .scalar_subquery()
    )


def history_entries(resource: r.Resource, at: datetime) -> list[dict[str, Any]]:
    """One history row per pending domain event (read before the unit of work maps them)."""
    entries = []
    version = resource.version - len(resource.events)
    for event in resource.events:
        version += 1
        row: dict[str, Any] = {"resource_id": resource.id, "version": version, "at": at}
        match event:
            case r.ResourceDrafted(actor_id=actor):
                row.update(action="drafted", to_status="draft", actor_id=actor)
                row["snapshot"] = _snapshot(resource)
            case r.ResourceEdited(actor_id=actor, what=what):
                row.update(action="edited", actor_id=actor, reason=what)
                row["snapshot"] = _snapshot(resource)
            case r.StatusChanged():
                row.update(
                    action=str(event.to_status),
                    from_status=str(event.from_status),
                    to_status=str(event.to_status),
                    actor_id=event.actor_id,
                    reason=event.reason,
                )
            case r.ResourceReported(actor_id=actor, reason=reason):
                row.update(action="reported", actor_id=actor, reason=reason)
            case r.VisibilityChanged(hidden=hidden, actor_id=actor, reason=reason):
                row.update(action="hidden" if hidden else "restored", actor_id=actor)
                row["reason"] = reason
        entries.append(row)
    return entries


class ResourceRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, resource_id: UUID, *, for_update: bool = False) -> r.Resource | None:
        stmt = _RESOURCE_FOR_UPDATE if for_update else _RESOURCE
        row = (await self.session.execute(stmt, {"resource_id": resource_id})).mappings().first()
        return None if row is None else _resource(row, row["translations_json"])

    async def get_with_attachments(
        self, resource_id: UUID
    ) -> tuple[r.Resource, list[Attachment]] | None:
        """The resource and its attachments (as ``AttachmentRepository.for_resource`` lists
        them) in one statement: a read can run it without a transaction."""
        found = await self.session.execute(_RESOURCE_WITH_ATTACHMENTS, {"resource_id": resource_id})
        row = found.mappings().first()
        if row is None:
            return None
        return _resource(row, row["translations_json"]), [
            _attachment_from_json(a) for a in row["attachments_json"]
        ]

    async def id_for_source(self, source_ref: str) -> UUID | None:
        found: UUID | None = await self.session.scalar(
            select(resources.c.id).where(resources.c.source_ref == source_ref)
        )
        return found

    async def add(self, resource: r.Resource) -> None:
        # nothing reads these rows back before the commit: they go as one statement with the
        # outbox row (eventkit.deferred); the search index learns of them from the change log
        # the tables' triggers write (adapters/search_feed.py)
        await insert_row(self.session, _INSERT_RESOURCE, _row(resource))
        for t in resource.translations.values():
            await insert_row(self.session, _UPSERT_TRANSLATION, _translation_row(resource.id, t))
        await self._write_history(resource)

    async def save(self, resource: r.Resource) -> None:
        row = _row(resource)
        row.pop("id")
        row.pop("created_at")
        await self.session.execute(
            update(resources).where(resources.c.id == resource.id).values(**row)
        )
        await self._write_translations(resource)
        await self._write_history(resource)

    async def _write_translations(self, resource: r.Resource) -> None:
        for t in resource.translations.values():
            await self.session.execute(_UPSERT_TRANSLATION, _translation_row(resource.id, t))

    async def _write_history(self, resource: r.Resource) -> None:
        for row in history_entries(resource, datetime.now(UTC)):
            await insert_row(self.session, _INSERT_HISTORY, row)

    async def history(self, resource_id: UUID) -> list[dict[str, Any]]:
        rows = await self.session.execute(
            select(history)
            .where(history.c.resource_id == resource_id)
            .order_by(history.c.version, history.c.id)
        )
        return [dict(m) for m in rows.mappings()]

    async def add_report(self, resource_id: UUID, reporter_id: UUID, reason: str) -> int | None:
        """Record a report; the number of distinct reporters, or None if already reported."""
        import uuid

        inserted = await self.session.execute(
            insert(reports)
            .values(
                id=uuid.uuid4(),
                resource_id=resource_id,
                reporter_id=reporter_id,
                reason=reason,
                created_at=datetime.now(UTC),
            )
            .on_conflict_do_nothing(index_elements=["resource_id", "reporter_id"])
            .returning(reports.c.id)
        )
        if inserted.first() is None:
            return None
        count: int = (
            await self.session.scalar(
                select(func.count()).where(reports.c.resource_id == resource_id)
            )
            or 0
        )
        return count

    async def contributed_by(
        self, person_id: UUID, language: str | None, limit: int
    ) -> list[dict[str, Any]]:
        """What a person contributed, whatever its status, newest change first; the title
        in ``language`` when translated, else the original's."""
        rows = await self.session.execute(
            select(
                resources.c.id,
                resources.c.kind,
                resources.c.status,
                resources.c.hidden,
                resources.c.moderation_note,
                resources.c.updated_at,
                _title_in(language).label("title"),
            )
            .where(resources.c.contributor_id == person_id)
            .order_by(resources.c.updated_at.desc(), resources.c.id)
            .limit(limit)
        )
        return [dict(m) for m in rows.mappings()]

    @staticmethod
    def _queue() -> tuple[Any, dict[str, ColumnElement[bool]]]:
        """The report counts per resource, and why a resource is in the moderation queue:
        waiting for review, published but reported, or hidden (after reports or by hand)."""
        report_counts = (
            select(reports.c.resource_id, func.count().label("reports"))
            .group_by(reports.c.resource_id)
            .subquery()
        )
        reasons: dict[str, ColumnElement[bool]] = {
            "submitted": resources.c.status == "submitted",
            "reported": (report_counts.c.reports > 0)
            & (resources.c.status == "published")
            & ~resources.c.hidden,
            "hidden": resources.c.hidden,
        }
        return report_counts, reasons

    async def moderation_queue(
        self,
        limit: int,
        reason: str | None = None,
        kind: str | None = None,
        language: str | None = None,
    ) -> list[dict[str, Any]]:
        """Submitted resources and reported/hidden ones (or those of one ``reason``, one
        ``kind``), oldest first; the title in ``language`` when translated, else the
        original's."""
        report_counts, reasons = self._queue()
        where = reasons[reason] if reason else or_(*reasons.values())
        if kind:
            where = where & (resources.c.kind == kind)
        rows = await self.session.execute(
            select(
                resources.c.id,
                resources.c.kind,
                resources.c.status,
                resources.c.hidden,
                resources.c.updated_at,
                resources.c.original_language,
                func.coalesce(report_counts.c.reports, 0).label("reports"),
                _title_in(language).label("title"),
            )
            .outerjoin(report_counts, report_counts.c.resource_id == resources.c.id)
            .where(where)
            .order_by(resources.c.updated_at, resources.c.id)
            .limit(limit)
        )
        return [dict(m) for m in rows.mappings()]

    async def moderation_counts(self, kind: str | None = None) -> dict[str, int]:
        """How many resources wait in the queue for each reason (of one ``kind``)."""
        report_counts, reasons = self._queue()
        columns = [
            func.count().filter(condition).label(name) for name, condition in reasons.items()
        ]
        query = select(*columns).select_from(
            resources.outerjoin(report_counts, report_counts.c.resource_id == resources.c.id)
        )
        if kind:
            query = query.where(resources.c.kind == kind)
        row = (await self.session.execute(query)).mappings().one()
        return {name: int(row[name]) for name in reasons}


class AttachmentRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, a: Attachment) -> None:
        await self.session.execute(attachments.insert().values(**asdict(a)))

    async def get(self, resource_id: UUID, attachment_id: UUID) -> Attachment | None:
        row = (
            (
                await self.session.execute(
                    select(attachments).where(
                        attachments.c.id == attachment_id,
                        attachments.c.resource_id == resource_id,
                    )
                )
            )
            .mappings()
            .first()
        )
        return Attachment(**row) if row else None

    async def for_resource(self, resource_id: UUID) -> list[Attachment]:
        rows = await self.session.execute(
            select(attachments)
            .where(attachments.c.resource_id == resource_id)
            .order_by(attachments.c.uploaded_at)
        )
        return [Attachment(**m) for m in rows.mappings()]


class OpportunityRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, o: Opportunity) -> None:
        await self.session.execute(opportunities.insert().values(**_opportunity_row(o)))

    async def save(self, o: Opportunity) -> None:
        row = _opportunity_row(o)
        for fixed in ("id", "posted_by", "created_at"):
            del row[fixed]
        await self.session.execute(
            update(opportunities).where(opportunities.c.id == o.id).values(**row)
        )

    async def get(self, opportunity_id: UUID, *, for_update: bool = False) -> Opportunity | None:
        stmt = select(opportunities).where(opportunities.c.id == opportunity_id)
        if for_update:
            stmt = stmt.with_for_update()  # serialises interests and their sequence numbers
        row = (await self.session.execute(stmt)).mappings().first()
        return _opportunity(row) if row else None

    async def get_many(self, ids: list[UUID]) -> list[Opportunity]:
        """The opportunities with these ids, in the order given (unknown ids left out): one
        query for a ranked page instead of one per row."""
        rows = await self.session.execute(select(opportunities).where(opportunities.c.id.in_(ids)))
        found = {row["id"]: _opportunity(row) for row in rows.mappings()}
        return [found[i] for i in ids if i in found]

    async def posted_by(self, person_id: UUID, limit: int) -> list[Opportunity]:
        """What the person posted, open or not, latest deadline first."""
        c = opportunities.c
        stmt = (
            select(opportunities)
            .where(c.posted_by == person_id)
            .order_by(c.deadline.desc(), c.id)
            .limit(limit)
        )
        return [_opportunity(row) for row in (await self.session.execute(stmt)).mappings()]

    async def ranked_for(
        self, person: ProfileFacts, now: datetime, limit: int
    ) -> list[Opportunity]:
        """Open opportunities for the person, best first (``matching_sql.rank_opportunities``
        ranks the ids, one more statement loads the page)."""
        ranked = await matching_sql.rank_opportunities(self.session, person, now, limit)
        return await self.get_many([row["id"] for row in ranked])

    async def open_page(
        self,
        now: datetime,
        *,
        kind: OpportunityKind | None = None,
        sector: str | None = None,
        country: str | None = None,
        mode: str | None = None,
        after: tuple[datetime, UUID] | None = None,
        limit: int,
    ) -> list[Opportunity]:
        """Opportunities open at ``now``, soonest deadline first (keyset: those after
        ``(deadline, id)``), narrowed to a kind or to those asking for a sector, a country or a
        contribution mode. One statement for the whole page."""
        c = opportunities.c
        stmt = select(opportunities).where(c.deadline >= now)
        if kind is not None:
            stmt = stmt.where(c.kind == kind.value)
        for column, value in (
            (c.sectors, sector),
            (c.countries, country),
            (c.contribution_modes, mode),
        ):
            if value:
                stmt = stmt.where(literal(value) == any_(column))
        if after is not None:
            stmt = stmt.where(tuple_(c.deadline, c.id) > tuple_(*after))
        stmt = stmt.order_by(c.deadline, c.id).limit(limit)
        return [_opportunity(row) for row in (await self.session.execute(stmt)).mappings()]

    async def interest_of(
        self, opportunity_id: UUID, person_id: UUID
    ) -> ExpressionOfInterest | None:
        row = (
            (
                await self.session.execute(
                    select(interests).where(
                        interests.c.opportunity_id == opportunity_id,
                        interests.c.person_id == person_id,
                    )
                )
            )
            .mappings()
            .first()
        )
        return _interest(row) if row else None

    async def interest(
        self, opportunity_id: UUID, interest_id: UUID
    ) -> ExpressionOfInterest | None:
        row = (
            (
                await self.session.execute(
                    select(interests).where(
                        interests.c.opportunity_id == opportunity_id, interests.c.id == interest_id
                    )
                )
            )
            .mappings()
            .first()
        )
        return _interest(row) if row else None

    async def save_interest(self, i: ExpressionOfInterest) -> None:
        values = {
            "id": i.id,
            "opportunity_id": i.opportunity_id,
            "person_id": i.person_id,
            "message": i.message,
            "status": i.status.value,
            "created_at": i.created_at,
            "updated_at": i.updated_at,
        }
        stmt = insert(interests).values(**values)
        await self.session.execute(
            stmt.on_conflict_do_update(
                index_elements=["id"],
                set_={k: stmt.excluded[k] for k in ("message", "status", "updated_at")},
            )
        )

    async def interests_for(self, opportunity_id: UUID) -> list[ExpressionOfInterest]:
        rows = await self.session.execute(
            select(interests)
            .where(interests.c.opportunity_id == opportunity_id)
            .order_by(interests.c.created_at, interests.c.id)
        )
        return [_interest(m) for m in rows.mappings()]

    async def interests_of(self, person_id: UUID, limit: int) -> list[dict[str, Any]]:
        """A person's expressions of interest with the opportunity's title, newest first."""
        rows = await self.session.execute(
            select(
                interests.c.id,
                interests.c.opportunity_id,
                opportunities.c.title.label("opportunity_title"),
                opportunities.c.deadline,
                interests.c.status,
                interests.c.created_at,
                interests.c.updated_at,
            )
            .join(opportunities, opportunities.c.id == interests.c.opportunity_id)
            .where(interests.c.person_id == person_id)
            .order_by(interests.c.created_at.desc(), interests.c.id)
            .limit(limit)
        )
        return [dict(m) for m in rows.mappings()]

    async def mark_announced(self, opportunity_id: UUID, person_id: UUID, score: float) -> bool:
        """True the first time this match is announced."""
        inserted = await self.session.execute(
            insert(announced_matches)
            .values(
                opportunity_id=opportunity_id,
                person_id=person_id,
                score=Decimal(str(score)),
                announced_at=datetime.now(UTC),
            )
            .on_conflict_do_nothing()
            .returning(announced_matches.c.person_id)
        )
        return inserted.first() is not None


# ---- mapping ------------------------------------------------------------------------------
def _project_json(p: r.ProjectRecord | None) -> dict[str, Any] | None:
    if p is None:
        return None
    data = asdict(p)
    data["budget_amount"] = None if p.budget_amount is None else str(p.budget_amount)
    data["beneficiary_member_states"] = list(p.beneficiary_member_states)
    return data


def _project(data: dict[str, Any] | None) -> r.ProjectRecord | None:
    if data is None:
        return None
    amount = data.get("budget_amount")
    return r.ProjectRecord(
        **{
            **data,
            "budget_amount": None if amount is None else Decimal(amount),
            "beneficiary_member_states": tuple(data.get("beneficiary_member_states", ())),
        }
    )


def _row(x: r.Resource) -> dict[str, Any]:
    return {
        "id": x.id,
        "kind": x.kind.value,
        "status": x.status.value,
        "original_language": x.original_language,
        "languages": sorted(x.translations),
        "themes": x.themes,
        "sdgs": x.sdgs,
        "countries": x.countries,
        "regions": x.regions,
        "year": x.year,
        "url": x.url,
        "authors": [
            {"name": a.name, "kind": a.kind, "person_id": str(a.person_id) if a.person_id else None}
            for a in x.authors
        ],
        "project": _project_json(x.project),
        "contributor_id": x.contributor_id,
        "hidden": x.hidden,
        "moderation_note": x.moderation_note,
        "source_ref": x.source_ref,
        "version": x.version,
        "created_at": x.created_at,
        "updated_at": datetime.now(UTC),
        "published_at": x.published_at,
    }


def _snapshot(x: r.Resource) -> dict[str, Any]:
    row = _row(x)
    row = {k: v for k, v in row.items() if k not in ("created_at", "updated_at", "published_at")}
    row["id"] = str(x.id)
    row["contributor_id"] = str(x.contributor_id) if x.contributor_id else None
    row["translations"] = {k: asdict(t) for k, t in x.translations.items()}
    return row


def _resource(row: RowMapping, rows: Any) -> r.Resource:
    return r.Resource(
        id=row["id"],
        kind=r.ResourceKind(row["kind"]),
        status=r.Status(row["status"]),
        original_language=row["original_language"],
        translations={
            t["language"]: r.Translation(t["language"], t["title"], t["summary"], t["body"])
            for t in rows
        },
        themes=list(row["themes"]),
        sdgs=list(row["sdgs"]),
        countries=list(row["countries"]),
        regions=list(row["regions"]),
        year=row["year"],
        url=row["url"],
        authors=[
            r.Author(
                name=a["name"],
                kind=a["kind"],
                person_id=UUID(a["person_id"]) if a.get("person_id") else None,
            )
            for a in row["authors"]
        ],
        project=_project(row["project"]),
        contributor_id=row["contributor_id"],
        hidden=row["hidden"],
        moderation_note=row["moderation_note"],
        source_ref=row["source_ref"],
        version=row["version"],
        created_at=row["created_at"],
        published_at=row["published_at"],
    )


def _attachment_from_json(a: dict[str, Any]) -> Attachment:
    """An attachment row that came as JSON (``_rows_as_json``): uuids and the time as text."""
    return Attachment(
        **{
            **a,
            "id": UUID(a["id"]),
            "resource_id": UUID(a["resource_id"]),
            # None once the uploader was erased (personal_data unlinks it), as for_resource gives
            "uploaded_by": UUID(a["uploaded_by"]) if a["uploaded_by"] else None,
            # in UTC like asyncpg's timestamps, whatever the server's TimeZone
            "uploaded_at": datetime.fromisoformat(a["uploaded_at"]).astimezone(UTC),
        }
    )


def _opportunity_row(o: Opportunity) -> dict[str, Any]:
    return {
        "id": o.id,
        "kind": o.kind.value,
        "title": o.title,
        "description": o.description,
        "organisation": o.organisation,
        "organisation_id": o.organisation_id,
        "posted_by": o.posted_by,
        "work_mode": o.work_mode.value,
        "deadline": o.deadline,
        "required_occupations": o.required_occupations,
        "required_skills": o.required_skills,
        "sectors": o.sectors,
        "countries": o.countries,
        "contribution_modes": o.contribution_modes,
        "languages": o.languages,
        "version": o.version,
        "created_at": o.created_at,
    }


def _opportunity(row: RowMapping) -> Opportunity:
    return Opportunity(
        id=row["id"],
        kind=OpportunityKind(row["kind"]),
        title=row["title"],
        description=row["description"],
        organisation=row["organisation"],
        organisation_id=row["organisation_id"],
        posted_by=row["posted_by"],
        work_mode=WorkMode(row["work_mode"]),
        deadline=row["deadline"],
        required_occupations=list(row["required_occupations"]),
        required_skills=list(row["required_skills"]),
        sectors=list(row["sectors"]),
        countries=list(row["countries"]),
        contribution_modes=list(row["contribution_modes"]),
        languages=list(row["languages"]),
        version=row["version"],
        created_at=row["created_at"],
    )


def _interest(row: RowMapping) -> ExpressionOfInterest:
    return ExpressionOfInterest(
        id=row["id"],
        opportunity_id=row["opportunity_id"],
        person_id=row["person_id"],
        message=row["message"],
        status=InterestStatus(row["status"]),
        created_at=row["created_at"],
        updated_at=row["updated_at"],
    )
