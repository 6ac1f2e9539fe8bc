"""Directory search over people (members only: the directory is not for the open web)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from eventkit.http.auth import VerifiedPrincipal
from profiles.domain.directory import MAX_LIMIT, PeopleSearch, decode_cursor
from profiles.entrypoints.http import schemas
from profiles.entrypoints.http.deps import UoW
from profiles.service_layer import directory

router = APIRouter(prefix="/v1/directory", tags=["directory"])

Codes = Annotated[list[str], Query()]


@router.get(
    "/people", response_model=schemas.PeoplePage, responses={400: {"description": "Bad cursor"}}
)
async def search_people(
    principal: VerifiedPrincipal,
    uow: UoW,
    q: Annotated[str | None, Query(max_length=200, description="words; prefix match")] = None,
    origin: Annotated[list[str] | None, Query(description="ISO 3166 alpha-2")] = None,
    residence: Annotated[list[str] | None, Query(description="ISO 3166 alpha-2")] = None,
    skill: Annotated[list[str] | None, Query(description="ESCO skill group code")] = None,
    occupation: Annotated[list[str] | None, Query(description="ISCO-08 code")] = None,
    sector: Annotated[list[str] | None, Query(description="ISIC section")] = None,
    language: Annotated[list[str] | None, Query(description="ISO 639 code")] = None,
    mode: Annotated[list[str] | None, Query(description="contribution mode")] = None,
    open_to_opportunities: bool | None = None,
    facets: bool = False,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 20,
    cursor: Annotated[str | None, Query(max_length=600)] = None,
) -> dict[str, Any]:
    """People whose member-visible fields match; each filter matches any of its values.

    Sorted by name when browsing. A word search (each word a prefix) lists first the people
    whose name holds every word, then those matched only by other text (headline,
    occupations, skills, tags...), each group in a stable (storage) order. Keyset pagination
    (``next_cursor``); a person whose profile changes while someone pages through a word
    search may be seen twice or missed by that paging. Facet counts (``facets=true``)
    cover the whole filtered result when it has at most 2,000 people
    (``facets_complete: true``); beyond that they count its first 2,000 people in storage
    order, an arbitrary sample (``facets_complete: false``). People who blocked the viewer, or
    whom the viewer blocked, never appear.
    """
    after = decode_cursor(cursor) if cursor else None
    search = PeopleSearch(
        viewer=principal.subject,
        q=q,
        origin=[c.upper() for c in origin or []],
        residence=[c.upper() for c in residence or []],
        skills=skill or [],
        occupations=occupation or [],
        sectors=[c.upper() for c in sector or []],
        languages=[c.lower() for c in language or []],
        modes=mode or [],
        open_to_opportunities=open_to_opportunities,
        limit=limit,
        after=after,
        facets=facets,
    )
    if search.words is not None:
        search.position()  # InvalidCursor (400) for e.g. a browsing cursor in a word search
    return await directory.search_people(search, uow, reader=principal)
