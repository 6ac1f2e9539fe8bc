"""Searching published resources: the reader's query against this replica's index
(``search_index``, kept current by ``search_feed``), then the page's rows from the tables.

The index answers which resources and in what order, with exact facet counts; the titles,
summaries and classification shown come from the tables in the same request, so what a page
shows is never older than the database (an erased author's name, a withdrawn resource).
"""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from eventkit.cursors import InvalidCursor, encode_cursor
from eventkit.cursors import decode_cursor as decode_key
from resources.adapters.search_feed import SearchReplica
from resources.adapters.search_index import FACETS, MAX_OFFSET, Filters
from resources.domain.resource import Translation

__all__ = [
    "FACETS",
    "InvalidCursor",
    "SearchPage",
    "SearchQuery",
    "decode_cursor",
    "encode_cursor",
    "search_resources",
]


def decode_cursor(cursor: str) -> dict[str, Any]:
    data = decode_key(cursor)
    if not isinstance(data, dict):
        raise InvalidCursor()
    return data


@dataclass
class SearchQuery:
    q: str | None = None
    language: str | None = None  # search only with this language's stemming
    kind: str | None = None
    theme: str | None = None
    sdg: int | None = None
    country: str | None = None
    in_language: str | None = None  # only resources with a translation in this language
    year: int | None = None
    limit: int = 20
    cursor: str | None = None
    with_facets: bool = True


@dataclass
class SearchPage:
    items: list[dict[str, Any]]
    next_cursor: str | None
    facets: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    #: always false: facets are counted over every hit (kept for clients that read it)
    facets_approximate: bool = False


def _offset(cursor: str | None) -> int:
    if not cursor:
        return 0
    offset = decode_cursor(cursor).get("o")
    if not isinstance(offset, int) or isinstance(offset, bool) or not 0 <= offset <= MAX_OFFSET:
        raise InvalidCursor()
    return offset


async def search_resources(
    replica: SearchReplica, session: AsyncSession, query: SearchQuery
) -> SearchPage:
    """A page of published resources, best match first (newest first without a query)."""
    offset = _offset(query.cursor)
    await replica.catch_up()
    index = replica.index
    asked = index.query(
        query.q,
        language=query.language,
        filters=Filters(
            kind=query.kind,
            theme=query.theme,
            sdg=query.sdg,
            country=query.country,
            in_language=query.in_language,
            year=query.year,
        ),
    )
    # Tantivy lets go of the GIL: the page and the facet counts run at once, in two threads
    top = asyncio.to_thread(index.top, asked, offset=offset, limit=query.limit)
    if query.with_facets:
        hits, facets = await asyncio.gather(top, asyncio.to_thread(index.facets, asked))
        hits.facets = facets
    else:
        hits = await top
    rows = await _page_rows(session, hits.ids)
    items = [
        {**rows[rid], "score": score}
        for rid, score in zip(hits.ids, hits.scores, strict=True)
        if rid in rows
    ]
    following = offset + query.limit
    next_cursor = encode_cursor({"o": following}) if hits.more and following <= MAX_OFFSET else None
    return SearchPage(items=items, next_cursor=next_cursor, facets=hits.facets)


_PAGE_ROWS = text(
    """
    SELECT r.id, r.kind, r.original_language, r.languages, r.themes, r.sdgs, r.countries,
           r.year, r.published_at,
           (SELECT json_agg(json_build_array(t.language, t.title, t.summary))
            FROM resources.resource_translations t WHERE t.resource_id = r.id) AS texts
    FROM resources.resources r
    WHERE r.id = ANY(:ids) AND r.status = 'published' AND NOT r.hidden
    """
)


async def _page_rows(session: AsyncSession, ids: list[UUID]) -> dict[UUID, dict[str, Any]]:
    """The page's resources as they are now, with their titles and summaries per language
    (for the reader's fallback chain), in one statement."""
    if not ids:
        return {}
    found: dict[UUID, dict[str, Any]] = {}
    for row in (await session.execute(_PAGE_ROWS, {"ids": ids})).mappings():
        item = dict(row)
        texts = item.pop("texts")
        if isinstance(texts, str):
            texts = json.loads(texts)
        item["translations"] = {
            lang: Translation(lang, title, summary) for lang, title, summary in texts or []
        }
        found[item["id"]] = item
    return found
