"""Directory storage and search (PostgreSQL full text + filter codes in GIN indexes).

A word search with its filters is one GIN index scan: an index covers the accent-folded
words and the ``codes`` of every filterable value ("residence:FR", "skill:S5", ...), so the
index alone finds exactly the matching rows and the table is read only for the rows
returned.

Relevance: people whose NAME holds every word searched come first (``name_document``, its
own small GIN index probed first), then those found only with the rest of their entry
(``document``). Within each tier pages come in storage order, which a bitmap heap scan
produces without reading every match: ordering by a column (or a text rank) would read all
of them first (thousands of rows for a common word over a million people; see
bench/bench_profiles_directory.py). A cursor carries (tier, storage position).
"""

from __future__ import annotations

import itertools
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

import structlog
from sqlalchemy import (
    ARRAY,
    ColumnElement,
    Select,
    Text,
    func,
    literal,
    literal_column,
    select,
    tuple_,
    union_all,
)
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from profiles.adapters.orm import blocks, directory_people, directory_words
from profiles.domain.directory import (
    FACET_SAMPLE,
    MAX_EXPANSION,
    DirectoryEntry,
    PeopleSearch,
    Tier,
    expanded_tsquery,
    facet_counts,
    position_key,
    query_terms,
)

log = structlog.get_logger(__name__)

d = directory_people
FACET_SIZE = 20
# "(block,item)" as Postgres prints a tid
_CTID: ColumnElement[Any] = literal_column("ctid")


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
            "codes": entry.codes,
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

    async def search(
        self, s: PeopleSearch
    ) -> tuple[list[dict[str, Any]], dict[str, Any], bool | None]:
        """One page, plus facet counts if asked (and whether they cover every match).

        Browsing (no words) pages in name order. A word search pages by relevance tier, then
        storage order (see the module docstring), resuming after the last row's place.
        """
        # Storage order is what a non-parallel bitmap heap scan or sequential scan returns (a
        # synchronized sequential scan would start mid-table); large partial-match (prefix)
        # bitmaps stay exact rather than lossy with a little more memory; the plan must be
        # made for the words and codes searched (a generic plan of the prepared statement
        # cannot know how selective they are). The viewer's blocks (both ways) come back in
        # the same round trip: the searches exclude them as a list of values, which the
        # planner knows excludes almost nobody (of a NOT IN subquery it guesses that it
        # halves the matches, and then prefers reading a whole bitmap to a storage-order
        # scan that stops at the page's rows).
        # The same round trip brings the words each typed prefix starts (see _known_words).
        blocked = (
            select(blocks.c.blocked_id.label("id"))
            .where(blocks.c.blocker_id == s.viewer)
            .union(select(blocks.c.blocker_id).where(blocks.c.blocked_id == s.viewer))
            .subquery("blocked")
        )
        settings = {
            "max_parallel_workers_per_gather": "0",
            "synchronize_seqscans": "off",
            "work_mem": "16MB",
            "plan_cache_mode": "force_custom_plan",
        }
        terms = query_terms(s.q or "")
        first = select(
            *(func.set_config(k, v, literal(True)) for k, v in settings.items()),
            select(func.array_agg(blocked.c.id)).scalar_subquery(),
            *(_known_words(term) for term in terms),
        )
        answer = (await self.session.execute(first)).one()[len(settings) :]
        hidden: list[UUID] = answer[0] or []
        columns = (
            d.c.person_id,
            d.c.display_name,
            d.c.sort_name,
            d.c.headline,
            d.c.residence,
            d.c.origin,
            d.c.occupations,
        )
        where = _conditions(s, [s.viewer, *hidden])
        words = expanded_tsquery(
            terms, {i: list(known or []) for i, known in enumerate(answer[1:])}
        )
        if words is None:
            page = select(*columns).where(*where).order_by(d.c.sort_name, d.c.person_id)
            if s.after is not None:
                page = page.where(tuple_(d.c.sort_name, d.c.person_id) > tuple_(*s.after))
            rows = await self._rows(page.limit(s.limit + 1), by_name=True)
        else:
            rows = await self._word_page(select(*columns).where(*where), words, s)
        if not s.facets:
            return rows, {}, None
        if words is not None:
            where = [*where, _matches(d.c.document, words)]
        facets, complete = await self._facets(where)
        return rows, facets, complete

    async def _word_page(
        self, page: Select[Any], words: str, s: PeopleSearch
    ) -> list[dict[str, Any]]:
        """Name matches first, then the others; the page may span both tiers.

        One statement: ``(name matches LIMIT n) UNION ALL (others LIMIT n) LIMIT n``. The
        Append runs its parts in turn and the outer LIMIT stops it, so the second tier is
        not even scanned when the first fills the page.
        """
        position = s.position()
        in_name = _matches(d.c.name_document, words)
        tiers: dict[Tier, list[ColumnElement[bool]]] = {
            Tier.NAME: [in_name],
            # the name index is not read again: the rows the words index yields are rechecked
            Tier.OTHER: [_matches(d.c.document, words), ~in_name],
        }
        wanted = s.limit + 1
        parts: dict[Tier, Select[Any]] = {}
        for tier, conditions in tiers.items():
            if position is not None and tier < position[0]:
                continue  # the cursor is past this tier
            query = page.where(*conditions).add_columns(
                literal_column("ctid::text").label("position"),
                literal(int(tier)).label("tier"),
            )
            if position is not None and tier == position[0]:
                after: ColumnElement[Any] = literal_column(f"'({position[1]},{position[2]})'::tid")
                query = query.where(_CTID.op(">")(after))
            parts[tier] = query
        limited = [q.limit(wanted) for q in parts.values()]
        statement = (
            limited[0]
            if len(limited) == 1
            else select(union_all(*limited).subquery("tiers")).limit(wanted)
        )
        rows = await self._rows(statement, by_name=False)
        places = [(r["tier"], *_position(r["position"])) for r in rows]
        if any(a >= b for a, b in itertools.pairwise(places)):
            # The planner chose a plan that does not return rows in tier and storage order
            # (not seen in practice: every condition is a GIN one). Sorting each tier is
            # always correct; it reads every match of the tier.
            log.warning("directory.search.unordered_plan")
            rows = []
            for query in parts.values():
                rows += await self._rows(
                    query.order_by(_CTID).limit(wanted - len(rows)), by_name=False
                )
                if len(rows) >= wanted:
                    break
            places = [(r["tier"], *_position(r["position"])) for r in rows]
        return [
            r | {"position": position_key(Tier(place[0]), place[1], place[2])}
            for r, place in zip(rows, places, strict=True)
        ]

    async def _rows(self, query: Select[Any], *, by_name: bool) -> list[dict[str, Any]]:
        result = await self.session.execute(query)
        return [dict(r) | {"by_name": by_name} for r in result.mappings()]

    async def _facets(self, where: list[ColumnElement[bool]]) -> tuple[dict[str, Any], bool]:
        """Counts over the first FACET_SAMPLE + 1 matches: exact when there are no more."""
        matches = (
            select(d.c.codes)
            .where(*where)
            .limit(FACET_SAMPLE + 1)
            .cte("matches")
            .prefix_with("MATERIALIZED")
        )
        counted = select(matches.c.codes).limit(FACET_SAMPLE).subquery("counted")
        code = func.unnest(counted.c.codes).table_valued("value").render_derived(name="code")
        per_code = (
            select(code.c.value, func.count().label("count"))
            .select_from(counted.join(code, literal_column("true")))
            .group_by(code.c.value)
        )
        total = select(literal_column("NULL", Text).label("value"), func.count().label("count"))
        result = await self.session.execute(per_code.union_all(total.select_from(matches)))
        pairs: list[tuple[str | None, int]] = [(r[0], r[1]) for r in result]
        complete = next(c for v, c in pairs if v is None) <= FACET_SAMPLE
        return facet_counts([(v, c) for v, c in pairs if v is not None], FACET_SIZE), complete


