"""Directory storage and search (PostgreSQL full-text + GIN-indexed array filters)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from sqlalchemy import (
    ARRAY,
    ColumnElement,
    String,
    and_,
    exists,
    func,
    literal_column,
    or_,
    select,
    text,
    tuple_,
)
from sqlalchemy.dialects.postgresql import array, insert
from sqlalchemy.ext.asyncio import AsyncSession

from profiles.adapters.orm import blocks, directory_people
from profiles.domain.directory import DirectoryEntry, PeopleSearch, prefix_tsquery

d = directory_people
FACETS = {
    "residence": d.c.residence,
    "origin": d.c.origin,
    "sectors": d.c.sectors,
    "skills": d.c.skills,
    "occupations": d.c.occupations,
    "languages": d.c.languages,
    "modes": d.c.modes,
}
FACET_SIZE = 20


class DirectoryRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def upsert(self, entry: DirectoryEntry) -> None:
        values: dict[str, Any] = {
            "person_id": entry.person_id,
            "display_name": entry.display_name,
            "sort_name": entry.sort_name,
            "headline": entry.headline,
            "document": func.to_tsvector(literal_column("'simple'::regconfig"), entry.text),
            "origin": entry.origin,
            "residence": entry.residence,
            "skills": entry.skills,
            "occupations": entry.occupations,
            "sectors": entry.sectors,
            "languages": entry.languages,
            "modes": entry.modes,
            "open_to_opportunities": entry.open_to_opportunities,
            "updated_at": datetime.now(UTC),
        }
        statement = insert(d).values(**values)
        await self.session.execute(
            statement.on_conflict_do_update(
                index_elements=[d.c.person_id],
                set_={k: statement.excluded[k] for k in values if k != "person_id"},
            )
        )

    async def remove(self, person_id: UUID) -> None:
        """Take the person out of the directory (directory_listing consent withdrawn)."""
        await self.session.execute(d.delete().where(d.c.person_id == person_id))

    async def search(self, s: PeopleSearch) -> tuple[list[dict[str, Any]], dict[str, Any]]:
        """One page, plus facet counts if asked.

        Browsing (no words) pages in name order. A text search pages in id order instead:
        names correlate with the words searched (a "mari" search matches names around "M"),
        which makes a name-ordered scan read most of the table before finding a page, while
        ids are random, so matches are spread evenly and a page comes after a short scan.
        """
        # bitmap scans over large GIN matches stay exact (not lossy) with a little more memory
        await self.session.execute(text("SET LOCAL work_mem = '16MB'"))
        where = _conditions(s)
        by_name = prefix_tsquery(s.q or "") is None
        page = select(
            d.c.person_id,
            d.c.display_name,
            d.c.sort_name,
            d.c.headline,
            d.c.residence,
            d.c.origin,
            d.c.occupations,
        ).where(*where)
        if by_name:
            page = page.order_by(d.c.sort_name, d.c.person_id)
            if s.after is not None:
                page = page.where(tuple_(d.c.sort_name, d.c.person_id) > tuple_(*s.after))
        else:
            page = page.order_by(d.c.person_id)
            if s.after is not None:
                page = page.where(d.c.person_id > s.after[1])
        rows = [
            dict(r) | {"by_name": by_name}
            for r in (await self.session.execute(page.limit(s.limit + 1))).mappings()
        ]
        facets = await self._facets(where) if s.facets else {}
        return rows, facets

    async def _facets(self, where: list[ColumnElement[bool]]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name, column in FACETS.items():
            value = func.unnest(column) if isinstance(column.type, ARRAY) else column
            sub = select(value.label("value")).where(*where).subquery()
            rows = await self.session.execute(
                select(sub.c.value, func.count().label("count"))
                .where(sub.c.value.is_not(None))
                .group_by(sub.c.value)
                .order_by(func.count().desc(), sub.c.value)
                .limit(FACET_SIZE)
            )
            out[name] = [{"value": r.value, "count": r.count} for r in rows]
        return out


def _conditions(s: PeopleSearch) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = [
        d.c.person_id != s.viewer,
        ~exists().where(
            or_(
                and_(blocks.c.blocker_id == s.viewer, blocks.c.blocked_id == d.c.person_id),
                and_(blocks.c.blocker_id == d.c.person_id, blocks.c.blocked_id == s.viewer),
            )
        ),
    ]
    tsquery = prefix_tsquery(s.q or "")
    if tsquery:
        where.append(
            d.c.document.op("@@")(func.to_tsquery(literal_column("'simple'::regconfig"), tsquery))
        )
    if s.origin:
        where.append(d.c.origin.in_(s.origin))
    if s.residence:
        where.append(d.c.residence.in_(s.residence))
    # any of the given codes (&& uses the GIN index)
    for column, values in (
        (d.c.skills, s.skills),
        (d.c.occupations, s.occupations),
        (d.c.sectors, s.sectors),
        (d.c.languages, s.languages),
        (d.c.modes, s.modes),
    ):
        if values:
            where.append(column.op("&&")(array(values, type_=String)))
    if s.open_to_opportunities is not None:
        where.append(d.c.open_to_opportunities.is_(s.open_to_opportunities))
    return where


async def delete_entry(session: AsyncSession, person_id: UUID) -> None:
    await session.execute(d.delete().where(d.c.person_id == person_id))
