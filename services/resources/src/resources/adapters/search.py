"""Full-text search over public resources: accent-insensitive, stemmed per language, faceted.

Each translation is indexed with the text search configuration of its language (so French
text is stemmed as French) after accent folding by ``resources.fold`` (an immutable
translate()-based function from the migrations: the service role cannot install ``unaccent``).
A query is folded the same way and parsed with every configuration we stem with, OR-ed, so a
reader need not say which language they typed in.
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from uuid import UUID

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from eventkit.domain_errors import BadRequest
from resources.domain.resource import Resource, Translation

#: ISO 639-1 -> PostgreSQL text search configuration (pg_ts_config); others: 'simple'
TS_CONFIGS = {
    "ar": "arabic",
    "da": "danish",
    "de": "german",
    "el": "greek",
    "en": "english",
    "es": "spanish",
    "fi": "finnish",
    "fr": "french",
    "hi": "hindi",
    "hu": "hungarian",
    "id": "indonesian",
    "it": "italian",
    "nl": "dutch",
    "no": "norwegian",
    "pt": "portuguese",
    "ro": "romanian",
    "ru": "russian",
    "sv": "swedish",
    "ta": "tamil",
    "tr": "turkish",
}
#: configurations a query is parsed with when the reader does not name a language
QUERY_CONFIGS = ("english", "french", "spanish", "arabic", "portuguese", "simple")
FACETS = ("kind", "theme", "sdg", "country", "language", "year")
#: ranked candidates per tier (titles, then everything): relevance is computed for at most
#: twice this many documents, however common the words
CANDIDATES = 1000
#: facet values are counted over at most this many hits (then flagged approximate)
FACET_HITS = 5000


def ts_config(language: str) -> str:
    return TS_CONFIGS.get(language.split("-")[0].lower(), "simple")


def vectors(resource: Resource) -> tuple[str, str, dict[str, Any]]:
    """The SQL expressions of the resource's search and title vectors, from all its
    translations, and their parameters (``c0``, ``t0``, ``b0``..., ``extra``, ``oc``)."""
    parts: list[str] = []
    params: dict[str, Any] = {}
    for i, t in enumerate(resource.translations.values()):
        params[f"c{i}"] = ts_config(t.language)
        params[f"t{i}"] = t.title
        params[f"b{i}"] = f"{t.summary}\n{t.body}"
        parts.append(
            f"setweight(to_tsvector(CAST(:c{i} AS regconfig), resources.fold(:t{i})), 'A')"
            f" || setweight(to_tsvector(CAST(:c{i} AS regconfig), resources.fold(:b{i})), 'B')"
            # unstemmed too, so names and words of other languages still match exactly
            f" || setweight(to_tsvector('simple', resources.fold(:t{i})), 'A')"
        )
    extra = " ".join(
        [
            *(resource.themes or []),
            *(resource.regions or []),
            *(a.name for a in resource.authors),
            *(
                [
                    resource.project.project_type or "",
                    resource.project.region or "",
                    resource.project.programme_id or "",
                    resource.project.project_id or "",
                    " ".join(resource.project.beneficiary_member_states),
                ]
                if resource.project
                else []
            ),
        ]
    )
    titles = [
        f"to_tsvector(CAST(:c{i} AS regconfig), resources.fold(:t{i}))"
        f" || to_tsvector('simple', resources.fold(:t{i}))"
        for i in range(len(resource.translations))
    ]
    params["extra"] = extra
    params["oc"] = ts_config(resource.original_language)
    parts.append(
        "setweight(to_tsvector(CAST(:oc AS regconfig), resources.fold(:extra)), 'C')"
        " || setweight(to_tsvector('simple', resources.fold(:extra)), 'C')"
    )
    return " || ".join(parts), " || ".join(titles) or "NULL", params


async def index_resource(session: AsyncSession, resource: Resource) -> None:
    """Recompute the resource's search vector from all its translations (same transaction)."""
    search_sql, title_sql, params = vectors(resource)
    await session.execute(
        text(
            f"UPDATE resources.resources SET search_vector = {search_sql},"
            f" title_vector = {title_sql} WHERE id = :id"
        ),
        {**params, "id": resource.id},
    )


class InvalidCursor(BadRequest, ValueError):
    """A cursor this API did not give out (400)."""