def _position(ctid: str) -> tuple[int, int]:
    block, item = ctid.strip("()").split(",")
    return int(block), int(item)


def _known_words(term: str) -> ColumnElement[Any]:
    """The directory words ``term`` is the start of (at most MAX_EXPANSION + 1, in order)."""
    w = directory_words.c.word
    known = (
        select(w)
        .where(w >= term, w < term + "\U0010ffff")  # "C" collation: one key range
        .order_by(w)
        .limit(MAX_EXPANSION + 1)
        .subquery()
    )
    return select(func.array_agg(known.c.word)).scalar_subquery()


def _matches(document: ColumnElement[Any], words: str) -> ColumnElement[bool]:
    query = func.to_tsquery(literal_column("'simple'::regconfig"), words)
    return document.op("@@", is_comparison=True)(query)


def _conditions(s: PeopleSearch, hidden: list[UUID]) -> list[ColumnElement[bool]]:
    """The viewer's exclusions (``hidden``: the viewer and everyone blocked either way) and
    the filters (a word search adds its words per tier)."""
    where: list[ColumnElement[bool]] = [d.c.person_id.not_in(hidden)]
    groups = s.code_groups()
    if s.words is None:
        # Browsing walks the (origin|residence, sort_name) indexes in name order, filtering
        # rows on the way; only occupation codes (~90, so each selective) go through the GIN
        # index: ANDing its bitmap for a common code (a skill group held by 15 % of people)
        # with a btree bitmap costs far more than filtering a name-ordered walk (measured).
        if s.origin:
            where.append(d.c.origin.in_(s.origin))
        if s.residence:
            where.append(d.c.residence.in_(s.residence))
        for column, values in (
            (d.c.skills, s.skills),
            (d.c.sectors, s.sectors),
            (d.c.languages, s.languages),
            (d.c.modes, s.modes),
        ):
            if values:
                where.append(column.op("&&")(literal(values, column.type)))
        groups = [g for g in groups if g[0].startswith("occupation:")]
    if s.open_to_opportunities is not None:
        # Never through the GIN index, word search or not: a yes/no held by about half of
        # the people selects nothing, and intersecting with its posting list decodes nearly
        # all of it (measured: the "diallo" + open search took twice as long).
        where.append(d.c.open_to_opportunities.is_(s.open_to_opportunities))
        groups = [g for g in groups if not g[0].startswith("open:")]
    # any code of each group; all groups (&& and the words use the same GIN index)
    where += [d.c.codes.op("&&")(literal(group, ARRAY(Text))) for group in groups]
    return where
