"""Directory search use cases (read side)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from eventkit.http.auth import Principal
from profiles.domain.directory import PeopleSearch, encode_cursor
from profiles.service_layer.audit import audited_role, record_read
from profiles.service_layer.unit_of_work import ProfilesUnitOfWork


async def search_people(
    search: PeopleSearch, uow: ProfilesUnitOfWork, reader: Principal | None = None
) -> dict[str, Any]:
    role = audited_role(reader) if reader else None
    async with uow:
        rows, facets, facets_complete = await uow.directory.search(replace(search))
        more = len(rows) > search.limit
        rows = rows[: search.limit]
        if role and reader and rows:  # an official saw these people: their audit logs say so
            for r in rows:
                await record_read(
                    uow.audit_log,
                    person_id=r["person_id"],
                    reader=reader,
                    role=role,
                    record_type="directory_entry",
                )
            await uow.commit()
    last = rows[-1] if rows else None
    return {
        "items": [
            {
                "person_id": str(r["person_id"]),
                "display_name": r["display_name"],
                "headline": r["headline"],
                "country_of_residence": r["residence"],
                "country_of_origin": r["origin"],
                "occupations": r["occupations"],
            }
            for r in rows
        ],
        "next_cursor": encode_cursor(
            last["sort_name"] if last["by_name"] else last["position"],
            last["person_id"],
        )
        if more and last
        else None,
        "facets": facets,
        # facets=true: whether the counts cover every match (at most FACET_SAMPLE are counted)
        "facets_complete": facets_complete,
    }
