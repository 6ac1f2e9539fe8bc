"""Names and cards of other people, as the viewer may see them (``GET /v1/people/{id}``).

Connections and conversations name people by id; their names are read concurrently, each
with the viewer's token, so a person hidden from the viewer stays hidden."""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from typing import Any

from web.api import Api, Visit
from web.navigation import N_

FORMER_MEMBER = N_("A former member")


async def people_cards(api: Api, visit: Visit, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
    wanted = sorted(set(ids))
    limit = asyncio.Semaphore(8)

    async def one(person_id: str) -> tuple[str, dict[str, Any]]:
        async with limit:
            response = await api.call(visit, "GET", f"/v1/people/{person_id}", ok=(404,))
        return person_id, response.json() if response.status_code == 200 else {}

    return dict(await asyncio.gather(*(one(p) for p in wanted)))


async def has_photo(api: Api, visit: Visit, person_id: str) -> bool:
    """Whether the viewer may see a photo of the person (the profile view does not say)."""
    response = await api.call(
        visit, "GET", f"/v1/people/{person_id}/photo", params={"size": "thumbnail"}, ok=(404,)
    )
    return response.status_code == 200