def encode_cursor(values: dict[str, Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(values).encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> dict[str, Any]:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        data = json.loads(base64.urlsafe_b64decode(padded.encode()))
    except (binascii.Error, ValueError, UnicodeDecodeError) as exc:
        raise InvalidCursor("the cursor is not one this API gave out") from exc
    if not isinstance(data, dict):
        raise InvalidCursor("the cursor is not one this API gave out")
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
    #: the facet counts cover only the first FACET_HITS hits (there were more)
    facets_approximate: bool = False


def _tsquery(language: str | None) -> str:
    configs = (ts_config(language), "simple") if language else QUERY_CONFIGS
    return " || ".join(
        f"websearch_to_tsquery('{c}', resources.fold(:q))" for c in configs
    )  # configs come from our own constant table, never from the request


async def search_resources(session: AsyncSession, query: SearchQuery) -> SearchPage:
    where = ["r.status = 'published'", "NOT r.hidden"]
    params: dict[str, Any] = {}
    if query.q:
        params["q"] = query.q
        where.append("r.search_vector @@ query.tsq")
    for name, column in (("kind", "r.kind"), ("year", "r.year")):
        value = getattr(query, name)
        if value is not None:
            params[name] = value
            where.append(f"{column} = :{name}")
    for name, column, cast in (
        ("theme", "r.themes", "varchar"),
        ("sdg", "r.sdgs", "integer"),
        ("country", "r.countries", "varchar"),
        ("in_language", "r.languages", "varchar"),
    ):
        value = getattr(query, name)
        if value is not None:
            params[name] = value
            where.append(f"{column} @> ARRAY[CAST(:{name} AS {cast})]")
    source = (
        f"resources.resources r CROSS JOIN (SELECT {_tsquery(query.language)} AS tsq) query"
        if query.q
        else "resources.resources r"
    )
    filtered = " AND ".join(where)
    ranked_source = source
    if query.q:
        # Relevance is computed over bounded candidates only: documents whose title matches
        # (the heaviest weight, so usually the best), then any other matching documents, at
        # most CANDIDATES of each. A query for a very common word thus ranks ~2,000
        # documents instead of tens of thousands; results beyond them are not reachable by
        # paging (the first pages are what readers use; narrowing with facets helps).
        params["candidates"] = CANDIDATES
        title_filtered = filtered.replace("r.search_vector @@", "r.title_vector @@")
        ranked_source = f"""resources.resources r JOIN (
                (SELECT r.id FROM {source} WHERE {title_filtered} LIMIT :candidates)
                UNION
                (SELECT r.id FROM {source} WHERE {filtered} LIMIT :candidates)
            ) candidates ON candidates.id = r.id
            CROSS JOIN (SELECT {_tsquery(query.language)} AS tsq) query"""

    # keyset pagination: by rank (scaled to an exact integer) when searching, else by recency
    if query.q:
        sort_key = "CAST(ts_rank_cd(r.search_vector, query.tsq) * 1000000 AS bigint)"
        order = f"{sort_key} DESC, r.id DESC"
    else:
        sort_key = "r.published_at"
        order = "r.published_at DESC, r.id DESC"
    page_where = filtered
    if query.cursor:
        cur = decode_cursor(query.cursor)
        try:
            params["after_id"] = UUID(str(cur["id"]))
            params["after_key"] = (
                int(cur["k"]) if query.q else datetime.fromisoformat(str(cur["k"]))
            )
        except (KeyError, ValueError, TypeError) as exc:
            raise InvalidCursor("the cursor is not one this API gave out") from exc
        page_where += f" AND ({sort_key}, r.id) < (:after_key, :after_id)"
    params["limit"] = query.limit + 1
    rows = (
        (
            await session.execute(
                text(
                    f"""
                    SELECT r.id, r.kind, r.original_language, r.languages, r.themes, r.sdgs,
                           r.countries, r.year, r.published_at, {sort_key} AS sort_key
                    FROM {ranked_source}
                    WHERE {page_where}
                    ORDER BY {order}
                    LIMIT :limit
                    """
                ),
                params,
            )
        )
        .mappings()
        .all()
    )
    items = [dict(row) for row in rows[: query.limit]]
    next_cursor = None
    if len(rows) > query.limit:
        last = items[-1]
        key = last["sort_key"]
        next_cursor = encode_cursor(
            {"k": key if query.q else key.isoformat(), "id": str(last["id"])}
        )
    facets, approximate = (
        await _facets(session, source, filtered, dict(params)) if query.with_facets else ({}, False)
    )
    return SearchPage(
        items=items, next_cursor=next_cursor, facets=facets, facets_approximate=approximate
    )


async def _facets(
    session: AsyncSession, source: str, filtered: str, params: dict[str, Any]
) -> tuple[dict[str, list[dict[str, Any]]], bool]:
    """Counts per facet value over the result set (not just this page), up to FACET_HITS
    hits; beyond that the counts are a sample and flagged approximate."""
    params = {
        k: v for k, v in params.items() if k not in ("limit", "after_id", "after_key", "candidates")
    }
    params["facet_hits"] = FACET_HITS + 1
    rows = await session.execute(
        text(
            f"""
            WITH hits AS MATERIALIZED (
                SELECT r.kind, r.themes, r.sdgs, r.countries, r.languages, r.year
                FROM {source} WHERE {filtered} LIMIT :facet_hits
            ), counted AS (SELECT count(*) AS n FROM hits)
            SELECT 'total' AS facet, '' AS value, n FROM counted
            UNION ALL SELECT 'kind' AS facet, kind AS value, count(*) AS n FROM hits GROUP BY kind
            UNION ALL SELECT 'theme', t, count(*) FROM hits, unnest(themes) t GROUP BY t
            UNION ALL SELECT 'sdg', CAST(s AS text), count(*) FROM hits, unnest(sdgs) s GROUP BY s
            UNION ALL SELECT 'country', c, count(*) FROM hits, unnest(countries) c GROUP BY c
            UNION ALL SELECT 'language', l, count(*) FROM hits, unnest(languages) l GROUP BY l
            UNION ALL SELECT 'year', CAST(year AS text), count(*) FROM hits
                WHERE year IS NOT NULL GROUP BY year
            """
        ),
        params,
    )
    facets: dict[str, list[dict[str, Any]]] = {f: [] for f in FACETS}
    approximate = False
    for facet, value, n in rows:
        if facet == "total":
            approximate = n > FACET_HITS
        else:
            facets[facet].append({"value": value, "count": n})
    for values in facets.values():
        values.sort(key=lambda v: (-v["count"], v["value"]))
    return facets, approximate


async def translations_of(
    session: AsyncSession, ids: list[UUID]
) -> dict[UUID, dict[str, Translation]]:
    """Titles and summaries of a page of results, for the reader's fallback chain."""
    found: dict[UUID, dict[str, Translation]] = {i: {} for i in ids}
    if not ids:
        return found
    rows = await session.execute(
        text(
            "SELECT resource_id, language, title, summary FROM resources.resource_translations"
            " WHERE resource_id = ANY(:ids)"
        ),
        {"ids": ids},
    )
    for resource_id, language, title, summary in rows:
        found[resource_id][language] = Translation(language, title, summary)
    return found
